"""Queue tasks that print briefings ahead of readers (see advocacy.briefings.prints).

- `print_briefing(code, locale)` prints the briefing's current version into the store
  (nothing when it is there already). Retried after EXPORT_RETRY_DELAY seconds; after the
  last attempt the version is marked failed, so the public route says so instead of waiting.
- `queue_briefings()` queues `print_briefing` for every briefing whose current version is
  missing, skipping those a queued task covers already. It runs at every consumer start,
  each minute (periodic task `refresh_briefings`), and when the public route finds a
  briefing missing.

The public route calls `request_print`: a task for that briefing with a higher priority
(where the queue has priorities: SQLite does, plain Redis is first in, first out) and a
`queue_briefings`, each at most once per RECENT_SECONDS in this process.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from flask import Flask
from huey import crontab
from huey.api import Huey, Task, TaskWrapper

from advocacy.briefings import prints
from advocacy.briefings.export import export_pool
from advocacy.briefings.service import briefing_store, sources
from advocacy.briefings.work import pool_size
from advocacy.core.extensions import db
from advocacy.core.web import SETTINGS_KEY

logger = logging.getLogger("advocacy.briefings.prints")
REQUESTED_PRIORITY = 10
RECENT_SECONDS = 60.0
_MAX_RECENT = 4096
_recent: dict[tuple[str, ...], float] = {}
_recent_lock = threading.Lock()


@dataclass(frozen=True)
class PrintTasks:
    """The briefing-printing tasks registered on an app's queue."""

    huey: Huey
    print_briefing: TaskWrapper
    queue_all: TaskWrapper

    def queued(self) -> set[tuple[str, str]]:
        """The (country, locale) pairs a queued or retrying print task covers."""
        try:
            waiting = [*self.huey.pending(), *self.huey.scheduled()]
        except Exception:  # a message this code cannot read: queue again, printing twice is harmless
            logger.exception("briefing prints: could not read the queue")
            return set()
        return {tuple(task.args[:2]) for task in waiting if isinstance(task, self.print_briefing.task_class)}

    def request_print(self, code: str, locale: str, version: str) -> None:
        """Queue a reader's briefing ahead of the others, and a look for every other missing one."""
        if _first_time(("print", code, locale, version)):
            priority = REQUESTED_PRIORITY if self.huey.storage.priority else None
            self.huey.enqueue(self.print_briefing.s(code, locale, priority=priority))
        if _first_time(("all", version)):
            self.queue_all()


def _first_time(key: tuple[str, ...]) -> bool:
    """True unless this key was seen in the last RECENT_SECONDS (a page refreshing itself asks again)."""
    now = time.monotonic()
    with _recent_lock:
        if len(_recent) > _MAX_RECENT:
            _recent.clear()
        if now - _recent.get(key, -RECENT_SECONDS) < RECENT_SECONDS:
            return False
        _recent[key] = now
    return True


def forget_requests() -> None:
    """Forget which prints this process asked for (tests)."""
    with _recent_lock:
        _recent.clear()


def register(huey: Huey, app: Flask) -> PrintTasks:
    """Register the printing tasks on the app's queue; each runs in an app context of `app`."""
    settings = app.extensions[SETTINGS_KEY]

    @huey.task(retries=settings.export_attempts - 1, retry_delay=settings.export_retry_delay,
               context=True, name="print_briefing")  # fmt: skip
    def print_briefing(code: str, locale: str, task: Task | None = None) -> None:
        store, made_of = briefing_store(settings), sources(settings)
        with app.app_context():
            try:
                prints.print_one(db.session, store, code, locale, pool=export_pool(pool_size()), **made_of)
            except Exception:
                db.session.rollback()
                if task is not None and task.retries:
                    raise  # Huey tries again after retry_delay
                prints.give_up(db.session, store, code, locale, **made_of)

    def queue_missing() -> int:
        if not settings.print_ahead:
            return 0
        with app.app_context():
            wanted = prints.missing(db.session, briefing_store(settings), **sources(settings))
        covered = tasks.queued()
        fresh = [w for w in wanted if (w.code, w.locale) not in covered]
        for one in fresh:
            print_briefing(one.code, one.locale)
        if fresh:
            logger.info("briefing prints: %d queued", len(fresh))
        return len(fresh)

    @huey.task(name="queue_briefings")
    def queue_all() -> None:
        queue_missing()

    @huey.periodic_task(crontab(minute="*"), name="refresh_briefings")
    def refresh_briefings() -> None:
        queue_missing()

    tasks = PrintTasks(huey, print_briefing, queue_all)
    return tasks
