"""The campaign counts chart: bars drawn by matplotlib as a standalone SVG file.

The SVG carries no style attributes and no <style> element: every CSS declaration
matplotlib writes is turned into the equivalent SVG presentation attribute, so the file
obeys the site's Content-Security-Policy (no inline styles) wherever it is shown. Words
stay text (svg.fonttype none), so the labels can be read, searched and tested.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import threading
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from babel.dates import format_skeleton
from matplotlib import rc_context
from matplotlib.figure import Figure

from advocacy.briefings import charts
from advocacy.core.formatting import format_number, formatting_locale
from advocacy.reports.counts import Series

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

COLOUR = "#0b4f8a"  # the site's accent colour
MOST_LABELS = 16  # date labels shown under the bars; the rest are left out, not squeezed
SKELETONS = {"day": "MMMd", "month": "yMMM", "year": "y"}
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_lock = threading.Lock()


def bar_label(day: datetime.date, grain: str, locale: str) -> str:
    """A bar's period in the interface language: "3 Mar", "Mar 2026" or "2026"."""
    return format_skeleton(SKELETONS[grain], day, locale=formatting_locale(locale))


def counts_svg(data: Series, *, locale: str, title: str, empty: str) -> str:
    """Draw the bars and return the SVG document."""
    labels = [bar_label(day, data.grain, locale) for day, _ in data.bars]
    counts = [count for _, count in data.bars]
    stack = [*charts.FONT_STACKS.get(locale, charts.DEFAULT_STACK), "DejaVu Sans"]
    settings: dict[RcKeyType, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "campaign-counts",
        "font.family": stack,
    }
    # matplotlib's settings are process-wide: one chart at a time.
    with _lock, rc_context(settings):
        figure = Figure(figsize=(9, 3.6), dpi=72, layout="constrained")
        ax = figure.subplots()
        ax.set_title(title, fontsize=12, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
        positions = list(range(len(counts)))
        ax.bar(positions, counts, color=COLOUR, width=0.8)
        step = max(1, math.ceil(len(labels) / MOST_LABELS))
        slanted = step > 1 or len(labels) > 8  # long runs of dates would overlap side by side
        ax.set_xticks(positions[::step], labels=labels[::step], rotation=45 if slanted else 0)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right" if tick.get_rotation() else "center")
        top = max(counts, default=0)
        unit = max(1, math.ceil(top / 5))
        ticks = list(range(0, max(top, 1) + unit, unit))
        ax.set_yticks(ticks, labels=[format_number(t, locale) for t in ticks])
        if not top:
            ax.text(0.5, 0.5, empty, transform=ax.transAxes, ha="center", va="center", fontsize=11)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return without_styles(buffer.getvalue(), title)


def _attributes(declarations: str) -> str:
    pairs = (part.split(":", 1) for part in declarations.split(";") if ":" in part)
    return "".join(f' {name.strip()}="{escape(value.strip(), {chr(34): "&quot;"})}"' for name, value in pairs)


def without_styles(svg: str, title: str) -> str:
    """Move CSS into presentation attributes, drop metadata, and give the drawing a title."""
    shared = _STYLE_ELEMENT.search(svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = _STYLE_ATTRIBUTE.sub(lambda match: _attributes(match.group(1)), svg)
    # matplotlib's one shared rule is "*{...}": inherited attributes on the root do the same.
    inherited = _attributes(re.sub(r"^\s*\*\s*\{|\}\s*$", "", shared.group(1))) if shared else ""
    return re.sub(
        r"<svg\b([^>]*)>",
        lambda match: f'<svg{match.group(1)}{inherited} role="img"><title>{escape(title)}</title>',
        svg,
        count=1,
    )
