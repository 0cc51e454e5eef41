"""The composer's letter language: preselect one the recipient reads, and say why beside it.

The page carries the language it suggested in a hidden field, so a later post (a search,
a chosen member) can tell the campaigner's own choice, which is kept, from the suggestion,
which follows the chamber. Nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from flask import g, request
from flask_babel import get_translations, gettext
from markupsafe import Markup, escape

from advocacy.core.i18n import LOCALES, join_names
from advocacy.core.web import language_label
from advocacy.countries.models import Chamber
from advocacy.countries.names import country_name
from advocacy.countries.repository import Dossier
from advocacy.countries.web_chambers import chamber_label
from advocacy.letters.forms import ComposeForm
from advocacy.letters.languages import LanguageChoice, choose_language, country_languages

SUGGESTED_FIELD = "suggested_locale"
# Past this many languages the hint names the chosen one only (the European Parliament has 24).
LISTED_AT_MOST = 4


@dataclass(frozen=True)
class Suggestion:
    """The language the page suggests and the hint that says why."""

    language: str | None
    hint: Markup
    by_chamber: dict[str, str] = field(default_factory=dict)  # chamber id ("" for none) -> suggestion


def suggest_for_letter(form: ComposeForm, dossier: Dossier) -> Suggestion:
    """Suggest a language for each chamber of the form; preselect the chosen chamber's."""
    offered = [str(choice.value) for choice in form.letter_locale.choices]
    national = country_languages(dossier.chambers, dossier.code)
    interface = LOCALES[g.lang]
    chambers: dict[str, Chamber | None] = {"": None, **{c.id: c for c in dossier.chambers}}
    choices = {
        cid: choose_language(offered, c.languages.split() if c else (), national, interface)
        for cid, c in chambers.items()
    }
    current = form.recipient_chamber.data if form.recipient_chamber.data in choices else ""
    _preselect(form, choices[current].language)
    # Every chamber's reason is on the page, the others hidden, so language.js can show the
    # right one when the chamber changes; without JavaScript only the current one shows.
    hint = Markup("").join(
        Markup('<span data-chamber="{}"{}>{}</span>').format(
            cid, Markup("") if cid == current else Markup(" hidden"), _reason(choices[cid], c, dossier.code)
        )
        for cid, c in chambers.items()
    )
    by_chamber = {cid: choice.language or "" for cid, choice in choices.items()}
    return Suggestion(choices[current].language, hint, by_chamber)


def suggest_for_question(form: ComposeForm, dossier: Dossier, chamber: Chamber) -> Suggestion:
    """Suggest the question's language for its chamber and the member's country; preselect it."""
    offered = [str(choice.value) for choice in form.letter_locale.choices]
    national = country_languages(dossier.chambers, dossier.code)
    choice = choose_language(offered, chamber.languages.split(), national, LOCALES[g.lang])
    _preselect(form, choice.language)
    return Suggestion(choice.language, _reason(choice, chamber, dossier.code))


def _preselect(form: ComposeForm, language: str | None) -> None:
    """Preselect the suggestion unless the campaigner chose another language themselves."""
    posted = request.form.get("letter_locale") if form.is_submitted() else None
    if language and (posted is None or posted == request.form.get(SUGGESTED_FIELD)):
        form.letter_locale.data = language


def _reason(choice: LanguageChoice, chamber: Chamber | None, code: str) -> Markup:
    """Say which languages the recipient reads, and when no text is in them yet."""
    if not choice.explained:
        return escape(gettext("Choose a language your recipient reads."))
    country = country_name(code, LOCALES[g.lang])
    name = chamber_label(chamber) if chamber is not None else Markup("")
    if choice.source == "members":
        text = escape(gettext("Members of the %(chamber)s from %(country)s read %(languages)s."))
    elif choice.source == "country":
        text = escape(gettext("The parliament of %(country)s works in %(languages)s."))
    elif len(choice.reads) > LISTED_AT_MOST and not choice.missing:
        # The catalog's own ngettext: flask_babel's would format before the values are escaped.
        text = escape(
            get_translations().ngettext(
                "The %(chamber)s works in %(num)d language, %(language)s among them.",
                "The %(chamber)s works in %(num)d languages, %(language)s among them.",
                len(choice.reads),
            )
        )
    else:
        text = escape(gettext("The %(chamber)s works in %(languages)s."))
    languages = join_list([language_label(lang) for lang in choice.reads])
    chosen = language_label(choice.language or "")
    values = {"chamber": name, "country": country, "languages": languages, "language": chosen}
    text = text % {**values, "num": len(choice.reads)}
    if choice.missing:
        missing = join_list([language_label(lang) for lang in choice.reads], style="or")
        text += " " + escape(gettext("This text is not available in %(languages)s yet.")) % {
            "languages": missing
        }
    return text


def join_list(names: list[str], style: Literal["standard", "or"] = "standard") -> str:
    """Join language names the interface language's way."""
    return join_names(names, LOCALES[g.lang], style)
