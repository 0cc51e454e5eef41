"""Staff: the reporting channels not checked for six months, each with a link to edit it."""

from __future__ import annotations

import datetime

from flask import render_template

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db
from advocacy.reporting.repository import STALE_AFTER_MONTHS, stale_before, stale_channels

bp = workspace_blueprint("staff_reporting", __name__, "/staff/reporting", area="staff")


@bp.get("/")
def stale():
    """List the channels whose details were last checked more than six months ago, oldest first."""
    today = datetime.datetime.now(datetime.UTC).date()
    return render_template(
        "reporting/stale.html",
        channels=stale_channels(db.session, today),
        since=stale_before(today).isoformat(),
        months=STALE_AFTER_MONTHS,
        menu="staff.home",
    )
