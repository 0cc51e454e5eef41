"""Translations of letter and question templates: revisions and their review, checks, the
dashboard, editor and preview pages, and `advocacy templates`."""
