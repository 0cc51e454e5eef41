"""Interface wording for the changes page and feeds, through gettext."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from advocacy.records.forms import FIELD_LABELS

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
# The staff pages' field labels where the public reads the same words (records.forms), and
# the public's own wording where the staff labels speak of entering data.
SHARED_FIELDS = (
    "id",
    "counterpart",
    "instrument",
    "status",
    "signed",
    "ratified",
    "ratified_by_counterpart",
    "suspended",
    "ended",
    "notes",
    "date",
    "court",
    "case_name",
    "outcome",
    "grounds",
    "summary",
    "year",
    "method",
    "person",
    "value",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "statement",
    "confidence",
    "as_of",
)
FIELDS = {name: FIELD_LABELS[name] for name in SHARED_FIELDS} | {
    "country": _l("Country"),
    "scope": _l("Scope"),
    "in_force": _l("In force"),
    "suspended_by_counterpart": _l("Suspended by the counterpart"),
    "target_group": _l("Who was targeted"),
    "metric": _l("What is counted"),
    "source_url": _l("Source address"),
    "source_title": _l("Source"),
    "verified": _l("Verified"),
}
