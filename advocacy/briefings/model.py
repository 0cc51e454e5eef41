"""The briefing as plain data: every string already in the briefing's language.

These records cross into the renderer's worker process (pickled), so they hold only
strings, numbers and tuples: no database rows, no lazy strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advocacy.briefings.replies import ReplySection


@dataclass(frozen=True)
class Note:
    """A numbered source, cited as a footnote by every fact that rests on it."""

    number: int
    title: str
    urls: tuple[str, ...]
    as_of: str
    verified: bool
    text: str  # the footnote: title, site, date of the evidence, confidence, standing


@dataclass(frozen=True)
class InstrumentRow:
    """One treaty, agreement or memorandum, as a table row."""

    name: str
    counterpart: str
    status: str
    signed: str
    in_force: str
    notes: str  # English, from the data
    note: int
    verified: bool


@dataclass(frozen=True)
class Event:
    """A dated step in an instrument's life: signed, in force, suspended, ended."""

    sort_key: str  # the partial ISO date, for ordering
    date: str
    instrument: str
    what: str
    note: int


@dataclass(frozen=True)
class RulingRow:
    """A court or treaty-body decision."""

    date: str
    court: str
    case_name: str
    outcome: str
    summary: str
    note: int


@dataclass(frozen=True)
class CaseRow:
    """A public case of an (attempted) involuntary return."""

    year: str
    person: str
    method: str
    outcome: str
    target_group: str
    note: int


@dataclass(frozen=True)
class FigureRow:
    """A headline figure with its scope and source."""

    scope: str
    value: str
    statement: str  # English, from the data
    note: int


@dataclass(frozen=True)
class ActionRow:
    """A recommended action and why it fits."""

    title: str
    reason: str


@dataclass(frozen=True)
class Question:
    """The draft written question for one chamber, in the language it is written in."""

    chamber: str
    procedure: str
    subject: str
    body: str
    lang: str  # BCP 47 tag of the draft's language
    direction: str
    notice: str  # why the draft is not in the briefing's language, or ""


@dataclass(frozen=True)
class Panel:
    """One plot of a chart: a title and its bars (label, count)."""

    title: str
    bars: tuple[tuple[str, int], ...]
    empty: str  # what to print when every count is zero


@dataclass(frozen=True)
class Chart:
    """A chart of public cases, one panel for the country and one for the world."""

    key: str  # "method" or "year"
    title: str
    caption: str
    panels: tuple[Panel, ...]


@dataclass(frozen=True)
class Briefing:
    """Everything a country briefing prints, in one locale."""

    code: str
    locale: str  # URL tag, e.g. "zh-Hans"
    babel_locale: str  # e.g. "zh_Hans"
    lang: str  # <html lang>
    direction: str  # "ltr" or "rtl"
    country: str
    title: str
    date: str
    locale_name: str
    last_verified: str
    summary: str
    fallback_notice: str  # "" when every interface string used has a translation
    untranslated: int
    text: dict[str, str]  # headings and labels, by key
    instruments: tuple[InstrumentRow, ...] = ()
    timeline: tuple[Event, ...] = ()
    rulings: tuple[RulingRow, ...] = ()
    cases: tuple[CaseRow, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    question: Question | None = None
    charts: tuple[Chart, ...] = ()
    notes: tuple[Note, ...] = ()
    case_count: int = 0
    english: frozenset[str] = frozenset()  # interface strings that fell back to English
    report: ReportSection | None = None
    replies: ReplySection | None = None  # response rates per chamber and member (advocacy.replies)
    data_version: str = ""  # the line naming the data version it was made from, translated


@dataclass(frozen=True)
class ReportLine:
    """A channel in the briefing's "where to report": who, what kind, how to reach it."""

    body: str  # English, from the data
    kind: str
    contact: str  # as the source shows it, or a line saying it was not shown
    verified: bool
    note: int


@dataclass(frozen=True)
class ReportSection:
    """Where to report in the country: emergency numbers apart, then channels, then international ones."""

    heading: str
    verdict: str
    dedicated_quote: str  # English: the source's words, when it says the country has a dedicated channel
    emergency_heading: str
    emergency_note: str
    emergency: tuple[ReportLine, ...]
    channels: tuple[ReportLine, ...]
    international_heading: str
    international: tuple[ReportLine, ...]
    asking_heading: str
    asking: tuple[tuple[str, int], ...]  # "body, title (date): statement" (English), note
