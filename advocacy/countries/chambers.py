"""Chamber names in the reader's language, through the gettext catalogs (no Flask).

data/chambers.csv names each chamber in English (or in its own language, "Assemblée
nationale"). Each name is also an interface message here, with the chamber's id as its
context: "House of Representatives" is a different body in Australia, Japan and the US, and
translators give each its official name in their language where it has one.
"""

from __future__ import annotations

from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Protocol

from babel.support import Translations

from advocacy.core.settings import PROJECT_ROOT

TRANSLATIONS_DIR = PROJECT_ROOT / "translations"


def pgettext(context: str, message: str) -> str:
    """Mark a name for extraction (babel reads pgettext calls); translation happens on display."""
    return message


CHAMBER_NAMES: dict[str, str] = {
    "at-nationalrat": pgettext("at-nationalrat", "National Council"),
    "au-reps": pgettext("au-reps", "House of Representatives"),
    "au-senate": pgettext("au-senate", "Senate"),
    "be-chamber": pgettext("be-chamber", "Chamber of Representatives"),
    "bg-narodno-sabranie": pgettext("bg-narodno-sabranie", "National Assembly"),
    "ca-commons": pgettext("ca-commons", "House of Commons"),
    "ch-federal-assembly": pgettext("ch-federal-assembly", "Federal Assembly"),
    "cy-vouli": pgettext("cy-vouli", "House of Representatives"),
    "cz-senat": pgettext("cz-senat", "Senate"),
    "cz-snemovna": pgettext("cz-snemovna", "Chamber of Deputies"),
    "de-bundestag": pgettext("de-bundestag", "Bundestag"),
    "dk-folketing": pgettext("dk-folketing", "Folketing"),
    "es-congreso": pgettext("es-congreso", "Congress of Deputies"),
    "eu-parliament": pgettext("eu-parliament", "European Parliament"),
    "fi-eduskunta": pgettext("fi-eduskunta", "Eduskunta"),
    "fr-assemblee": pgettext("fr-assemblee", "Assemblée nationale"),
    "fr-senat": pgettext("fr-senat", "Sénat"),
    "gb-commons": pgettext("gb-commons", "House of Commons"),
    "gb-lords": pgettext("gb-lords", "House of Lords"),
    "gr-vouli": pgettext("gr-vouli", "Hellenic Parliament"),
    "hu-orszaggyules": pgettext("hu-orszaggyules", "National Assembly"),
    "ie-dail": pgettext("ie-dail", "Dáil Éireann"),
    "it-camera": pgettext("it-camera", "Chamber of Deputies"),
    "jp-sangiin": pgettext("jp-sangiin", "House of Councillors"),
    "jp-shugiin": pgettext("jp-shugiin", "House of Representatives"),
    "kr-assembly": pgettext("kr-assembly", "National Assembly"),
    "lt-seimas": pgettext("lt-seimas", "Seimas"),
    "nl-tweede-kamer": pgettext("nl-tweede-kamer", "House of Representatives (Tweede Kamer)"),
    "no-storting": pgettext("no-storting", "Storting"),
    "nz-parliament": pgettext("nz-parliament", "House of Representatives"),
    "pl-sejm": pgettext("pl-sejm", "Sejm"),
    "pt-ar": pgettext("pt-ar", "Assembly of the Republic"),
    "ro-cdep": pgettext("ro-cdep", "Chamber of Deputies"),
    "se-riksdag": pgettext("se-riksdag", "Riksdag"),
    "sk-nrsr": pgettext("sk-nrsr", "National Council"),
    "tr-tbmm": pgettext("tr-tbmm", "Grand National Assembly of Türkiye"),
    "us-house": pgettext("us-house", "House of Representatives"),
    "us-senate": pgettext("us-senate", "Senate"),
}


class Catalog(Protocol):
    def pgettext(self, context: str, message: str) -> str: ...


def translated_name(chamber_id: str, name: str, catalog: Catalog | NullTranslations) -> str | None:
    """The chamber's name from the catalog, or None when it has no translation there."""
    msgid = CHAMBER_NAMES.get(chamber_id)
    if msgid is None or msgid != name:
        return None  # a chamber the interface does not know, or renamed in the data
    found = getattr(catalog, "_catalog", {}).get(f"{chamber_id}\x04{msgid}")
    return found or None


def chamber_name(chamber_id: str, name: str, locale: str, directory: Path = TRANSLATIONS_DIR) -> str:
    """The chamber's name in a letter's language: the catalog's, else the data's."""
    if locale == "en":
        return name
    return translated_name(chamber_id, name, catalog_for(locale, str(directory))) or name


@cache
def catalog_for(locale: str, directory: str) -> Translations | NullTranslations:
    """The compiled catalog of a locale (an empty one for a language without a catalog)."""
    return Translations.load(directory, [locale])
