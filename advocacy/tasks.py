"""Background jobs on a real task queue (Huey): exporting every country's briefing at once.

The queue is built from the app's config: Redis when REDIS_URL is set (or HUEY_BACKEND is
"redis"), otherwise a SQLite file in the instance folder (HUEY_SQLITE_PATH). HUEY_NAME
names the queue, so that several sites (or tests) can share one Redis server.

An export job (advocacy.briefing.jobs) is split into one task per document; a document's
state is kept in the database, so the queue only says what to do next:

- `render_briefing(document_id)` leases a pending document, prints it (through the shared
  briefing store, in this consumer's renderer pool) into the job's folder atomically and
  records its checksum. A failure is retried after EXPORT_RETRY_DELAY seconds (Huey's
  RetryTask) until EXPORT_ATTEMPTS attempts, then recorded as failed with its error.
- `zip_export(job_id)` runs when no document is pending: it checks every file against its
  checksum (a missing or damaged one is printed again), writes the zip atomically with
  SHA256SUMS and FAILURES.txt, and marks the job done.
- `sweep_exports()`, at every consumer start and each minute, releases leases whose
  consumer is gone and queues again what no task covers any more (a consumer killed mid-
  task took its task with it), so a restarted consumer finishes the job.

The functions a staff page will call are start_export, job_progress and job_zip_path.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import signal
import socket
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey, TaskWrapper
from huey.exceptions import RetryTask
from sqlalchemy.orm import Session

from advocacy.briefing import jobs
from advocacy.briefing.export import (
    NoBriefing,
    describe,
    export_countries,
    export_pool,
    file_name,
    parse_locales,
    print_document,
    sha256,
    warm_up,
    write_zip,
)
from advocacy.briefing.jobs import JobProgress
from advocacy.extensions import db

logger = logging.getLogger(__name__)
EXPORTS_FOLDER = "exports"
# How long a consumer holds a document while printing it: longer than a render may take (the
# pool's limit); a consumer that dies on another host gives its documents back after this.
LEASE = datetime.timedelta(seconds=300)
HEALTH_CHECK_SECONDS = 10.0
_EXTENSION = "advocacy_tasks"
_tasks_lock = threading.Lock()


@dataclass(frozen=True)
class Tasks:
    """An app's queue and the tasks registered on it."""

    huey: Huey
    render: TaskWrapper
    zip: TaskWrapper
    sweep: TaskWrapper


def create_huey(app: Flask) -> Huey:
    """Build the queue the app's config asks for (no tasks registered)."""
    config = app.config
    backend = config.get("HUEY_BACKEND") or ("redis" if config.get("REDIS_URL") else "sqlite")
    name = config.get("HUEY_NAME") or "advocacy"
    if backend == "redis":
        if not config.get("REDIS_URL"):
            raise RuntimeError("HUEY_BACKEND is redis but REDIS_URL is not set")
        return RedisHuey(name, url=config["REDIS_URL"], results=False, utc=True)
    if backend == "sqlite":
        path = Path(config.get("HUEY_SQLITE_PATH") or Path(app.instance_path) / "queue.sqlite")
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), results=False, utc=True)
    raise RuntimeError(f"unknown HUEY_BACKEND {backend!r}: use sqlite or redis")


def app_tasks(app: Flask | None = None) -> Tasks:
    """The app's queue with its tasks, created on first use."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    with _tasks_lock:
        tasks = app.extensions.get(_EXTENSION)
        if tasks is None:
            tasks = app.extensions[_EXTENSION] = _register(create_huey(app), app)
    return tasks


def _register(huey: Huey, app: Flask) -> Tasks:
    """Register the export tasks on a queue; each runs in an app context of `app`."""
    delay = float(app.config.get("EXPORT_RETRY_DELAY", 30))

    # Huey's own retries cover failures before a document is leased (the database away);
    # a document's attempts are counted in the database and retried with RetryTask.
    @huey.task(retries=2, retry_delay=delay, name="render_briefing")
    def render_briefing(document_id: int) -> None:
        with app.app_context():
            _render(document_id)

    @huey.task(retries=2, retry_delay=delay, context=True, name="zip_export")
    def zip_export(job_id: int, task=None) -> None:
        with app.app_context():
            _zip(job_id, last_try=task is None or not task.retries)

    @huey.periodic_task(crontab(minute="*"), name="sweep_exports")
    def sweep_exports() -> None:
        with app.app_context():
            sweep()

    return Tasks(huey, render_briefing, zip_export, sweep_exports)


# --- who this process is, and its renderers ----------------------------------------------

_identity: tuple[int, str] | None = None
_pool_size = 1


def consumer_name() -> str:
    """This process as a lease owner: host, pid and a token unique to the process."""
    global _identity
    if _identity is None or _identity[0] != os.getpid():
        _identity = (os.getpid(), jobs.owner_name(socket.gethostname(), os.getpid(), uuid.uuid4().hex[:12]))
    return _identity[1]


def print_settings() -> dict:
    """Where briefings take their question templates and catalogs from (the app's settings)."""
    from advocacy.views.briefing import translations_dirs

    return {
        "templates_root": Path(current_app.config["LETTER_TEMPLATES_DIR"]),
        "translations_dirs": translations_dirs(),
    }


def exports_root() -> Path:
    """The app's folder for export jobs' documents and zips."""
    return Path(current_app.instance_path) / EXPORTS_FOLDER


# --- the tasks' bodies (in an app context) --------------------------------------------------


def _render(document_id: int) -> None:
    from advocacy.views.briefing import briefing_store

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
            app_tasks().zip(claim.job_id)
        if not final:
            raise RetryTask(delay=float(config["EXPORT_RETRY_DELAY"])) from None
        return
    if jobs.document_done(session, document_id, written):
        app_tasks().zip(claim.job_id)


def _zip(job_id: int, *, last_try: bool) -> None:
    session = db.session
    if not jobs.unfinished(session, job_id):
        return
    folder = jobs.job_folder(exports_root(), job_id)
    done, failures, pending = jobs.zip_contents(session, job_id)
    if pending:
        return  # the last document to finish queues the zip again
    lost = [document.id for document in done if not _intact(folder, document)]
    if lost:
        logger.warning("export job %s: %d file(s) missing or damaged", job_id, len(lost))
        again = jobs.reset_documents(
            session, job_id, lost, max_attempts=int(current_app.config["EXPORT_ATTEMPTS"])
        )
        for document_id in again:
            app_tasks().render(document_id)
        if again:
            return  # the last of them queues the zip again
        done, failures, _ = jobs.zip_contents(session, job_id)
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


def sweep(*, stopping: bool = False) -> tuple[int, int]:
    """Release leases of consumers that are gone and queue again what no task covers.

    Returns (documents queued, zips queued). With stopping=True, this consumer's own
    leases are released too (it is about to exit).
    """
    tasks, session = app_tasks(), db.session
    me = consumer_name()
    released = jobs.release_stale(session, me=me, own=stopping)
    queued_documents, queued_zips = _in_queue(tasks)
    documents, zips = jobs.waiting_work(session)
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


# --- what the CLI and (later) the staff page call ------------------------------------------


def start_export(session: Session, locales: Iterable[str], *, countries: Iterable[str] | None = None) -> int:
    """Record an export of every country (or `countries`) × locales and queue it; return the job's id.

    Raises ValueError for an unknown locale.
    """
    tags = parse_locales(locales)
    job = jobs.create_job(session, tags, export_countries(session, countries))
    job_id = job.id
    tasks = app_tasks()
    try:
        documents = jobs.document_ids(session, job_id)
        for document_id in documents:
            tasks.render(document_id)
        if not documents:
            tasks.zip(job_id)
    except Exception as error:
        session.rollback()
        jobs.mark_failed(session, job_id, f"the task queue could not be reached: {describe(error)}")
        raise
    return job_id


def job_progress(session: Session, job_id: int) -> JobProgress | None:
    """A job's progress (None when there is no such job)."""
    return jobs.job_progress(session, job_id)


def job_zip_path(session: Session, job_id: int) -> Path | None:
    """The finished job's zip, or None while it is not written (or the job failed)."""
    progress = jobs.job_progress(session, job_id)
    if progress is None or progress.status != jobs.DONE:
        return None
    path = jobs.zip_path(exports_root(), job_id)
    return path if path.is_file() else None


# --- the consumer ---------------------------------------------------------------------------


def run_consumer(app: Flask, workers: int = 2) -> None:
    """Run a Huey consumer with `workers` threads, each printing through its own renderer process.

    The first SIGTERM or SIGINT stops it gracefully: documents being printed are finished,
    the rest stay queued. A second one stops it at once; what it was printing is released
    and printed again by the next consumer.
    """
    global _pool_size
    _pool_size = workers
    tasks = app_tasks(app)
    with app.app_context():
        sweep()
    warm_up(export_pool(workers))
    consumer = tasks.huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=True,
        initial_delay=0.1,
        backoff=1.15,
        max_delay=1.0,  # SQLite is polled: pick new work up within a second
        check_worker_health=True,
    )
    stop = threading.Event()

    def on_signal(signum: int, frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second signal: do not wait for the documents in hand
        logger.info(
            "received %s: finishing the documents in hand, then stopping", signal.Signals(signum).name
        )
        stop.set()

    consumer.start()
    # After start(), which installs Huey's own handlers: both signals mean "stop gracefully".
    previous = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGTERM, signal.SIGINT)}
    logger.info("consumer %s: %d worker(s) on queue %r", consumer_name(), workers, tasks.huey.name)
    try:
        while not stop.wait(HEALTH_CHECK_SECONDS):
            consumer.check_worker_health()
        consumer.stop(graceful=True)
    except KeyboardInterrupt:
        consumer.stop(graceful=False)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        with app.app_context():
            sweep(stopping=True)
        logger.info("consumer %s stopped", consumer_name())
