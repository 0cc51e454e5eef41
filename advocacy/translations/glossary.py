"""The glossary check: a translation names the terms of PRC transnational repression as established.

The terms, per locale, with the source each was read in and its confidence, are made from
shared/reference/glossary.md into glossary.json (by glossary_transcribe.py), the one glossary
data file: catalog_terms.py reads it too, for the .po catalogs. A term is checked where the
English text names it and the locale has an established rendering (`accepted`: stems, so
declined and plural forms match); a locale the glossary found no source for is not checked,
except where its notes say what to write (keep "Sky Net"). Renderings the glossary does not
have (status "found", or "interface choice": the interface's own, unreviewed) are never
checked here. The check works on any pair of strings: templates, interface messages, data.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advocacy.translations.findings import Finding, Translate, untranslated

DATA = Path(__file__).with_name("glossary.json")
# The statuses whose accepted forms the check holds a translation to: the glossary's cells, and
# its notes where it has no source ("keep the English name"); never "found" or "interface choice".
CHECKED = frozenset({"glossary", "no source"})


@dataclass(frozen=True)
class Rendering:
    """A term in one locale: as read, where, how sure, the forms accepted, and whose it is.

    status: "glossary" (the glossary's cell), "found" (read since, with its source, not yet in the
    glossary), "interface choice" (no source: the interface's rendering, unreviewed) or "no source".
    """

    term: str | None
    source: str | None
    confidence: str
    accepted: tuple[str, ...]
    status: str = "glossary"
    note: str = ""

    @property
    def checked(self) -> bool:
        """Whether the check holds a translation to this rendering's accepted forms."""
        return bool(self.accepted) and self.status in CHECKED


@dataclass(frozen=True)
class Term:
    """One glossary term: the English forms that name it, the contested points, each locale's rendering."""

    id: str
    number: int  # as numbered in the glossary
    title: str
    english: tuple[str, ...]  # the forms the check looks for (substrings, case-folded)
    english_pattern: str  # a regular expression for the term as the interface writes it
    contested: tuple[str, ...]  # one-sentence summaries of the glossary's notes
    locales: dict[str, Rendering]


@dataclass(frozen=True)
class Miss:
    """A term the English names that a translation does not render as established."""

    term: Term
    rendering: Rendering


@functools.cache
def terms() -> tuple[Term, ...]:
    """Load the glossary's terms."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        Term(
            item["id"],
            item["number"],
            item["title"],
            tuple(item["english"]),
            item["english_pattern"],
            tuple(note["summary"] for note in item["contested"]),
            {locale: _rendering(cell) for locale, cell in item["locales"].items()},
        )
        for item in data["terms"]
    )


def _rendering(cell: dict[str, Any]) -> Rendering:
    accepted = tuple(cell.get("accepted", ()))
    return Rendering(
        cell["term"], cell["source"], cell["confidence"], accepted, cell["status"], cell.get("note", "")
    )


def as_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """Term id -> locale -> accepted forms (the locales with an established rendering only)."""
    return {t.id: {loc: r.accepted for loc, r in t.locales.items() if r.checked} for t in terms()}


def misses(english: str, translated: str, locale: str) -> list[Miss]:
    """The terms `english` names that `translated` does not render with an accepted form."""
    found = []
    for term in terms():
        rendering = term.locales.get(locale) or term.locales.get(locale.split("_")[0])
        if rendering is None or not rendering.checked or not _contains_any(english, term.english):
            continue
        if not _contains_any(translated, rendering.accepted):
            found.append(Miss(term, rendering))
    return found


def glossary_findings(
    source_text: str, draft_text: str, locale: str, _: Translate = untranslated
) -> list[Finding]:
    """Warn for each glossary term the source uses that the draft does not render as established."""
    findings = []
    for miss in misses(source_text, draft_text, locale):
        term, rendering = miss.term, miss.rendering
        forms = " / ".join(f"“{form}”" for form in rendering.accepted)
        message = _(
            "The English text names %(term)s; the glossary's term here is %(expected)s (read in %(source)s,"
            " confidence: %(confidence)s).",
            term=f"“{term.english[0]}”",
            expected=f"“{rendering.term}”" if rendering.term else forms,
            source=rendering.source or "—",
            confidence=rendering.confidence,
        )
        if term.contested:
            message += " " + _("Contested: %(explanation)s", explanation=" ".join(term.contested))
        findings.append(Finding("warning", "glossary", message))
    return findings


def _contains_any(text: str, forms: tuple[str, ...]) -> bool:
    folded = _fold(text)
    return any(_fold(form) in folded for form in forms)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


GLOSSARY = as_table()
