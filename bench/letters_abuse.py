"""An ordinary letter's PDF latency alone, and while hostile letters are printed at the same time.

.venv/bin/python -m bench.letters_abuse --letters 40 --hostile 3

Letters go through advocacy.letters.pdf.letter_pdf as the web composer's download does: the
shared renderer pool for ordinary letters, the one-worker pool of their own for long ones.
Hostile letters: the longest the form accepts (LINES_MAX - 1 one-character lines), and the
6,000-line letter of the issue (refused by the form now, printed here anyway to show what
the separate pool alone does), each `--hostile` at once, again and again, while the ordinary
letters are timed one after another. "old" prints the 6,000-line letters in the shared pool,
as every letter was before.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import warnings
from collections.abc import Callable

from advocacy.core.workers import close_pools, get_pool
from advocacy.letters import pdf
from advocacy.letters.outputs import Letter
from advocacy.letters.people import LINES_MAX

ORDINARY = Letter(
    locale="en",
    subject="Suspend the extradition treaty with the PRC",
    body="\n\n".join(
        [
            "I am writing about the pressure the People's Republic of China puts on people who live "
            "abroad to make them return, often through their families at home."
        ]
        * 4
    ),
    sender_name="Ada Example",
    sender_town="Lyon",
    recipient_name="Jean Dupont",
)


def hostile(lines: int) -> Letter:
    return Letter(locale="en", subject="x", body="a\n" * lines, sender_name="x", recipient_name="x")


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) >= 2 else times[0]


def ordinary_latencies(count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        pdf.letter_pdf(ORDINARY)
        times.append(time.perf_counter() - started)
    return times


def with_load(count: int, hostile_count: int, printer: Callable[[], object]) -> tuple[list[float], int]:
    """Time ordinary letters while `hostile_count` threads keep printing hostile letters."""
    stop, done = threading.Event(), [0]

    def attack() -> None:
        while not stop.is_set():
            try:
                printer()
                done[0] += 1
            except Exception:  # a time limit, say: the attacker just asks again
                done[0] += 1

    threads = [threading.Thread(target=attack, daemon=True) for _ in range(hostile_count)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # the hostile letters are in flight first
    try:
        return ordinary_latencies(count), done[0]
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)


def run(letters: int, hostile_count: int) -> None:
    """Print the table."""
    warnings.simplefilter("ignore")
    shared = get_pool()
    pdf.letter_pdf(ORDINARY)  # start the shared pool's workers
    pdf.letter_pdf(hostile(pdf.LONG_LINES + 1))  # and the long letters' one
    print(f"ordinary letter PDF latency, {letters} letters one after another (seconds)")
    print(f"  {'while':<52}{'median':>8}{'p95':>8}{'max':>8}{'hostile done':>14}")

    def line(label: str, times: list[float], done: int | str = "-") -> None:
        median, high, top = statistics.median(times), p95(times), max(times)
        print(f"  {label:<52}{median:8.3f}{high:8.3f}{top:8.3f}{done!s:>14}", flush=True)

    line("nothing else prints", ordinary_latencies(letters))
    longest = hostile(LINES_MAX - 1)
    line(f"{hostile_count} x {LINES_MAX - 1}-line letters (the form's most)",
         *with_load(letters, hostile_count, lambda: pdf.letter_pdf(longest)))  # fmt: skip
    issue = hostile(6000)
    line(f"{hostile_count} x 6,000-line letters, their own pool",
         *with_load(letters, hostile_count, lambda: pdf.letter_pdf(issue)))  # fmt: skip
    few = max(5, letters // 5)  # each may wait many seconds here
    line(f"old: {hostile_count} x 6,000-line letters in the shared pool ({few} letters)",
         *with_load(few, hostile_count, lambda: pdf.letter_pdf(issue, pool=shared)))  # fmt: skip
    close_pools()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=40, help="ordinary letters timed per row")
    parser.add_argument("--hostile", type=int, default=3, help="hostile letters in flight at once")
    args = parser.parse_args()
    run(args.letters, args.hostile)


if __name__ == "__main__":
    main()
