"""Domain logic, free of Flask: data files, rules, status, formatting."""
