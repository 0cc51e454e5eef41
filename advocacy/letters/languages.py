"""The default language of a letter or question: one its recipient reads, and why.

A member reads the languages their chamber works in (data/chambers.csv, `languages`).
A chamber of many countries (the European Parliament) is narrowed to the languages of
the member's country, read from that country's own chambers. The interface language is
kept only when the recipient reads it; the campaigner can always choose another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from advocacy.countries.models import Chamber

# Where the languages a recipient reads came from:
# "chamber": their chamber; "members": their chamber's members from the dossier's country;
# "country": the country's parliament (no chamber chosen); "interface": nothing known.
Source = Literal["chamber", "members", "country", "interface"]
# The most widely read language: the default in a chamber of many languages, and the one
# offered when no text exists in the recipient's languages.
LINGUA_FRANCA = "en"


@dataclass(frozen=True)
class LanguageChoice:
    """The suggested language, and the reason to show beside it."""

    language: str | None  # one of the offered languages; None only when none is offered
    source: Source
    reads: tuple[str, ...] = ()  # the languages the recipient reads, as the data gives them
    missing: bool = False  # no offered text is in any of them

    @property
    def explained(self) -> bool:
        """Say whether there is a reason to show (the recipient's languages are known)."""
        return self.source != "interface"


def country_languages(chambers: Iterable[Chamber], code: str) -> list[str]:
    """List the languages a country's own chambers work in, in the data's order."""
    found: list[str] = []
    for chamber in chambers:
        if chamber.country == code:
            found += [lang for lang in chamber.languages.split() if lang not in found]
    return found


def choose_language(
    offered: Sequence[str], chamber: Sequence[str], country: Sequence[str], interface: str
) -> LanguageChoice:
    """Choose the offered language the recipient reads: the chamber's, narrowed to the country's."""
    if chamber:
        shared = tuple(lang for lang in country if lang in chamber)  # in the country's order
        if shared and len(shared) < len(chamber):
            return _among(offered, shared, interface, "members")
        return _among(offered, tuple(chamber), interface, "chamber")
    if country:
        return _among(offered, tuple(country), interface, "country")
    return LanguageChoice(_fallback(offered, interface, LINGUA_FRANCA), "interface")


def _among(offered: Sequence[str], reads: tuple[str, ...], interface: str, source: Source) -> LanguageChoice:
    """Pick the interface language when the recipient reads it, else English, else their first."""
    readable = [found for lang in reads for found in _offered_as(offered, lang)]
    if not readable:
        return LanguageChoice(_fallback(offered, LINGUA_FRANCA, interface), source, reads, missing=True)
    for wanted in (interface, _base(interface), LINGUA_FRANCA):
        if wanted in readable:
            return LanguageChoice(wanted, source, reads)
    return LanguageChoice(readable[0], source, reads)


def _offered_as(offered: Sequence[str], lang: str) -> list[str]:
    """Find the offered languages that are a data language: `zh` is offered as `zh_Hans`."""
    return [found for found in offered if found == lang or _base(found) == lang]


def _fallback(offered: Sequence[str], *wanted: str) -> str | None:
    """Pick the first wanted language offered (or its base), else the first offered."""
    for lang in wanted:
        for candidate in (lang, _base(lang)):
            if candidate in offered:
                return candidate
    return offered[0] if offered else None


def _base(lang: str) -> str:
    return lang.split("_")[0]
