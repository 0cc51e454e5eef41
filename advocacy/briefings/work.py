"""The export tasks' work: print a document, zip a job, sweep up lost work.

Called by the tasks registered on the queue (advocacy.briefings.tasks), which pass in the
session, the app's settings and the queue itself, so that a finished document can queue its
job's zip and a lost file can be printed again. Nothing here needs Flask.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import socket
import uuid
from pathlib import Path
from typing import Protocol

from huey.exceptions import RetryTask
from sqlalchemy.orm import Session

from advocacy.briefings import jobs, leases, progress
from advocacy.briefings.export import (
    NoBriefing,
    describe,
    export_pool,
    file_name,
    print_document,
    sha256,
    write_zip,
)
from advocacy.briefings.models import ExportDocument
from advocacy.briefings.service import briefing_store, sources
from advocacy.core.settings import Settings

logger = logging.getLogger("advocacy.briefings.tasks")
# How long a consumer holds a document while printing it: longer than a render may take (the
# pool's limit); a consumer that dies on another host gives its documents back after this.
LEASE = datetime.timedelta(seconds=300)


class Queue(Protocol):
    """What the work needs of the task queue (advocacy.briefings.tasks.Tasks)."""

    def render(self, document_id: int) -> object:
        """Queue the printing of a document."""
        ...

    def zip(self, job_id: int) -> object:
        """Queue the zipping of a job."""
        ...

    def in_queue(self) -> tuple[set[int], set[int]]:
        """Return the documents and jobs that a queued or scheduled task already covers."""
        ...


# --- who this process is, and its renderers ----------------------------------------------

_identity: tuple[int, str] | None = None
_pool_size = 1  # renderer processes: a consumer uses one per worker thread


def use_pool_size(workers: int) -> None:
    """Print through a pool of this many renderer processes (a consumer's worker threads)."""
    global _pool_size
    _pool_size = workers


def pool_size() -> int:
    """How many renderer processes this consumer prints through."""
    return _pool_size


def consumer_name() -> str:
    """Return this process as a lease owner: host, pid and a token unique to the process."""
    global _identity
    if _identity is None or _identity[0] != os.getpid():
        _identity = (os.getpid(), leases.owner_name(socket.gethostname(), os.getpid(), uuid.uuid4().hex[:12]))
    return _identity[1]


# --- the tasks' bodies ------------------------------------------------------------------


def render_document(document_id: int, *, session: Session, settings: Settings, queue: Queue) -> None:
    """Print a pending document into its job's folder; queue the zip when it was the last one."""
    claim = jobs.claim_document(session, document_id, owner=consumer_name(), lease=LEASE)
    if claim is None:
        return  # finished already, or another consumer is printing it
    folder = jobs.job_folder(settings.exports_dir, claim.job_id)
    try:
        written = print_document(
            session,
            briefing_store(settings),
            claim.country,
            claim.locale,
            folder,
            pool=export_pool(_pool_size),
            **sources(settings),
        )
    except Exception as error:
        session.rollback()
        _failed(claim, error, session=session, settings=settings, queue=queue)
        return
    if jobs.document_done(session, document_id, written):
        queue.zip(claim.job_id)


def _failed(
    claim: jobs.Claim, error: Exception, *, session: Session, settings: Settings, queue: Queue
) -> None:
    """Record a failed attempt; retry it later (RetryTask) unless it was the last one."""
    reason = describe(error)
    final, complete = jobs.document_failed(
        session,
        claim.document_id,
        reason,
        max_attempts=settings.export_attempts,
        permanent=isinstance(error, NoBriefing),
    )
    logger.warning(
        "export job %s: %s (%s) attempt %s failed%s: %s",
        claim.job_id,
        claim.country,
        claim.locale,
        claim.attempts,
        "; giving up" if final else "; will retry",
        reason,
    )
    if complete:
        queue.zip(claim.job_id)
    if not final:
        raise RetryTask(delay=settings.export_retry_delay) from None


def zip_job(job_id: int, *, session: Session, settings: Settings, queue: Queue, last_try: bool) -> None:
    """Check every done document's file, then write the job's zip (or print lost files again)."""
    if not jobs.unfinished(session, job_id):
        return
    folder = jobs.job_folder(settings.exports_dir, job_id)
    done, failures, pending = progress.zip_contents(session, job_id)
    if pending:
        return  # the last document to finish queues the zip again
    lost = [document.id for document in done if not _intact(folder, document)]
    if lost:
        logger.warning("export job %s: %d file(s) missing or damaged", job_id, len(lost))
        again = jobs.reset_documents(session, job_id, lost, max_attempts=settings.export_attempts)
        for document_id in again:
            queue.render(document_id)
        if again:
            return  # the last of them queues the zip again
        done, failures, _ = progress.zip_contents(session, job_id)
    files = [(_file(folder, d).name, _file(folder, d), d.checksum or "") for d in done]
    target = jobs.zip_path(settings.exports_dir, job_id)
    try:
        checksum = write_zip(target, files, failures)
    except Exception as error:
        if not last_try:
            raise
        logger.error("export job %s: the zip could not be written: %s", job_id, describe(error))
        jobs.mark_failed(session, job_id, f"the zip could not be written: {describe(error)}")
        return
    jobs.mark_zipped(session, job_id, checksum, target.stat().st_size)
    shutil.rmtree(folder, ignore_errors=True)  # every file is in the zip now
    logger.info("export job %s: done, %d document(s), %d failed", job_id, len(files), len(failures))


def _file(folder: Path, document: ExportDocument) -> Path:
    """Return where a document's file is in its job's folder."""
    return folder / file_name(document.country, document.locale)


def _intact(folder: Path, document: ExportDocument) -> bool:
    """Tell whether a done document's file is there with the checksum recorded for it."""
    try:
        return sha256(_file(folder, document).read_bytes()) == document.checksum
    except FileNotFoundError:
        return False


def sweep(session: Session, queue: Queue, *, stopping: bool = False) -> tuple[int, int]:
    """Release leases of consumers that are gone and queue again what no task covers.

    Returns (documents queued, zips queued). With stopping=True, this consumer's own
    leases are released too (it is about to exit).
    """
    released = leases.release_stale(session, me=consumer_name(), own=stopping)
    queued_documents, queued_zips = queue.in_queue()
    documents, zips = leases.waiting_work(session)
    documents = [d for d in documents if d not in queued_documents]
    zips = [j for j in zips if j not in queued_zips]
    for document_id in documents:
        queue.render(document_id)
    for job_id in zips:
        queue.zip(job_id)
    if released or documents or zips:
        logger.info(
            "export sweep: %d lease(s) released, %d document(s) and %d zip(s) queued again",
            released,
            len(documents),
            len(zips),
        )
    return len(documents), len(zips)
