"""The finished letter: its text, an e-mail link when it fits whole, and its files.

Everything arrives in the POST and leaves in the response; nothing is kept.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote

from flask import Response, abort, current_app, g, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError

from advocacy.core.extensions import db
from advocacy.core.web import localized_blueprint, settings
from advocacy.countries.repository import load_dossier
from advocacy.letters.forms import LetterForm
from advocacy.letters.outputs import Letter, download_name, full_text, mailto_head, mailto_url
from advocacy.letters.service import to_bytes
from advocacy.letters.web import (
    never_store,
    question_facts,
    question_fits,
    revisiting,
    show_again_after_expired_token,
)
from advocacy.letters.web_count import count_taken, count_token

bp = localized_blueprint("send", __name__)
bp.after_request(never_store)
bp.register_error_handler(CSRFError, show_again_after_expired_token)

# The renderer's error for characters no installed font can draw (advocacy.pdf.render).
MISSING_GLYPHS = "advocacy.pdf.render.MissingGlyphs"
DOWNLOADS = {"txt": "text/plain; charset=utf-8", "eml": "message/rfc822", "pdf": "application/pdf"}


@bp.post("/letters/finish")
def finish() -> str | tuple[str, int]:
    """Show the finished letter: a mailto: link if it carries the whole letter, the text, downloads."""
    form = LetterForm()
    if not form.validate_on_submit() or not question_fits(form):
        return _editing(form), 400
    return finished(form)


def finished(form: LetterForm, reply_code: str = "") -> str:
    """The finished page of a sound letter (also shown by advocacy.replies with its new reply code)."""
    if form.errors:  # a letter posted unsound: it goes back to editing
        return _editing(form)
    letter = letter_from(form)
    dossier = load_dossier(db.session, form.country.data or "")
    return render_template(
        "letters/letter.html", form=form, text=full_text(letter), mailto=mailto_url(letter),
        mailto_head=mailto_head(letter), dossier=dossier,
        revisit=revisiting(),
        count_token=count_token(form, dossier, carried=request.form.get("count_token", "")),
        reply_code=reply_code,
    )  # fmt: skip


@bp.post("/letters/edit")
def edit() -> str:
    """Show the letter to edit again as it was posted: back from the finished page, or a new language."""
    form = LetterForm()
    form.validate()  # any fault is shown beside its field; nothing typed is dropped
    return _editing(form)


def _editing(form: LetterForm) -> str:
    return render_template(
        "letters/preview.html", form=form, review=None, revisit=revisiting(), **question_facts(form),
        count_token=request.form.get("count_token", ""),  # back from the finished page: the same letter
    )  # fmt: skip


@bp.post("/letters/download/<kind>")
def download(kind: str) -> Response:
    """Return the letter as a file: a PDF to print, plain text or an unsent e-mail."""
    if kind not in DOWNLOADS:
        abort(404)
    form = LetterForm()
    if not form.validate_on_submit() or not question_fits(form):
        abort(400)
    response = Response(_file(letter_from(form), kind, form), mimetype=DOWNLOADS[kind])
    count_taken(request.form.get("count_token", ""))  # once per letter, and only once it is made
    response.headers["Content-Disposition"] = _attachment(form, kind)
    return response


@bp.post("/letters/taken")
def taken() -> Response:
    """Count a letter copied or opened in the e-mail program (compose.js posts its token)."""
    # Copy and mailto: happen in the browser, so only this post, with JavaScript, can count them.
    if g.get("token_expired"):  # called again by the CSRF handler: there is no page to show
        return Response(status=400)
    return Response(status=400 if count_taken(request.form.get("count_token", "")) is None else 204)


def _attachment(form: LetterForm, kind: str) -> str:
    """Name the download after its country, action and date, instead of letter.pdf for all."""
    day = datetime.date.today()
    name = download_name(form.country.data or "", form.action.data or "", kind, day, form.chamber.data or "")
    # The name is ASCII already; filename* as well, for the programs that read only that one.
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


def letter_from(form: LetterForm) -> Letter:
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
        country=form.country.data or "",
        data_version=form.data_version.data or "",
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
