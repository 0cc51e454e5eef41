"""The numbers a briefing shows: headline figures with their sources, and the chart counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from babel.numbers import format_percent

from advocacy.briefings.model import Chart, FigureRow, Panel
from advocacy.briefings.translate import Translator
from advocacy.core.formatting import format_number, formatting_locale
from advocacy.countries import labels
from advocacy.countries.models import Figure
from advocacy.countries.repository import Dossier
from advocacy.letters.context import FIGURE_ALIASES


class Citations(Protocol):
    """Numbers a fact's source as a footnote."""

    def cite(self, record: Any) -> int: ...


def _figure_value(figure: Figure, t: Translator, locale: str) -> str:
    try:
        number = Decimal(figure.value)
    except InvalidOperation:
        return figure.value
    if figure.unit == "percent":
        value = format_percent(number / 100, locale=formatting_locale(locale))
    else:
        value = format_number(number, locale)
    # Spelt out call by call, so that pybabel finds each message.
    if figure.qualifier == "at-least":
        return t.gettext("at least %(value)s", value=value)
    if figure.qualifier == "more-than":
        return t.gettext("more than %(value)s", value=value)
    if figure.qualifier == "about":
        return t.gettext("about %(value)s", value=value)
    return value


def headline_figures(
    own: Iterable[Figure], world: Iterable[Figure], t: Translator, notes: Citations, locale: str, country: str
) -> tuple[FigureRow, ...]:
    """The country's figures, then the world's headline figures (those letters cite)."""
    by_id = {f.id: f for f in world}
    headline = [by_id[i] for i in FIGURE_ALIASES.values() if i in by_id]
    rows = [FigureRow(country, _figure_value(f, t, locale), f.statement, notes.cite(f)) for f in own]
    world_name = t.gettext("World")
    rows += [FigureRow(world_name, _figure_value(f, t, locale), f.statement, notes.cite(f)) for f in headline]
    return tuple(rows)


def case_charts(dossier: Dossier, world: Sequence[Any], t: Translator, country: str) -> tuple[Chart, ...]:
    """Public cases by method and by year, for the country and the world."""
    world_title = t.gettext("World: all public cases")
    empty = t.gettext("No public case recorded")
    methods = [m for m in labels.METHODS if any(row.method == m for row in world)]
    mine, all_ = Counter(c.method for c in dossier.cases), Counter(row.method for row in world)
    method_bars = [(t.label(labels.METHODS[m]), mine[m], all_[m]) for m in methods]
    years = sorted({row.year for row in world})
    span = list(range(years[0], years[-1] + 1)) if years else []
    mine_y, all_y = Counter(c.year for c in dossier.cases), Counter(row.year for row in world)
    caption = t.gettext(
        "%(country)s: %(count)s public cases; world: %(total)s. Restricted cases are not counted.",
        country=country,
        count=len(dossier.cases),
        total=len(world),
    )

    def panels(bars: list[tuple[str, int, int]]) -> tuple[Panel, ...]:
        return (
            Panel(country, tuple((label, own) for label, own, _ in bars), empty),
            Panel(world_title, tuple((label, total) for label, _, total in bars), empty),
        )

    return (
        Chart("method", t.gettext("Public cases by method"), caption, panels(method_bars)),
        Chart(
            "year",
            t.gettext("Public cases by year"),
            caption,
            panels([(str(y), mine_y[y], all_y[y]) for y in span]),
        ),
    )
