"""What a reply code is about, read from the finished letter's page: its signed token and chooser.

The country and action come from the token the finished page signed (advocacy.letters.taking);
the chamber only when it is one of the country's; the member only when chosen from a
chamber's list and still named as the list names them. Nothing the campaigner typed is kept.
"""

from __future__ import annotations

import time

from flask import current_app

from advocacy.core.extensions import db
from advocacy.core.web import settings
from advocacy.countries.repository import Dossier
from advocacy.letters.forms import LetterForm
from advocacy.letters.taking import read
from advocacy.replies.rates import stamp
from advocacy.replies.service import Origin
from advocacy.representatives.models import Representative


def origin_of(form: LetterForm, dossier: Dossier | None, count_token: str) -> Origin | None:
    """What the code will be about, or None when the page's token does not vouch for the letter."""
    taken = read(current_app.config["SECRET_KEY"], count_token) if count_token else None
    if taken is None or dossier is None or (taken.country, taken.action) != (dossier.code, form.action.data):
        return None
    chambers = {c.id for c in dossier.chambers}
    chamber = form.chamber.data if form.chamber.data in chambers else ""
    chamber_id, _, rep_id = (form.recipient_id.data or "").partition(":")
    rep = db.session.get(Representative, (chamber_id, rep_id)) if chamber_id in chambers and rep_id else None
    if (
        rep is None
        or rep.name != (form.recipient_name.data or "").strip()
        or chamber not in ("", rep.chamber_id)
    ):
        return Origin(taken.country, taken.action, chamber)
    return Origin(taken.country, taken.action, rep.chamber_id, rep.id, rep.name)


STAMP_KEY = "advocacy_reply_stamp"


def reply_stamp() -> str:
    """The reports' stamp for the page cache, read at most once per data-version TTL."""
    now, known = time.monotonic(), current_app.extensions.get(STAMP_KEY)
    if known is None or now - known[1] >= settings().data_version_ttl:
        known = (stamp(db.session), now)
        current_app.extensions[STAMP_KEY] = known
    return known[0]
