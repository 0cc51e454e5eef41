"""Read-only JSON: the country index and each country's public record."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify

from advocacy.core.extensions import db
from advocacy.countries.models import Case, Chamber, Figure, Instrument, Ruling
from advocacy.countries.names import country_name
from advocacy.countries.repository import country_badges, load_dossier
from advocacy.countries.web_cache import cached
from advocacy.records.dataset import current_version

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PUBLIC_FIELDS = {
    Instrument: [c.key for c in Instrument.__table__.columns],
    Ruling: [c.key for c in Ruling.__table__.columns],
    # "public" is always true here; restricted cases never leave the database.
    Case: [c.key for c in Case.__table__.columns if c.key != "public"],
    Figure: [c.key for c in Figure.__table__.columns],
    Chamber: [c.key for c in Chamber.__table__.columns],
}


# Short: readers get fresh data within minutes of an edit, and revalidate cheaply with the ETag.
CACHE_CONTROL = "public, max-age=300"


@bp.after_request
def cache_headers(response: Response) -> Response:
    """Let clients and proxies keep answers for a while and revalidate them by ETag."""
    if response.status_code in (200, 304):
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@bp.get("/countries")
@cached
def countries():
    """List every country with data and its status badges."""
    entries = country_badges(db.session)
    items = [{"code": c, "name": country_name(c), "badges": entries[c]} for c in sorted(entries)]
    return jsonify({"data_version": current_version(db.session), "countries": items})


@bp.get("/countries/<code>")
@cached
def country(code: str):
    """Return one country's public record and recommended actions."""
    dossier = load_dossier(db.session, code.upper())
    if dossier is None:
        abort(404)
    return jsonify(
        {
            "code": dossier.code,
            "name": country_name(dossier.code),
            "data_version": current_version(db.session),
            "last_verified": dossier.last_verified,
            "badges": dossier.badges,
            "instruments": [_public(i) for i in dossier.instruments],
            "rulings": [_public(r) for r in dossier.rulings],
            "cases": [_public(c) for c in dossier.cases],
            "figures": [_public(f) for f in dossier.figures],
            "chambers": [_public(c) for c in dossier.chambers],
            "actions": [
                {"id": a.id, "chamber": a.chamber, "reason": vars(a.reason)} for a in dossier.actions
            ],
        }
    )


def _public(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in PUBLIC_FIELDS[type(record)]}
