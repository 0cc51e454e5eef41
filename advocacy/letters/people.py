"""Read and check a people file for a mail merge: one letter per row, staff-supplied.

The rules for each field are the composer form's (advocacy.letters.forms imports the shared
constants from here): the same lengths, the same refusal of control characters and
bidirectional overrides, the same e-mail pattern. A file that cannot be read as a whole
(not UTF-8, empty, malformed CSV, wrong columns) is rejected whole; a bad row is reported
by the physical line it starts on and the column, and never quotes what the cell holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from advocacy.core.csvfiles import MalformedCsv, NotUtf8, decode_utf8, records
from advocacy.records.datafiles import Problem

# --- Field rules shared with the web forms (advocacy.letters.forms) ------------------------------

# Control characters (tab and newline aside) and bidirectional overrides that could
# disguise text (e.g. U+202E reverses what follows): refused, never passed on.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# The letter's own text may hold the first-strong isolates the letter service puts around
# inserted names and numbers (advocacy.core.bidi); nothing else that FORBIDDEN refuses.
FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066\u2067]")
SIMPLE_EMAIL = r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$"
NAME_MAX, ADDRESS_MAX, PARAGRAPH_MAX, BODY_MAX = 120, 600, 3000, 20000
# Lines of a letter's body (or its question) as a campaigner edits it: a long letter has a few
# dozen; 6,000 one-character lines (well under BODY_MAX) took 11 s to print.
LINES_MAX = 300

_EMAIL = re.compile(SIMPLE_EMAIL)
_LINE_BREAK = re.compile(r"[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class FieldRule:
    """How one column is checked; mirrors a field of advocacy.letters.forms.ComposeForm."""

    name: str
    maximum: int = NAME_MAX
    required: bool = False
    multiline: bool = False  # a text area in the form; other fields are one line
    email: bool = False


FIELDS = (
    FieldRule("sender_name", required=True),
    FieldRule("sender_town"),
    FieldRule("recipient_name"),
    FieldRule("recipient_title"),
    FieldRule("recipient_address", ADDRESS_MAX, multiline=True),
    FieldRule("recipient_email", email=True),
    FieldRule("personal", PARAGRAPH_MAX, multiline=True),
)
LOCALE_COLUMN = "locale"
COLUMNS = (*(rule.name for rule in FIELDS), LOCALE_COLUMN)
REQUIRED_COLUMNS = tuple(rule.name for rule in FIELDS if rule.required)


def field_problems(rule: FieldRule, value: str) -> list[str]:
    """Check one stripped value as the form would; messages never quote the value."""
    if not value:
        return ["is required"] if rule.required else []
    problems = []
    if rule.email and not _EMAIL.match(value):
        problems.append("is not an e-mail address")
    if len(value) > rule.maximum:
        problems.append(f"is {len(value)} characters long; the limit is {rule.maximum}")
    hidden = FORBIDDEN.search(value)
    if hidden:
        problems.append(
            f"contains an invisible control or direction character (U+{ord(hidden.group()):04X}"
            f" at character {hidden.start() + 1}); retype it"
        )
    # The form's single-line fields are <input>s, which cannot hold a line break.
    if not rule.multiline and not rule.email and _LINE_BREAK.search(value):
        problems.append("must be on one line")
    return problems


# --- The people file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One good row: who writes to whom, with the row's number and first line in the file."""

    number: int  # 1 for the first data row; bad rows keep their numbers too
    line: int
    locale: str
    sender_name: str
    sender_town: str = ""
    recipient_name: str = ""
    recipient_title: str = ""
    recipient_address: str = ""
    recipient_email: str = ""
    personal: str = ""

    @property
    def recipient_lines(self) -> list[str]:
        """The recipient's block on the page: name, title, then the address's lines."""
        return [self.recipient_name, self.recipient_title, *self.recipient_address.split("\n")]


@dataclass
class PeopleFile:
    """The good rows of a people file and every problem found.

    `readable` is False when the file as a whole was refused; then `people` is empty.
    """

    people: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    rows: int = 0  # data rows read, good and bad

    @property
    def bad_rows(self) -> int:
        return len({problem.line for problem in self.problems if problem.line})


def read_people(raw: bytes, name: str, *, locales: Iterable[str], default_locale: str) -> PeopleFile:
    """Read a people file: UTF-8 CSV with a header; columns from COLUMNS in any order.

    locales are the Babel identifiers letters exist in (e.g. "zh_Hans"); a row's `locale`
    cell may also use the tag form ("zh-Hans"), in any case. An empty cell means
    default_locale.
    """
    try:
        text = decode_utf8(raw)
    except NotUtf8 as error:
        return PeopleFile(problems=[Problem(name, error.line, "", str(error))], readable=False)
    if not text.strip():
        return PeopleFile(problems=[Problem(name, 0, "", "file is empty")], readable=False)
    known = {}
    for locale in locales:
        known[locale.casefold()] = known[locale.replace("_", "-").casefold()] = locale
    try:
        return _read_records(records(text), name, known, default_locale)
    except MalformedCsv as error:
        return PeopleFile(problems=[Problem(name, error.line, "", f"malformed CSV: {error}")], readable=False)


def _read_records(
    records: Iterable[tuple[int, list[str]]], name: str, locales: dict[str, str], default_locale: str
) -> PeopleFile:
    records = iter(records)
    header_line, header = next(records, (1, []))
    header = [column.strip() for column in header]
    header_problems = _check_header(header, name, header_line)
    if header_problems:
        return PeopleFile(problems=header_problems, readable=False)
    result = PeopleFile()
    for number, (line, cells) in enumerate(records, start=1):
        result.rows = number
        if len(cells) != len(header):
            message = f"has {len(cells)} cells, the header has {len(header)}"
            result.problems.append(Problem(name, line, "", message))
            continue
        person, row_problems = _check_row(dict(zip(header, cells, strict=True)), number, line, name, locales)
        result.problems.extend(row_problems)
        if person is not None:
            if not person.locale:
                person = replace(person, locale=default_locale)
            result.people.append(person)
    if not result.rows:
        return PeopleFile(problems=[Problem(name, 0, "", "has a header but no rows")], readable=False)
    return result


def _check_header(header: list[str], name: str, line: int) -> list[Problem]:
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    repeated = sorted({column for column in header if header.count(column) > 1})
    if missing:
        problems.append(Problem(name, line, "", "missing column(s): " + ", ".join(missing)))
    if unknown:
        shown = ", ".join(column if column.isprintable() and column else repr(column) for column in unknown)
        problems.append(
            Problem(name, line, "", f"unknown column(s): {shown} (allowed: {', '.join(COLUMNS)})")
        )
    if repeated:
        problems.append(Problem(name, line, "", "repeated column(s): " + ", ".join(repeated)))
    return problems


def _check_row(
    cells: dict[str, str], number: int, line: int, name: str, locales: dict[str, str]
) -> tuple[Person | None, list[Problem]]:
    values: dict[str, str] = {}
    problems: list[Problem] = []
    for rule in FIELDS:
        value = cells.get(rule.name, "").strip()
        if rule.multiline:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        problems.extend(Problem(name, line, rule.name, message) for message in field_problems(rule, value))
        values[rule.name] = value
    wanted = cells.get(LOCALE_COLUMN, "").strip()
    locale = locales.get(wanted.casefold(), "") if wanted else ""
    if wanted and not locale:
        allowed = ", ".join(sorted(set(locales.values())))
        problems.append(Problem(name, line, LOCALE_COLUMN, f"is not a language letters exist in ({allowed})"))
    if problems:
        return None, problems
    return Person(number=number, line=line, locale=locale, **values), []


# --- Output names --------------------------------------------------------------------------


def slug(text: str, limit: int = 40) -> str:
    """Make a safe ASCII file-name part: lower-case letters, digits and hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-")


def output_name(person: Person, width: int, extension: str) -> str:
    """Name a row's file: NNNN-<slug of the recipient, else the sender>.<extension>."""
    words = slug(person.recipient_name) or slug(person.sender_name) or "letter"
    return f"{person.number:0{width}d}-{words}.{extension}"


def number_width(rows: int) -> int:
    """Zero-pad row numbers to four digits, or more for a longer file."""
    return max(4, len(str(rows)))
