"""Time one country briefing per locale: warm render, worker peak memory, cached re-serve, alternatives.

.venv/bin/python -m bench.briefing_render --runs 7 --alt-runs 3 --letters 30

Then, with --letters N, an ordinary letter's PDF latency alone and with hostile letters in
flight (bench/letters_abuse.py). The phases of one briefing in detail: bench/profile_briefing.py.

The country is the one with the most instruments and public cases. Each locale gets a fresh
one-worker pool (so its peak memory is its own), a warm-up render, then --runs timed renders:
content built from the database here, charts + HTML + WeasyPrint in the worker. The stored
PDF is then fetched --serve-runs times through the Flask test client. The same HTML is printed
by headless Chromium and converted by LibreOffice (a fresh process each time, as a user would).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from io import BytesIO
from pathlib import Path

import pikepdf
import weasyprint
from sqlalchemy import func, select

from advocacy import create_app
from advocacy.briefings.content import build_briefing
from advocacy.briefings.model import Briefing
from advocacy.briefings.render import briefing_html
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.settings import PROJECT_ROOT
from advocacy.core.workers import WorkerPool
from advocacy.countries.models import Case, Instrument
from advocacy.pdf import ASSETS_DIR

LETTERS = PROJECT_ROOT / "templates" / "letters"
TRANSLATIONS = [PROJECT_ROOT / "translations"]
PRELOAD = ["advocacy.briefings.render", "bench.briefing_render"]


def phases(briefing: Briefing) -> tuple[bytes, float, float, float]:
    """Worker task: the PDF, the seconds spent on charts + HTML and on WeasyPrint, and the CPU seconds."""
    from advocacy.pdf.render import html_to_pdf

    warnings.simplefilter("ignore")
    cpu = time.process_time()
    started = time.perf_counter()
    html = briefing_html(briefing)
    drawn = time.perf_counter()
    pdf = html_to_pdf(html, assets_dir=ASSETS_DIR, title=briefing.title, lang=briefing.lang)
    return pdf, drawn - started, time.perf_counter() - drawn, time.process_time() - cpu


def bare(html: str) -> float:
    """Worker task: seconds for bare WeasyPrint (HTML(string).write_pdf(), its defaults) on the same HTML."""
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    weasyprint.HTML(string=html).write_pdf()
    return time.perf_counter() - started


def peak_rss_mib(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM) in MiB."""
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def busiest_country(session) -> tuple[str, int, int]:
    """The country with the most instruments plus public cases."""
    per_country = select(Instrument.country, func.count()).group_by(Instrument.country)
    instruments: dict[str, int] = dict(session.execute(per_country).tuples().all())
    public = select(Case.country, func.count()).where(Case.public.is_(True)).group_by(Case.country)
    cases: dict[str, int] = dict(session.execute(public).tuples().all())
    # Ties go to the country with more instruments (more rows, timeline events and footnotes).
    code = max(
        set(instruments) | set(cases),
        key=lambda c: (instruments.get(c, 0) + cases.get(c, 0), instruments.get(c, 0), c),
    )
    return code, instruments.get(code, 0), cases.get(code, 0)


def standalone_html(html: str) -> str:
    """The briefing's HTML with its stylesheet inlined, for printers that cannot read asset: URLs."""
    css = (Path(ASSETS_DIR) / "briefing.css").read_text(encoding="utf-8")
    return html.replace('<link rel="stylesheet" href="briefing.css">', f"<style>{css}</style>")


def page_count(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def time_command(command: list[str], output: Path, runs: int) -> tuple[float, int] | None:
    """Median seconds of a command that writes output, and the pages it wrote; None if it failed."""
    times = []
    if runs < 1:  # --alt-runs 0: skip the alternatives
        return None
    for _ in range(runs):
        output.unlink(missing_ok=True)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, timeout=180, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode != 0 or not output.exists():
            return None
    return statistics.median(times), page_count(output)


def chromium(html_file: Path, folder: Path, runs: int) -> tuple[float, int] | None:
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    output = folder / "chromium.pdf"
    # --no-sandbox: the benchmark may run as root, where Chromium's sandbox refuses to start.
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--print-to-pdf={output}", html_file.as_uri()]  # fmt: skip
    return time_command(command, output, runs) if Path(binary).exists() else None


def libreoffice(html_file: Path, folder: Path, runs: int) -> tuple[float, int] | None:
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        return None
    profile = folder / "lo-profile"  # its own profile, so a running LibreOffice does not interfere
    command = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder), str(html_file)]  # fmt: skip
    return time_command(command, folder / (html_file.stem + ".pdf"), runs)


def build(code: str, tag: str) -> Briefing:
    """The briefing's content, from the database (inside an app context)."""
    found = build_briefing(db.session, code, tag, templates_root=LETTERS, translations_dirs=TRANSLATIONS)
    assert found is not None
    return found


def bench_locale(app, code: str, tag: str, args) -> dict:
    """Render one locale's briefing: timings, memory, size, re-serve, alternatives."""
    pool = WorkerPool(size=1, timeout=180, memory_mb=args.memory_mb, preload=PRELOAD)
    try:
        with app.app_context():
            started = time.perf_counter()
            model = build_briefing(
                db.session, code, tag, templates_root=LETTERS, translations_dirs=TRANSLATIONS
            )
            first_content = time.perf_counter() - started
        started = time.perf_counter()
        pool.run("bench.briefing_render:phases", model)  # start-up, imports, fonts, first layout
        first = time.perf_counter() - started + first_content
        content, drawing, printing, total, cpu = [], [], [], [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            with app.app_context():
                model = build(code, tag)
            built = time.perf_counter()
            pdf, html_seconds, pdf_seconds, cpu_seconds = pool.run("bench.briefing_render:phases", model)
            total.append(time.perf_counter() - started)
            content.append(built - started)
            drawing.append(html_seconds)
            printing.append(pdf_seconds)
            cpu.append(cpu_seconds)
        peak = peak_rss_mib(pool.run("os:getpid"))  # before bare WeasyPrint loads fonts of its own
        standalone = standalone_html(briefing_html(model))
        pool.run("bench.briefing_render:bare", standalone)  # warm
        plain = statistics.median(
            pool.run("bench.briefing_render:bare", standalone) for _ in range(args.runs)
        )
        serve = reserve(app, pool, code, tag, args.serve_runs)
        with pikepdf.open(BytesIO(pdf)) as document:
            pages = len(document.pages)
    finally:
        pool.close()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        html_file = Path(folder) / f"briefing-{code}-{tag}.html"
        html_file.write_text(standalone, encoding="utf-8")
        chrome = chromium(html_file, Path(folder), args.alt_runs)
        office = libreoffice(html_file, Path(folder), args.alt_runs)
    median = statistics.median
    return {
        "tag": tag, "content": median(content), "drawing": median(drawing), "printing": median(printing),
        "total": median(total), "max": max(total), "first": first, "pages": pages, "kib": len(pdf) / 1024,
        "peak": peak, "serve": serve, "chromium": chrome, "libreoffice": office,
        "cpu": median(cpu), "bare": plain,
    }  # fmt: skip


def reserve(app, pool: WorkerPool, code: str, tag: str, runs: int) -> float:
    """Median milliseconds to serve the stored PDF again through the Flask test client."""
    from advocacy.briefings.prints import print_one
    from advocacy.briefings.service import briefing_store, sources
    from advocacy.core.web import SETTINGS_KEY

    settings = app.extensions[SETTINGS_KEY]
    client = app.test_client()
    url = f"/{tag}/countries/{code}/briefing.pdf"
    started = time.perf_counter()
    assert client.get(url).status_code == 202  # not printed yet: "being prepared", at once
    print(f"  {tag}: not printed yet, answered 202 in {(time.perf_counter() - started) * 1000:.0f} ms")
    with app.app_context():  # printed ahead, as the queue does
        print_one(db.session, briefing_store(settings), code, tag, pool=pool, **sources(settings))
    assert client.get(url).status_code == 200  # stored
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        body = response.get_data()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200 and body.startswith(b"%PDF")
    return statistics.median(times) * 1000


def alternative(result: tuple[float, int] | None, weasy: float) -> str:
    if result is None:
        return f"{'-':>8} {'':>6}"
    seconds, pages = result
    return f"{seconds:7.2f}s {seconds / weasy:5.1f}x/{pages}p"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm renders per locale")
    parser.add_argument("--alt-runs", type=int, default=3, help="Chromium and LibreOffice runs per locale")
    parser.add_argument("--serve-runs", type=int, default=50, help="cached re-serves per locale")
    parser.add_argument("--locales", default=",".join(LOCALES), help="comma-separated locale tags")
    parser.add_argument("--memory-mb", type=int, default=1024, help="the worker's address-space cap")
    parser.add_argument("--letters", type=int, default=30, help="ordinary letters timed per row (0: skip)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    # Workers inherit this path, and import this file as bench.briefing_render to run phases().
    sys.path.insert(0, str(PROJECT_ROOT))
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        app = create_app(
            {"SECRET_KEY": "bench", "INSTANCE_PATH": folder, "DATA_VERSION_TTL": 2.0,
             "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite"}
        )  # fmt: skip
        assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
        with app.app_context():
            code, instruments, cases = busiest_country(db.session)
        report(app, code, instruments, cases, args)
    if args.letters:
        from bench.letters_abuse import run

        run(args.letters, hostile_count=3)


HEADER = (
    f"{'locale':<8}{'content':>8}{'charts+html':>12}{'weasyprint':>11}{'total':>8}{'cpu':>7}{'max':>7}"
    f"{'first':>7}{'pages':>6}{'KiB':>6}{'worker peak':>12}{'re-serve':>9}{'bare wp x':>13}"
    f"{'chromium x/pages':>20}{'libreoffice':>18}"
)


def row(r: dict) -> str:
    """One locale's line of the table."""
    ms = {key: r[key] * 1000 for key in ("content", "drawing", "printing")}
    return (
        f"{r['tag']:<8}{ms['content']:6.0f}ms{ms['drawing']:10.0f}ms{ms['printing']:9.0f}ms"
        f"{r['total']:7.2f}s{r['cpu']:6.2f}s{r['max']:6.2f}s{r['first']:6.1f}s{r['pages']:6d}{r['kib']:6.0f}"
        f"{r['peak']:8.0f} MiB{r['serve']:7.1f}ms{r['bare']:6.2f}s{r['total'] / r['bare']:5.2f}x"
        f"{alternative(r['chromium'], r['total']):>20}{alternative(r['libreoffice'], r['total']):>18}"
    )


def report(app, code: str, instruments: int, cases: int, args) -> None:
    """Benchmark every locale asked for and print the table."""
    print(
        f"WeasyPrint {weasyprint.__version__}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"briefing {code}: {instruments} instruments, {cases} public cases; median of {args.runs} warm "
        f"renders in a 1-worker pool; Chromium, LibreOffice: median of {args.alt_runs}, a process each"
    )
    if not (shutil.which("libreoffice") or shutil.which("soffice")):
        print("LibreOffice: not installed here, skipped (this benchmark does not install it)")
    print(HEADER)
    rows = []
    for tag in [t.strip() for t in args.locales.split(",") if t.strip()]:
        rows.append(bench_locale(app, code, tag, args))
        print(row(rows[-1]), flush=True)
    slowest = max(rows, key=lambda r: r["total"])
    print(
        "x: the alternative's time over ours (chromium 3.0x = ours is three times faster); "
        "bare wp x: ours over bare WeasyPrint's"
    )
    print(
        f"slowest median {slowest['total']:.2f} s ({slowest['tag']}), target < 0.5 s; "
        f"largest worker peak {max(r['peak'] for r in rows):.0f} MiB, target < 300 MB; "
        f"slowest re-serve {max(r['serve'] for r in rows):.1f} ms, target < 20 ms"
    )
    print(f"load average now {os.getloadavg()[0]:.1f} (other processes share the CPUs)")


if __name__ == "__main__":
    main()
