"""Run named functions ("package.module:function") in long-lived worker processes with limits.

A worker that runs past the time limit is killed, one that runs out of memory or dies is
discarded, and a fresh one takes its place. Workers are spawned (never forked: the parent may
be a threaded gunicorn worker), lazily, as daemons. TaskFailed messages may quote the document.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import math
import multiprocessing
import os
import pickle
import resource
import signal
import threading
from collections.abc import Callable, Iterable
from functools import cache, reduce
from multiprocessing.connection import Connection
from typing import Any

_CONTEXT = multiprocessing.get_context("spawn")
_MAX_MESSAGE = 2000
_STARTUP_SECONDS = 60.0


class WorkerError(Exception):
    """A task that did not produce a result."""


class RenderTimeout(WorkerError):
    """A task that ran past its time limit; its worker was killed and replaced."""


class RenderMemoryError(WorkerError):
    """A task that ran out of memory under the worker's cap; the worker was replaced."""


class WorkerCrashed(WorkerError):
    """A worker that died during a task; it was replaced."""


class TaskFailed(WorkerError):
    """An exception raised by the task function, carried over by type name and message."""

    def __init__(self, type_name: str, message: str, mro: tuple[str, ...] = ()) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message
        self.mro = mro or (type_name,)  # the class and its bases, to test for a family of errors


def _type_name(cls: type) -> str:
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


@cache
def _resolve(target: str) -> Callable[..., Any]:
    """Import the function named "package.module:function"."""
    module_name, _, attribute = target.partition(":")
    module: Any = importlib.import_module(module_name)
    return reduce(getattr, attribute.split("."), module)


def _limit_resources(memory_mb: int | None) -> None:
    """Cap the address space and turn off core dumps for this process."""
    # A core dump of a renderer would hold the letter a campaigner just typed.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_mb:
        limit, (_, hard) = memory_mb * 1024 * 1024, resource.getrlimit(resource.RLIMIT_AS)
        limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        # Soft and hard alike, so a task cannot raise its own limit.
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _failure(exc: BaseException) -> tuple[str, Any]:
    mro = tuple(_type_name(cls) for cls in type(exc).__mro__ if issubclass(cls, BaseException))
    # Only names and text cross the pipe: exception objects may not unpickle in the parent.
    return "failed", (_type_name(type(exc)), str(exc)[:_MAX_MESSAGE], mro)


def _limit_cpu(cpu_seconds: float | None) -> None:
    """Let the next task use this many more CPU seconds; past them the kernel ends the worker."""
    if not cpu_seconds:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + cpu_seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(
        resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard)
    )


def _execute(
    message: tuple[str, tuple[Any, ...], dict[str, Any]], cpu_seconds: float | None = None
) -> tuple[str, Any]:
    target, args, kwargs = message
    _limit_cpu(cpu_seconds)
    try:
        return "ok", _resolve(target)(*args, **kwargs)
    except MemoryError:
        return "memory", None
    except Exception as exc:
        return _failure(exc)


def _reply(conn: Connection, reply: tuple[str, Any]) -> bool:
    """Send a reply; return False when this worker should stop."""
    try:
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            reply = _failure(exc)  # an unpicklable result is the task's fault, not the worker's
            conn.send(reply)
        except MemoryError:
            reply = ("memory", None)
            conn.send(reply)
    except OSError:
        return False  # the parent is gone
    return reply[0] != "memory"  # a heap that hit the cap is not worth keeping


def _child_main(
    conn: Connection, memory_mb: int | None, preload: tuple[str, ...], cpu_seconds: float | None = None
) -> None:
    """Serve tasks from the parent until it says stop or goes away."""
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_resources(memory_mb)
    for name in preload:
        importlib.import_module(name)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent exited: nobody is waiting for results
        except Exception as exc:
            reply = _failure(exc)  # arguments that cannot be unpickled here
        else:
            if message is None:
                return
            reply = _execute(message, cpu_seconds)
        if not _reply(conn, reply):
            return


class _Worker:
    """One child process and the parent's end of its pipe."""

    def __init__(
        self, memory_mb: int | None, preload: tuple[str, ...], cpu_seconds: float | None = None
    ) -> None:
        self.conn, child_conn = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_child_main,
            args=(child_conn, memory_mb, preload, cpu_seconds),
            name="advocacy-worker",
            daemon=True,
        )
        self.process.start()
        child_conn.close()  # keep only the child's copy open, so its death reads as EOF here
        self.ready = self.in_flight = self.broken = False

    @property
    def reusable(self) -> bool:
        return not (self.in_flight or self.broken) and self.process.is_alive()

    def call(self, target: str, args: tuple[Any, ...], kwargs: dict[str, Any], timeout: float | None) -> Any:
        """Run one task and return its result, or raise a WorkerError."""
        if not self.ready:
            # Start-up (interpreter, imports, preload) does not count against the task's time.
            self._receive(_STARTUP_SECONDS, target, "its worker did not start")
            self.ready = True
        try:
            self.conn.send((target, args, kwargs))  # pickles first: bad arguments leave the worker clean
        except OSError:
            raise self._crashed(target) from None
        self.in_flight = True
        status, value = self._receive(timeout, target, "it ran too long")
        self.in_flight = False
        if status == "ok":
            return value
        if status == "memory":
            self.broken = True
            raise RenderMemoryError(f"{target} ran out of memory; its worker was replaced")
        raise TaskFailed(*value)

    def _receive(self, timeout: float | None, target: str, why: str) -> tuple[str, Any]:
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):  # EOF: the child died; OSError: close() shut the pipe
            raise self._crashed(target) from None
        self.broken = True
        raise RenderTimeout(f"{target} stopped after {timeout:g} s: {why}; its worker was replaced")

    def _crashed(self, target: str) -> WorkerCrashed:
        self.broken = True
        self.process.join(1)
        code = self.process.exitcode
        how = f"exited with status {code}"
        if code is not None and code < 0:
            oom = " (perhaps the kernel's out-of-memory killer)" if code == -signal.SIGKILL else ""
            how = f"was killed by {signal.Signals(-code).name}{oom}"
        return WorkerCrashed(f"the worker running {target} {how}; it was replaced")

    def stop(self, grace: float = 1.0) -> None:
        """Ask the child to exit, and kill it if it does not."""
        if not self.in_flight and not self.broken:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(grace)
        self.conn.close()


class WorkerPool:
    """A fixed number of worker processes; callers wait for a free one."""

    def __init__(
        self,
        size: int = 2,
        timeout: float | None = 20.0,
        memory_mb: int | None = 1024,
        preload: Iterable[str] = (),
        cpu_seconds: float | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size, self.timeout, self.memory_mb, self.preload = size, timeout, memory_mb, tuple(preload)
        self.cpu_seconds = cpu_seconds  # per task, enforced by the kernel (RLIMIT_CPU)
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self.closed = False

    def run(self, target: str, /, *args: Any, **kwargs: Any) -> Any:
        """Run target(*args, **kwargs) in a worker and return its result."""
        with self._slots:
            worker = self._checkout()
            try:
                return worker.call(target, args, kwargs, self.timeout)
            finally:
                self._checkin(worker)

    def _checkout(self) -> _Worker:
        with self._lock:
            if self.closed:
                raise RuntimeError("the worker pool is closed")
            while self._idle:
                worker = self._idle.pop()
                if worker.reusable:
                    return worker
                self._workers.discard(worker)  # died while idle
                worker.stop(0)
            # Holding a slot guarantees fewer than `size` workers exist here.
            worker = _Worker(self.memory_mb, self.preload, self.cpu_seconds)
            self._workers.add(worker)
            return worker

    def _checkin(self, worker: _Worker) -> None:
        if worker.reusable:
            with self._lock:
                if not self.closed:
                    self._idle.append(worker)
                    return
        # Broken, timed out or interrupted mid-task: its pipe may still carry an old reply.
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if not self.closed:
                replacement = _Worker(self.memory_mb, self.preload, self.cpu_seconds)  # starts warming up now
                self._workers.add(replacement)
                self._idle.append(replacement)

    def close(self) -> None:
        """Stop every worker; tasks still running fail with WorkerCrashed."""
        with self._lock:
            self.closed = True
            workers, self._workers, self._idle = list(self._workers), set(), []
        for worker in workers:
            worker.stop()


_pools: dict[tuple[Any, ...], WorkerPool] = {}
_pools_lock = threading.Lock()


def get_pool(
    size: int = 2,
    timeout: float | None = 20.0,
    memory_mb: int | None = 1024,
    preload: Iterable[str] = (),
    cpu_seconds: float | None = None,
    name: str = "",
) -> WorkerPool:
    """Return this process's shared pool with these settings, creating it if needed.

    `name` keeps pools apart that have the same settings (long letters wait for their own).
    """
    key = (size, timeout, memory_mb, tuple(preload), cpu_seconds, name)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None or pool.closed:
            pool = _pools[key] = WorkerPool(size, timeout, memory_mb, key[3], cpu_seconds)
        return pool


def close_pools() -> None:
    """Stop the workers of every shared pool."""
    with _pools_lock:
        pools = [_pools.pop(key) for key in list(_pools)]
    for pool in pools:
        pool.close()


def _forget_pools_after_fork() -> None:
    """Drop pools inherited through fork: their workers and pipes belong to the parent."""
    global _pools_lock
    _pools.clear()
    _pools_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_pools_after_fork)
atexit.register(close_pools)
