"""Staff reports: campaign counts read back (table, totals, CSV, chart)."""
