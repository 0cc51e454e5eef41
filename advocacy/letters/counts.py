"""The only record the composer keeps: a count per country, action, chamber, locale and day.

A letter made in the composer is counted when it is taken (downloaded, copied or e-mailed),
once however many ways it is taken: record_taken() keeps its random id a few days
(advocacy.letters.taking). The mail merge counts each letter it writes (record_letter()).
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advocacy.letters.taking import TOKEN_AGE, Taken
from advocacy.reports.models import CampaignCount, CountedLetter

# Ids are kept until every token that could carry them has expired, then forgotten.
KEEP_DAYS = TOKEN_AGE // (24 * 3600) + 1


def record_letter(
    session: Session, *, country: str, action: str, locale: str, day: datetime.date, chamber: str = ""
) -> None:
    """Add one to the day's count; nothing about the writer is kept."""
    key = {"country": country, "action": action, "chamber": chamber, "locale": locale}
    for _ in range(2):  # a second try covers two workers creating the same row at once
        try:
            _bump(session, key | {"day": day.isoformat()})
            session.commit()
            return
        except IntegrityError:
            session.rollback()
    raise RuntimeError("could not record the campaign count")


def record_taken(session: Session, taken: Taken, day: datetime.date) -> bool:
    """Count a taken letter unless its id was counted already; say whether it was counted now."""
    key = {"country": taken.country, "action": taken.action, "chamber": taken.chamber, "locale": taken.locale}
    for _ in range(2):
        # The id and the count go in one transaction: a second worker taking the same letter at
        # the same moment waits on the id's key and then fails on it, so it never counts twice.
        session.add(CountedLetter(id=taken.id, day=day.isoformat()))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            return False
        try:
            _bump(session, key | {"day": day.isoformat()})
            session.commit()
            break
        except IntegrityError:  # two workers created the day's row at once: try again
            session.rollback()
    else:
        raise RuntimeError("could not record the campaign count")
    forget_old_ids(session, day)
    return True


def forget_old_ids(session: Session, today: datetime.date) -> None:
    """Drop the ids of letters counted more than KEEP_DAYS ago: their tokens have expired."""
    oldest = (today - datetime.timedelta(days=KEEP_DAYS)).isoformat()
    session.execute(delete(CountedLetter).where(CountedLetter.day < oldest))
    session.commit()


def _bump(session: Session, key: dict[str, str]) -> None:
    """Add one to a count row, creating it at one (the caller commits, or retries on a race)."""
    result = session.execute(update(CampaignCount).filter_by(**key).values(count=CampaignCount.count + 1))
    if not cast(CursorResult[Any], result).rowcount:
        session.add(CampaignCount(**key, count=1))
        session.flush()
