"""The composer (public, no account): action -> details -> preview and edit.

The finished letter and its files are in views_send. Nothing typed here is stored,
logged or cached; the only record is a count per letter taken (advocacy.letters.counts).
"""

from __future__ import annotations

import datetime

from babel import Locale
from flask import Flask, abort, current_app, render_template
from flask_babel import gettext
from wtforms.fields.choices import SelectChoice

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, native_name
from advocacy.core.sandbox import TemplateError
from advocacy.core.web import localized_blueprint
from advocacy.countries.labels import ACTIONS
from advocacy.countries.repository import load_dossier
from advocacy.letters import views_send
from advocacy.letters.counts import record_letter
from advocacy.letters.forms import ComposeForm, LetterForm, QuestionForm
from advocacy.letters.questions import question_languages
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare
from advocacy.letters.template import RenderedLetter, available_languages
from advocacy.letters.web import never_store, people_fields, question_facts, templates_root
from advocacy.letters.web_chooser import handle_chooser
from advocacy.letters.web_language import suggest_for_letter, suggest_for_question

bp = localized_blueprint("compose", __name__)
bp.after_request(never_store)


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
        SelectChoice(c.id, c.name) for c in dossier.chambers
    ]
    chooser = handle_chooser(form, [c.id for c in dossier.chambers]) if form.is_submitted() else None
    if chooser is not None or not form.validate_on_submit():
        language = suggest_for_letter(form, dossier)  # after the chooser: a chosen member's chamber counts
        page = {"dossier": dossier, "action": action, "chooser": chooser, "language": language}
        return render_template("letters/start.html", form=form, **page)
    try:
        prepared = prepare(db.session, templates_root(), code, action, form.letter_locale.data)
        composed = prepared.render(letter_people(**people_fields(form), personal=form.personal.data or ""))
    except (UnknownLetter, TemplateError):
        current_app.logger.exception("letter template failed (country %s, action %s)", code, action)
        abort(500)
    record_letter(db.session, country=code, action=action, locale=composed.locale, day=datetime.date.today())
    edit = preview_form(form, composed.letter, code=code, action=action, chamber=form.recipient_chamber.data)
    return render_template(
        "letters/preview.html", form=edit, dossier=dossier, action=action, review=composed.review
    )


def preview_form(
    form: ComposeForm,
    letter: RenderedLetter,
    *,
    code: str,
    action: str,
    chamber: str = "",
    question: str = "",
) -> LetterForm:
    """Carry what was typed and the rendered text into the editing step (never stored)."""
    return LetterForm(
        formdata=None,
        data={
            **people_fields(form),
            "letter_locale": letter.locale,
            "country": code,
            "action": action,
            "chamber": chamber,
            "form_of_address": form.form_of_address.data,
            "subject": letter.subject,
            "body": letter.body,
            "question": question,
        },
    )


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
    form.recipient_chamber.choices = [SelectChoice(chamber, found.name)]
    form.recipient_chamber.data = chamber  # fixed by the URL; not a field on this page
    chooser = handle_chooser(form, [chamber]) if form.is_submitted() else None
    if chooser is not None or not form.validate_on_submit():
        language = suggest_for_question(form, dossier, found)
        page = {"dossier": dossier, "chamber": found, "chooser": chooser, "language": language}
        return render_template("letters/question.html", form=form, **page)
    try:
        prepared = prepare(db.session, templates_root(), code, QUESTION, form.letter_locale.data, chamber)
        composed = prepared.render(letter_people(**people_fields(form), personal=form.personal.data or ""))
    except (UnknownLetter, TemplateError):
        current_app.logger.exception("question template failed (country %s, chamber %s)", code, chamber)
        abort(500)
    today = datetime.date.today()
    record_letter(db.session, country=code, action=QUESTION, locale=composed.locale, day=today)
    asked = composed.question.body if composed.question is not None else ""
    edit = preview_form(form, composed.letter, code=code, action=QUESTION, chamber=chamber, question=asked)
    facts = question_facts(edit)
    return render_template(
        "letters/preview.html", form=edit, dossier=dossier, action=QUESTION, review=composed.review, **facts
    )


def _language_name(lang: str) -> str:
    return Locale.parse(lang).get_display_name() or lang
