"""The composer (public, no account): action -> details -> preview and edit -> send.

Nothing typed here is stored, logged or cached; the only record is a count per
country, action, locale and day (advocacy.letters.counts).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel import Locale
from flask import Flask, Response, abort, current_app, g, render_template
from flask_babel import gettext
from wtforms.fields.choices import SelectChoice

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, native_name
from advocacy.core.sandbox import TemplateError
from advocacy.core.web import localized_blueprint, settings
from advocacy.countries.labels import ACTIONS
from advocacy.countries.models import Chamber
from advocacy.countries.repository import load_dossier
from advocacy.letters.counts import record_letter
from advocacy.letters.forms import ComposeForm, LetterForm, QuestionForm
from advocacy.letters.outputs import Letter, download_name, full_text, mailto_head, mailto_url
from advocacy.letters.questions import Limits, measure, pick_language, question_languages
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare, to_bytes
from advocacy.letters.template import RenderedLetter
from advocacy.letters.web_chooser import handle_chooser

bp = localized_blueprint("compose", __name__)


def register(app: Flask) -> None:
    """Attach the letter and question composers."""
    app.register_blueprint(bp)


LETTER_ACTIONS = frozenset(ACTIONS) - {QUESTION}
# The renderer's error for characters no installed font can draw (advocacy.pdf.render).
MISSING_GLYPHS = "advocacy.pdf.render.MissingGlyphs"
DOWNLOADS = {"txt": "text/plain; charset=utf-8", "eml": "message/rfc822", "pdf": "application/pdf"}


@bp.after_request
def never_store(response: Response) -> Response:
    """Keep what campaigners type out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/countries/<code>/write/<action>", methods=["GET", "POST"])
def start(code: str, action: str) -> str:
    """Ask who writes to whom, then show the letter to review and edit."""
    dossier = load_dossier(db.session, code)
    if dossier is None or action not in LETTER_ACTIONS or action not in {a.id for a in dossier.actions}:
        abort(404)
    form = ComposeForm()
    form.letter_locale.choices = [SelectChoice(ident, native_name(tag)) for tag, ident in LOCALES.items()]
    form.recipient_chamber.choices = [SelectChoice("", gettext("Not sure, or another body"))] + [
        SelectChoice(c.id, c.name) for c in dossier.chambers
    ]
    if not form.is_submitted():
        form.letter_locale.data = LOCALES[g.lang]
    chooser = handle_chooser(form, [c.id for c in dossier.chambers]) if form.is_submitted() else None
    if chooser is not None or not form.validate_on_submit():
        return render_template(
            "letters/start.html", form=form, dossier=dossier, action=action, chooser=chooser
        )
    try:
        prepared = prepare(db.session, _templates_root(), code, action, form.letter_locale.data)
        composed = prepared.render(letter_people(**_people(form), personal=form.personal.data or ""))
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
            **_people(form),
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
    languages = question_languages(_templates_root(), chamber, found.languages.split())
    form = QuestionForm()
    form.letter_locale.choices = [SelectChoice(lang, _language_name(lang)) for lang in languages]
    form.recipient_chamber.choices = [SelectChoice(chamber, found.name)]
    form.recipient_chamber.data = chamber  # fixed by the URL; not a field on this page
    if not form.is_submitted():
        form.letter_locale.data = pick_language(languages, LOCALES[g.lang])
    chooser = handle_chooser(form, [chamber]) if form.is_submitted() else None
    if chooser is not None or not form.validate_on_submit():
        return render_template(
            "letters/question.html", form=form, dossier=dossier, chamber=found, chooser=chooser
        )
    try:
        prepared = prepare(db.session, _templates_root(), code, QUESTION, form.letter_locale.data, chamber)
        composed = prepared.render(letter_people(**_people(form), personal=form.personal.data or ""))
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


def question_facts(form: LetterForm) -> dict[str, Any]:
    """Measure the draft question against its chamber's limits, for the page."""
    chamber = db.session.get(Chamber, form.chamber.data) if form.chamber.data else None
    text = (form.question.data or "").strip()
    if chamber is None or not text:
        return {"count": None, "chamber": chamber}
    limits = Limits(chamber.word_limit, chamber.subquestion_limit)
    return {"count": measure(text, limits), "chamber": chamber}


def question_fits(form: LetterForm) -> bool:
    """Refuse a draft question over its chamber's word or sub-question limit, saying why."""
    count = question_facts(form)["count"]
    if count is None or count.within_limits:
        return True
    if count.too_many_words:
        form.question.errors.append(
            gettext(
                "The question has %(words)d words; this chamber accepts at most %(limit)d.",
                words=count.words,
                limit=count.limits.words,
            )
        )
    if count.too_many_subquestions:
        form.question.errors.append(
            gettext(
                "The question asks %(count)d questions; this chamber accepts at most %(limit)d.",
                count=count.subquestions,
                limit=count.limits.subquestions,
            )
        )
    return False


def _language_name(lang: str) -> str:
    return Locale.parse(lang).get_display_name() or lang


@bp.post("/letters/finish")
def finish() -> str | tuple[str, int]:
    """Show the finished letter: a mailto: link if it carries the whole letter, the text, downloads."""
    form = LetterForm()
    if not form.validate_on_submit() or not question_fits(form):
        return render_template(
            "letters/preview.html", form=form, dossier=None, action=None, review=None, **question_facts(form)
        ), 400
    letter = _letter(form)
    return render_template(
        "letters/letter.html", form=form, text=full_text(letter), mailto=mailto_url(letter),
        mailto_head=mailto_head(letter),
    )  # fmt: skip


@bp.post("/letters/download/<kind>")
def download(kind: str) -> Response:
    """Return the letter as a file: a PDF to print, plain text or an unsent e-mail."""
    if kind not in DOWNLOADS:
        abort(404)
    form = LetterForm()
    if not form.validate_on_submit() or not question_fits(form):
        abort(400)
    response = Response(_file(_letter(form), kind, form), mimetype=DOWNLOADS[kind])
    response.headers["Content-Disposition"] = _attachment(form, kind)
    return response


def _attachment(form: LetterForm, kind: str) -> str:
    """Name the download after its country, action and date, instead of letter.pdf for all."""
    day = datetime.date.today()
    name = download_name(form.country.data or "", form.action.data or "", kind, day, form.chamber.data or "")
    # The name is ASCII already; filename* as well, for the programs that read only that one.
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


def _people(form: ComposeForm | LetterForm) -> dict[str, str]:
    names = ("sender_name", "sender_town", "recipient_name", "recipient_title", "recipient_address")
    return {name: getattr(form, name).data or "" for name in names} | {
        "recipient_email": form.recipient_email.data or ""
    }


def _letter(form: LetterForm) -> Letter:
    return Letter(
        locale=form.letter_locale.data,
        subject=form.subject.data,
        body=form.body.data.replace("\r\n", "\n"),
        sender_name=form.sender_name.data,
        sender_town=form.sender_town.data or "",
        recipient_name=form.recipient_name.data or "",
        recipient_email=form.recipient_email.data or "",
        chamber=form.chamber.data or None,
        form_of_address=form.form_of_address.data or "neutral",
        question=(form.question.data or "").replace("\r\n", "\n"),
    )


def _file(letter: Letter, kind: str, form: LetterForm) -> bytes:
    """Make the letter into a file; a PDF is printed in the renderer pool, a failure is a clear error."""
    from advocacy.core.workers import TaskFailed, WorkerError
    from advocacy.pdf.fonts import checks_once

    # A missing font would print other fonts' glyphs or empty boxes; a missing subsetter only
    # makes printing slow, so it is logged at start but does not stop PDFs.
    if kind == "pdf" and settings().check_fonts and checks_once()["fonts"]:
        current_app.logger.error("letter PDF refused: fonts are missing (see `advocacy doctor`)")
        abort(_cannot_print())
    address = (form.recipient_address.data or "").replace("\r\n", "\n").split("\n")
    lines = [letter.recipient_name, form.recipient_title.data or "", *address]
    try:
        return to_bytes(letter, kind, recipient_lines=lines)
    except WorkerError as error:
        current_app.logger.error("letter PDF failed: %s", getattr(error, "type_name", type(error).__name__))
        if isinstance(error, TaskFailed) and MISSING_GLYPHS in error.mro:
            abort(_cannot_print())
        abort(503)


def _cannot_print() -> Response:
    """Say why there is no PDF, rather than print empty boxes or other fonts' glyphs."""
    message = gettext(
        "This letter cannot be printed to PDF here: this server lacks a font for some of its "
        "characters. Please download it as plain text or as an e-mail draft instead."
    )
    return Response(message + "\n", status=503, mimetype="text/plain")


def _templates_root() -> Path:
    return settings().letter_templates_dir
