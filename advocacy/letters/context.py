"""The facts a letter may use, as plain values drawn from the data.

Templates see only what this module builds: dates stay partial ISO strings (the
`date` filter formats them in the letter's locale), and every fact carries
`verified` and `source` so a template can phrase an unverified one with its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from advocacy.countries.chambers import chamber_name
from advocacy.countries.names import country_name, country_name_in_text
from advocacy.records.confidence import is_unsourced

# Named figures a template may cite; the ids are rows of data/figures.csv.
FIGURE_ALIASES = {
    "returns": "world-returns-2014-2022-02",
    "returns_2021": "world-returns-2021",
    "extradition_share": "world-extradition-share",
    "mapped_cases": "world-mapped-cases-involuntary-returns",
    "police_stations": "world-police-stations-110-overseas",
}
REFUSALS = {"refused", "quashed", "violation-found"}
# The grounds on which a ruling can be cited as "on human-rights grounds" ...
RIGHTS_GROUNDS = {"human-rights", "fair-trial"}
# ... and those that say nothing of the risks a letter argues from (a refusal for ill health).
OTHER_GROUNDS = {"health", "procedure"}


# What each status lets a letter say about entry into force (data/README.md, "Statuses").
IN_FORCE_KNOWN = {"in-force": True, "signed": False, "initialled": False, "not-ratified": False}


def instrument_facts(instrument: Any | None) -> dict[str, Any] | None:
    """Describe an instrument for a template.

    `in_force` is a date; `in_force_known` says whether the row knows the instrument is in
    force (True), knows it is not (False) or does not know (None: ratified,
    signed-status-unknown, ...). A letter says "not in force" only when `not_in_force`.
    """
    if instrument is None:
        return None
    names = (
        "status", "signed", "ratified", "ratified_by_counterpart", "in_force",
        "suspended", "suspended_by_counterpart", "ended",
    )  # fmt: skip
    # Older callers' instruments (test doubles, stored drafts) may lack the newer fields.
    facts = {name: getattr(instrument, name, None) for name in names}
    known = IN_FORCE_KNOWN.get(instrument.status)
    facts.update(
        in_force_known=known,
        not_in_force=known is False,
        ratified_by_country=instrument.status == "ratified" or bool(facts["ratified"]),
        as_of=getattr(instrument, "as_of", None),
        verified=instrument.verified,
        source=instrument.source_title,
        unsourced=is_unsourced({"source_title": instrument.source_title}),
    )
    return facts


def ruling_facts(ruling: Any, locale: str) -> dict[str, Any]:
    """Describe a ruling for a template, with its country named in the locale."""
    return {
        "country": country_name(ruling.country, locale),
        "date": ruling.date,
        "court": ruling.court,
        "case_name": ruling.case_name,
        "outcome": ruling.outcome,
        "refused": ruling.outcome in REFUSALS,
        "grounds": ruling.grounds,
        "verified": ruling.verified,
        "source": ruling.source_title,
    }


def figure_facts(figures: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Map the named figures to their values and sources; absent ones are left out."""
    by_id = {f.id: f for f in figures}
    named = {}
    for alias, figure_id in FIGURE_ALIASES.items():
        figure = by_id.get(figure_id)
        if figure is not None:
            named[alias] = {
                "value": figure.value,
                "qualifier": figure.qualifier,
                "period_start": figure.period_start,
                "period_end": figure.period_end,
                "verified": figure.verified,
                "source": figure.source_title,
            }
    if "extradition_share" in named:
        # Whether the share comes from the same report as the returns figure: a letter then
        # says "the same source" instead of naming it twice.
        returns = named.get("returns")
        share = named["extradition_share"]
        share["same_source"] = returns is not None and share["source"] == returns["source"]
    return named


def build_context(
    *,
    code: str,
    locale: str,
    instruments: Sequence[Any],
    rulings: Sequence[Any],
    all_rulings: Sequence[Any],
    public_cases: Sequence[Any],
    figures: Iterable[Any],
    people: Mapping[str, Any],
    chamber: Any | None = None,
) -> dict[str, Any]:
    """Build everything a letter template may refer to."""

    def first(kind: str, counterpart: str | None = None) -> Any | None:
        found = (i for i in instruments if i.instrument == kind)
        return next((i for i in found if counterpart in (None, getattr(i, "counterpart", counterpart))), None)

    nsc = [i for i in instruments if i.instrument == "nsc-memorandum" and i.status == "in-force"]
    return {
        "country": {"code": code, "name": country_name_in_text(code, locale)},
        "treaty": instrument_facts(first("extradition-treaty")),
        "hk_agreement": instrument_facts(first("hk-surrender-agreement")),
        "nsc": instrument_facts(nsc[0] if nsc else None),
        "mlat": instrument_facts(first("mlat", "PRC")),
        # The country's own courts "have weighed these risks": not a ruling on other grounds.
        "rulings": [ruling_facts(r, locale) for r in rulings if r.grounds not in OTHER_GROUNDS],
        "refusals_elsewhere": [
            ruling_facts(r, locale)
            for r in all_rulings
            if r.outcome in REFUSALS and r.grounds in RIGHTS_GROUNDS and r.country != code and r.verified
        ],
        "cases": [
            {"year": c.year, "method": c.method, "outcome": c.outcome, "person": c.person}
            for c in public_cases
        ],
        "case_count": len(public_cases),
        "figures": figure_facts(figures),
        "chamber": _chamber_facts(chamber, locale),
        **people,
    }


def _chamber_facts(chamber: Any | None, locale: str) -> dict[str, Any] | None:
    if chamber is None:
        return None
    return {
        "id": chamber.id,
        "name": chamber_name(chamber.id, chamber.name, locale),
        "procedure": chamber.procedure,
        "word_limit": chamber.word_limit,
        "subquestion_limit": chamber.subquestion_limit,
    }
