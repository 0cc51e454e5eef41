"""Export jobs in the database: every country's briefing in some locales, one row per document.

The state lives here, not in the task queue, so that progress survives a killed consumer:
a document is pending until a consumer has written its file and recorded its checksum
(done), or has run out of attempts (failed, with the error). A consumer leases a document
while printing it; leases left by a consumer that died are released (advocacy.briefings.leases)
and the documents printed again. When no document is pending, a zip is built and the job is
done. Progress is read back by advocacy.briefings.progress.

Every function takes a SQLAlchemy session and commits its own change; none needs Flask.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from advocacy.briefings.export import Written
from advocacy.briefings.models import ExportDocument, ExportJob

# Job states (failed: no zip could be written) and document states.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
PENDING = "pending"
UNFINISHED = (QUEUED, RUNNING)


def utcnow() -> datetime.datetime:
    """Naive UTC, as the job tables store it."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def job_folder(root: Path, job_id: int) -> Path:
    """Where a job's documents are written until they are zipped."""
    return root / f"job-{job_id}"


def zip_path(root: Path, job_id: int) -> Path:
    return root / f"briefings-{job_id}.zip"


@dataclass(frozen=True)
class Claim:
    """A document a consumer now holds the lease of."""

    document_id: int
    job_id: int
    country: str
    locale: str
    attempts: int  # including this one


def create_job(session: Session, locales: Sequence[str], countries: Sequence[str]) -> ExportJob:
    """Record a job and its documents (every country in every locale), all pending."""
    now = utcnow()
    job = ExportJob(
        created=now,
        locales=",".join(locales),
        status=QUEUED,
        total=len(countries) * len(locales),
        done_count=0,
        failed_count=0,
    )
    session.add(job)
    session.flush()
    session.add_all(
        ExportDocument(job_id=job.id, country=code, locale=tag, status=PENDING, attempts=0)
        for code in countries
        for tag in locales
    )
    session.commit()
    return job


def document_ids(session: Session, job_id: int, *, status: str = PENDING) -> list[int]:
    query = select(ExportDocument.id).where(ExportDocument.job_id == job_id, ExportDocument.status == status)
    return list(session.scalars(query.order_by(ExportDocument.id)))


def claim_document(
    session: Session, document_id: int, *, owner: str, lease: datetime.timedelta
) -> Claim | None:
    """Take a pending document's lease; None when it is finished or another consumer holds it."""
    now = utcnow()
    result = session.execute(
        update(ExportDocument)
        .where(
            ExportDocument.id == document_id,
            ExportDocument.status == PENDING,
            or_(ExportDocument.lease_until.is_(None), ExportDocument.lease_until < now),
        )
        .values(lease_owner=owner, lease_until=now + lease, attempts=ExportDocument.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    claimed = cast(CursorResult[Any], result).rowcount
    if not claimed:
        session.rollback()
        return None
    document = session.get(ExportDocument, document_id, populate_existing=True)
    assert document is not None  # just updated
    session.execute(
        update(ExportJob)
        .where(ExportJob.id == document.job_id, ExportJob.status == QUEUED)
        .values(status=RUNNING, started=now)
    )
    claim = Claim(document.id, document.job_id, document.country, document.locale, document.attempts)
    session.commit()
    return claim


def _count(session: Session, job_id: int, column: str) -> bool:
    """Count a finished document on its job; True when it was the job's last one."""
    counter = getattr(ExportJob, column)
    session.execute(update(ExportJob).where(ExportJob.id == job_id).values({counter: counter + 1}))
    # The update holds the job's row, so exactly one document sees the sum reach the total.
    job = session.execute(
        select(ExportJob.total, ExportJob.done_count, ExportJob.failed_count).where(ExportJob.id == job_id)
    ).one()
    return job.done_count + job.failed_count >= job.total


def document_done(session: Session, document_id: int, written: Written) -> bool:
    """Record a document's file; True when the job has no pending document left."""
    now = utcnow()
    values = {
        "status": DONE,
        "checksum": written.checksum,
        "size": written.size,
        "error": None,
        "lease_owner": None,
        "lease_until": None,
        "finished": now,
    }
    return _finish(session, document_id, values, "done_count")


def document_failed(
    session: Session, document_id: int, error: str, *, max_attempts: int, permanent: bool = False
) -> tuple[bool, bool]:
    """Record a failed attempt: (whether the document is now failed for good, whether the job is complete).

    A document is failed for good after max_attempts attempts, or at once when the failure
    is permanent (the country has no data any more). Otherwise it stays pending, its lease
    released, to be tried again.
    """
    document = session.get(ExportDocument, document_id, populate_existing=True)
    if document is None or document.status != PENDING:
        session.rollback()
        return True, False
    if permanent or document.attempts >= max_attempts:
        values = {"status": FAILED, "error": error, "lease_owner": None, "lease_until": None}
        return True, _finish(session, document_id, values | {"finished": utcnow()}, "failed_count")
    session.execute(
        update(ExportDocument)
        .where(ExportDocument.id == document_id, ExportDocument.status == PENDING)
        .values(error=error, lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return False, False


def _finish(session: Session, document_id: int, values: dict, counter: str) -> bool:
    result = session.execute(
        update(ExportDocument)
        .where(ExportDocument.id == document_id, ExportDocument.status == PENDING)
        .values(values)
        .execution_options(synchronize_session=False)
    )
    changed = cast(CursorResult[Any], result).rowcount
    if not changed:  # finished meanwhile by a consumer that took over an expired lease
        session.rollback()
        return False
    job_id = session.scalars(select(ExportDocument.job_id).where(ExportDocument.id == document_id)).one()
    complete = _count(session, job_id, counter)
    session.commit()
    return complete


def unfinished(session: Session, job_id: int) -> bool:
    """Whether the job still waits for its zip."""
    return session.scalar(select(ExportJob.status).where(ExportJob.id == job_id)) in UNFINISHED


def reset_documents(
    session: Session, job_id: int, document_ids: Iterable[int], *, max_attempts: int
) -> list[int]:
    """Done documents whose file is missing or damaged: print them again; return those made pending.

    One that has used its attempts is failed instead, so that a file that keeps vanishing
    (an instance folder not shared between consumers' hosts) cannot loop for ever.
    """
    again = []
    for document_id in document_ids:
        document = session.get(ExportDocument, document_id, populate_existing=True)
        if document is None or document.status != DONE:
            continue
        lost = "the file was lost after printing (is the instance folder shared by every consumer?)"
        retry = document.attempts < max_attempts
        values = {"status": PENDING if retry else FAILED, "checksum": None, "size": None, "error": lost}
        session.execute(
            update(ExportDocument)
            .where(ExportDocument.id == document_id, ExportDocument.status == DONE)
            .values(values | {"finished": None if retry else utcnow()})
            .execution_options(synchronize_session=False)
        )
        counts = {ExportJob.done_count: ExportJob.done_count - 1}
        if not retry:
            counts[ExportJob.failed_count] = ExportJob.failed_count + 1
        session.execute(update(ExportJob).where(ExportJob.id == job_id).values(counts))
        if retry:
            again.append(document_id)
    session.commit()
    return again


def mark_zipped(session: Session, job_id: int, checksum: str, size: int) -> None:
    session.execute(
        update(ExportJob)
        .where(ExportJob.id == job_id, ExportJob.status.in_(UNFINISHED))
        .values(status=DONE, finished=utcnow(), zip_checksum=checksum, zip_size=size, error=None)
    )
    session.commit()


def mark_failed(session: Session, job_id: int, error: str) -> None:
    session.execute(
        update(ExportJob)
        .where(ExportJob.id == job_id, ExportJob.status.in_(UNFINISHED))
        .values(status=FAILED, finished=utcnow(), error=error)
    )
    session.commit()
