"""Charts of public cases, drawn by matplotlib to SVG, with their words kept as text.

matplotlib lays each chart out, measuring its labels with the briefing's own Noto fonts,
and draws bars and axes as vector paths (SVG). Its words (titles, tick and bar labels)
are then lifted out of the figure and set as HTML text over the SVG, at the boxes
matplotlib measured. This is deliberate: WeasyPrint (70) draws an SVG <text> one
character at a time, so Uyghur came out with its letters unjoined and in left-to-right
order; HTML text is shaped whole by Pango with the document's fonts, so Uyghur reads
right to left, Chinese uses the right CJK family, and pdftotext reads every label back.
`svg.fonttype: 'none'` stays set, so no label can ever become outlines.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Sequence

from cycler import cycler
from markupsafe import Markup
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

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
LABEL_SIZE = 7.5  # the country, the world
# matplotlib's rcParams are process-wide: one chart at a time.
_lock = threading.Lock()


def _ticks(largest: int) -> list[int]:
    """Whole-number ticks from 0 past the largest count, at most about six of them."""
    step = max(1, math.ceil(max(largest, 1) / 5))
    return list(range(0, max(largest, 1) + step, step))


def _count_axis(ax: Axes, largest: int, locale: str, *, horizontal: bool) -> None:
    ticks = _ticks(largest)
    labels = [format_number(t, locale) for t in ticks]
    if horizontal:
        ax.set_xlim(0, ticks[-1])
        ax.set_xticks(ticks, labels=labels)
    else:
        ax.set_ylim(0, ticks[-1])
        ax.set_yticks(ticks, labels=labels)


def _text_width(renderer: RendererAgg, text: str, size: float) -> float:
    """Measure a label as matplotlib will print it, in points."""
    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
    return width


def _draw(chart: Chart, locale: str) -> tuple[Figure, RendererAgg]:
    """Lay out the chart: panels side by side for methods, stacked for years."""
    by_method = chart.key == "method"
    rows = max(len(p.bars) for p in chart.panels)
    height = 46 + 16 * rows if by_method else 250
    figure = Figure(figsize=(WIDTH_PT / 72, height / 72), dpi=72)
    figure.patch.set_visible(False)  # no background: fewer SVG nodes for WeasyPrint to draw
    renderer = FigureCanvasAgg(figure).get_renderer()
    # Margins from measured labels rather than constrained layout, which costs more than the drawing.
    names = [label for panel in chart.panels for label, _ in panel.bars]
    counts = [format_number(c, locale) for panel in chart.panels for _, c in panel.bars]
    left = max(_text_width(renderer, n, LABEL_SIZE) for n in (names if by_method else counts)) + 12
    top, bottom = 20, 18
    figure.subplots_adjust(
        left=left / WIDTH_PT,
        right=1 - 16 / WIDTH_PT,
        top=1 - top / height,
        bottom=bottom / height,
        wspace=0.08 if by_method else 0,
        hspace=0 if by_method else 0.3,
    )
    grid = (1, len(chart.panels)) if by_method else (len(chart.panels), 1)
    axes = figure.subplots(*grid, sharey=by_method, sharex=not by_method, squeeze=False).flat
    for ax, panel, colour in zip(axes, chart.panels, COLOURS, strict=False):
        _panel(ax, panel, colour, locale, by_method)
    return figure, renderer


def _panel(ax: Axes, panel: Panel, colour: str, locale: str, by_method: bool) -> None:
    names = [label for label, _ in panel.bars]
    counts = [count for _, count in panel.bars]
    ax.set_title(panel.title, fontsize=9, fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    ax.patch.set_visible(False)
    ax.tick_params(labelsize=LABEL_SIZE)
    ax.tick_params(axis="y" if by_method else "x", length=0)  # categories need no tick marks
    positions = list(range(len(names)))
    if by_method:
        bars = ax.barh(positions, counts, color=colour, height=0.65, clip_on=False)
        ax.set_yticks(positions, labels=names)
        ax.set_ylim(len(names) - 0.5, -0.5)  # the first method at the top (set, not toggled: shared)
        _count_axis(ax, max(counts, default=0), locale, horizontal=True)
        numbers = [format_number(c, locale) if c else "" for c in counts]
        ax.bar_label(bars, labels=numbers, padding=2, fontsize=7)
    else:
        ax.bar(positions, counts, color=colour, width=0.7, clip_on=False)
        ax.set_xticks(positions, labels=names)
        _count_axis(ax, max(counts, default=0), locale, horizontal=False)
    if not any(counts):
        ax.text(0.5, 0.5, panel.empty, transform=ax.transAxes, ha="center", va="center", fontsize=8)


def _words(figure: Figure) -> list[Text]:
    """Every piece of text the figure shows."""
    found: list[Text] = []
    for ax in figure.axes:
        found += [ax.title, *ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s.,\u00a0\u202f\u066b\u066c]+", text))


def _label_html(text: Text, renderer: RendererAgg, height: float, direction: str) -> Markup:
    """Set one label as absolutely placed HTML text in matplotlib's measured box."""
    box = text.get_window_extent(renderer)
    align = {"left": "left", "right": "right"}.get(text.get_horizontalalignment(), "center")
    classes = f"chart-label align-{align}" + (" bold" if text.get_fontweight() == "bold" else "")
    words = text.get_text()
    # Only the geometry is inline; the rest is in briefing.css (each declaration costs layout time).
    style = (
        f"left:{box.x0:.2f}pt;top:{height - box.y1:.2f}pt;width:{box.width:.2f}pt;"
        f"line-height:{box.height:.2f}pt;font-size:{text.get_fontsize():g}pt"
    )
    # Numbers read left to right even in a right-to-left briefing.
    dir_ = "ltr" if _is_number(words) else direction
    return Markup('<span class="{}" dir="{}" style="{}">{}</span>').format(classes, dir_, style, words)


def _clean_svg(svg: str, prefix: str) -> str:
    """Keep the <svg> element only, with ids made unique within the briefing."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    return re.sub(r'(url\(#|href="#)([^)"]+)', rf"\g<1>{prefix}\2", svg)


def chart_html(chart: Chart, *, locale: str, direction: str) -> Markup:
    """Draw a chart and return it as HTML: the SVG with its labels as text over it."""
    stack = FONT_STACKS.get(locale, DEFAULT_STACK)
    settings = {
        "svg.fonttype": "none",
        "svg.hashsalt": chart.key,  # stable ids, so the same data draws the same SVG
        "font.family": stack,
        # A one-colour cycle: each new axes expands the cycle, and the default's cost showed.
        "axes.prop_cycle": cycler(color=COLOURS[:1]),
    }
    with _lock, rc_context(settings):
        figure, renderer = _draw(chart, locale)
        figure.draw_without_rendering()  # places the tick labels
        width, height = figure.bbox.width, figure.bbox.height
        words = _words(figure)
        labels = [_label_html(t, renderer, height, direction) for t in words]
        for text in words:
            text.set_visible(False)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _clean_svg(buffer.getvalue(), f"chart-{chart.key}-")
    # The SVG is matplotlib's drawing of bars and axes: every word was lifted out above.
    drawing = Markup(svg)  # noqa: S704
    return Markup('<div class="chart" dir="ltr" style="width:{:.2f}pt;height:{:.2f}pt">{}{}</div>').format(
        width, height, drawing, Markup("").join(labels)
    )


def charts_html(charts: Sequence[Chart], *, locale: str, direction: str) -> list[Markup]:
    """Draw every chart of a briefing."""
    return [chart_html(chart, locale=locale, direction=direction) for chart in charts]
