"""Where to report: one table per data file (channels, guidance, recommendations).

Column names match data/datapackage.json, so import and export map rows to models by name.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Text
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import CODE, DATE, ENUM, ID, Sourced


class Channel(Sourced, Model):
    """A way to report (or, marked emergency_only, an emergency number) in a country, the EU or anywhere."""

    __tablename__ = "report_channel"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(ENUM)
    channel: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    sms: Mapped[str | None] = mapped_column(Text)
    web: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    post: Mapped[str | None] = mapped_column(Text)
    not_shown: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    languages: Mapped[str | None] = mapped_column(Text)
    languages_note: Mapped[str | None] = mapped_column(Text)
    emergency_only: Mapped[bool] = mapped_column(Boolean)
    dedicated: Mapped[bool] = mapped_column(Boolean)
    anonymous: Mapped[str | None] = mapped_column(ENUM)
    notes: Mapped[str | None] = mapped_column(Text)
    source_date: Mapped[str | None] = mapped_column(DATE)


class Guidance(Sourced, Model):
    """A government's guidance, commitment or reaction, a source's assessment, or a research gap."""

    __tablename__ = "report_guidance"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    countries: Mapped[str] = mapped_column(Text)  # codes separated by spaces
    kind: Mapped[str] = mapped_column(ENUM)
    body: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(DATE)
    statement: Mapped[str] = mapped_column(Text)
    dedicated: Mapped[str | None] = mapped_column(ENUM)
    notes: Mapped[str | None] = mapped_column(Text)


class Recommendation(Sourced, Model):
    """A call for a reporting mechanism (or related protection), by whom, for which countries."""

    __tablename__ = "report_recommendation"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    countries: Mapped[str] = mapped_column(Text)  # codes separated by spaces
    body: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(ENUM)
    date: Mapped[str | None] = mapped_column(DATE)
    asks: Mapped[str] = mapped_column(ENUM)
    statement: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


# Data file resource name -> model, in import order (after the countries' tables).
REPORTING_MODELS: dict[str, type[Channel | Guidance | Recommendation]] = {
    "channels": Channel,
    "guidance": Guidance,
    "recommendations": Recommendation,
}
