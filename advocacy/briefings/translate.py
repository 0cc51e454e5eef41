"""Interface strings in a briefing's locale, read from the gettext catalogs without Flask.

A briefing is printed for a locale chosen by its URL or the CLI, not by a request's
locale, and may be printed outside any request (CLI, export jobs). So it reads the
compiled catalogs itself, and counts the strings the catalog lacks: those fall back
to English and the cover says so.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.support import Translations

from advocacy.countries.chambers import translated_name

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


def source_text(label: Any) -> str:
    """Return the English msgid of one of advocacy.countries.labels' lazy strings."""
    # flask_babel's LazyString keeps the msgid as its first argument; str() would
    # translate it into the current request's locale, which is not the briefing's.
    args = getattr(label, "_args", None)
    if args and isinstance(args[0], str):
        return args[0]
    return str(label)


def catalog_files(locale: str, directories: Iterable[str | Path]) -> list[Path]:
    """List the compiled catalogs (.mo) a locale reads, in lookup order."""
    languages = [str(Locale.parse(locale))]
    found: list[Path] = []
    for directory in directories:
        found += [Path(p) for p in gettext_module.find(DOMAIN, str(directory), languages, all=True)]
    return found


def _load(locale: str, directories: Iterable[str | Path]) -> Translations:
    """Merge a locale's catalogs from every directory, later ones winning, as Flask-Babel does."""
    merged = Translations()
    for directory in directories:
        found = Translations.load(str(directory), [locale], DOMAIN)
        if isinstance(found, Translations):  # a NullTranslations (no catalog there) adds nothing
            merged.merge(found)
        if hasattr(found, "plural"):
            merged.plural = found.plural  # merge() copies messages only
    return merged


class Translator:
    """gettext and ngettext for one locale, remembering which msgids had no translation."""

    def __init__(self, locale: str, directories: Iterable[str | Path]) -> None:
        self.locale = locale
        parsed = Locale.parse(locale)
        self.is_source = parsed.language == SOURCE_LANGUAGE
        # In right-to-left text, a filled-in date or name is isolated (FSI ... PDI) so that its
        # digits and Latin letters keep their order instead of mixing with the sentence's.
        self.isolate = parsed.text_direction == "rtl"
        self._translations = _load(locale, list(directories))
        # Read directly, because gettext() cannot tell a missing message from one whose
        # translation is spelt like its source ("Status" in German).
        self._catalog: dict[Any, str] = self._translations._catalog
        self.missing: set[str] = set()
        # What the untranslated msgids produced: English text, which the layout marks as such.
        self.english: set[str] = set()

    @property
    def incomplete(self) -> bool:
        """Tell whether some string used so far fell back to English."""
        return bool(self.missing)

    def has(self, msgid: str) -> bool:
        """Tell whether the catalog translates msgid (the source language always does)."""
        return self.is_source or bool(self._catalog.get(msgid) or self._catalog.get((msgid, 0)))

    def gettext(self, msgid: str, **variables: Any) -> str:
        """Translate msgid and fill in %(name)s variables."""
        translated = self._catalog.get(msgid)
        text = translated or msgid
        text = text % self._values(variables) if variables else text
        if not translated:
            self._fell_back(msgid, text)
        return text

    def ngettext(self, singular: str, plural: str, n: int, /, **variables: Any) -> str:
        """Translate the plural form for n and fill in variables (num is n unless given)."""
        variables = self._values({"num": n, **variables})
        if self._catalog.get((singular, 0)):
            return self._translations.ngettext(singular, plural, n) % variables
        text = (singular if n == 1 else plural) % variables
        self._fell_back(singular, text)
        return text

    def _values(self, variables: dict[str, Any]) -> dict[str, Any]:
        if not self.isolate:
            return variables
        return {key: f"\u2068{value}\u2069" for key, value in variables.items()}

    def _fell_back(self, msgid: str, text: str) -> None:
        if not self.is_source:
            self.missing.add(msgid)
            self.english.add(text)

    def chamber(self, chamber_id: str, name: str) -> str:
        """Name a chamber in this locale (advocacy.countries.chambers), else as the data does."""
        if self.is_source:
            return name
        found = translated_name(chamber_id, name, self._translations)
        if found is None:
            self.english.add(name)
        return found or name

    def label(self, lazy: Any) -> str:
        """Translate one of advocacy.countries.labels' strings into this locale."""
        return self.gettext(source_text(lazy))
