"""The composer (public, no account): action -> details -> preview and edit.

The finished letter and its files are in views_send. Nothing typed here is stored,
logged or cached; the only record is a count per letter taken, made when it is downloaded,
copied or e-mailed from the finished page (views_send, advocacy.letters.web_count).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from babel import Locale
from flask import Flask, abort, current_app, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from wtforms.fields.choices import SelectChoice

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, native_name
from advocacy.core.sandbox import TemplateError
from advocacy.core.web import localized_blueprint
from advocacy.countries.labels import ACTIONS
from advocacy.countries.models import Chamber
from advocacy.countries.repository import Dossier, load_dossier
from advocacy.countries.web_cache import data_version
from advocacy.countries.web_chambers import chamber_label, chamber_text
from advocacy.letters import views_send
from advocacy.letters.drafts import Draft, choose_draft
from advocacy.letters.forms import ComposeForm, LetterForm, QuestionForm
from advocacy.letters.questions import question_languages
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare
from advocacy.letters.template import available_languages
from advocacy.letters.web import (
    ANOTHER,
    never_store,
    people_fields,
    question_facts,
    revisiting,
    show_again_after_expired_token,
    templates_root,
)
from advocacy.letters.web_chooser import handle_chooser
from advocacy.letters.web_language import Suggestion, join_list, suggest_for_letter, suggest_for_question
from advocacy.representatives.store import chambers_with_lists

bp = localized_blueprint("compose", __name__)
bp.after_request(never_store)
bp.register_error_handler(CSRFError, show_again_after_expired_token)


def register(app: Flask) -> None:
    """Attach the letter and question composers, and the finished letter's pages."""
    app.register_blueprint(bp)
    app.register_blueprint(views_send.bp)


LETTER_ACTIONS = frozenset(ACTIONS) - {QUESTION}


@bp.route("/countries/<code>/write/<action>", methods=["GET", "POST"])
def start(code: str, action: str) -> str:
    """Ask who writes to whom, then show the letter to review and edit."""
    dossier = load_dossier(db.session, code)
    if dossier is None or action not in LETTER_ACTIONS or action not in {a.id for a in dossier.actions}:
        abort(404)
    form = ComposeForm()
    written = available_languages(templates_root())
    form.letter_locale.choices = [
        SelectChoice(ident, native_name(tag)) for tag, ident in LOCALES.items() if ident in written
    ]
    form.recipient_chamber.choices = [SelectChoice("", gettext("Not sure, or another body"))] + [
        SelectChoice(c.id, chamber_text(c.id, c.name)) for c in dossier.chambers
    ]
    step = Step(dossier, action, None, [c.id for c in dossier.chambers])
    return _compose(form, step, "letters/start.html")


@bp.route("/countries/<code>/question/<chamber>", methods=["GET", "POST"])
def question(code: str, chamber: str) -> str:
    """Draft a written question for a member to table, with a covering letter asking them to."""
    dossier = load_dossier(db.session, code)
    if dossier is None or not any(a.id == QUESTION and a.chamber == chamber for a in dossier.actions):
        abort(404)
    found = next(c for c in dossier.chambers if c.id == chamber)
    languages = question_languages(templates_root(), chamber, found.languages.split())
    form = QuestionForm()
    form.letter_locale.choices = [SelectChoice(lang, _language_name(lang)) for lang in languages]
    form.recipient_chamber.choices = [SelectChoice(chamber, chamber_text(chamber, found.name))]
    form.recipient_chamber.data = chamber  # fixed by the URL; not a field on this page
    return _compose(form, Step(dossier, QUESTION, found, [chamber]), "letters/question.html")


@dataclass(frozen=True)
class Step:
    """The letter being written: its country, action, the chamber when fixed, where members sit."""

    dossier: Dossier
    action: str
    chamber: Chamber | None
    chamber_ids: list[str]


def _compose(form: ComposeForm, step: Step, page: str) -> str:
    """Show the first step (again), run a member search, or make the letter and preview it."""
    listed = chambers_with_lists(db.session, step.chamber_ids)
    chamber_names = {c.id: chamber_label(c) for c in step.dossier.chambers}
    show = partial(
        render_template, page, form=form, dossier=step.dossier, action=step.action, chamber=step.chamber,
        listed=listed, chamber_names=chamber_names,
        listed_names=join_list([chamber_text(c.id, c.name) for c in step.dossier.chambers if c.id in listed]),
    )  # fmt: skip
    revisit = revisiting()
    if revisit:
        _came_back(form, revisit)
        return show(chooser=None, revisit=revisit, language=_suggest(form, step))
    chooser = handle_chooser(form, listed) if form.is_submitted() else None
    if chooser is not None or not form.validate_on_submit():
        # After the chooser: a chosen member's chamber decides the suggested language.
        return show(chooser=chooser, language=_suggest(form, step))
    return _preview(form, step)


def _preview(form: ComposeForm, step: Step) -> str:
    """Make the letter from the first step and show it to edit, keeping earlier edits if they still fit."""
    code, action = step.dossier.code, step.action
    chamber = step.chamber.id if step.chamber else form.recipient_chamber.data
    try:
        prepared = prepare(
            db.session, templates_root(), code, action, form.letter_locale.data, step.chamber and chamber
        )
        composed = prepared.render(letter_people(**people_fields(form), personal=form.personal.data or ""))
    except (UnknownLetter, TemplateError):
        current_app.logger.exception("letter template failed (country %s, action %s)", code, action)
        abort(500)
    asked = composed.question.body if composed.question else ""
    fresh = Draft(composed.letter.subject, composed.letter.body, asked)
    carried = Draft(form.subject.data or "", form.body.data or "", form.question.data or "")
    chosen = choose_draft(fresh, carried, form.draft_digest.data or "")
    edit = preview_form(form, chosen.draft, code=code, action=action, chamber=chamber or "")
    edit.draft_digest.data = fresh.digest()
    facts = question_facts(edit) if action == QUESTION else {}
    return render_template(
        "letters/preview.html", form=edit, action=action, review=composed.review, earlier=chosen.earlier,
        **facts,
    )  # fmt: skip


def _suggest(form: ComposeForm, step: Step) -> Suggestion:
    if step.chamber is not None:
        return suggest_for_question(form, step.dossier, step.chamber)
    return suggest_for_letter(form, step.dossier)


def _came_back(form: ComposeForm, revisit: str) -> None:
    """Fill the first step from a later one: its chamber, and no recipient for another member."""
    chamber = request.form.get("chamber")
    if chamber and any(choice.value == chamber for choice in form.recipient_chamber.choices):
        form.recipient_chamber.data = chamber
    if revisit == ANOTHER:
        for name in (
            "recipient_name",
            "recipient_title",
            "recipient_group",
            "recipient_email",
            "recipient_address",
            "recipient_id",
        ):
            form[name].data = ""
        form.form_of_address.data = "neutral"


def preview_form(form: ComposeForm, draft: Draft, *, code: str, action: str, chamber: str = "") -> LetterForm:
    """Carry what was typed and the letter's text into the editing step (never stored)."""
    return LetterForm(
        formdata=None,
        data={
            **people_fields(form),
            "recipient_id": form.recipient_id.data or "",
            "letter_locale": form.letter_locale.data,
            "country": code,
            "action": action,
            "chamber": chamber,
            "form_of_address": form.form_of_address.data,
            "personal": form.personal.data or "",
            "subject": draft.subject,
            "body": draft.body,
            "question": draft.question,
            "data_version": data_version(),
        },
    )


def _language_name(lang: str) -> str:
    return Locale.parse(lang).get_display_name() or lang
