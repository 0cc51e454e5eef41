"""Profile one country briefing end to end, in this process: content, charts, HTML, layout, write.

.venv/bin/python -m bench.profile_briefing --country FR --locale ug --runs 5 [--profile out.prof]

Prints the median seconds of each phase over --runs warm runs (after one warm-up), and with
--profile writes a cProfile of the warm runs (read it with `python -m pstats`).
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from advocacy import create_app
from advocacy.briefings.charts import charts_html
from advocacy.briefings.content import build_briefing
from advocacy.briefings.render import briefing_html
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.pdf import ASSETS_DIR

LETTERS = PROJECT_ROOT / "templates" / "letters"
TRANSLATIONS = [PROJECT_ROOT / "translations"]


def one(session, code: str, tag: str) -> dict[str, float]:
    """Print one briefing, timing each phase."""
    from weasyprint import HTML

    from advocacy.pdf import render as pdf

    times: dict[str, float] = {}
    cpu = time.process_time()
    started = time.perf_counter()
    briefing = build_briefing(session, code, tag, templates_root=LETTERS, translations_dirs=TRANSLATIONS)
    assert briefing is not None
    times["content"] = time.perf_counter() - started
    mark = time.perf_counter()
    charts_html(briefing.charts, locale=briefing.babel_locale, direction=briefing.direction)
    times["charts"] = time.perf_counter() - mark
    mark = time.perf_counter()
    html = briefing_html(briefing)  # draws the charts again: HTML = this less charts
    times["html"] = max(0.0, time.perf_counter() - mark - times["charts"])
    mark = time.perf_counter()
    font_config = pdf._setup()
    bare, sheets = pdf._stylesheets(html, ASSETS_DIR, font_config)
    source = HTML(string=bare, base_url=pdf.BASE_URL, url_fetcher=pdf.AssetFetcher(ASSETS_DIR))
    document = source.render(
        font_config=font_config, pdf_variant=pdf.PDF_VARIANT, stylesheets=sheets, **pdf.render_options()
    )
    times["layout"] = time.perf_counter() - mark
    mark = time.perf_counter()
    document.write_pdf(pdf_variant=pdf.PDF_VARIANT)
    times["write"] = time.perf_counter() - mark
    mark = time.perf_counter()
    pdf.html_to_pdf(html, assets_dir=ASSETS_DIR, title=briefing.title, lang=briefing.lang)
    times["html_to_pdf"] = time.perf_counter() - mark
    times["total (content+html+html_to_pdf)"] = (
        times["content"] + times["charts"] + times["html"] + times["html_to_pdf"]
    )
    times["CPU of all the above"] = time.process_time() - cpu
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--country", default="FR")
    parser.add_argument("--locale", default="en")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"INSTANCE_PATH": folder, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/db.sqlite"}
        )
        assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
        with app.app_context():
            one(db.session, args.country, args.locale)  # warm-up
            profiler = cProfile.Profile() if args.profile else None
            runs = []
            for _ in range(args.runs):
                if profiler:
                    profiler.enable()
                runs.append(one(db.session, args.country, args.locale))
                if profiler:
                    profiler.disable()
            if profiler:
                profiler.dump_stats(args.profile)
    print(f"{args.country} {args.locale}: median of {args.runs} warm runs, seconds")
    for phase in runs[0]:
        print(f"  {phase:34} {statistics.median(r[phase] for r in runs):.3f}")


if __name__ == "__main__":
    main()
