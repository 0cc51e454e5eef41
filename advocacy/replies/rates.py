"""Response rates per chamber and per member, shown only over a threshold of reports.

A figure that rests on few reports could let someone who knows of one letter guess what
its writer reported, so no figure is given below THRESHOLD reports, and each figure says
how many reports it rests on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from advocacy.replies.models import ReplyCode

THRESHOLD = 10  # reports a figure must rest on before it is shown anywhere


@dataclass(frozen=True)
class Rate:
    """The reports about one chamber, or one member of it."""

    chamber: str
    member: str  # "" for the chamber as a whole
    member_name: str
    reports: int
    answered: int  # a reply of their own or a form letter
    form_letters: int
    support: int  # said they would support the ask
    tabled: int  # tabled the question
    refused: int

    def share(self, part: int) -> int:
        """A part of the reports as a whole percentage."""
        return round(100 * part / self.reports) if self.reports else 0


def _counted(*columns: Any) -> list[Any]:
    def times(column: Any, *values: str) -> Any:
        return func.sum(case((column.in_(values), 1), else_=0))

    return [
        *columns,
        func.count(),
        times(ReplyCode.replied, "yes", "form-letter"),
        times(ReplyCode.replied, "form-letter"),
        times(ReplyCode.stance, "support"),
        times(ReplyCode.stance, "tabled"),
        times(ReplyCode.stance, "refuse"),
    ]


def chamber_rates(session: Session, chambers: Iterable[str] | None = None) -> list[Rate]:
    """Each chamber's figures over THRESHOLD reports (all chambers when none are named)."""
    query = select(*_counted(ReplyCode.chamber)).where(ReplyCode.replied != "", ReplyCode.chamber != "")
    if chambers is not None:
        query = query.where(ReplyCode.chamber.in_(list(chambers)))
    query = query.group_by(ReplyCode.chamber).having(func.count() >= THRESHOLD).order_by(ReplyCode.chamber)
    return [Rate(row[0], "", "", *map(int, row[1:])) for row in session.execute(query)]


def member_rates(session: Session, chambers: Iterable[str] | None = None) -> list[Rate]:
    """Each listed member's figures over THRESHOLD reports."""
    query = select(*_counted(ReplyCode.chamber, ReplyCode.member, func.max(ReplyCode.member_name))).where(
        ReplyCode.replied != "", ReplyCode.member != ""
    )
    if chambers is not None:
        query = query.where(ReplyCode.chamber.in_(list(chambers)))
    query = query.group_by(ReplyCode.chamber, ReplyCode.member).having(func.count() >= THRESHOLD)
    rows = [Rate(row[0], row[1], row[2] or row[1], *map(int, row[3:])) for row in session.execute(query)]
    return sorted(rows, key=lambda r: (r.chamber, -r.reports, r.member_name))


def unshown(session: Session) -> int:
    """Reports that no chamber figure rests on (their chamber has too few, or is not known)."""
    total = session.scalar(select(func.count()).where(ReplyCode.replied != "")) or 0
    return total - sum(rate.reports for rate in chamber_rates(session))


def stamp(session: Session) -> str:
    """Changes whenever a report is made or corrected (for the public pages' cache)."""
    count, revisions = session.execute(
        select(func.count(), func.coalesce(func.sum(ReplyCode.revision), 0)).where(ReplyCode.replied != "")
    ).one()
    return f"{count}.{revisions}"


CSV_FIELDS = (
    "chamber",
    "member",
    "member_name",
    "reports",
    "answered",
    "form_letters",
    "support",
    "tabled",
    "refused",
)


def csv_text(rates: Iterable[Rate]) -> str:
    """The figures as CSV, chambers and members alike (member empty for a chamber)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for rate in rates:
        writer.writerow([getattr(rate, name) for name in CSV_FIELDS])
    return out.getvalue()
