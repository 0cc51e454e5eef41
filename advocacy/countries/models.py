"""Database models: one table per data file, plus dataset metadata.

Column names match the field names in data/datapackage.json so that import and
export can map rows to models without a hand-written table per file.
"""

from __future__ import annotations

import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from advocacy.core.extensions import Model
from advocacy.representatives.rows import search_text, sort_key

ID = String(80)
CODE = String(8)
DATE = String(10)  # partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD
ENUM = String(40)


class Sourced:
    """Columns every fact carries: where it was read and how sure we are."""

    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(ENUM)
    verified: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[str] = mapped_column(DATE)


class Instrument(Sourced, Model):
    """A treaty, agreement or memorandum between a country and the PRC or Hong Kong."""

    __tablename__ = "instrument"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    counterpart: Mapped[str] = mapped_column(CODE)
    instrument: Mapped[str] = mapped_column(ENUM)
    status: Mapped[str] = mapped_column(ENUM)
    signed: Mapped[str | None] = mapped_column(DATE)
    in_force: Mapped[str | None] = mapped_column(DATE)
    suspended: Mapped[str | None] = mapped_column(DATE)
    suspended_by_counterpart: Mapped[str | None] = mapped_column(DATE)
    ended: Mapped[str | None] = mapped_column(DATE)
    notes: Mapped[str | None] = mapped_column(Text)


class Ruling(Sourced, Model):
    """A court or treaty-body decision on an extradition to the PRC."""

    __tablename__ = "ruling"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    date: Mapped[str] = mapped_column(DATE)
    court: Mapped[str] = mapped_column(Text)
    case_name: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(ENUM)
    summary: Mapped[str] = mapped_column(Text)


class Case(Sourced, Model):
    """A reported (attempted) involuntary return; restricted unless public is true."""

    __tablename__ = "case_report"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    year: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(ENUM)
    outcome: Mapped[str] = mapped_column(ENUM)
    target_group: Mapped[str] = mapped_column(Text)
    person: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, index=True)
    summary: Mapped[str] = mapped_column(Text)


class Figure(Sourced, Model):
    """A headline figure, worldwide or for one country."""

    __tablename__ = "figure"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    scope: Mapped[str] = mapped_column(CODE, index=True)
    metric: Mapped[str] = mapped_column(ENUM)
    # Kept as the text the data file gives, so export returns the same bytes.
    value: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(ENUM)
    unit: Mapped[str] = mapped_column(ENUM)
    period_start: Mapped[str | None] = mapped_column(DATE)
    period_end: Mapped[str | None] = mapped_column(DATE)
    statement: Mapped[str] = mapped_column(Text)


class Chamber(Sourced, Model):
    """A parliamentary chamber and its written-question procedure."""

    __tablename__ = "chamber"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    country: Mapped[str] = mapped_column(CODE, index=True)
    name: Mapped[str] = mapped_column(Text)
    procedure: Mapped[str | None] = mapped_column(Text)
    written_questions: Mapped[bool] = mapped_column(Boolean)
    languages: Mapped[str] = mapped_column(Text)
    serves: Mapped[str] = mapped_column(Text)
    word_limit: Mapped[int | None] = mapped_column(Integer)
    subquestion_limit: Mapped[int | None] = mapped_column(Integer)
    answer_due: Mapped[str | None] = mapped_column(Text)


class Representative(Model):
    """A member of a chamber, as imported from the chamber's own list (CSV or Popolo)."""

    __tablename__ = "representative"
    # Deferred, so that `data import` may delete and re-insert the chambers in one transaction.
    chamber_id: Mapped[str] = mapped_column(
        ID, ForeignKey("chamber.id", deferrable=True, initially="DEFERRED"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    given_name: Mapped[str | None] = mapped_column(Text)
    family_name: Mapped[str | None] = mapped_column(Text)
    # Chooses the salutation: neutral, feminine ("Madame la Députée"), masculine.
    form_of_address: Mapped[str] = mapped_column(ENUM, default="neutral", server_default="neutral")
    constituency: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    postal_address: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[str | None] = mapped_column(DATE)
    # Kept by the listener below: folded name and constituency for search, folded family name for order.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="")


@event.listens_for(Representative, "before_insert")
@event.listens_for(Representative, "before_update")
def _refresh_search_keys(
    mapper: Mapper[Representative], connection: Connection, target: Representative
) -> None:
    values = {key: getattr(target, key) for key in ("name", "given_name", "family_name", "constituency")}
    target.search_text = search_text(values)
    target.sort_key = sort_key(values)


class DatasetMeta(Model):
    """Key/value facts about the loaded dataset (its version hash, when loaded)."""

    __tablename__ = "dataset_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Data file resource name -> model; the order is the import order.
RESOURCE_MODELS: dict[str, type[Instrument | Ruling | Case | Figure | Chamber]] = {
    "treaties": Instrument,
    "rulings": Ruling,
    "cases": Case,
    "figures": Figure,
    "chambers": Chamber,
}


class CampaignCount(Model):
    """How many letters were produced per country, action, locale and day: nothing else."""

    __tablename__ = "campaign_count"
    country: Mapped[str] = mapped_column(CODE, primary_key=True)
    action: Mapped[str] = mapped_column(String(60), primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), primary_key=True)
    day: Mapped[str] = mapped_column(DATE, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class ExportJob(Model):
    """An export of every country's briefing in some locales, run on the task queue.

    status: queued, running, done (a zip was written; failed_count > 0 means "done with
    failures"), failed (no zip could be written). Times are naive UTC.
    """

    __tablename__ = "export_job"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created: Mapped[datetime.datetime] = mapped_column(DateTime)
    started: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    finished: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    locales: Mapped[str] = mapped_column(Text)  # URL tags, comma-separated: "en,fr"
    status: Mapped[str] = mapped_column(String(20), index=True)
    total: Mapped[int] = mapped_column(Integer)
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    zip_checksum: Mapped[str | None] = mapped_column(String(64))  # SHA-256, hex
    zip_size: Mapped[int | None] = mapped_column(Integer)


class ExportDocument(Model):
    """One briefing (country, locale) of an export job: pending, done (with its file's checksum) or failed.

    A consumer holds the lease while printing it; a lease left by a killed consumer is
    released when a consumer starts on the same host or when it expires.
    """

    __tablename__ = "export_document"
    __table_args__ = (UniqueConstraint("job_id", "country", "locale"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(Integer, ForeignKey("export_job.id", ondelete="CASCADE"))
    country: Mapped[str] = mapped_column(CODE)
    locale: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    checksum: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the PDF, hex
    size: Mapped[int | None] = mapped_column(Integer)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    finished: Mapped[datetime.datetime | None] = mapped_column(DateTime)
