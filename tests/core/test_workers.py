"""The worker pool: real processes, short limits."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from advocacy.core.workers import (
    RenderMemoryError,
    RenderTimeout,
    TaskFailed,
    WorkerCrashed,
    WorkerPool,
    close_pools,
    get_pool,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    pool = WorkerPool(size=2, timeout=1.0, memory_mb=512)
    yield pool
    pool.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until reaped; read its state to tell.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_runs_a_named_function_with_arguments(pool: WorkerPool) -> None:
    assert pool.run("operator:add", 2, 3) == 5
    assert pool.run("builtins:sorted", [3, 1, 2], reverse=True) == [3, 2, 1]
    assert pool.run("os:getpid") != os.getpid()


def test_timeout_kills_and_replaces_the_worker() -> None:
    pool = WorkerPool(size=1, timeout=0.5, memory_mb=512)
    try:
        first = pool.run("os:getpid")
        started = time.monotonic()
        with pytest.raises(RenderTimeout, match="time:sleep"):
            pool.run("time:sleep", 30)
        assert time.monotonic() - started < 3
        assert not alive(first)
        second = pool.run("os:getpid")
        assert second != first
        assert pool.run("operator:mul", 6, 7) == 42
    finally:
        pool.close()


def test_memory_hog_hits_the_cap() -> None:
    pool = WorkerPool(size=1, timeout=5.0, memory_mb=512)
    try:
        first = pool.run("os:getpid")
        with pytest.raises(RenderMemoryError):
            pool.run("builtins:bytearray", 2 * 1024**3)  # 2 GiB under a 512 MiB cap
        assert pool.run("os:getpid") != first  # a heap that hit the cap is not reused
        assert pool.run("builtins:len", "still serving") == 13
    finally:
        pool.close()


def test_task_exception_is_reraised_by_name_and_message(pool: WorkerPool) -> None:
    pid = pool.run("os:getpid")
    with pytest.raises(TaskFailed) as caught:
        pool.run("operator:truediv", 1, 0)
    assert caught.value.type_name == "ZeroDivisionError"
    assert caught.value.message == "division by zero"
    assert "ArithmeticError" in caught.value.mro
    assert "Traceback" not in str(caught.value)
    with pytest.raises(TaskFailed) as caught:
        pool.run("json:loads", "{")  # an exception class whose constructor takes three arguments
    assert caught.value.type_name == "json.decoder.JSONDecodeError"
    with pytest.raises(TaskFailed, match="ModuleNotFoundError"):
        pool.run("no_such_module:f")
    assert pid in {pool.run("os:getpid") for _ in range(4)}  # the worker survived


def test_unpicklable_arguments_and_results(pool: WorkerPool) -> None:
    with pytest.raises((TypeError, AttributeError)):
        pool.run("builtins:repr", lambda: None)
    with pytest.raises(TaskFailed, match="pickle"):
        pool.run("threading:Lock")
    assert pool.run("operator:add", 1, 1) == 2


@pytest.mark.parametrize("target, args, why", [("os:_exit", (3,), "status 3"), ("os:abort", (), "SIGABRT")])
def test_crashed_worker_is_replaced(pool: WorkerPool, target: str, args: tuple[int, ...], why: str) -> None:
    with pytest.raises(WorkerCrashed, match=why):
        pool.run(target, *args)
    assert pool.run("operator:add", 1, 2) == 3


def test_concurrent_submissions_all_complete(pool: WorkerPool) -> None:
    results: list[int] = []
    errors: list[BaseException] = []

    def submit(i: int) -> None:
        try:
            pool.run("time:sleep", 0.1)
            results.append(pool.run("operator:mul", i, i))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(results) == [i * i for i in range(10)]
    assert len({pool.run("os:getpid") for _ in range(6)}) <= pool.size


def test_close_stops_workers(pool: WorkerPool) -> None:
    pids = {pool.run("os:getpid")}
    pool.close()
    time.sleep(0.2)
    assert not any(alive(pid) for pid in pids)
    with pytest.raises(RuntimeError, match="closed"):
        pool.run("operator:add", 1, 1)


def test_get_pool_shares_by_settings() -> None:
    try:
        first = get_pool(size=1, timeout=5, memory_mb=256)
        assert get_pool(size=1, timeout=5, memory_mb=256) is first
        assert get_pool(size=1, timeout=6, memory_mb=256) is not first
    finally:
        close_pools()
    assert first.closed


@pytest.mark.parametrize("exit_call", ["sys.exit(0)", "os._exit(0)"])
def test_workers_end_with_their_parent(exit_call: str) -> None:
    script = textwrap.dedent(f"""
        import os, sys
        from advocacy.core.workers import get_pool
        if __name__ == "__main__":
            print(get_pool(size=1, timeout=5, memory_mb=256).run("os:getpid"), flush=True)
            {exit_call}
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=30
    )
    worker = int(done.stdout)
    deadline = time.monotonic() + 5
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(worker)


def test_cpu_time_is_capped_per_task_by_the_kernel() -> None:
    pool = WorkerPool(size=1, timeout=60.0, memory_mb=512, cpu_seconds=1.0)
    try:
        first = pool.run("os:getpid")
        for _ in range(3):  # each task gets its own second: earlier tasks' time does not count
            assert pool.run("builtins:sum", range(10**6)) == 499999500000
        with pytest.raises(WorkerCrashed, match="SIGXCPU"):
            pool.run("builtins:sum", range(10**12))  # minutes of CPU: stopped after about a second
        assert pool.run("os:getpid") != first
    finally:
        pool.close()
