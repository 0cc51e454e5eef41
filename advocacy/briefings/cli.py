"""`advocacy briefing` (one briefing to a file), `advocacy briefings export|status` (every
country's at once) and `advocacy worker` (a task-queue consumer)."""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES

# Babel identifiers (zh_Hans) are accepted too, and mean their URL tag (zh-Hans).
_BY_IDENTIFIER = {identifier.casefold(): tag for tag, identifier in LOCALES.items()}


def _locale(value: str) -> str:
    tag = _BY_IDENTIFIER.get(value.replace("-", "_").casefold())
    if tag is None:
        raise click.BadParameter(f"choose one of {', '.join(LOCALES)}", param_hint="--locale")
    return tag


@click.command("briefing")
@click.option("--country", required=True, help="ISO code, e.g. FR.")
@click.option("--locale", default="en", show_default=True, help=f"One of {', '.join(LOCALES)}.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output PDF file.")  # fmt: skip
@with_appcontext
def briefing_command(country: str, locale: str, output: Path) -> None:
    """Print a country's briefing PDF in one language."""
    from advocacy.briefings.service import render_briefing, sources
    from advocacy.core.web import settings
    from advocacy.core.workers import WorkerError

    tag, code = _locale(locale), country.upper()
    try:
        pdf = render_briefing(db.session, code, tag, **sources(settings()))
    except WorkerError as error:
        raise click.ClickException(f"the briefing could not be printed: {error}") from None
    if pdf is None:
        raise click.ClickException(f"no data for country {code!r}")
    output.write_bytes(pdf)
    click.echo(f"Wrote {output} ({code}, {tag}, {len(pdf) // 1024} KiB).")


POLL_SECONDS = 1.0


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part for part in value.split(",") if part.strip()]


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@click.group("briefings")
def briefings_group() -> None:
    """Export every country's briefing, directly or as a job on the task queue."""


@briefings_group.command("export")
@click.option("--locales", default=",".join(LOCALES), show_default=True,
              help="Comma-separated locales, e.g. en,fr,zh-Hans.")  # fmt: skip
@click.option("--countries", help="Only these countries (comma-separated ISO codes); default: all with data.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for <CODE>-<locale>.pdf (not with --queue).")  # fmt: skip
@click.option("--zip", "make_zip", is_flag=True, help="Also write OUTPUT/briefings.zip.")
@click.option("--workers", type=click.IntRange(1, 64), default=_default_workers, show_default="CPU count",
              help="Briefings printed at once.")  # fmt: skip
@click.option("--queue", is_flag=True, help="Queue a background job instead (see `advocacy worker`).")
@with_appcontext
def export_command(
    locales: str, countries: str | None, output: Path | None, make_zip: bool, workers: int, queue: bool
) -> None:
    """Print every country's briefing in the given locales."""
    from advocacy.briefings.export import export_countries, parse_locales

    try:
        tags = parse_locales(_split(locales) or [])
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--locales") from None
    if queue:
        if output is not None or make_zip:
            raise click.UsageError("--queue writes the zip in the instance folder: leave out -o and --zip")
        from advocacy.briefings.tasks import start_export

        job_id = start_export(db.session, tags, countries=_split(countries))
        click.echo(job_id)
        return
    if output is None:
        raise click.UsageError("give an output folder with -o (or use --queue)")
    codes = export_countries(db.session, _split(countries))
    if not codes:
        raise click.ClickException("no country with data to export")
    skipped = sorted({code.strip().upper() for code in _split(countries) or []} - set(codes))
    if skipped:
        click.echo(f"No data for {', '.join(skipped)}: skipped.", err=True)
    failures = _export_to_folder(current_app._get_current_object(), codes, tags, output, workers)  # type: ignore[attr-defined]
    total = len(codes) * len(tags)
    click.echo(f"Wrote {total - len(failures)} of {total} briefings to {output}.")
    if make_zip:
        _zip_folder(codes, tags, output, failures)
    if failures:
        from advocacy.briefings.export import FAILURES_NAME, failures_text

        (output / FAILURES_NAME).write_text(failures_text(failures), encoding="utf-8")
        click.secho(
            f"{len(failures)} briefing(s) failed (listed in {output / FAILURES_NAME}):", fg="red", err=True
        )
        for failure in failures:
            click.echo(f"  {failure.country} {failure.locale}: {failure.error}", err=True)
        raise SystemExit(1)


def _export_to_folder(app: Flask, codes: list[str], tags: list[str], output: Path, workers: int) -> list:
    """Print every (country, locale) into the folder, `workers` at a time, with a progress bar."""
    from advocacy.briefings.export import Failure, describe, export_pool, print_document, warm_up
    from advocacy.briefings.service import briefing_store, sources
    from advocacy.core.web import SETTINGS_KEY

    pool = export_pool(workers)
    settings = app.extensions[SETTINGS_KEY]
    store, made_of, attempts = briefing_store(settings), sources(settings), settings.export_attempts
    output.mkdir(parents=True, exist_ok=True)

    def one(code: str, tag: str) -> Failure | None:
        error: BaseException | None = None
        with app.app_context():
            for _ in range(attempts):
                try:
                    print_document(db.session, store, code, tag, output, pool=pool, **made_of)
                    return None
                except Exception as failed:
                    db.session.rollback()
                    error = failed
        assert error is not None
        return Failure(code, tag, describe(error), attempts)

    warm_up(pool)
    failures = []
    jobs = [(code, tag) for code in codes for tag in tags]
    with (
        ThreadPoolExecutor(max_workers=workers) as printers,
        click.progressbar(length=len(jobs), label="Printing briefings", show_pos=True) as bar,
    ):
        futures = [printers.submit(one, code, tag) for code, tag in jobs]
        for future in as_completed(futures):
            failure = future.result()
            if failure is not None:
                failures.append(failure)
            bar.update(1)
    return sorted(failures, key=lambda f: (f.country, f.locale))


def _zip_folder(codes: list[str], tags: list[str], output: Path, failures: list) -> None:
    from advocacy.briefings.export import file_name, sha256, write_zip

    failed = {(f.country, f.locale) for f in failures}
    files = []
    for code in codes:
        for tag in tags:
            if (code, tag) not in failed:
                path = output / file_name(code, tag)
                files.append((path.name, path, sha256(path.read_bytes())))
    target = output / "briefings.zip"
    write_zip(target, files, failures)
    click.echo(f"Wrote {target}.")


@briefings_group.command("status")
@click.argument("job_id", type=int)
@click.option("--wait", is_flag=True, help="Follow the job with a progress bar until it ends.")
@with_appcontext
def status_command(job_id: int, wait: bool) -> None:
    """Show an export job's progress (and where its zip is when done)."""
    from advocacy.briefings.tasks import job_progress, job_zip_path

    progress = job_progress(db.session, job_id)
    if progress is None:
        raise click.ClickException(f"no export job {job_id}")
    if wait and not progress.is_finished:
        with click.progressbar(length=progress.total, label=f"Job {job_id}", show_pos=True) as bar:
            shown = 0
            while not progress.is_finished:
                bar.update(progress.finished_documents - shown)
                shown = progress.finished_documents
                time.sleep(POLL_SECONDS)
                progress = job_progress(db.session, job_id)
                assert progress is not None
            bar.update(progress.finished_documents - shown)
    click.echo(f"Job {progress.id}: {progress.state}")
    click.echo(f"  locales:   {', '.join(progress.locales)}")
    click.echo(
        f"  documents: {progress.done} done, {progress.failed} failed, {progress.pending} pending"
        f" of {progress.total}"
    )
    click.echo(f"  created:   {progress.created:%Y-%m-%d %H:%M:%S} UTC")
    if progress.finished:
        click.echo(f"  finished:  {progress.finished:%Y-%m-%d %H:%M:%S} UTC")
    for failure in progress.failures:
        click.echo(
            f"  failed:    {failure.country} {failure.locale} ({failure.attempts} attempts): {failure.error}"
        )
    if progress.error:
        click.echo(f"  error:     {progress.error}")
    path = job_zip_path(db.session, job_id)
    if path is not None:
        click.echo(f"  zip:       {path}")
    if progress.status == "failed":
        raise SystemExit(1)


@click.command("worker")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Tasks run at once, each with its own renderer process.")  # fmt: skip
@with_appcontext
def worker_command(workers: int) -> None:
    """Run a task-queue consumer (export jobs) until SIGTERM or Ctrl-C."""
    from advocacy.briefings.tasks import run_consumer

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run_consumer(current_app._get_current_object(), workers)  # type: ignore[attr-defined]


COMMANDS = [briefing_command, briefings_group, worker_command]
