"""The only record the composer keeps: a count per country, action, locale and day."""

from __future__ import annotations

import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advocacy.reports.models import CampaignCount


def record_letter(session: Session, *, country: str, action: str, locale: str, day: datetime.date) -> None:
    """Add one to the day's count; nothing about the writer is kept."""
    key = {"country": country, "action": action, "locale": locale, "day": day.isoformat()}
    for _ in range(2):  # a second try covers two workers creating the same row at once
        result = session.execute(update(CampaignCount).filter_by(**key).values(count=CampaignCount.count + 1))
        bumped = cast(CursorResult[Any], result).rowcount
        try:
            if not bumped:
                session.add(CampaignCount(**key, count=1))
            session.commit()
            return
        except IntegrityError:
            session.rollback()
    raise RuntimeError("could not record the campaign count")
