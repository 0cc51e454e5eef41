"""Read-only JSON: where to report in a country, and the international channels.

Like the pages, it records nothing: no page cache, no store.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify

from advocacy.core.extensions import db
from advocacy.countries.names import country_name, is_country
from advocacy.records.dataset import current_version
from advocacy.reporting.models import Channel, Guidance, Recommendation
from advocacy.reporting.repository import Report, countries_with_reporting_data, where_to_report

bp = Blueprint("report_api", __name__, url_prefix="/api/v1/report")


@bp.after_request
def never_store(response: Response) -> Response:
    """Keep the answer out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def international():
    """The international channels, and the countries with reporting data of their own."""
    report = where_to_report(db.session, "")
    return jsonify(
        {
            "data_version": current_version(db.session),
            "countries": sorted(countries_with_reporting_data(db.session)),
            "international": [public(c) for c in report.international],
            "asking": [public(r) for r in report.asking],
        }
    )


@bp.get("/<code>")
def country(code: str):
    """Where to report in one country: its verdict, emergency numbers, channels, guidance and gaps."""
    code = code.upper()
    if not is_country(code):
        abort(404)
    report = where_to_report(db.session, code)
    return jsonify({"code": code, "name": country_name(code), **report_json(report)})


def report_json(report: Report) -> dict[str, Any]:
    """Every public field of a country's report, grouped as the page groups them."""
    return {
        "data_version": current_version(db.session),
        "verdict": report.verdict,
        "eu_member": report.eu_member,
        "emergency": [public(c) for c in report.emergency],
        "channels": [public(c) for c in report.channels],
        "international": [public(c) for c in report.international],
        "guidance": [public(g) for g in report.guidance],
        "assessments": [public(g) for g in report.assessments],
        "gaps": [public(g) for g in report.gaps + report.international_gaps],
        "asking": [public(r) for r in report.asking],
        "recommendations": [public(r) for r in report.recommendations],
    }


def public(record: Channel | Guidance | Recommendation) -> dict[str, Any]:
    """Every column: all of this data is public."""
    return {column.key: getattr(record, column.key) for column in type(record).__table__.columns}
