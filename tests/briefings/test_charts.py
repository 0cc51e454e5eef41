"""Charts drawn as SVG from the counts: one bar per count, words as HTML text, room for the labels."""

from __future__ import annotations

import re

from advocacy.briefings.charts import DEFAULT_STACK, LABEL_SIZE, chart_html
from advocacy.briefings.measure import text_width
from advocacy.briefings.model import Chart, Panel

METHODS = Chart(
    "method",
    "Public cases by method",
    "",
    (
        Panel("France", (("Pressure on family", 0), ("Kidnapping or entrapment", 2), ("Other", 1)), "None"),
        Panel("World", (("Pressure on family", 3), ("Kidnapping or entrapment", 8), ("Other", 14)), "None"),
    ),
)
YEARS = Chart(
    "year",
    "Public cases by year",
    "",
    (
        Panel("France", (("2019", 0), ("2020", 0)), "No public case"),
        Panel("World", (("2019", 5), ("2020", 1)), "-"),
    ),
)


def test_one_bar_per_count_and_every_word_is_html_text() -> None:
    html = chart_html(METHODS, locale="en", direction="ltr")
    assert html.count("<rect") == 5  # the zero draws nothing
    assert "<text" not in html and "<script" not in html
    words = re.findall(r'<span class="chart-label[^"]*" dir="\w+" style="[^"]*">([^<]*)</span>', html)
    for panel in METHODS.panels:
        assert panel.title in words
    assert {"Pressure on family", "Kidnapping or entrapment", "Other", "14", "8", "3", "2", "1"} <= set(words)
    assert words.count("Other") == 1  # the methods are named once, beside the first panel


def test_the_left_margin_fits_the_longest_label() -> None:
    html = chart_html(METHODS, locale="en", direction="ltr")
    first_axis = min(float(x) for x in re.findall(r'<line x1="([\d.]+)" y1="[\d.]+" x2="\1"', html))
    assert first_axis >= text_width("Kidnapping or entrapment", LABEL_SIZE, DEFAULT_STACK) + 3
    assert (
        text_width("Kidnapping or entrapment", 10, DEFAULT_STACK) > text_width("Other", 10, DEFAULT_STACK) > 0
    )
    assert text_width("法国", 10, ["Noto Sans", "Noto Sans CJK SC"]) == 20  # Han is one em wide


def test_years_chart_says_when_a_panel_is_empty_and_numbers_read_left_to_right() -> None:
    html = chart_html(YEARS, locale="ug", direction="rtl")
    assert "No public case" in html and html.count("<rect") == 2
    assert re.search(r'dir="ltr" style="[^"]*">2019</span>', html)
    assert re.search(r'dir="rtl" style="[^"]*">France</span>', html)
