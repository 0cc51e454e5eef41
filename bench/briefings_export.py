"""Time an export job (every country × 5 locales) with 1 and with 2 consumers, and the speed-up.

.venv/bin/python bench/briefings_export.py                 # every country with data
.venv/bin/python bench/briefings_export.py --countries 10  # the first 10, for a quick look

Each run gets a fresh instance folder and SQLite database (so no briefing is already
stored), starts `advocacy worker --workers W` N times, waits until every consumer is up
(its renderer processes started), then queues the job and times it until its zip is
written. --mode workers compares one consumer with 1 and with 2 workers instead. The CPU
time other processes used meanwhile is printed too: on a shared machine it spoils the ratio.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from advocacy import create_app
from advocacy.briefings.export import export_countries
from advocacy.briefings.tasks import app_tasks, job_progress, job_zip_path, start_export
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT

ADVOCACY = Path(sys.executable).with_name("advocacy")
LOCALES = "en,fr,de,zh-Hans,ug"  # Latin, CJK and right-to-left scripts
READY = "worker(s) on queue"
TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (not idle or waiting for I/O) since boot."""
    with open("/proc/stat") as stat:
        fields = [int(n) for n in stat.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / TICKS


def tree_cpu(roots: list[int]) -> float:
    """CPU seconds used so far by these processes and their descendants still running."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    ours, grew = set(roots), True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in ours} - ours
        ours |= found
        grew = bool(found)
    return sum(times.get(pid, 0.0) for pid in ours)


def run(consumers: int, workers: int, locales: list[str], countries: int | None, queue: str) -> dict:
    """One timed export; returns its figures."""
    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    name = f"bench_{uuid.uuid4().hex[:10]}"
    settings = {
        "INSTANCE_PATH": str(folder / "instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'advocacy.sqlite'}",
        "HUEY_BACKEND": queue,
        "HUEY_NAME": name,
    }
    app = create_app(settings)
    assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        ADVOCACY_INSTANCE_PATH=settings["INSTANCE_PATH"],
        DATABASE_URL=settings["SQLALCHEMY_DATABASE_URI"],
        ADVOCACY_QUEUE=name,
    )
    if queue == "redis":
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    logs = [folder / f"consumer-{i}.log" for i in range(consumers)]
    processes = [
        subprocess.Popen(
            [str(ADVOCACY), "worker", "--workers", str(workers)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        for log in logs
    ]
    try:
        started = time.perf_counter()
        while not all(READY in log.read_text(errors="replace") for log in logs):
            if any(p.poll() is not None for p in processes):
                raise SystemExit("a consumer exited:\n" + "\n".join(log.read_text()[-3000:] for log in logs))
            time.sleep(0.1)
        startup = time.perf_counter() - started
        with app.app_context():
            codes = export_countries(db.session)[:countries] if countries else None
            ours_before = tree_cpu([p.pid for p in processes])
            busy_before = machine_busy()
            began = time.perf_counter()
            job_id = start_export(db.session, locales, countries=codes)
            while True:
                progress = job_progress(db.session, job_id)
                assert progress is not None
                if progress.is_finished:
                    break
                time.sleep(0.2)
            elapsed = time.perf_counter() - began
            ours = tree_cpu([p.pid for p in processes]) - ours_before
            others = max(0.0, machine_busy() - busy_before - ours)
            zip_path = job_zip_path(db.session, job_id)
            app_tasks().huey.flush()
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(120)
    return {
        "consumers": consumers,
        "workers": workers,
        "documents": progress.total,
        "failed": progress.failed,
        "state": progress.state,
        "seconds": elapsed,
        "startup": startup,
        "zip_mib": (zip_path.stat().st_size / 2**20) if zip_path else 0.0,
        "cpu": ours,
        "others": others,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, help="only the first N countries with data (default: all)")
    parser.add_argument("--locales", default=LOCALES, help=f"comma-separated locale tags (default {LOCALES})")
    parser.add_argument(
        "--mode",
        choices=["consumers", "workers"],
        default="consumers",
        help="1 vs 2 consumer processes of 1 worker each, or 1 consumer of 1 vs 2 workers",
    )
    parser.add_argument("--queue", choices=["sqlite", "redis"], default="sqlite", help="the queue's storage")
    args = parser.parse_args()
    if args.queue == "redis" and not os.environ.get("REDIS_URL"):
        parser.error("--queue redis needs REDIS_URL")
    locales = [tag.strip() for tag in args.locales.split(",") if tag.strip()]
    print(f"{os.cpu_count()} CPU(s); locales {', '.join(locales)}; queue on {args.queue}; mode {args.mode}")
    print(f"{'consumers':>9} {'workers':>7} {'documents':>9} {'failed':>6} {'seconds':>8} {'per doc':>8} "
          f"{'docs/s':>6} {'zip MiB':>7} {'start-up':>8} {'CPU s':>7} {'others':>7}")  # fmt: skip
    results = []
    for n in (1, 2):
        consumers, workers = (n, 1) if args.mode == "consumers" else (1, n)
        result = run(consumers, workers, locales, args.countries, args.queue)
        results.append(result)
        print(
            f"{consumers:>9} {workers:>7} {result['documents']:>9} {result['failed']:>6} "
            f"{result['seconds']:>8.1f} {result['seconds'] / result['documents']:>7.2f}s "
            f"{result['documents'] / result['seconds']:>6.2f} {result['zip_mib']:>7.1f} "
            f"{result['startup']:>7.1f}s {result['cpu']:>7.0f} {result['others']:>6.0f}s",
            flush=True,
        )
        if result["state"] != "done":
            print(f"  the job ended {result['state']!r}")
    ratio = results[0]["seconds"] / results[1]["seconds"]
    verdict = "meets" if ratio >= 1.7 else "misses"
    print(f"speed-up with 2: {ratio:.2f}x ({verdict} the 1.7x target)")
    print(
        "CPU s: used by the consumers and their renderers during the job; others: by the rest of the machine"
    )


if __name__ == "__main__":
    main()
