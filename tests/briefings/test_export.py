"""Exporting every briefing at once without a consumer: the queue's config, the sweep, the
tasks' bodies run in-process, the CLI's direct export and its checks.

The jobs on a real consumer are tested in test_export_jobs.py.
"""

from __future__ import annotations

import datetime
import socket
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from advocacy import create_app
from advocacy.briefings import jobs, leases, progress
from advocacy.briefings.export import CHECKSUMS_NAME, FAILURES_NAME, looks_whole, parse_locales
from advocacy.briefings.models import ExportDocument
from advocacy.briefings.tasks import app_tasks, create_huey, job_progress, job_zip_path, start_export, sweep
from advocacy.core.extensions import db
from tests.briefings.exporting import pdf_text
from tests.helpers import change_settings


def test_the_queue_follows_the_config(tmp_path: Path) -> None:
    from huey import RedisHuey, SqliteHuey

    base = {"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path), "CHECK_FONTS": False}
    default = create_huey(create_app(base | {"REDIS_URL": None}))
    assert isinstance(default, SqliteHuey) and default.name == "advocacy"
    assert default.storage.filename == str(tmp_path / "queue.sqlite")
    redis = create_huey(create_app(base | {"REDIS_URL": "redis://127.0.0.1:6379/0", "HUEY_NAME": "site_b"}))
    assert isinstance(redis, RedisHuey) and redis.storage.queue_key == "huey.redis.site_b"
    forced = create_huey(
        create_app(base | {"REDIS_URL": "redis://127.0.0.1:6379/0", "HUEY_BACKEND": "sqlite"})
    )
    assert isinstance(forced, SqliteHuey)
    with pytest.raises(RuntimeError, match="unknown HUEY_BACKEND"):
        create_huey(create_app(base | {"HUEY_BACKEND": "carrier-pigeon"}))


def test_environment_variables_configure_the_queue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://example.invalid:6379/1")
    monkeypatch.setenv("ADVOCACY_QUEUE", "site_c")
    monkeypatch.setenv("ADVOCACY_EXPORT_RETRY_DELAY", "5")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "CHECK_FONTS": False})
    assert app.config["REDIS_URL"] == "redis://example.invalid:6379/1" and app.config["HUEY_NAME"] == "site_c"
    assert float(app.config["EXPORT_RETRY_DELAY"]) == 5.0


def test_locales_are_checked() -> None:
    assert parse_locales(["en", "zh_Hans", "ZH-hant", "en"]) == ["en", "zh-Hans", "zh-Hant"]
    with pytest.raises(ValueError, match="unknown locale 'tlh'"):
        parse_locales(["en", "tlh"])


def test_stale_leases_are_those_of_dead_processes_on_this_host() -> None:
    me = leases.owner_name("host-a", 100, "mine")
    alive = {100, 200}.__contains__
    assert not leases.stale_owner(leases.owner_name("host-a", 200, "other"), me, alive)  # running
    assert leases.stale_owner(leases.owner_name("host-a", 300, "other"), me, alive)  # gone
    assert leases.stale_owner(
        leases.owner_name("host-a", 100, "before"), me, alive
    )  # our pid, earlier process
    assert not leases.stale_owner(me, me, alive)
    assert not leases.stale_owner(leases.owner_name("host-b", 300, "other"), me, alive)  # its lease expires
    assert not leases.stale_owner("garbage", me, alive)


def test_the_sweep_queues_lost_work_once(app) -> None:
    app.config.update(HUEY_BACKEND="sqlite", HUEY_NAME=f"test_{uuid.uuid4().hex[:8]}")
    finished = subprocess.Popen(["true"])
    finished.wait()
    hour = datetime.timedelta(hours=1)
    with app.app_context():
        job_id = start_export(db.session, ["en"], countries=["FR", "DE", "TH"])
        huey = app_tasks().huey
        documents = jobs.document_ids(db.session, job_id)
        assert sorted(task.args[0] for task in huey.pending()) == documents
        assert sweep() == (0, 0)  # everything is queued already
        # A consumer on this host took a document and died printing it...
        lost = huey.dequeue()
        dead = leases.owner_name(socket.gethostname(), finished.pid, "dead")
        claim = jobs.claim_document(db.session, lost.args[0], owner=dead, lease=hour)
        assert claim is not None and claim.attempts == 1
        # ...and a consumer on another host, alive as far as anyone knows, holds another.
        held = huey.dequeue()
        assert jobs.claim_document(db.session, held.args[0], owner="elsewhere:1:x", lease=hour) is not None
        assert jobs.claim_document(db.session, held.args[0], owner="third:1:y", lease=hour) is None
        assert sweep() == (1, 0)
        assert sorted(task.args[0] for task in huey.pending()) == sorted([lost.args[0], documents[2]])
        assert sweep() == (0, 0)  # queued once
        huey.flush()


def run_queue(huey, before=lambda task: None) -> list[str]:
    """Run every queued task here, retries at once (their delay skipped); return the tasks' names."""
    far = datetime.datetime(9999, 1, 1)
    ran, retries = [], []
    while True:
        task = huey.dequeue()
        if task is None:
            retries += huey.read_schedule(far)  # takes them all off the schedule
            if not retries:
                return ran
            task = retries.pop(0)
            task.eta = None  # a retry runs now
        before(task)
        ran.append(type(task).__name__)
        huey.execute(task)


def test_the_job_in_process_retries_fails_and_reprints_a_lost_file(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tasks' bodies on Huey's execute(): attempts, failure, a file lost before zipping."""
    from advocacy.briefings import service
    from advocacy.core.workers import RenderTimeout

    printed: list[str] = []

    def fake(briefing, *, pool=None) -> bytes:
        printed.append(briefing.code)
        if briefing.code == "DE":
            raise RenderTimeout("took too long")
        return b"%PDF-1.7\n% stand-in for " + briefing.code.encode() + b"\n%%EOF\n"

    monkeypatch.setattr(service, "briefing_pdf", fake)
    app.config.update(HUEY_BACKEND="sqlite", HUEY_NAME=f"test_{uuid.uuid4().hex[:8]}")
    change_settings(app, export_attempts=2)
    with app.app_context():
        job_id = start_export(db.session, ["en"], countries=["FR", "DE", "TH"])
        huey = app_tasks().huey
        folder = jobs.job_folder(Path(app.instance_path) / "exports", job_id)

        damaged: list = []

        def lose_a_file(task) -> None:
            if type(task).__name__ == "zip_export" and not damaged:
                (folder / "FR-en.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")  # damaged after it was recorded
                damaged.append(task)

        ran = run_queue(huey, lose_a_file)
        progress = job_progress(db.session, job_id)
        assert progress is not None and progress.state == "done with failures"
        assert (progress.done, progress.failed) == (2, 1)
        assert [(f.country, f.attempts, f.error) for f in progress.failures] == [
            ("DE", 2, "RenderTimeout: took too long")
        ]
        attempts = dict(
            db.session.execute(
                select(ExportDocument.country, ExportDocument.attempts).where(ExportDocument.job_id == job_id)
            ).all()
        )
        assert attempts == {"DE": 2, "FR": 2, "TH": 1}
        path = job_zip_path(db.session, job_id)
        huey.flush()
    # Briefings are printed once per version and kept: the damaged export copy was rewritten from the store.
    assert sorted(printed) == ["DE", "DE", "FR", "TH"]
    assert ran.count("render_briefing") == 5  # three, DE again, FR again
    assert ran.count("zip_export") == 2
    assert path is not None
    archive = zipfile.ZipFile(path)
    assert sorted(archive.namelist()) == sorted(["FR-en.pdf", "TH-en.pdf", CHECKSUMS_NAME, FAILURES_NAME])
    assert archive.read("FR-en.pdf").endswith(b"%%EOF\n")


def test_status_wait_follows_the_job(app, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import advocacy.briefings.cli
    import advocacy.briefings.tasks

    running = progress.JobProgress(
        id=7, status="running", locales=("en",), created=datetime.datetime(2026, 1, 1), started=None,
        finished=None, total=3, done=1, failed=0, failures=(), error=None, zip_checksum=None, zip_size=None,
    )  # fmt: skip
    steps = iter(
        [running, dataclasses.replace(running, done=2), dataclasses.replace(running, status="done", done=3)]
    )
    monkeypatch.setattr(advocacy.briefings.tasks, "job_progress", lambda session, job_id: next(steps))
    monkeypatch.setattr(advocacy.briefings.tasks, "job_zip_path", lambda session, job_id: None)
    monkeypatch.setattr(advocacy.briefings.cli, "POLL_SECONDS", 0)
    result = app.test_cli_runner().invoke(args=["briefings", "status", "7", "--wait"])
    assert result.exit_code == 0, result.output
    assert "Job 7: done" in result.output and "3 done, 0 failed, 0 pending of 3" in result.output


def test_direct_export_writes_every_file_and_a_zip(app, tmp_path: Path) -> None:
    output = tmp_path / "out"
    result = app.test_cli_runner().invoke(
        args=["briefings", "export", "--locales", "en,zh_Hans", "--countries", "fr,CZ,XX", "-o", str(output),
              "--zip", "--workers", "2"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = ["CZ-en.pdf", "CZ-zh-Hans.pdf", "FR-en.pdf", "FR-zh-Hans.pdf"]
    assert sorted(p.name for p in output.iterdir()) == sorted([*names, "briefings.zip"])
    assert "Wrote 4 of 4 briefings" in result.output
    archive = zipfile.ZipFile(output / "briefings.zip")
    assert sorted(archive.namelist()) == sorted([*names, CHECKSUMS_NAME])
    for name in names:
        data = (output / name).read_bytes()
        assert looks_whole(data) and archive.read(name) == data
    assert "法国" in pdf_text((output / "FR-zh-Hans.pdf").read_bytes(), tmp_path)
    assert "Czechia" in pdf_text((output / "CZ-en.pdf").read_bytes(), tmp_path)


def test_direct_export_reports_failures(app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from advocacy.briefings import service
    from advocacy.core.workers import RenderTimeout

    def flaky(briefing, *, pool=None) -> bytes:
        if briefing.code == "CZ":
            raise RenderTimeout("took too long")
        return b"%PDF-1.7\n% stand-in\n%%EOF\n"

    monkeypatch.setattr(service, "briefing_pdf", flaky)
    output = tmp_path / "out"
    args = ["briefings", "export", "--locales", "en", "--countries", "FR,CZ", "-o", str(output), "--zip"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1
    assert "Wrote 1 of 2 briefings" in result.output
    assert "CZ en: RenderTimeout: took too long" in result.output
    listed = (output / FAILURES_NAME).read_text().splitlines()
    assert listed[2] == "CZ-en.pdf\tRenderTimeout: took too long (3 attempts)"
    zipped = zipfile.ZipFile(output / "briefings.zip").namelist()
    assert sorted(zipped) == sorted(["FR-en.pdf", FAILURES_NAME, CHECKSUMS_NAME])


def test_cli_refuses_what_it_cannot_do(app, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    wrong = runner.invoke(args=["briefings", "export", "--locales", "en,tlh", "-o", str(tmp_path)])
    assert wrong.exit_code == 2 and "unknown locale 'tlh'" in wrong.output
    both = runner.invoke(args=["briefings", "export", "--queue", "-o", str(tmp_path)])
    assert both.exit_code == 2 and "leave out -o" in both.output
    nowhere = runner.invoke(args=["briefings", "export"])
    assert nowhere.exit_code == 2 and "-o" in nowhere.output
    missing = runner.invoke(args=["briefings", "status", "999"])
    assert missing.exit_code == 1 and "no export job 999" in missing.output


def test_queue_cli_prints_the_job_id(app) -> None:
    app.config.update(HUEY_BACKEND="sqlite", HUEY_NAME=f"test_{uuid.uuid4().hex[:8]}")
    result = app.test_cli_runner().invoke(args=["briefings", "export", "--queue", "--locales", "en,fr"])
    assert result.exit_code == 0, result.output
    job_id = int(result.output.strip())
    with app.app_context():
        progress = job_progress(db.session, job_id)
        assert progress is not None and progress.locales == ("en", "fr") and progress.total % 2 == 0
        assert progress.total > 100 and app_tasks().huey.pending_count() == progress.total
        assert job_zip_path(db.session, job_id) is None
        app_tasks().huey.flush()


def test_migration_matches_the_export_models(app) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diffs if "export_" in repr(d)] == []
