"""The export tasks' work, in an app context: print a document, zip a job, sweep up lost work.

Called by the tasks registered on the queue (advocacy.briefings.tasks), which pass themselves in so
that a finished document can queue its job's zip and a lost file can be printed again.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import socket
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from huey.exceptions import RetryTask

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
from advocacy.core.extensions import db

if TYPE_CHECKING:
    from advocacy.briefings.tasks import Tasks

logger = logging.getLogger("advocacy.briefings.tasks")
EXPORTS_FOLDER = "exports"
# How long a consumer holds a document while printing it: longer than a render may take (the
# pool's limit); a consumer that dies on another host gives its documents back after this.
LEASE = datetime.timedelta(seconds=300)


# --- who this process is, and its renderers ----------------------------------------------

_identity: tuple[int, str] | None = None
_pool_size = 1  # renderer processes: a consumer uses one per worker thread


def use_pool_size(workers: int) -> None:
    """Print through a pool of this many renderer processes (a consumer's worker threads)."""
    global _pool_size
    _pool_size = workers


def consumer_name() -> str:
    """This process as a lease owner: host, pid and a token unique to the process."""
    global _identity
    if _identity is None or _identity[0] != os.getpid():
        _identity = (os.getpid(), leases.owner_name(socket.gethostname(), os.getpid(), uuid.uuid4().hex[:12]))
    return _identity[1]


def print_settings() -> dict:
    """Where briefings take their question templates and catalogs from (the app's settings)."""
    from advocacy.briefings.views import translations_dirs

    return {
        "templates_root": Path(current_app.config["LETTER_TEMPLATES_DIR"]),
        "translations_dirs": translations_dirs(),
    }


def exports_root() -> Path:
    """The app's folder for export jobs' documents and zips."""
    return Path(current_app.instance_path) / EXPORTS_FOLDER


# --- the tasks' bodies (in an app context) --------------------------------------------------


def render_document(document_id: int, tasks: Tasks) -> None:
    """Print a pending document into its job's folder; queue the zip when it was the last one."""
    from advocacy.briefings.views import briefing_store

    config, session = current_app.config, db.session
    claim = jobs.claim_document(session, document_id, owner=consumer_name(), lease=LEASE)
    if claim is None:
        return  # finished already, or another consumer is printing it
    folder = jobs.job_folder(exports_root(), claim.job_id)
    try:
        written = print_document(
            session,
            briefing_store(),
            claim.country,
            claim.locale,
            folder,
            pool=export_pool(_pool_size),
            **print_settings(),
        )
    except Exception as error:
        session.rollback()
        reason = describe(error)
        final, complete = jobs.document_failed(
            session,
            document_id,
            reason,
            max_attempts=int(config["EXPORT_ATTEMPTS"]),
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
            tasks.zip(claim.job_id)
        if not final:
            raise RetryTask(delay=float(config["EXPORT_RETRY_DELAY"])) from None
        return
    if jobs.document_done(session, document_id, written):
        tasks.zip(claim.job_id)


def zip_job(job_id: int, tasks: Tasks, *, last_try: bool) -> None:
    """Check every done document's file, then write the job's zip (or print lost files again)."""
    session = db.session
    if not jobs.unfinished(session, job_id):
        return
    folder = jobs.job_folder(exports_root(), job_id)
    done, failures, pending = progress.zip_contents(session, job_id)
    if pending:
        return  # the last document to finish queues the zip again
    lost = [document.id for document in done if not _intact(folder, document)]
    if lost:
        logger.warning("export job %s: %d file(s) missing or damaged", job_id, len(lost))
        again = jobs.reset_documents(
            session, job_id, lost, max_attempts=int(current_app.config["EXPORT_ATTEMPTS"])
        )
        for document_id in again:
            tasks.render(document_id)
        if again:
            return  # the last of them queues the zip again
        done, failures, _ = progress.zip_contents(session, job_id)
    files = [(_file(folder, d).name, _file(folder, d), d.checksum or "") for d in done]
    target = jobs.zip_path(exports_root(), job_id)
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


def _file(folder: Path, document) -> Path:
    return folder / file_name(document.country, document.locale)


def _intact(folder: Path, document) -> bool:
    """Whether a done document's file is there with the checksum recorded for it."""
    try:
        return sha256(_file(folder, document).read_bytes()) == document.checksum
    except FileNotFoundError:
        return False


def sweep(tasks: Tasks, *, stopping: bool = False) -> tuple[int, int]:
    """Release leases of consumers that are gone and queue again what no task covers.

    Returns (documents queued, zips queued). With stopping=True, this consumer's own
    leases are released too (it is about to exit).
    """
    session = db.session
    me = consumer_name()
    released = leases.release_stale(session, me=me, own=stopping)
    queued_documents, queued_zips = _in_queue(tasks)
    documents, zips = leases.waiting_work(session)
    documents = [d for d in documents if d not in queued_documents]
    zips = [j for j in zips if j not in queued_zips]
    for document_id in documents:
        tasks.render(document_id)
    for job_id in zips:
        tasks.zip(job_id)
    if released or documents or zips:
        logger.info(
            "export sweep: %d lease(s) released, %d document(s) and %d zip(s) queued again",
            released,
            len(documents),
            len(zips),
        )
    return len(documents), len(zips)


def _in_queue(tasks: Tasks) -> tuple[set[int], set[int]]:
    """Documents and jobs that a queued or scheduled (retrying) task already covers."""
    documents: set[int] = set()
    zips: set[int] = set()
    try:
        waiting = [*tasks.huey.pending(), *tasks.huey.scheduled()]
    except Exception:  # a message this code cannot read: queue again; tasks are idempotent
        logger.exception("export sweep: could not read the queue")
        return documents, zips
    for task in waiting:
        if isinstance(task, tasks.render.task_class):
            documents.add(task.args[0])
        elif isinstance(task, tasks.zip.task_class):
            zips.add(task.args[0])
    return documents, zips
