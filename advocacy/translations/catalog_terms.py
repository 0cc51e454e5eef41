"""English glossary terms left inside translated interface strings (no Flask).

The glossary (shared/reference/glossary.md) gives each key term per locale with its source;
glossary.json, the one glossary data file (read through glossary.terms(), which the template
check uses too), holds it; here it is read as one row per term and non-English locale:

- ``english``: the term's ``english_pattern``, a regular expression for the English term as
  the interface writes it;
- ``form``, ``source``, ``confidence``: the locale's rendering and where it was read;
- ``status``: ``glossary`` (the glossary's cell), ``found`` (read since, with its source, not
  yet in the glossary), ``interface choice`` (the glossary has no source: a rendering chosen for
  the interface, unreviewed, as the glossary allows), or ``no source`` (nothing to check).
  Unlike the template check, the catalogs are held to ``found`` and ``interface choice`` forms.

A translation keeps an English term when the term's pattern matches it although the locale
has a rendering that does not itself keep the English (the German "Red Notice" is the
Bundestag's own usage, so it is allowed in German).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from advocacy.translations.glossary import terms

RENDERED = frozenset({"glossary", "found", "interface choice"})
# Placeholders are code, not text: %(name)s and {name} may spell an English word.
_PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


@dataclass(frozen=True)
class GlossaryTerm:
    term: int
    name: str
    english: re.Pattern[str]
    locale: str
    form: str
    source: str
    confidence: str
    status: str
    note: str

    @property
    def checked(self) -> bool:
        """Whether a translation in this locale must not keep the English term."""
        return self.status in RENDERED and not self.english.search(self.form)


@dataclass(frozen=True)
class KeptTerm:
    msgid: str
    translation: str
    term: GlossaryTerm
    english: str  # the English words found


@cache
def glossary_terms() -> tuple[GlossaryTerm, ...]:
    """Every glossary term in every non-English locale, from the glossary data file."""
    return tuple(
        GlossaryTerm(
            term=term.number,
            name=term.title,
            english=re.compile(term.english_pattern),
            locale=locale,
            form=rendering.term or "",
            source=rendering.source or "",
            confidence=rendering.confidence,
            status=rendering.status,
            note=rendering.note,
        )
        for term in terms()
        for locale, rendering in term.locales.items()
        if locale != "en"
    )


def checked_terms(locale: str, terms: Iterable[GlossaryTerm] | None = None) -> list[GlossaryTerm]:
    """The terms a translation into locale must render rather than keep in English."""
    return [t for t in (glossary_terms() if terms is None else terms) if t.locale == locale and t.checked]


def kept_english(
    locale: str, messages: Iterable[tuple[str, str]], terms: Iterable[GlossaryTerm] | None = None
) -> list[KeptTerm]:
    """Find (msgid, translation) pairs whose translation keeps a checked English term."""
    wanted = checked_terms(locale, terms)
    found = []
    for msgid, translation in messages:
        text = _PLACEHOLDER.sub(" ", translation)
        for term in wanted:
            match = term.english.search(text)
            if match:
                found.append(KeptTerm(msgid, translation, term, match.group(0)))
    return found
