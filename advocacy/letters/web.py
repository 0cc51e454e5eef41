"""What every composer page shares: no caching, the people's fields, the question's limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, current_app, g, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from advocacy.core.extensions import db
from advocacy.core.web import settings
from advocacy.countries.models import Chamber
from advocacy.letters.forms import ComposeForm, LetterForm
from advocacy.letters.questions import Limits, measure


def never_store(response: Response) -> Response:
    """Keep what campaigners type out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


# How a page was posted back to an earlier step, besides "preview": nothing is validated then.
CHANGE, ANOTHER, STAY = "change", "another", "stay"


def revisiting() -> str | None:
    """Say why an earlier step is shown again with what was typed, or None for a normal post."""
    if g.get("token_expired"):
        return "expired"
    step = request.form.get("step") if request.method == "POST" else None
    return step if step in (CHANGE, ANOTHER, STAY) else None


def show_again_after_expired_token(error: CSRFError) -> tuple[str | Response, int]:
    """Show the page again with everything typed and a fresh token, instead of a bare 400.

    Flask-WTF refuses a form after an hour, or when the session cookie is gone. The text
    is in this very request, so it is shown again (never kept), with a word of explanation.
    """
    current_app.logger.info("composer form token refused: %s", error.description)  # no form data
    g.token_expired = True
    endpoint = request.endpoint or ""
    view = current_app.view_functions.get(SHOW_AGAIN.get(endpoint, endpoint))
    if view is None or request.method != "POST":
        return error.description, 400
    # The page shown instead takes no URL arguments (a download's kind is not the finished page's).
    arguments = {} if endpoint in SHOW_AGAIN else (request.view_args or {})
    try:
        page = view(**arguments)
    except HTTPException as refused:  # an unknown country, say: its own error page, not a 500
        response = current_app.make_response(current_app.handle_http_exception(refused))
        return response, response.status_code
    return (page[0] if isinstance(page, tuple) else page), 400  # finish answers (page, 400) itself


# A download or an edit is posted from the finished page, and the finished letter from the
# preview: after an expired token, show the page the campaigner was on.
SHOW_AGAIN = {"send.finish": "send.edit", "send.download": "send.finish", "send.edit": "send.finish"}


def templates_root() -> Path:
    """Find the letter templates this site serves."""
    return settings().letter_templates_dir


def people_fields(form: ComposeForm | LetterForm) -> dict[str, str]:
    """Read who writes to whom from any step's form."""
    names = (
        "sender_name",
        "sender_town",
        "recipient_name",
        "recipient_title",
        "recipient_group",
        "recipient_address",
    )
    return {name: getattr(form, name).data or "" for name in names} | {
        "recipient_email": form.recipient_email.data or ""
    }


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
                "The question has %(count)d sub-questions; this chamber accepts at most %(limit)d.",
                count=count.subquestions,
                limit=count.limits.subquestions,
            )
        )
    return False
