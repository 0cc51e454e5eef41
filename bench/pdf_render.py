"""Time one-page PDF letters rendered through the worker pool, and a bulk run of letters.

.venv/bin/python bench/pdf_render.py --runs 20 --bulk 1000
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import weasyprint

from advocacy.core.workers import WorkerPool
from advocacy.pdf import ASSETS_DIR, RENDER_TASK
from advocacy.pdf.samples import SAMPLES, letter_html

PRELOAD = ["advocacy.pdf.render"]


def peak_rss_mib(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM) in MiB."""
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def render(pool: WorkerPool, lang: str, name: str = "Jane Doe") -> bytes:
    html = letter_html(lang, name)
    return pool.run(RENDER_TASK, html, assets_dir=ASSETS_DIR, title=SAMPLES[lang].title, lang=lang)


def warm(runs: int, memory_mb: int) -> None:
    """Print the median render time per language, each in a fresh one-worker pool."""
    print(f"warm one-page letter through the pool (1 worker, median of {runs}; startup excluded)")
    for lang in SAMPLES:
        pool = WorkerPool(size=1, timeout=60, memory_mb=memory_mb, preload=PRELOAD)
        try:
            started = time.perf_counter()
            render(pool, lang)  # start-up, font configuration, first layout
            first = time.perf_counter() - started
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                size = len(render(pool, lang))
                times.append(time.perf_counter() - started)
            median, slowest = statistics.median(times) * 1000, max(times) * 1000
            peak = peak_rss_mib(pool.run("os:getpid"))
            print(
                f"  {lang:<8} median {median:6.1f} ms   max {slowest:6.1f} ms   first {first:5.2f} s"
                f"   {size / 1024:6.1f} KiB   worker peak RSS {peak:5.0f} MiB"
            )
        finally:
            pool.close()


def bulk(count: int, workers: int, lang: str, memory_mb: int) -> None:
    """Print throughput and peak memory for count personalised letters."""
    pool = WorkerPool(size=workers, timeout=60, memory_mb=memory_mb, preload=PRELOAD)
    try:
        with ThreadPoolExecutor(max_workers=workers) as warmers:  # start every worker first
            list(warmers.map(lambda _: render(pool, lang), range(workers)))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers * 2) as senders:
            sizes = list(senders.map(lambda i: len(render(pool, lang, f"Campaigner {i:05d}")), range(count)))
        elapsed = time.perf_counter() - started
        peaks = [peak_rss_mib(child.pid) for child in multiprocessing.active_children() if child.pid]
        rate, each = count / elapsed, elapsed / count * 1000
        worker_peaks = ", ".join(f"{peak:.0f}" for peak in peaks)
        parent_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"bulk: {count} personalised one-page letters ({lang}), {workers} workers")
        print(f"  total {elapsed:.2f} s   {rate:.1f} letters/s   {each:.1f} ms a letter")
        print(f"  mean size {statistics.mean(sizes) / 1024:.1f} KiB   worker peak RSS {worker_peaks} MiB")
        print(f"  parent peak RSS {parent_peak:.0f} MiB")
    finally:
        pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs per language")
    parser.add_argument("--bulk", type=int, default=1000, help="letters in the bulk run")
    parser.add_argument("--workers", type=int, default=2, help="workers in the bulk run")
    parser.add_argument("--lang", default="en", choices=list(SAMPLES), help="language of the bulk run")
    parser.add_argument("--memory-mb", type=int, default=1024, help="each worker's address-space cap")
    args = parser.parse_args()
    print(f"WeasyPrint {weasyprint.__version__}, {os.cpu_count()} CPUs, memory cap {args.memory_mb} MiB")
    warm(args.runs, args.memory_mb)
    bulk(args.bulk, args.workers, args.lang, args.memory_mb)


if __name__ == "__main__":
    main()
