"""Open data: the data page, whole-data downloads, the API description."""
