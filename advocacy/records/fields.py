"""One data record typed into a form, checked exactly as `advocacy data import` checks a row.

The page may be stricter than an import, never looser: whatever it saves, an export
writes and an import reads back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from advocacy.records.datafiles import Row, convert_cell, format_cell, row_rule_problems
from advocacy.records.schema import Resource

# Fields typed in a text area: line breaks are kept (the CSV quotes them).
MULTILINE = frozenset({"notes", "summary", "statement", "channel", "purpose", "post"})
SOURCE_MESSAGE = "is required: every fact needs a source (publisher and title, or a citation)"
LOW_AND_VERIFIED = "cannot be true when confidence is low (verified means read in a reliable source)"


def clean(text: str | None) -> str:
    """Undo what browsers add: surrounding spaces and CR line endings."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def check_record(cells: Mapping[str, str | None], resource: Resource) -> tuple[Row, dict[str, str]]:
    """Convert a form's cells to a typed row; return it with a message per bad field."""
    row: Row = {}
    problems: dict[str, str] = {}
    for field in resource.fields:
        value, message = convert_cell(clean(cells.get(field.name)), field, resource.name)
        row[field.name] = value
        if message:
            problems[field.name] = (
                SOURCE_MESSAGE if field.name == "source_title" and value is None else message
            )
    if row.get("verified") is True and row.get("confidence") == "low" and "verified" not in problems:
        problems["verified"] = LOW_AND_VERIFIED
    if not problems:
        for column, message in row_rule_problems(resource.name, row):
            problems.setdefault(column, message)
    return row, problems


def encode_row(row: Mapping[str, object], resource: Resource) -> str:
    """Write a record as loaded into a form, to tell on saving whether it changed meanwhile."""
    return json.dumps({name: format_cell(row.get(name)) for name in resource.field_names}, ensure_ascii=False)


def decode_row(text: str | None, resource: Resource) -> Row | None:
    """Read back a record written by encode_row; None when it is not one."""
    try:
        cells = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(cells, dict) or set(cells) != set(resource.field_names):
        return None
    if not all(isinstance(value, str) for value in cells.values()):
        return None
    row: Row = {}
    for field in resource.fields:
        value, message = convert_cell(cells[field.name], field, resource.name)
        if message:
            return None
        row[field.name] = value
    return row
