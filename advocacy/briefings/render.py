"""Lay a briefing out (Jinja, code-owned template) and print it to PDF in a worker process.

`briefing_pdf` sends the plain Briefing to the renderer pool; the worker draws the charts,
builds the HTML and prints it, so WeasyPrint stays out of the web process and runs under
the pool's time and memory limits.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from advocacy.briefings.model import Briefing, Note
from advocacy.core.settings import PAGE_TEMPLATES_DIR
from advocacy.pdf import ASSETS_DIR

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

TEMPLATE_DIR = PAGE_TEMPLATES_DIR
TEMPLATE = "briefings/print.html"
STYLESHEET = "briefing.css"
RENDER_TASK = "advocacy.briefings.render:render_pdf"
# What a briefing's layout is made of: a change to any of these makes a fresh PDF.
LAYOUT_FILES = (TEMPLATE_DIR / TEMPLATE, Path(ASSETS_DIR) / STYLESHEET)


@pass_context
def _mark_english(context: Context, value: Any) -> Any:
    """Mark interface text that fell back to English as English (for reading order and speech)."""
    if isinstance(value, str) and not isinstance(value, Markup) and value in context["b"].english:
        return Markup('<span lang="en" dir="ltr">{}</span>').format(value)
    return value


@cache
def _environment() -> Environment:
    # The layout is code-owned, not person-editable: a plain autoescaping environment.
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
        finalize=_mark_english,
    )


def _citations(notes: Iterable[Note], english: Container[str]) -> Callable[[int], Markup]:
    """Cite a source: a footnote the first time, then its number again."""
    by_number = {note.number: note for note in notes}
    seen: set[int] = set()

    def cite(number: int) -> Markup:
        if number in seen:
            return Markup('<sup class="note-ref">{}</sup>').format(number)
        seen.add(number)
        text = by_number[number].text
        if text in english:
            text = Markup('<span lang="en" dir="ltr">{}</span>').format(text)
        return Markup('<span class="footnote" data-note="{}">{}</span>').format(number, text)

    return cite


def briefing_html(briefing: Briefing) -> str:
    """Build the briefing's HTML, charts drawn inline; it links only the bundled stylesheet."""
    from advocacy.briefings.charts import charts_html

    drawings = charts_html(briefing.charts, locale=briefing.babel_locale, direction=briefing.direction)
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            b=briefing,
            charts=list(zip(briefing.charts, drawings, strict=True)),
            cite=_citations(briefing.notes, briefing.english),
            english=briefing.babel_locale.split("_")[0] != "en",
        )
    )


def render_pdf(briefing: Briefing) -> bytes:
    """Print a briefing to PDF/UA in this process (the worker task behind briefing_pdf)."""
    from advocacy.pdf.render import html_to_pdf

    html = briefing_html(briefing)
    return html_to_pdf(html, assets_dir=ASSETS_DIR, title=briefing.title, lang=briefing.lang)


def briefing_pdf(briefing: Briefing, *, pool: WorkerPool | None = None) -> bytes:
    """Print a briefing to PDF through the renderer pool (the shared one unless given)."""
    from advocacy.core.workers import get_pool

    return (pool or get_pool()).run(RENDER_TASK, briefing)
