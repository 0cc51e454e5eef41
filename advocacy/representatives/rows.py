"""Read a chamber's list of representatives from CSV or Popolo JSON, all or nothing.

`parse_csv` (and `advocacy.representatives.popolo.parse_popolo`) return one plain dict per
representative (the keys of `FIELDS`, empty values as None) or raise `RepresentativesError`
carrying every problem found, each with its location: a CSV line and column, or a JSON path such as
`persons[3].email`. `check_rows` applies the same checks to dicts from elsewhere.

Surrounding spaces are trimmed; control characters (other than line breaks in a postal
address) and the bidirectional embedding, override and isolate characters
(U+202A–U+202E, U+2066–U+2069), which can make a name display as something else, are
refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from advocacy.core.csvfiles import MalformedCsv, NotUtf8, decode_utf8
from advocacy.core.csvfiles import records as csv_records
from advocacy.records.datafiles import is_partial_date

FIELDS = (
    "id",
    "name",
    "given_name",
    "family_name",
    "form_of_address",
    "constituency",
    "party",
    "email",
    "postal_address",
    "source_url",
    "as_of",
)
REQUIRED = ("id", "name")
FORMS_OF_ADDRESS = ("neutral", "feminine", "masculine")
DEFAULT_FORM_OF_ADDRESS = "neutral"
GENDER_FORMS = {"female": "feminine", "male": "masculine"}
MAX_ID_LENGTH = 80
MAX_EMAIL_LENGTH = 254
MULTI_LINE = {"postal_address"}

BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"  # letters and digits, hyphens inside
EMAIL = re.compile(rf"[^@\s\"<>(),;:\[\]\\]+@{_LABEL}(?:\.{_LABEL})+")
SOURCE_URL = re.compile(r"(https?://\S+)( https?://\S+)*")
Row = dict[str, str | None]


@dataclass(frozen=True)
class Problem:
    """One reason a list is refused, with where it was found.

    A CSV problem has a line (1 is the header; 0 means the file as a whole) and,
    when it concerns one cell, a column; a Popolo problem has a JSON path instead.
    """

    message: str
    line: int = 0
    column: str = ""
    path: str = ""

    @property
    def location(self) -> str:
        """`line 3: email`, `persons[3].email`, or empty for the file as a whole."""
        if self.path:
            return self.path
        parts = ([f"line {self.line}"] if self.line else []) + ([self.column] if self.column else [])
        return ": ".join(parts)

    def in_file(self, name: str) -> str:
        """The problem as `file:3: email: message` (CSV) or `file: persons[3].email: message`."""
        if self.path:
            return f"{name}: {self.path}: {self.message}"
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {self.column + ': ' if self.column else ''}{self.message}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class RepresentativesError(ValueError):
    """A list of representatives was refused; `problems` holds every reason, located."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --- checks shared by both formats -------------------------------------------------


def check_value(field: str, value: Any) -> tuple[str | None, str | None]:
    """Clean one field's value; return (value or None, error message or None)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return None, "must be text"
    text = value.replace("\r\n", "\n").replace("\r", "\n") if field in MULTI_LINE else value
    text = (
        "\n".join(line.strip() for line in text.split("\n")).strip() if field in MULTI_LINE else text.strip()
    )
    message = _character_problem(text, multi_line=field in MULTI_LINE)
    if message:
        return None, message
    if not text:
        if field in REQUIRED:
            return None, "is required"
        return (DEFAULT_FORM_OF_ADDRESS if field == "form_of_address" else None), None
    return text, _format_problem(field, text)


def _character_problem(text: str, multi_line: bool) -> str | None:
    for index, char in enumerate(text, start=1):
        if char in BIDI_CONTROLS:
            return f"contains the bidirectional control character U+{ord(char):04X} at character {index}"
        if char == "\n" and multi_line:
            continue
        if unicodedata.category(char) == "Cc":
            kind = "a line break" if char == "\n" else f"the control character U+{ord(char):04X}"
            return f"contains {kind} at character {index}"
    return None


def _format_problem(field: str, text: str) -> str | None:
    if field == "id":
        if len(text) > MAX_ID_LENGTH:
            return f"is longer than {MAX_ID_LENGTH} characters"
        if any(char.isspace() for char in text):
            return f"'{text}' contains a space"
    elif field == "form_of_address" and text not in FORMS_OF_ADDRESS:
        return f"unknown value '{text}' (allowed: {', '.join(FORMS_OF_ADDRESS)})"
    elif field == "email" and (len(text) > MAX_EMAIL_LENGTH or not EMAIL.fullmatch(text)):
        return f"'{text}' is not an e-mail address"
    elif field == "source_url" and not SOURCE_URL.fullmatch(text):
        return f"'{text}' is not an http(s) URL"
    elif field == "as_of" and not is_partial_date(text):
        return f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    return None


def check_record(values: Mapping[str, Any]) -> tuple[Row, dict[str, str]]:
    """Clean every field of one record; return the row and {field: message}."""
    row: Row = {}
    errors: dict[str, str] = {}
    for field in FIELDS:
        row[field], message = check_value(field, values.get(field))
        if message:
            errors[field] = message
    return row, errors


def check_rows(rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Check representative dicts from any source; problems are located as `rows[3].email`."""
    result: list[Row] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, values in enumerate(rows):
        if not isinstance(values, Mapping):
            problems.append(Problem("must be a mapping of field names to values", path=f"rows[{index}]"))
            continue
        unknown = sorted(str(key) for key in values if key not in FIELDS)
        if unknown:
            problems.append(Problem("unknown field(s): " + ", ".join(unknown), path=f"rows[{index}]"))
        row, errors = check_record(values)
        problems.extend(Problem(m, path=f"rows[{index}].{f}") for f, m in errors.items())
        problems.extend(_duplicate(row, first, index, lambda i: f"rows[{i}]", path=f"rows[{index}].id"))
        result.append(row)
    if problems:
        raise RepresentativesError(problems)
    return result


def _duplicate(
    row: Row, first: dict[str, int], here: int, name: Callable[[int], str], **where: Any
) -> list[Problem]:
    """Report an id already seen; `name(i)` says where the first one was."""
    key = row.get("id")
    if key is None:
        return []
    if key in first:
        return [Problem(f"duplicate id '{key}' (first at {name(first[key])})", **where)]
    first[key] = here
    return []


def decode_text(data: str | bytes) -> str:
    """Decode strict UTF-8 (a byte-order mark is tolerated), or say where it breaks."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return decode_utf8(data)
    except NotUtf8 as error:
        raise RepresentativesError([Problem(str(error), line=error.line)]) from None


# --- CSV ---------------------------------------------------------------------------


def parse_csv(text: str | bytes) -> list[Row]:
    """Read a CSV list (header: the names in FIELDS, `id` and `name` required)."""
    text = decode_text(text)
    if not text.strip():
        raise RepresentativesError([Problem("file is empty")])
    records = csv_records(text)
    try:
        header_line, header = next(records)
    except StopIteration:
        raise RepresentativesError([Problem("file is empty")]) from None
    except MalformedCsv as error:
        raise RepresentativesError([Problem(f"malformed CSV: {error}", line=error.line)]) from None
    header = [name.strip() for name in header]
    problems = _check_header(header, header_line)
    if problems:
        raise RepresentativesError(problems)
    rows: list[Row] = []
    first: dict[str, int] = {}
    try:
        for line, cells in records:
            if len(cells) != len(header):
                problems.append(Problem(f"has {len(cells)} cells, the header has {len(header)}", line=line))
                continue
            row, errors = check_record(dict(zip(header, cells, strict=True)))
            problems.extend(Problem(message, line=line, column=field) for field, message in errors.items())
            problems.extend(_duplicate(row, first, line, lambda n: f"line {n}", line=line, column="id"))
            rows.append(row)
    except MalformedCsv as error:
        problems.append(Problem(f"malformed CSV: {error}", line=error.line))
    if not rows and not problems:
        problems.append(Problem("has a header but no rows"))
    if problems:
        raise RepresentativesError(problems)
    return rows


def _check_header(header: list[str], line: int) -> list[Problem]:
    problems = []
    missing = [name for name in REQUIRED if name not in header]
    unknown = [f"'{name}'" for name in header if name not in FIELDS]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if missing:
        problems.append(Problem("missing column(s): " + ", ".join(missing), line=line))
    if unknown:
        allowed = ", ".join(FIELDS)
        problems.append(Problem(f"unknown column(s): {', '.join(unknown)} (allowed: {allowed})", line=line))
    if repeated:
        problems.append(Problem("repeated column(s): " + ", ".join(repeated), line=line))
    return problems


# --- search keys -------------------------------------------------------------------


# Letters that keep their stroke or ligature through Unicode decomposition.
_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "þ": "th",
                               "æ": "ae", "œ": "oe"})  # fmt: skip


def fold(text: str | None) -> str:
    """Text for matching: case folded, accents removed, spaces collapsed ("Łódź" -> "lodz")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFKC", stripped).translate(_BASE_LETTERS).split())


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search query; empty when there is nothing to search for."""
    return fold(query).split()


def search_text(row: Mapping[str, Any]) -> str:
    """What a representative is found by: name, given and family name, constituency.

    The parts are separated by line breaks, which no search term contains, so a term
    never matches across two of them.
    """
    parts = (row.get(key) for key in ("name", "given_name", "family_name", "constituency"))
    return "\n".join(fold(part) for part in parts if part)


def sort_key(row: Mapping[str, Any]) -> str:
    """Order by family name (the name when there is none), folded."""
    return fold(row.get("family_name") or row.get("name"))
