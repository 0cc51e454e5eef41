"""Interface wording for the changes page and feeds, through gettext."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    "created": _l("Added"),
    "updated": _l("Changed"),
    "deleted": _l("Removed"),
    "published": _l("Made public"),
}
RESOURCES = {
    "treaties": _l("Treaty or agreement"),
    "rulings": _l("Court ruling"),
    "cases": _l("Case"),
    "figures": _l("Figure"),
}
FIELDS = {
    "id": _l("Identifier"),
    "country": _l("Country"),
    "scope": _l("Scope"),
    "counterpart": _l("Counterpart"),
    "instrument": _l("Kind of instrument"),
    "status": _l("Status"),
    "signed": _l("Signed"),
    "ratified": _l("Ratified or approved by the country"),
    "ratified_by_counterpart": _l("Ratified by the PRC or Hong Kong"),
    "in_force": _l("In force"),
    "suspended": _l("Suspended"),
    "suspended_by_counterpart": _l("Suspended by the counterpart"),
    "ended": _l("Ended"),
    "notes": _l("Notes"),
    "date": _l("Date"),
    "court": _l("Court"),
    "case_name": _l("Case name"),
    "outcome": _l("Outcome"),
    "grounds": _l("Grounds of the decision"),
    "summary": _l("Summary"),
    "year": _l("Year"),
    "method": _l("Method"),
    "target_group": _l("Who was targeted"),
    "person": _l("Person"),
    "metric": _l("What is counted"),
    "value": _l("Value"),
    "qualifier": _l("Qualifier"),
    "unit": _l("Unit"),
    "period_start": _l("Period start"),
    "period_end": _l("Period end"),
    "statement": _l("Statement"),
    "source_url": _l("Source address"),
    "source_title": _l("Source"),
    "confidence": _l("Confidence"),
    "verified": _l("Verified"),
    "as_of": _l("Date of the evidence"),
}
