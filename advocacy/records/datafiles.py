"""Check, read and write the data files against their Table Schema.

A file is accepted whole or not at all: `read_package` returns every problem it
finds, by file, line and column, and no rows when there is any.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advocacy.core.csvfiles import MalformedCsv, NotUtf8, decode_utf8, records
from advocacy.countries.names import SUPRANATIONAL, is_country
from advocacy.records import confidence
from advocacy.records.schema import Field, Resource, load_resources
from advocacy.reporting import rules as reporting_rules

PACKAGE_FILE = "datapackage.json"
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
# Fields holding country codes; "serves" and "countries" hold several, separated by spaces.
COUNTRY_FIELDS = {"country", "scope", "serves", "countries"}
# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): refused as the composer does.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
Value = str | int | bool | None
Row = dict[str, Value]


@dataclass(frozen=True, order=True)
class Problem:
    """One reason a data file is rejected; line 0 means the file as a whole."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file if not self.line else f"{self.file}:{self.line}"
        return f"{where}: {self.column + ': ' if self.column else ''}{self.message}"


@dataclass
class Package:
    """The rows of every data file, typed, or the problems that stopped them."""

    rows: dict[str, list[Row]]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def read_package(directory: Path, schema_dir: Path | None = None) -> Package:
    """Read and check every data file in directory against the schema."""
    schema_path = (schema_dir or directory) / PACKAGE_FILE
    resources = load_resources(schema_path)
    rows: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for resource in resources:
        resource_rows, resource_problems = read_file(directory / resource.path, resource)
        rows[resource.name] = resource_rows
        problems.extend(resource_problems)
    return Package(rows={} if problems else rows, problems=problems)


def read_file(path: Path, resource: Resource) -> tuple[list[Row], list[Problem]]:
    """Read one CSV file, returning its typed rows and every problem found."""
    name = resource.path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(name, 0, "", "file is missing")]
    text, problem = _decode(raw, name)
    if problem:
        return [], [problem]
    if not text.strip():
        return [], [Problem(name, 0, "", "file is empty")]
    try:
        return _check_records(records(text), resource)
    except MalformedCsv as error:
        return [], [Problem(name, error.line, "", f"malformed CSV: {error}")]


def _decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """Decode the file, or say where it is not UTF-8."""
    try:
        return decode_utf8(raw), None
    except NotUtf8 as error:
        return "", Problem(name, error.line, "", str(error))


def _check_records(
    records: Iterable[tuple[int, list[str]]], resource: Resource
) -> tuple[list[Row], list[Problem]]:
    """Check the header and every row of one file."""
    name = resource.path
    records = iter(records)
    header_line, header = next(records, (1, []))
    problems = _check_header(header, resource, header_line)
    if problems:
        return [], problems
    rows: list[Row] = []
    seen: dict[str, dict[str, int]] = {f.name: {} for f in resource.fields if f.unique}
    for line, cells in records:
        if len(cells) != len(header):
            problems.append(Problem(name, line, "", f"has {len(cells)} cells, the header has {len(header)}"))
            continue
        row, row_problems = _check_row(dict(zip(header, cells, strict=False)), resource, line)
        problems.extend(row_problems)
        problems.extend(_check_unique(row, seen, name, line))
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(name, 0, "", "has a header but no rows"))
    return rows, problems


def _check_header(header: list[str], resource: Resource, line: int) -> list[Problem]:
    """Require exactly the schema's columns, each once."""
    expected = resource.field_names
    problems = []
    missing = [n for n in expected if n not in header]
    unknown = [n for n in header if n not in expected]
    duplicated = sorted({n for n in header if header.count(n) > 1})
    if missing:
        problems.append(Problem(resource.path, line, "", "missing column(s): " + ", ".join(missing)))
    if unknown:
        problems.append(Problem(resource.path, line, "", "unknown column(s): " + ", ".join(unknown)))
    if duplicated:
        problems.append(Problem(resource.path, line, "", "repeated column(s): " + ", ".join(duplicated)))
    return problems


def _check_row(cells: dict[str, str], resource: Resource, line: int) -> tuple[Row, list[Problem]]:
    """Convert one row's cells to typed values, collecting problems."""
    row: Row = {}
    problems = []
    for field in resource.fields:
        value, message = convert_cell(cells[field.name], field, resource.name)
        row[field.name] = value
        if message:
            problems.append(Problem(resource.path, line, field.name, message))
    if not problems:  # the rules read typed values, so only a row whose every cell is good
        problems = [Problem(resource.path, line, c, m) for c, m in row_rule_problems(resource.name, row)]
    return row, problems


def row_rule_problems(resource_name: str, row: Row) -> list[tuple[str, str]]:
    """Check what a row's cells say together (a verified row needs a source, ...)."""
    if resource_name in reporting_rules.RESOURCES:
        internal = (
            [("source_title", confidence.NOT_PUBLIC)]
            if confidence.is_internal(str(row.get("source_title")))
            else []
        )
        return internal + reporting_rules.row_problems(resource_name, row)
    problems = confidence.scale_problems(row) if "confidence" in row else []
    if resource_name == "treaties":
        problems += stage_problems(row)
    return problems


def stage_problems(row: Row) -> list[tuple[str, str]]:
    """An instrument's status may not contradict its own dates."""
    status = row.get("status")
    if status in ("ratified", "signed", "signed-status-unknown", "initialled") and row.get("in_force"):
        return [
            (
                "status",
                f"'{status}' says entry into force is not known, but in_force has a date: use in-force",
            )
        ]
    if status in ("signed", "signed-status-unknown", "initialled") and row.get("ratified"):
        return [
            ("status", f"'{status}' says the country's ratification is not known, but ratified has a date")
        ]
    return []


def _check_unique(row: Row, seen: dict[str, dict[str, int]], name: str, line: int) -> list[Problem]:
    """Report a value already seen in a unique column."""
    problems = []
    for column, values in seen.items():
        value = row.get(column)
        if value is None:
            continue
        key = str(value)
        if key in values:
            problems.append(
                Problem(name, line, column, f"duplicate key '{key}' (first on line {values[key]})")
            )
        else:
            values[key] = line
    return problems


def convert_cell(text: str, field: Field, resource_name: str = "") -> tuple[Value, str | None]:
    """Convert a cell to its typed value; return an error message when it is invalid."""
    if text != text.strip():
        return None, "has leading or trailing spaces"
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        return None, "contains a control character"
    if BIDI_CONTROLS.intersection(text):
        return None, "contains a bidirectional control character (it can make text display as something else)"
    if text == "":
        return None, "is required" if field.required else None
    value, message = _typed(text, field)
    if message:
        return None, message
    return value, _constraint_problem(text, value, field, resource_name)


def _typed(text: str, field: Field) -> tuple[Value, str | None]:
    if field.type == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            return None, f"'{text}' is not a whole number"
        return int(text), None
    if field.type == "number":
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
            return None, f"'{text}' is not a number (use digits and a dot, no thousands separator)"
        return text, None
    if field.type == "boolean":
        if text in field.true_values:
            return True, None
        if text in field.false_values:
            return False, None
        allowed = ", ".join(field.true_values + field.false_values)
        return None, f"'{text}' is not a boolean (use {allowed})"
    return text, None


def _constraint_problem(text: str, value: Value, field: Field, resource_name: str) -> str | None:
    if field.enum and text not in field.enum:
        return f"unknown value '{text}' (allowed: {', '.join(field.enum)})"
    if field.pattern and not re.fullmatch(field.pattern, text):
        return _pattern_message(text, field)
    if field.pattern == PARTIAL_DATE.pattern and not is_partial_date(text):
        return f"'{text}' is not a real date"
    if field.minimum is not None and float(value) < field.minimum:  # type: ignore[arg-type]
        return f"{text} is below the minimum {field.minimum:g}"
    if field.maximum is not None and float(value) > field.maximum:  # type: ignore[arg-type]
        return f"{text} is above the maximum {field.maximum:g}"
    if field.name in COUNTRY_FIELDS:
        return _country_problem(text, resource_name)
    return None


def _pattern_message(text: str, field: Field) -> str:
    if field.pattern == PARTIAL_DATE.pattern:
        return f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    if field.name in COUNTRY_FIELDS:
        return f"'{text}' is not a country code (use ISO 3166-1 alpha-2, e.g. FR)"
    return f"'{text}' does not match the pattern {field.pattern}"


def _country_problem(text: str, resource_name: str) -> str | None:
    for code in text.split(" "):
        allowed = (
            code == "WORLD"
            or (resource_name == "chambers" and code in SUPRANATIONAL)
            or (resource_name in reporting_rules.RESOURCES and code in reporting_rules.SCOPES)
        )
        if not (allowed or is_country(code)):
            return f"unknown country code '{code}'"
    return None


def is_partial_date(text: str) -> bool:
    """Tell whether text is a real calendar year, month or day (YYYY[-MM[-DD]])."""
    if not PARTIAL_DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] >= 1900


def format_cell(value: Any) -> str:
    """Write a typed value back as the text the data files use."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_file(path: Path, resource: Resource, rows: Iterable[Row]) -> None:
    """Write rows as a canonical CSV: UTF-8, header, minimal quoting, LF endings."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(resource.field_names)
        for row in rows:
            writer.writerow([format_cell(row.get(name)) for name in resource.field_names])
