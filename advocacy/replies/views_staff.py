"""Staff: the response rates in campaign counts, with a CSV (the same figures as the public pages)."""

from __future__ import annotations

from flask import Response, render_template

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db
from advocacy.countries.models import Chamber
from advocacy.replies import rates

bp = workspace_blueprint("replies_staff", __name__, "/staff", area="staff")


def _chamber_name(chamber_id: str) -> str:
    chamber = db.session.get(Chamber, chamber_id) if chamber_id else None
    return chamber.name if chamber else chamber_id


@bp.get("/counts/replies")
def page() -> str:
    """Response rates per chamber and member, over the threshold, and how many reports are not shown."""
    return render_template(
        "replies/staff.html", menu="reports.counts", chambers=rates.chamber_rates(db.session),
        members=rates.member_rates(db.session), unshown=rates.unshown(db.session),
        threshold=rates.THRESHOLD, chamber_name=_chamber_name,
    )  # fmt: skip


@bp.get("/counts/replies.csv")
def csv() -> Response:
    """The same figures as a CSV: a row per chamber (member empty), then per member."""
    rows = [*rates.chamber_rates(db.session), *rates.member_rates(db.session)]
    response = Response(rates.csv_text(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="reply-rates.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
