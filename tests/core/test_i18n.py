"""Locale helpers that know no Flask."""

from __future__ import annotations

from advocacy.core.i18n import join_names


def test_lists_are_joined_the_locales_way():
    assert join_names(["A", "B", "C"], "en") == "A, B, and C"
    assert join_names(["A", "B"], "fr") == "A et B"
    # CLDR gives Uyghur the English "and"; the Arabic comma is used instead.
    assert join_names(["ئا", "ب", "ج"], "ug") == "ئا، ب، ج"
    assert join_names(["A", "B"], "zh_Hans") == "A和B"
