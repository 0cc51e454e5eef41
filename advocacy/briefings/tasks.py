"""Background jobs on a real task queue (Huey): exporting every country's briefing at once,
and printing briefings ahead of readers (registered from advocacy.briefings.tasks_prints).

The queue is built from the app's config: Redis when REDIS_URL is set (or HUEY_BACKEND is
"redis"), otherwise a SQLite file in the instance folder (HUEY_SQLITE_PATH). HUEY_NAME
names the queue, so that several sites (or tests) can share one Redis server.

An export job (advocacy.briefings.jobs) is split into one task per document; a document's
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

The CLI and the staff page call start_export, job_progress and job_zip_path. The tasks'
bodies are in advocacy.briefings.work.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey, Task, TaskWrapper
from sqlalchemy.orm import Session

from advocacy.briefings import jobs, tasks_prints, work
from advocacy.briefings.export import (
    describe,
    export_countries,
    export_pool,
    parse_locales,
    warm_up,
)
from advocacy.briefings.progress import JobProgress
from advocacy.briefings.progress import job_progress as progress_of
from advocacy.briefings.tasks_prints import PrintTasks
from advocacy.core.extensions import db
from advocacy.core.settings import Settings
from advocacy.core.web import SETTINGS_KEY, settings

logger = logging.getLogger(__name__)
HEALTH_CHECK_SECONDS = 10.0
_EXTENSION = "advocacy_tasks"
_tasks_lock = threading.Lock()


@dataclass(frozen=True)
class Tasks:
    """An app's queue and the tasks registered on it (the queue advocacy.briefings.work uses)."""

    huey: Huey
    render: TaskWrapper
    zip: TaskWrapper
    sweep: TaskWrapper
    prints: PrintTasks  # briefings printed ahead of readers (advocacy.briefings.tasks_prints)

    def in_queue(self) -> tuple[set[int], set[int]]:
        """Return the documents and jobs that a queued or scheduled (retrying) task already covers."""
        documents: set[int] = set()
        zips: set[int] = set()
        try:
            waiting = [*self.huey.pending(), *self.huey.scheduled()]
        except Exception:  # a message this code cannot read: queue again; tasks are idempotent
            logger.exception("export sweep: could not read the queue")
            return documents, zips
        for task in waiting:
            if isinstance(task, self.render.task_class):
                documents.add(task.args[0])
            elif isinstance(task, self.zip.task_class):
                zips.add(task.args[0])
        return documents, zips


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
        path = Path(config.get("HUEY_SQLITE_PATH") or _settings(app).instance_dir / "queue.sqlite")
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


def _settings(app: Flask) -> Settings:
    """Return the app's settings outside its app context (the settings accessor needs one)."""
    return app.extensions[SETTINGS_KEY]


def _register(huey: Huey, app: Flask) -> Tasks:
    """Register the export tasks on a queue; each runs in an app context of `app`."""
    delay = _settings(app).export_retry_delay

    # Huey's own retries cover failures before a document is leased (the database away);
    # a document's attempts are counted in the database and retried with RetryTask.
    @huey.task(retries=2, retry_delay=delay, name="render_briefing")
    def render_briefing(document_id: int) -> None:
        with app.app_context():
            work.render_document(document_id, session=db.session, settings=settings(), queue=app_tasks(app))

    @huey.task(retries=2, retry_delay=delay, context=True, name="zip_export")
    def zip_export(job_id: int, task: Task | None = None) -> None:
        last_try = task is None or not task.retries
        with app.app_context():
            work.zip_job(
                job_id, session=db.session, settings=settings(), queue=app_tasks(app), last_try=last_try
            )

    @huey.periodic_task(crontab(minute="*"), name="sweep_exports")
    def sweep_exports() -> None:
        with app.app_context():
            sweep()

    return Tasks(huey, render_briefing, zip_export, sweep_exports, tasks_prints.register(huey, app))


def sweep(*, stopping: bool = False) -> tuple[int, int]:
    """Release leases of consumers that are gone and queue again what no task covers (see work.sweep)."""
    return work.sweep(db.session, app_tasks(), stopping=stopping)


# --- what the CLI and the staff page call ------------------------------------------


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
    return progress_of(session, job_id)


def job_zip_path(session: Session, job_id: int) -> Path | None:
    """The finished job's zip, or None while it is not written (or the job failed)."""
    progress = progress_of(session, job_id)
    if progress is None or progress.status != jobs.DONE:
        return None
    path = jobs.zip_path(settings().exports_dir, job_id)
    return path if path.is_file() else None


# --- the consumer ---------------------------------------------------------------------------


def run_consumer(app: Flask, workers: int = 2) -> None:
    """Run a Huey consumer with `workers` threads, each printing through its own renderer process.

    The first SIGTERM or SIGINT stops it gracefully: documents being printed are finished,
    the rest stay queued. A second one stops it at once; what it was printing is released
    and printed again by the next consumer.
    """
    work.use_pool_size(workers)
    tasks = app_tasks(app)
    with app.app_context():
        sweep()
    if _settings(app).print_ahead:
        tasks.prints.queue_all()  # every briefing not printed yet, first thing
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

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second signal: do not wait for the documents in hand
        logger.info(
            "received %s: finishing the documents in hand, then stopping", signal.Signals(signum).name
        )
        stop.set()

    consumer.start()
    # After start(), which installs Huey's own handlers: both signals mean "stop gracefully".
    previous = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGTERM, signal.SIGINT)}
    logger.info("consumer %s: %d worker(s) on queue %r", work.consumer_name(), workers, tasks.huey.name)
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
        logger.info("consumer %s stopped", work.consumer_name())
