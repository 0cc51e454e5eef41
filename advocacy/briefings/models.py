"""Export jobs and their documents, kept in the database so no consumer's death loses work."""

from __future__ import annotations

import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.countries.models import CODE


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
