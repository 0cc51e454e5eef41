"""Campaign counts: the only trace a letter leaves."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import CODE, DATE, ID


class CampaignCount(Model):
    """How many letters were taken per country, action, chamber, locale and day: nothing else.

    The chamber is set for written questions only ("" for letters), so the counts say which
    parliament the questions were drafted for.
    """

    __tablename__ = "campaign_count"
    country: Mapped[str] = mapped_column(CODE, primary_key=True)
    action: Mapped[str] = mapped_column(String(60), primary_key=True)
    chamber: Mapped[str] = mapped_column(ID, primary_key=True, default="", server_default="")
    locale: Mapped[str] = mapped_column(String(10), primary_key=True)
    day: Mapped[str] = mapped_column(DATE, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class CountedLetter(Model):
    """A letter already counted: a random id, linked to nothing, kept a few days so it counts once.

    The id comes from the finished page's signed token (advocacy.letters.taking); the day is
    only there to purge old ids (advocacy.letters.counts.record_taken).
    """

    __tablename__ = "counted_letter"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(DATE, index=True)
