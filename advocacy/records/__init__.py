"""Staff keep the data true: the data files and their schema, loading and the data version,
editing with audit, import and export, the staff pages and `advocacy data`."""
