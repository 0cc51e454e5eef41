"""Campaign counts: the only trace a letter leaves."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import CODE, DATE


class CampaignCount(Model):
    """How many letters were produced per country, action, locale and day: nothing else."""

    __tablename__ = "campaign_count"
    country: Mapped[str] = mapped_column(CODE, primary_key=True)
    action: Mapped[str] = mapped_column(String(60), primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), primary_key=True)
    day: Mapped[str] = mapped_column(DATE, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
