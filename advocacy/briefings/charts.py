"""Charts of public cases: bars and axes drawn as SVG straight from the counts, words as HTML text.

Bars, axis lines and tick marks are a few SVG rectangles and lines computed here; every
word (titles, category and count labels) is HTML text placed over the drawing. WeasyPrint
(70) draws an SVG <text> one character at a time, so Uyghur came out with its letters
unjoined and in left-to-right order; HTML text is shaped whole by Pango with the
document's fonts, so Uyghur reads right to left, Chinese uses the right CJK family, and
pdftotext reads every label back. A label sits in a box wider than it needs, aligned
against the point it belongs to, so only the category labels' width is measured (by
advocacy.briefings.measure, from the fonts' advance widths) to size the left margin.

The layout is that of the matplotlib charts this replaces (margins, panel spacing, bar
widths, ticks): drawing them took a third of a briefing's print time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from advocacy.briefings.measure import text_width
from advocacy.briefings.model import Chart, Panel
from advocacy.core.formatting import format_number

# The families briefing.css gives each script, first to last, so labels measure as they print.
FONT_STACKS = {
    "zh_Hans": ["Noto Sans", "Noto Sans CJK SC"],
    "zh_Hant": ["Noto Sans", "Noto Sans CJK TC"],
    "ug": ["Noto Naskh Arabic", "Noto Sans"],
}
DEFAULT_STACK = ["Noto Sans"]
WIDTH_PT = 480.0  # A4 less the page margins in briefing.css
COLOURS = ("#1f5f8b", "#8a8a8a")
LABEL_SIZE = 7.5  # categories and ticks
BAR_LABEL_SIZE = 7.0  # the count after a bar
TITLE_SIZE = 9.0
EMPTY_SIZE = 8.0
TOP, BOTTOM, RIGHT = 20.0, 18.0, 16.0
TICK, PAD = 3.5, 3.5  # tick mark length and the gap to its label
LINE = 0.8  # axis and tick line width
BOX = 200.0  # width of the box a label is aligned in (wider than any label)


def _ticks(largest: int) -> list[int]:
    """Whole-number ticks from 0 past the largest count, at most about six of them."""
    step = max(1, math.ceil(max(largest, 1) / 5))
    return list(range(0, max(largest, 1) + step, step))


def _is_number(text: str) -> bool:
    return all(c.isdigit() or c in " .,\u00a0\u202f\u066b\u066c" for c in text) and bool(text)


@dataclass
class _Canvas:
    """What a chart is made of: SVG shapes and HTML labels, in points from the top left."""

    width: float
    height: float
    direction: str
    shapes: list[str]
    labels: list[Markup]

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        if w > 0 and h > 0:
            self.shapes.append(
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{colour}"/>'
            )

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.shapes.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" stroke="#000" '
            f'stroke-width="{LINE}" stroke-linecap="square"/>'
        )

    def label(self, text: str, x: float, y: float, align: str, size: float, *, bold: bool = False) -> None:
        """Place text with its centre line at y, its left, right or centre at x."""
        if not text.strip():
            return
        left = {"left": x, "right": x - BOX, "center": x - BOX / 2}[align]
        height = size * 1.4
        classes = f"chart-label align-{align}" + (" bold" if bold else "")
        # Only the geometry is inline; the rest is in briefing.css (each declaration costs layout time).
        style = (
            f"left:{left:.2f}pt;top:{y - height / 2:.2f}pt;width:{BOX:.2f}pt;"
            f"line-height:{height:.2f}pt;font-size:{size:g}pt"
        )
        # Numbers read left to right even in a right-to-left briefing.
        dir_ = "ltr" if _is_number(text) else self.direction
        self.labels.append(
            Markup('<span class="{}" dir="{}" style="{}">{}</span>').format(classes, dir_, style, text)
        )

    def html(self, prefix: str) -> Markup:
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}svg" width="{self.width:.2f}pt" '
            f'height="{self.height:.2f}pt" viewBox="0 0 {self.width:.2f} {self.height:.2f}">'
            + "".join(self.shapes)
            + "</svg>"
        )
        # The SVG holds only the shapes built above from numbers: every word is in the labels.
        drawing = Markup(svg)  # noqa: S704
        return Markup(
            '<div class="chart" dir="ltr" style="width:{:.2f}pt;height:{:.2f}pt">{}{}</div>'
        ).format(self.width, self.height, drawing, Markup("").join(self.labels))


def _by_method(canvas: _Canvas, chart: Chart, locale: str, stack: Sequence[str]) -> None:
    """Panels side by side, one horizontal bar per method, methods named once on the left."""
    names = [label for label, _ in chart.panels[0].bars]
    rows = len(names)
    left = max((text_width(n, LABEL_SIZE, stack) for n in names), default=0) + 12
    panels = len(chart.panels)
    axis_w = (canvas.width - left - RIGHT) / (panels + (panels - 1) * 0.08)
    top, bottom = TOP, canvas.height - BOTTOM
    slot = (bottom - top) / rows
    for index, (panel, colour) in enumerate(zip(chart.panels, COLOURS, strict=False)):
        x0 = left + index * axis_w * 1.08
        counts = [count for _, count in panel.bars]
        ticks = _ticks(max(counts, default=0))
        scale = axis_w / ticks[-1]
        for row, count in enumerate(counts):
            middle = top + (row + 0.5) * slot
            canvas.rect(x0, middle - 0.325 * slot, count * scale, 0.65 * slot, colour)
            if count:
                canvas.label(
                    format_number(count, locale), x0 + count * scale + 2, middle, "left", BAR_LABEL_SIZE
                )
            if index == 0:
                canvas.label(names[row], x0 - PAD, middle, "right", LABEL_SIZE)
        _frame(canvas, x0, axis_w, top, bottom)
        for tick in ticks:
            x = x0 + tick * scale
            canvas.line(x, bottom, x, bottom + TICK)
            canvas.label(format_number(tick, locale), x, bottom + TICK + PAD + 3, "center", LABEL_SIZE)
        _titles(canvas, panel, x0, axis_w, top, bottom, any(counts))


def _by_year(canvas: _Canvas, chart: Chart, locale: str) -> None:
    """Panels stacked, one vertical bar per year, the years named once at the bottom."""
    panels = len(chart.panels)
    numbers = [
        format_number(t, locale) for p in chart.panels for t in _ticks(max((c for _, c in p.bars), default=0))
    ]
    left = max((len(n) * LABEL_SIZE * 0.6 for n in numbers), default=0) + 12
    axis_w = canvas.width - left - RIGHT
    axis_h = (canvas.height - TOP - BOTTOM) / (panels + (panels - 1) * 0.3)
    for index, (panel, colour) in enumerate(zip(chart.panels, COLOURS, strict=False)):
        top = TOP + index * axis_h * 1.3
        bottom = top + axis_h
        counts = [count for _, count in panel.bars]
        ticks = _ticks(max(counts, default=0))
        scale = axis_h / ticks[-1]
        slot = axis_w / (len(counts) + 0.4) if counts else axis_w
        for column, (name, count) in enumerate(panel.bars):
            middle = left + (column + 0.7) * slot
            canvas.rect(middle - 0.35 * slot, bottom - count * scale, 0.7 * slot, count * scale, colour)
            if index == panels - 1:
                canvas.label(name, middle, bottom + PAD + 3, "center", LABEL_SIZE)
        _frame(canvas, left, axis_w, top, bottom)
        for tick in ticks:
            y = bottom - tick * scale
            canvas.line(left - TICK, y, left, y)
            canvas.label(format_number(tick, locale), left - TICK - PAD, y, "right", LABEL_SIZE)
        _titles(canvas, panel, left, axis_w, top, bottom, any(counts))


def _frame(canvas: _Canvas, x0: float, width: float, top: float, bottom: float) -> None:
    """The left and bottom axis lines (no top or right)."""
    canvas.line(x0, top, x0, bottom)
    canvas.line(x0, bottom, x0 + width, bottom)


def _titles(
    canvas: _Canvas, panel: Panel, x0: float, width: float, top: float, bottom: float, any_count: bool
) -> None:
    canvas.label(panel.title, x0 + width / 2, top - 8, "center", TITLE_SIZE, bold=True)
    if not any_count:
        canvas.label(panel.empty, x0 + width / 2, (top + bottom) / 2, "center", EMPTY_SIZE)


def chart_html(chart: Chart, *, locale: str, direction: str) -> Markup:
    """Draw a chart and return it as HTML: the SVG with its labels as text over it."""
    by_method = chart.key == "method"
    rows = max((len(p.bars) for p in chart.panels), default=1)
    height = 46 + 16 * max(rows, 1) if by_method else 250.0
    canvas = _Canvas(WIDTH_PT, height, direction, [], [])
    if chart.panels and rows:
        if by_method:
            _by_method(canvas, chart, locale, FONT_STACKS.get(locale, DEFAULT_STACK))
        else:
            _by_year(canvas, chart, locale)
    return canvas.html(f"chart-{chart.key}-")


def charts_html(charts: Sequence[Chart], *, locale: str, direction: str) -> list[Markup]:
    """Draw every chart of a briefing."""
    return [chart_html(chart, locale=locale, direction=direction) for chart in charts]
