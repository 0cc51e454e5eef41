"""Time `advocacy letters merge` on a synthetic people file: per-row PDFs, then --combined.

.venv/bin/python bench/letters_merge.py                 # 1,000 letters, 2 workers, median of 3
.venv/bin/python bench/letters_merge.py -n 200 --runs 5 --locale fr
.venv/bin/python bench/letters_merge.py -n 200 --compare   # how --combined should join letters

Each run is a fresh Python process (the command, in process, as the console script runs it)
on a database loaded once, so peak memory (VmHWM) is per run: the main process's, and each
renderer worker's. Worker CPU seconds come from /proc/<pid>/stat; on a shared machine they
say more than wall time. The target: 1,000 letters in under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTION = ["--country", "FR", "--action", "suspend-extradition-treaty"]


def status_kib(pid: int | str, key: str = "VmHWM") -> int:
    """Return a /proc/<pid>/status figure in KiB (VmHWM: peak resident memory)."""
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith(f"{key}:")).split()[1])


def cpu_seconds(pid: int) -> float:
    """Return a process's user + system CPU time so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_app(database: Path, folder: Path):
    from advocacy import create_app
    from advocacy.core.settings import PROJECT_ROOT

    return create_app(
        {
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": str(folder / "instance"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "DATA_DIR": str(PROJECT_ROOT / "data"),
        }
    )


def write_people(path: Path, count: int) -> None:
    """Write count synthetic rows: Person 0001 writes to Member 0001, with a postal address."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["sender_name", "sender_town", "recipient_name", "recipient_title", "recipient_address"]
        )
        for i in range(1, count + 1):
            writer.writerow([f"Person {i:04d}", f"Town {i:04d}", f"Member {i:04d}", "Member of Parliament",
                             f"Parliament House\n{i} Example Street\nCapital {i:05d}"])  # fmt: skip


def child(options: dict) -> None:
    """One run of the command in this process; print its figures as JSON."""
    import multiprocessing

    from advocacy.letters.cli import merge_command

    app = make_app(Path(options["database"]), Path(options["folder"]))
    args = [options["people"], *ACTION, "--locale", options["locale"], "-o", options["output"]]
    args += ["--workers", str(options["workers"]), *options["extra"]]
    with app.app_context():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu_before = usage.ru_utime + usage.ru_stime
        started = time.perf_counter()
        try:
            merge_command.main(args=args, standalone_mode=False)
        except SystemExit as exit_:
            if exit_.code:
                raise
        elapsed = time.perf_counter() - started
        workers = [p.pid for p in multiprocessing.active_children() if p.pid]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        figures = {
            "seconds": elapsed,
            "main_cpu": usage.ru_utime + usage.ru_stime - cpu_before,
            "main_peak_kib": status_kib("self"),
            "worker_peak_kib": [status_kib(pid) for pid in workers],
            "worker_cpu": sum(cpu_seconds(pid) for pid in workers),
            "bytes": sum(p.stat().st_size for p in Path(options["output"]).iterdir()),
            "files": len(list(Path(options["output"]).iterdir())),
        }
    print("FIGURES " + json.dumps(figures))


def run_once(options: dict) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(options)],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((line for line in done.stdout.splitlines() if line.startswith("FIGURES ")), None)
    if done.returncode or line is None:
        sys.exit(f"the run failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(line.removeprefix("FIGURES "))


def bench_mode(label: str, extra: list[str], args, folder: Path, database: Path, people: Path) -> None:
    runs = []
    for number in range(args.runs):
        output = folder / f"out-{label}-{number}"
        options = {
            "database": str(database), "folder": str(folder), "people": str(people), "locale": args.locale,
            "output": str(output), "workers": args.workers, "extra": extra,
        }  # fmt: skip
        load = os.getloadavg()[0]
        figures = run_once(options) | {"load": load}
        runs.append(figures)
        shutil.rmtree(output)
        print(
            f"    run {number + 1}: {figures['seconds']:6.1f} s   load average before {load:.1f}",
            file=sys.stderr,
        )
    median = {
        key: statistics.median(run[key] for run in runs) for key in ("seconds", "main_peak_kib", "bytes")
    }
    worker_peak = statistics.median(max(run["worker_peak_kib"]) for run in runs) / 1024
    worker_cpu = statistics.median(run["worker_cpu"] for run in runs)
    main_cpu = statistics.median(run["main_cpu"] for run in runs)
    rate, each = args.letters / median["seconds"], median["seconds"] / args.letters * 1000
    print(f"{label}: {args.letters} letters ({args.locale}), {args.workers} workers, median of {args.runs}")
    print(f"  total {median['seconds']:.1f} s   {rate:.1f} letters/s   {each:.1f} ms a letter")
    print(
        f"  CPU a letter: main process {main_cpu / args.letters * 1000:.1f} ms,"
        f" workers {worker_cpu / args.letters * 1000:.1f} ms (together, start-up included)"
    )
    print(
        f"  peak RSS: main process {median['main_peak_kib'] / 1024:.0f} MiB, each worker up to"
        f" {worker_peak:.0f} MiB   output {median['bytes'] / 1e6:.1f} MB in {runs[0]['files']} file(s)"
    )
    every = ", ".join(f"{run['seconds']:.1f}" for run in runs)
    print(f"  every run (s): {every}")


def compare(args, folder: Path, database: Path) -> None:
    """Time the two ways to make letters.pdf: a document per letter joined with pikepdf, or
    one document per batch of letters with page breaks (page numbers then run across letters)."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from advocacy.core.extensions import db
    from advocacy.core.workers import WorkerPool
    from advocacy.letters.merge_files import join_pdfs
    from advocacy.letters.outputs import Letter
    from advocacy.letters.pdf import ASSETS, letter_html
    from advocacy.letters.service import letter_people, prepare
    from advocacy.pdf import RENDER_TASK

    app = make_app(database, folder)
    with app.app_context():
        root = Path(app.config["LETTER_TEMPLATES_DIR"])
        people = letter_people(sender_name="-")
        text = prepare(db.session, root, "FR", ACTION[3], args.locale).render(people).letter
        htmls = [
            letter_html(
                Letter(
                    text.locale,
                    text.subject,
                    text.body,
                    f"Person {i:04d}",
                    f"Town {i:04d}",
                    f"Member {i:04d}",
                ),
                recipient_lines=[f"Member {i:04d}", "Parliament House", f"{i} Example Street"],
            )
            for i in range(args.letters)
        ]
    lang = text.locale.replace("_", "-")
    pool = WorkerPool(size=args.workers, timeout=300, preload=["advocacy.pdf.render"])
    body = re.compile(r"<body>(.*)</body>", re.S)
    head = htmls[0].split("<body>")[0]

    def render(html: str) -> bytes:
        return pool.run(RENDER_TASK, html, assets_dir=str(ASSETS), title=text.subject, lang=lang)

    def batch(chunk: list[str]) -> str:
        sections = (f'<section style="break-before: page">{body.search(h).group(1)}</section>' for h in chunk)
        return head + "<body>" + "".join(sections) + "</body></html>"

    try:
        with ThreadPoolExecutor(args.workers) as executor:
            list(executor.map(render, htmls[: args.workers]))  # start the workers
            strategies = [("a document per letter, joined", 1)] + [
                (f"one document per {size} letters, joined", size) for size in (10, 25, 50)
            ]
            results: dict[str, list[tuple[float, float, float]]] = {}
            for _ in range(args.runs):  # interleaved, so a busy spell hits every strategy alike
                for label, size in strategies:
                    pids = [worker.process.pid for worker in pool._workers]
                    cpu, started = sum(map(cpu_seconds, pids)), time.perf_counter()
                    documents = (
                        htmls
                        if size == 1
                        else [batch(htmls[i : i + size]) for i in range(0, len(htmls), size)]
                    )
                    parts = list(executor.map(render, documents))
                    joined = join_pdfs(parts, title=text.subject, lang=lang)
                    elapsed, cpu = time.perf_counter() - started, sum(map(cpu_seconds, pids)) - cpu
                    results.setdefault(label, []).append((elapsed, cpu, len(joined)))
    finally:
        pool.close()
    print(
        f"--combined strategies: {args.letters} letters ({args.locale}), {args.workers} workers,"
        f" median of {args.runs}"
    )
    for label, rows in results.items():
        elapsed, cpu, size = (statistics.median(row[i] for row in rows) for i in range(3))
        print(
            f"  {label:<38} {elapsed / args.letters * 1000:6.1f} ms a letter   worker CPU"
            f" {cpu / args.letters * 1000:6.1f} ms a letter   {size / 1e6:5.1f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--letters", type=int, default=1000, help="people rows")
    parser.add_argument("--runs", type=int, default=3, help="runs per mode; the median is shown")
    parser.add_argument("--workers", type=int, default=2, help="renderer workers (the default pool has 2)")
    parser.add_argument("--locale", default="en", help="language of the letters")
    parser.add_argument("--compare", action="store_true", help="compare ways to build --combined instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="letters-merge-") as name:
        folder = Path(name)
        database = folder / "bench.sqlite"
        result = make_app(database, folder).test_cli_runner().invoke(args=["init"])
        if result.exit_code:
            sys.exit(result.output)
        if args.compare:
            compare(args, folder, database)
            return
        people = folder / "people.csv"
        write_people(people, args.letters)
        bench_mode("per-row PDFs", [], args, folder, database, people)
        bench_mode("--combined", ["--combined"], args, folder, database, people)


if __name__ == "__main__":
    main()
