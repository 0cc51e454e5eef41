"""Public changes: the page and Atom feeds, for the whole record and per country, in each locale."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from flask import Flask, Response, abort, g, redirect, render_template, request, url_for

from advocacy.changes import wording
from advocacy.changes.history import PublicChange, latest_change, public_changes
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import localized_blueprint, settings
from advocacy.countries.names import country_name
from advocacy.countries.web_cache import data_version
from advocacy.opendata.release import release
from advocacy.records.dataset import current_version
from advocacy.records.forms import VALUE_LABELS

bp = localized_blueprint("changes", __name__)

FEED_TYPE = "application/atom+xml; charset=utf-8"
# Fixed, so an entry's id stays the same across requests, hosts and restarts.
ENTRY_NAMESPACE = uuid.UUID("4f1b7f8e-2d0a-5c1e-9b7a-6c3e8d2f1a90")
DATE_FIELDS = frozenset(
    {
        "signed",
        "ratified",
        "ratified_by_counterpart",
        "in_force",
        "suspended",
        "suspended_by_counterpart",
        "ended",
        "date",
        "period_start",
        "period_end",
        "as_of",
    }
)
PAGE_SIZE = 200  # changes per page, and in a feed (the newest)
MAX_PAGES = 10_000  # a page number beyond any record's history is a 404, not a huge query

# The staff pages' wording of coded values: the fields the public record carries.
CODE_LABELS = {
    name: VALUE_LABELS[name]
    for name in ("instrument", "status", "outcome", "grounds", "method", "confidence")
}


@bp.get("/changes")
def record_changes():
    """List the newest changes to the whole public record."""
    return _page(None)


@bp.get("/countries/<code>/changes")
def country_changes(code: str):
    """List the newest changes to one country's public record."""
    if code != code.upper():
        return redirect(url_for("changes.country_changes", code=code.upper()), code=301)
    return _page(code)


@bp.get("/changes.atom")
def record_feed():
    """The whole record's changes as an Atom feed."""
    return _feed(None)


@bp.get("/countries/<code>/changes.atom")
def country_feed(code: str):
    """One country's changes as an Atom feed."""
    return _feed(code.upper())


def _page(code: str | None) -> Response:
    number = request.args.get("page", 1, type=int)
    if number < 1 or number > MAX_PAGES:
        abort(404)
    found = _changes(code, limit=number * PAGE_SIZE + 1)  # one more: is there an older page?
    changes = found[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    if number > 1 and not changes:
        abort(404)
    html = render_template(
        "changes/list.html",
        changes=changes,
        code=code,
        name=country_name(code, LOCALES[g.lang]) if code else None,
        page=number,
        older=len(found) > number * PAGE_SIZE,
    )
    return _conditional(Response(html), changes)


def _feed(code: str | None) -> Response:
    changes = _changes(code)
    updated = latest_change(changes) or datetime.datetime(2026, 1, 1)
    licences = release(db.session, settings().data_dir).licences
    xml = render_template(
        "changes/feed.xml", changes=changes, code=code, updated=_rfc3339(updated),
        name=country_name(code, LOCALES[g.lang]) if code else None,
        rights=", ".join(licence.title for licence in licences),
    )  # fmt: skip
    return _conditional(Response(xml, mimetype=FEED_TYPE), changes)


def _changes(code: str | None, limit: int = PAGE_SIZE) -> list[PublicChange]:
    changes = public_changes(db.session, code, limit)
    if code is not None and not changes and not _has_country(code):
        abort(404)
    return changes


def _has_country(code: str) -> bool:
    from advocacy.countries.repository import load_dossier

    return load_dossier(db.session, code) is not None


def _conditional(response: Response, changes: list[PublicChange]) -> Response:
    """Let readers ask again cheaply: an ETag from the page's bytes, and a short freshness."""
    response.headers["Cache-Control"] = "public, max-age=300"
    response.add_etag()
    return response.make_conditional(request)


def _rfc3339(moment: datetime.datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def entry_id(change: PublicChange, lang: str) -> str:
    """A permanent id for a change in one language: the audit entry, its time, the locale."""
    return "urn:uuid:" + str(uuid.uuid5(ENTRY_NAMESPACE, f"{change.id}/{change.at.isoformat()}/{lang}"))


def shown(field: str, value: str) -> str:
    """A field's value as the page shows it: dates and codes in the interface language."""
    if not value:
        return "—"
    if field in DATE_FIELDS:
        from advocacy.core.formatting import format_partial_date

        try:
            return format_partial_date(value, LOCALES[g.lang])
        except ValueError:
            return value
    if field in CODE_LABELS and value in CODE_LABELS[field]:
        return str(CODE_LABELS[field][value])
    return value


def register(app: Flask) -> None:
    """Attach the changes pages and feeds, and the data version every page footer shows."""
    app.register_blueprint(bp)
    app.jinja_env.globals.update(_globals())


def _globals() -> dict[str, Any]:
    return {
        "change_kinds": wording.KINDS,
        "change_resources": wording.RESOURCES,
        "change_fields": wording.FIELDS,
        "change_value": shown,
        "change_entry_id": entry_id,
        "rfc3339": _rfc3339,
        "data_version": lambda: data_version() or current_version(db.session) or "",
    }
