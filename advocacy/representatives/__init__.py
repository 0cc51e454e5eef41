"""Representatives of each chamber: CSV and Popolo parsing, storage and search, `advocacy reps`."""
