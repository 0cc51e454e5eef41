"""Campaign counts read back for staff: filtered rows, totals, CSV and the chart's series.

There is nothing else to read: the composer keeps only (country, action, chamber, locale,
day, count) (advocacy.letters.counts); the chamber is a written question's, "" for a letter.
Nothing here needs Flask.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from advocacy.reports.models import CampaignCount

CSV_FIELDS = ("day", "country", "action", "chamber", "locale", "count")
# The chart has a bar per day up to this many days, then per month, then per year.
MOST_DAYS = 62
MOST_MONTHS = 48


@dataclass(frozen=True)
class CountFilter:
    """Which counts to read: a period (both ends included) and optional exact values."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    country: str | None = None
    action: str | None = None
    locale: str | None = None
    chamber: str | None = None


@dataclass(frozen=True)
class CountRow:
    day: str  # YYYY-MM-DD
    country: str
    action: str
    locale: str
    count: int
    chamber: str = ""  # a written question's chamber


@dataclass(frozen=True)
class Totals:
    """Sums of the rows: overall, per country, action, locale and chamber (largest first), by day."""

    total: int
    by_country: list[tuple[str, int]]
    by_action: list[tuple[str, int]]
    by_locale: list[tuple[str, int]]
    by_day: list[tuple[str, int]]
    by_chamber: list[tuple[str, int]] = field(default_factory=list)  # written questions only


@dataclass(frozen=True)
class Series:
    """The chart's bars: one per day, month or year of the period (zero where nothing was counted)."""

    grain: str  # "day", "month" or "year"
    bars: list[tuple[datetime.date, int]]  # the first day of each bar's period


def _matching(query: Select, wanted: CountFilter) -> Select:
    table = CampaignCount
    # Days are stored as ISO text, so comparing the text compares the dates.
    if wanted.start:
        query = query.where(table.day >= wanted.start.isoformat())
    if wanted.end:
        query = query.where(table.day <= wanted.end.isoformat())
    for column, value in (
        (table.country, wanted.country),
        (table.action, wanted.action),
        (table.chamber, wanted.chamber),
        (table.locale, wanted.locale),
    ):
        if value:
            query = query.where(column == value)
    return query


def count_rows(session: Session, wanted: CountFilter, limit: int | None = None) -> list[CountRow]:
    """The stored counts that match, by day, then country, action, chamber and locale (the first `limit`)."""
    table = CampaignCount
    columns = (table.day, table.country, table.action, table.locale, table.count, table.chamber)
    query = _matching(select(*columns), wanted)
    query = query.order_by(table.day, table.country, table.action, table.chamber, table.locale).limit(limit)
    return [CountRow(*row) for row in session.execute(query)]


def count_totals(session: Session, wanted: CountFilter) -> Totals:
    """Add the matching counts up, in the database."""

    def grouped(column: InstrumentedAttribute[str]) -> dict[str, int]:
        query = select(column, func.sum(CampaignCount.count)).group_by(column)
        return {key: int(total) for key, total in session.execute(_matching(query, wanted))}

    by_day = grouped(CampaignCount.day)
    by_chamber = {chamber: n for chamber, n in grouped(CampaignCount.chamber).items() if chamber}
    return Totals(
        total=sum(by_day.values()),
        by_country=_largest_first(grouped(CampaignCount.country)),
        by_action=_largest_first(grouped(CampaignCount.action)),
        by_locale=_largest_first(grouped(CampaignCount.locale)),
        by_day=sorted(by_day.items()),
        by_chamber=_largest_first(by_chamber),
    )


def _largest_first(sums: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(sums.items(), key=lambda item: (-item[1], item[0]))


def recorded_values(session: Session) -> dict[str, list[str]]:
    """The countries, actions, question chambers and locales that have counts, for the filter's menus."""
    table = CampaignCount
    columns = {"country": table.country, "action": table.action, "chamber": table.chamber}
    columns["locale"] = table.locale
    values = {name: sorted(session.scalars(select(column).distinct())) for name, column in columns.items()}
    values["chamber"] = [chamber for chamber in values["chamber"] if chamber]  # "" is a letter
    return values


def csv_text(rows: Iterable[CountRow]) -> str:
    """The rows as CSV with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows((row.day, row.country, row.action, row.chamber, row.locale, row.count) for row in rows)
    return buffer.getvalue()


def _bar_start(day: datetime.date, grain: str) -> datetime.date:
    if grain == "year":
        return day.replace(month=1, day=1)
    return day.replace(day=1) if grain == "month" else day


def _next(start: datetime.date, grain: str) -> datetime.date:
    if grain == "day":
        return start + datetime.timedelta(days=1)
    if grain == "year":
        return start.replace(year=start.year + 1)
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


def series(
    by_day: Sequence[tuple[str, int]], start: datetime.date | None = None, end: datetime.date | None = None
) -> Series:
    """Bars over the period (from the first to the last counted day where it is open), gaps as zeros."""
    days = {datetime.date.fromisoformat(day): count for day, count in by_day}
    first = start or min(days, default=None)
    last = end or max(days, default=None)
    if first is None or last is None or first > last:
        return Series("day", [])
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    grain = "day" if (last - first).days + 1 <= MOST_DAYS else "month" if months <= MOST_MONTHS else "year"
    sums: Counter = Counter()
    for day, count in days.items():
        sums[_bar_start(day, grain)] += count
    bars, cursor = [], _bar_start(first, grain)
    while cursor <= last:
        bars.append((cursor, sums[cursor]))
        cursor = _next(cursor, grain)
    return Series(grain, bars)
