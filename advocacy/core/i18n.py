"""Locales: which the toolkit offers, and which one a request gets."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

# URL tag (BCP 47, as in <html lang>) -> Babel locale identifier.
LOCALES = {
    "en": "en",
    "fr": "fr",
    "de": "de",
    "es": "es",
    "nl": "nl",
    "pl": "pl",
    "sv": "sv",
    "zh-Hans": "zh_Hans",
    "zh-Hant": "zh_Hant",
    "ug": "ug",
}
DEFAULT_TAG = "en"


def translation_tags(letters_dir: Path) -> list[str]:
    """Every locale a translator may be given: the interface's, then the other template folders'."""
    offered = [tag for tag in LOCALES if tag != DEFAULT_TAG]
    folders = sorted(p.name.replace("_", "-") for p in letters_dir.iterdir() if p.is_dir())
    return offered + [tag for tag in folders if tag not in offered and tag != DEFAULT_TAG]


def url_tag(locale: str) -> str:
    """Spell a locale as URLs and account rights do: "zh_Hans" and "zh-hans" -> "zh-Hans"."""
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return locale.replace("_", "-")
    parts = [parsed.language, parsed.script, parsed.territory, parsed.variant]
    return "-".join(part for part in parts if part)


def folder_name(locale: str) -> str:
    """Spell a locale as template folders, catalogs and stored revisions do: "zh-Hans" -> "zh_Hans"."""
    return url_tag(locale).replace("-", "_")


def display_name(tag: str) -> str:
    """Return a locale's name in its own language, for any tag Babel knows."""
    try:
        return Locale.parse(tag, sep="-").get_display_name() or tag
    except (ValueError, UnknownLocaleError):
        return tag


def text_direction(tag: str) -> str:
    """Return 'rtl' or 'ltr' for a locale tag."""
    return Locale.parse(LOCALES[tag]).text_direction


def native_name(tag: str) -> str:
    """Return the locale's name in its own language, for the language menu."""
    return Locale.parse(LOCALES[tag]).get_display_name() or tag


# Languages read in another offered locale's script: Cantonese (yue) is written in
# traditional characters in Hong Kong and Macao, where its readers are.
READ_AS = {"yue": ("zh", "Hant")}


def negotiate(accepted: Iterable[str]) -> str:
    """Pick the supported tag that best matches Accept-Language values, in order."""
    for value in accepted:
        try:
            wanted = Locale.parse(value.replace("_", "-"), sep="-")
        except (ValueError, UnknownLocaleError):
            continue
        if wanted.language in READ_AS:
            language, script = READ_AS[wanted.language]
            wanted = Locale(language, script=wanted.script or script)
        for tag, identifier in LOCALES.items():
            offered = Locale.parse(identifier)
            same_script = offered.script is None or offered.script == (wanted.script or "Hans")
            if offered.language == wanted.language and same_script:
                return tag
    return DEFAULT_TAG


# CLDR's Uyghur list patterns are English ("A, B, and C"): join with the Arabic comma instead.
LIST_SEPARATORS = {"ug": "\u060c "}


def join_names(names: list[str], locale: str, style: Literal["standard", "or"] = "standard") -> str:
    """Join names into a list the way the locale writes one."""
    base = locale.split("_")[0]
    separator = LIST_SEPARATORS.get(base)
    if separator is not None:
        return separator.join(names)
    return format_list(names, style=style, locale=locale)
