"""Issuing reply codes, finding a code's row again, and taking one report per code.

A code is shown once, on the finished letter's page; only its keyed digest is stored. Its
report can be made and corrected until CORRECTABLE after the week it was issued; then the
digest is forgotten (so no one, holding the code or not, can find the row again) and codes
never reported are dropped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advocacy.replies.codes import LENGTH, digest, new_code, normalize
from advocacy.replies.models import ReplyCode

REPLIED = ("not-yet", "yes", "form-letter")
ANSWERED = ("yes", "form-letter")
# How long the answer took, in weeks: "1" within a week, "2" within two weeks, ..., "more".
TOOK = ("1", "2", "4", "8", "13", "more")
STANCES = ("support", "non-committal", "refuse", "tabled")
# A report can be made and corrected for three months: 13 weeks after the week of issue.
CORRECTABLE = datetime.timedelta(weeks=13)


@dataclass(frozen=True)
class Origin:
    """What a code is about, as the finished page knows it (never anything the campaigner typed)."""

    country: str
    action: str
    chamber: str = ""
    member: str = ""  # a representative's id in the chamber's list, only when chosen from it
    member_name: str = ""  # that representative's name as the list gives it


@dataclass(frozen=True)
class Answer:
    """A report: did they reply, how long it took, what they said they would do."""

    replied: str
    took: str = ""
    stance: str = ""

    def problems(self) -> list[str]:
        """The fields that do not fit, by name ([] for a sound report)."""
        if self.replied not in REPLIED:
            return ["replied"]
        if self.replied == "not-yet":
            return [name for name in ("took", "stance") if getattr(self, name)]
        wrong = [] if self.took in TOOK else ["took"]
        return wrong + ([] if self.stance in STANCES else ["stance"])


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime.date:
    year, number = week.split("-W")
    return datetime.date.fromisocalendar(int(year), int(number), 1)


def open_until(week: str) -> datetime.date:
    """The last day a code of this week can be reported or corrected."""
    return week_start(week) + datetime.timedelta(days=7) + CORRECTABLE


def issue(session: Session, secret: str, origin: Origin, today: datetime.date) -> str:
    """Make a code for a finished letter and store its digest with what the letter was about."""
    forget_closed(session, today)
    for _ in range(3):  # two equal codes out of 2^100 will not happen; a clash is retried all the same
        code = new_code()
        session.add(
            ReplyCode(
                digest=digest(secret, normalize(code) or ""),
                country=origin.country,
                action=origin.action,
                chamber=origin.chamber,
                member=origin.member,
                member_name=origin.member_name[:200],
                week=iso_week(today),
            )
        )
        try:
            session.commit()
            return code
        except IntegrityError:
            session.rollback()
    raise RuntimeError("could not store a reply code")


def find(session: Session, secret: str, text: str, today: datetime.date) -> ReplyCode | None:
    """The row of a code still open to reports; None for a malformed, unknown or closed code alike."""
    raw = normalize(text)
    # A malformed code is looked up too (as a code no one holds), so both take the same path.
    row = session.scalar(select(ReplyCode).where(ReplyCode.digest == digest(secret, raw or "-" * LENGTH)))
    if raw is None or row is None or open_until(row.week) < today:
        return None
    return row


def record(session: Session, row: ReplyCode, answer: Answer) -> None:
    """Keep the code's one report, replacing any earlier one."""
    if answer.problems():
        raise ValueError(f"unsound report: {answer.problems()}")
    row.replied, row.took, row.stance = answer.replied, answer.took, answer.stance
    row.revision = (row.revision or 0) + 1
    session.commit()


def forget_closed(session: Session, today: datetime.date) -> None:
    """Forget the digests of codes past correcting, and drop the codes never reported."""
    # ISO week names sort in time order; weeks before this one are closed whatever the day.
    closed = iso_week(today - CORRECTABLE - datetime.timedelta(days=7))
    session.execute(delete(ReplyCode).where(ReplyCode.week < closed, ReplyCode.replied == ""))
    session.execute(
        update(ReplyCode).where(ReplyCode.week < closed, ReplyCode.digest.is_not(None)).values(digest=None)
    )
    session.commit()
