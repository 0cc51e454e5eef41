"""Counting a finished letter when it is taken: its token on the finished page, counted once.

See advocacy.letters.taking (the token) and advocacy.letters.counts (counting each id once).
"""

from __future__ import annotations

import datetime

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from advocacy.core.extensions import db
from advocacy.countries.repository import Dossier
from advocacy.letters.counts import record_taken
from advocacy.letters.forms import LetterForm
from advocacy.letters.service import QUESTION
from advocacy.letters.taking import new_letter, read, sign


def count_token(form: LetterForm, dossier: Dossier | None, carried: str = "") -> str:
    """The finished letter's token: the one it carried if still its own, else a new id; "" if not offered."""
    code, action = form.country.data or "", form.action.data or ""
    # Only written questions are counted per chamber: a letter's recipient may sit anywhere.
    chamber = (form.chamber.data or "") if action == QUESTION else ""
    offered = (
        dossier is not None
        and dossier.code == code
        and any(a.id == action and (action != QUESTION or a.chamber == chamber) for a in dossier.actions)
    )
    if not offered:  # the hidden fields were changed: nothing made up gets counted
        return ""
    secret, locale = current_app.config["SECRET_KEY"], form.letter_locale.data
    known = read(secret, carried) if carried else None
    if known is not None and (known.country, known.action, known.chamber, known.locale) == (
        code, action, chamber, locale
    ):  # fmt: skip
        return carried  # shown again in another language, or edited: the same letter, counted once
    return sign(secret, new_letter(country=code, action=action, chamber=chamber, locale=locale))


def count_taken(token: str) -> bool | None:
    """Count the letter a token names: True if counted now, False if counted before, None if not a token."""
    taken = read(current_app.config["SECRET_KEY"], token) if token else None
    if taken is None:
        return None
    try:
        return record_taken(db.session, taken, datetime.date.today())
    except (SQLAlchemyError, RuntimeError):
        # A count lost is better than a letter refused; the log says which, never the letter.
        db.session.rollback()
        current_app.logger.exception("campaign count failed (%s, %s)", taken.country, taken.action)
        return False
