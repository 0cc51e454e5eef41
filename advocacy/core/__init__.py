"""What knows no feature: settings, Flask extensions, locales, request glue (web), the page
cache, atomic files, the worker pool, the template sandbox, formatting and error pages."""
