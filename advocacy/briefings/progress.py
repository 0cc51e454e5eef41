"""What an export job has done so far, read from its rows: for the CLI, the staff page and the zip.

Nothing here changes a job (advocacy.briefings.jobs does); none of it needs Flask.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.briefings.export import Failure
from advocacy.briefings.jobs import DONE, FAILED, PENDING
from advocacy.briefings.models import ExportDocument, ExportJob


@dataclass(frozen=True)
class JobProgress:
    """What a job has done so far, for the CLI and (later) the staff page."""

    id: int
    status: str  # queued, running, done, failed
    locales: tuple[str, ...]
    created: datetime.datetime
    started: datetime.datetime | None
    finished: datetime.datetime | None
    total: int
    done: int
    failed: int
    failures: tuple[Failure, ...]
    error: str | None  # why the job failed (no zip)
    zip_checksum: str | None
    zip_size: int | None

    @property
    def pending(self) -> int:
        return self.total - self.done - self.failed

    @property
    def finished_documents(self) -> int:
        return self.done + self.failed

    @property
    def state(self) -> str:
        """The status as people read it: "done with failures" when some documents failed."""
        return "done with failures" if self.status == DONE and self.failed else self.status

    @property
    def is_finished(self) -> bool:
        return self.status in (DONE, FAILED)


def job_progress(session: Session, job_id: int) -> JobProgress | None:
    """A job's progress, or None when there is no such job."""
    job = session.get(ExportJob, job_id, populate_existing=True)
    if job is None:
        return None
    failed = session.scalars(
        select(ExportDocument)
        .where(ExportDocument.job_id == job_id, ExportDocument.status == FAILED)
        .order_by(ExportDocument.country, ExportDocument.locale)
    )
    failures = tuple(Failure(d.country, d.locale, d.error or "", d.attempts) for d in failed)
    progress = JobProgress(
        id=job.id,
        status=job.status,
        locales=tuple(job.locales.split(",")) if job.locales else (),
        created=job.created,
        started=job.started,
        finished=job.finished,
        total=job.total,
        done=job.done_count,
        failed=job.failed_count,
        failures=failures,
        error=job.error,
        zip_checksum=job.zip_checksum,
        zip_size=job.zip_size,
    )
    return progress


def latest_jobs(session: Session, limit: int = 20) -> list[int]:
    """The most recent jobs' ids, newest first."""
    return list(session.scalars(select(ExportJob.id).order_by(ExportJob.id.desc()).limit(limit)))


def zip_contents(session: Session, job_id: int) -> tuple[list[ExportDocument], list[Failure], int]:
    """A job's done documents, its failures, and how many are still pending."""
    documents = list(
        session.scalars(
            select(ExportDocument)
            .where(ExportDocument.job_id == job_id)
            .order_by(ExportDocument.country, ExportDocument.locale)
        )
    )
    done = [d for d in documents if d.status == DONE]
    failures = [
        Failure(d.country, d.locale, d.error or "", d.attempts) for d in documents if d.status == FAILED
    ]
    return done, failures, sum(d.status == PENDING for d in documents)
