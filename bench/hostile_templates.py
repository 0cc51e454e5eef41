"""Measure what hostile translator templates cost: seconds and MB each, and memory after 100.

Each payload of issue 15 is rendered twice: in this process through the sandbox alone (its
pure-Python checks), and through the editor's path (advocacy.translations.isolated: a worker
under RLIMIT_AS / RLIMIT_CPU / a wall clock). Then 100 hostile previews go through the
worker path and this process's resident memory is printed before and after.

.venv/bin/python bench/hostile_templates.py [--previews 100]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

from advocacy.core.sandbox import TemplateError
from advocacy.letters.service import blank_facts
from advocacy.letters.template import LetterTemplate
from advocacy.translations import isolated
from advocacy.translations.sample import Sample

PAYLOADS = {
    "percent width": "{{ '%999999999s' % 'x' }}",
    "percent folded": "{{ '%300000000s' % 'x' }}",
    "center": "{{ 'x'.center(1500000000) }}",
    "ljust": "{{ 'x'.ljust(1500000000) }}",
    "format width": "{{ '{:>999999999}'.format('x') }}",
    "concat doubling": "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40 + "{{ a }}",
    "repeat": "{{ 'x' * 999999999 }}",
    "join": "{{ range(10000)|join('x' * 9000) }}",
    "big integers": "{% set n = 3 %}" + "{% set n = n * n %}" * 40 + "{{ n }}",
    "nested loops": "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
}


def rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS) or its peak (VmHWM), in MB."""
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def draft(body: str) -> LetterTemplate:
    return LetterTemplate("sanctions", "fr", "Sujet", "letter", "not-reviewed", body + "\n")


def in_process(sample: Sample, body: str) -> tuple[float, float, str]:
    """Render with the sandbox alone here: seconds, peak MB allocated (tracemalloc), outcome."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        sample.render(draft(body))
        outcome = "rendered"
    except TemplateError as error:
        outcome = str(error)[:60]
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return seconds, peak, outcome


def in_worker(sample: Sample, body: str) -> tuple[float, str]:
    start = time.perf_counter()
    _letter, error = isolated.preview(sample, draft(body))
    return time.perf_counter() - start, (error or "rendered")[:60]


def worker_peaks() -> list[float]:
    from advocacy.core import workers

    pools = [pool for pool in workers._pools.values()]
    return [rss_mb(w.process.pid, "VmHWM") for pool in pools for w in pool._workers if w.process.is_alive()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previews", type=int, default=100)
    args = parser.parse_args()
    sample = Sample(None, blank_facts("fr"))
    in_worker(sample, "warm up {{ 1 }}")
    print(f"pool: {isolated.POOL}")
    print(f"{'payload':<16} {'sandbox s':>9} {'peak MB':>8} {'worker s':>9}  outcome")
    for name, body in PAYLOADS.items():
        seconds, peak, outcome = in_process(sample, body)
        worker_seconds, worker_outcome = in_worker(sample, body)
        print(f"{name:<16} {seconds:>9.3f} {peak:>8.1f} {worker_seconds:>9.3f}  {outcome} | {worker_outcome}")
    print(f"worker peak RSS (VmHWM) MB: {[round(p, 1) for p in worker_peaks()]}")
    before = rss_mb()
    start = time.perf_counter()
    bodies = list(PAYLOADS.values())
    for n in range(args.previews):
        in_worker(sample, bodies[n % len(bodies)])
    elapsed = time.perf_counter() - start
    after = rss_mb()
    print(
        f"{args.previews} hostile previews in {elapsed:.1f} s: "
        f"this process {before:.1f} MB -> {after:.1f} MB (peak {rss_mb('self', 'VmHWM'):.1f} MB)"
    )
    print(f"worker peak RSS (VmHWM) MB after: {[round(p, 1) for p in worker_peaks()]}")


if __name__ == "__main__":
    main()
