"""Forms for the staff data pages, built from the data schema (data/datapackage.json)."""

from __future__ import annotations

import functools

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired

from advocacy.countries import labels
from advocacy.records.fields import MULTILINE
from advocacy.records.schema import Field, Resource
from advocacy.reporting import labels as reporting

FIELD_LABELS = {
    "id": _l("Identifier"),
    "country": _l("Country (ISO code)"),
    "counterpart": _l("Counterpart"),
    "instrument": _l("Kind of instrument"),
    "status": _l("Status"),
    "signed": _l("Signed"),
    "ratified": _l("Ratified or approved by the country"),
    "ratified_by_counterpart": _l("Ratified by the PRC or Hong Kong"),
    "in_force": _l("In force since"),
    "suspended": _l("Suspended"),
    "suspended_by_counterpart": _l("Suspended by the PRC or Hong Kong"),
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
    "target_group": _l("Target group"),
    "person": _l("Person"),
    "public": _l("Visibility"),
    "scope": _l("Scope (WORLD or ISO code)"),
    "metric": _l("Metric"),
    "value": _l("Value"),
    "qualifier": _l("Qualifier"),
    "unit": _l("Unit"),
    "period_start": _l("Period start"),
    "period_end": _l("Period end"),
    "statement": _l("Statement"),
    "source_url": _l("Source addresses (URLs)"),
    "source_title": _l("Source (publisher and title)"),
    "confidence": _l("Confidence"),
    "verified": _l("Verified in the source"),
    "as_of": _l("Date of the evidence"),
    "body": _l("Organisation or body"),
    "kind": _l("Kind"),
    "channel": _l("Channel, as published"),
    "phone": _l("Telephone"),
    "sms": _l("Text message (SMS)"),
    "web": _l("Web form or page (URL)"),
    "email": _l("E-mail address"),
    "post": _l("Postal address"),
    "not_shown": _l("Mentioned but not shown in the source"),
    "purpose": _l("What it says it takes"),
    "languages": _l("Languages (codes)"),
    "languages_note": _l("What the source says about languages"),
    "emergency_only": _l("Emergency only"),
    "dedicated": _l("Dedicated to transnational repression"),
    "anonymous": _l("Anonymous reports"),
    "source_date": _l("Date the source shows"),
    "countries": _l("Countries (ISO codes, EU, INT)"),
    "title": _l("Title"),
    "asks": _l("What it asks for"),
}
# Field names in the data and the interface wording of their values.
VALUE_LABELS = {
    "instrument": labels.INSTRUMENTS,
    "status": labels.STATUSES,
    "outcome": labels.OUTCOMES,
    "grounds": labels.GROUNDS,
    "method": labels.METHODS,
    "confidence": labels.CONFIDENCE,
    # The three kinds of reporting rows share the field name; their values do not clash.
    "kind": {**reporting.CHANNEL_KINDS, **reporting.GUIDANCE_KINDS, **reporting.RECOMMENDATION_KINDS},
    "asks": reporting.ASKS,
    "anonymous": reporting.ANONYMOUS,
    "dedicated": reporting.DEDICATED,
}
BOOLEAN_LABELS = {
    "public": (_l("Public"), _l("Restricted: staff only")),
    "verified": (_l("Yes"), _l("No")),
}
RESOURCE_TITLES = {
    "treaties": (_l("Instruments"), _l("Add an instrument")),
    "rulings": (_l("Rulings"), _l("Add a ruling")),
    "cases": (_l("Cases"), _l("Add a case")),
    "figures": (_l("Figures"), _l("Add a figure")),
    "channels": (_l("Reporting channels"), _l("Add a reporting channel")),
    "guidance": (_l("Reporting guidance and gaps"), _l("Add guidance or a gap")),
    "recommendations": (_l("Recommendations for reporting mechanisms"), _l("Add a recommendation")),
}

# The columns of each resource's list on the overview page (besides id, checked-on and verified).
LIST_COLUMNS = {
    "treaties": ("country", "counterpart", "instrument", "status"),
    "rulings": ("country", "date", "court", "outcome"),
    "cases": ("country", "year", "method", "outcome", "public"),
    "figures": ("scope", "metric", "value", "unit"),
    "channels": ("country", "kind", "body", "emergency_only"),
    "guidance": ("countries", "kind", "body", "date"),
    "recommendations": ("countries", "kind", "asks", "date"),
}
# Shown together under "Source": no record is saved without them.
SOURCE_FIELDS = ("source_url", "source_title", "confidence", "verified", "as_of")


class RecordFormBase(FlaskForm):
    """The record as loaded, to refuse a save over someone else's change."""

    base = HiddenField()


def _choices(field: Field) -> list[SelectChoice]:
    if field.type == "boolean":
        yes, no = BOOLEAN_LABELS.get(field.name, (_l("Yes"), _l("No")))
        return [SelectChoice(field.true_values[0], yes), SelectChoice(field.false_values[0], no)]
    named = VALUE_LABELS.get(field.name, {})
    choices = [SelectChoice(value, named.get(value, value)) for value in field.enum or ()]
    return choices if field.required else [SelectChoice("", _l("(none)")), *choices]


def _form_field(field: Field) -> UnboundField:
    label = FIELD_LABELS.get(field.name, field.name)
    if field.enum or field.type == "boolean":
        return SelectField(label, choices=_choices(field), validate_choice=False)
    if field.name in MULTILINE:
        return TextAreaField(label)
    return StringField(label)


@functools.cache
def record_form(resource: Resource) -> type[RecordFormBase]:
    """A form class with one input per field of the resource (checked by records.fields)."""
    attributes = {field.name: _form_field(field) for field in resource.fields}
    return type(f"{resource.name.title()}Form", (RecordFormBase,), attributes)


class DeleteForm(FlaskForm):
    base = HiddenField()
    confirm = BooleanField(_l("Yes, delete this record"), [DataRequired(_l("Tick the box to confirm."))])


class PublicForm(FlaskForm):
    """Make a case public or restricted (the button says which)."""

    base = HiddenField()
    public = HiddenField()


class ImportForm(FlaskForm):
    files = MultipleFileField(
        _l("Data files"),
        description=_l("CSV files named as in the data folder (treaties.csv, cases.csv…) or a zip of them."),
    )
