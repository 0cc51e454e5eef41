"""The representative chooser inside the composer: search, then fill in the recipient.

Both steps are POSTs with the form's CSRF token, so a search never reaches a URL,
an access log or a cache; nothing typed is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import request

from advocacy.core.extensions import db
from advocacy.letters.forms import ComposeForm
from advocacy.representatives.models import Representative
from advocacy.representatives.store import search_representatives

SEARCH_LIMIT = 20


@dataclass
class Chooser:
    """What the page shows: whether a search ran, and what it found."""

    searched: bool = False
    results: list[Representative] = field(default_factory=list)
    chosen: Representative | None = None


def handle_chooser(form: ComposeForm, chamber_ids: list[str]) -> Chooser | None:
    """Run a search or apply a choice; return None when the form was posted to preview."""
    if "find" in request.form:
        form.rep_query.validate(form)
        query = (form.rep_query.data or "").strip()
        results = (
            []
            if form.rep_query.errors
            else search_representatives(db.session, chamber_ids, query, limit=SEARCH_LIMIT)
        )
        return Chooser(searched=bool(query), results=results)
    if "choose" in request.form:
        chamber_id, _, rep_id = request.form["choose"].partition(":")
        chosen = db.session.get(Representative, (chamber_id, rep_id)) if chamber_id in chamber_ids else None
        if chosen is not None:
            fill_recipient(form, chosen)
        return Chooser(chosen=chosen)
    return None


def fill_recipient(form: ComposeForm, rep: Representative) -> None:
    """Fill the recipient's fields from a representative's public record."""
    form.recipient_name.data = rep.name
    form.recipient_id.data = f"{rep.chamber_id}:{rep.id}"
    form.recipient_group.data = rep.party or ""
    form.recipient_email.data = rep.email or ""
    form.recipient_address.data = rep.postal_address or ""
    form.form_of_address.data = rep.form_of_address or "neutral"
    if any(choice.value == rep.chamber_id for choice in form.recipient_chamber.choices):
        form.recipient_chamber.data = rep.chamber_id
