"""Exporting every briefing at once: directly (CLI) and as a job on a real Huey queue.

The job tests start `advocacy worker` as a subprocess against a temporary instance folder
and a database file (or PostgreSQL schema) shared with the test, on a SQLite-backed queue
and, when REDIS_URL is set, on Redis under a queue name of their own.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import select

from advocacy import create_app
from advocacy.briefing import jobs
from advocacy.briefing.export import CHECKSUMS_NAME, FAILURES_NAME, looks_whole, parse_locales
from advocacy.config import PROJECT_ROOT
from advocacy.domain.countries import country_name
from advocacy.extensions import db
from advocacy.i18n import LOCALES
from advocacy.models import ExportDocument, ExportJob, Ruling
from advocacy.tasks import app_tasks, create_huey, job_progress, job_zip_path, start_export, sweep
from tests.conftest import DATA_DIR, _database

ADVOCACY = Path(sys.executable).with_name("advocacy")
REDIS_URL = os.environ.get("REDIS_URL")
# (database, queue): SQLite for both always; PostgreSQL and Redis when the environment has them.
SETUPS = [("sqlite", "sqlite")]
if os.environ.get("TEST_DATABASE_URL"):
    SETUPS.append(("postgresql", "redis" if REDIS_URL else "sqlite"))
if REDIS_URL:
    SETUPS.append(("sqlite", "redis"))
JOB_TIMEOUT = 240.0
BROKEN_OUTCOME = "not-an-outcome"  # a ruling outcome with no label: that country's briefing raises


class Setup:
    """A loaded app, its instance folder and database, and consumers started against them."""

    def __init__(self, app, url: str, queue: str, folder: Path) -> None:
        self.app, self.url, self.queue, self.folder = app, url, queue, folder
        self.consumers: list[tuple[subprocess.Popen, Path]] = []

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        env.update(
            ADVOCACY_INSTANCE_PATH=self.app.instance_path,
            DATABASE_URL=self.url,
            SECRET_KEY="test",
            ADVOCACY_QUEUE=self.app.config["HUEY_NAME"],
            ADVOCACY_EXPORT_RETRY_DELAY="1",
        )
        if self.queue == "redis":
            env["REDIS_URL"] = self.app.config["REDIS_URL"]
        return env

    def start_consumer(self, workers: int = 2) -> subprocess.Popen:
        log = self.folder / f"worker-{len(self.consumers)}.log"
        process = subprocess.Popen(
            [str(ADVOCACY), "worker", "--workers", str(workers)],
            cwd=PROJECT_ROOT,
            env=self.environment(),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.consumers.append((process, log))
        return process

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}" for _, log in self.consumers
        )

    def wait(self, job_id: int, until=lambda progress: progress.is_finished, timeout: float = JOB_TIMEOUT):
        """Poll the job until `until(progress)`; fail with the consumers' logs on a timeout or a crash."""
        deadline = time.monotonic() + timeout
        with self.app.app_context():
            while True:
                progress = job_progress(db.session, job_id)
                assert progress is not None
                if until(progress):
                    return progress
                dead = [
                    p for p, _ in self.consumers if p.poll() is not None and p.returncode != -signal.SIGKILL
                ]
                if dead or time.monotonic() > deadline:
                    pytest.fail(f"job {job_id} stuck at {progress}\n{self.logs()}")
                time.sleep(0.05)

    def stop_consumers(self) -> list[int]:
        codes = []
        for process, _ in self.consumers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                codes.append(process.wait(60))
            except subprocess.TimeoutExpired:
                process.kill()
                codes.append(process.wait())
        return codes


@pytest.fixture(params=SETUPS, ids=lambda setup: f"{setup[0]}-db-{setup[1]}-queue")
def setup(request, tmp_path) -> Iterator[Setup]:
    backend, queue = request.param
    for url in _database(backend, tmp_path):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test",
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "SQLALCHEMY_DATABASE_URI": url,
                "DATA_DIR": str(DATA_DIR),
                "DATA_VERSION_TTL": 0,
                "HUEY_BACKEND": queue,
                "REDIS_URL": REDIS_URL if queue == "redis" else None,
                "HUEY_NAME": f"test_{uuid.uuid4().hex[:12]}",  # parallel runs never share a queue
                "EXPORT_RETRY_DELAY": 1,
            }
        )
        result = app.test_cli_runner().invoke(args=["init"])
        assert result.exit_code == 0, result.output
        made = Setup(app, url, queue, tmp_path)
        yield made
        made.stop_consumers()
        app_tasks(app).huey.flush()  # Redis keeps queues between runs: leave nothing behind
        with app.app_context():
            db.engine.dispose()


def pdf_text(data: bytes, folder: Path) -> str:
    path = folder / f"read-{uuid.uuid4().hex[:8]}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def check_zip(setup: Setup, job_id: int, expected: set[tuple[str, str]]) -> zipfile.ZipFile:
    """The job's zip holds each expected briefing once, whole, readable, matching its checksums."""
    with setup.app.app_context():
        path = job_zip_path(db.session, job_id)
        assert path is not None and path.is_file()
        rows = db.session.scalars(
            select(ExportDocument).where(ExportDocument.job_id == job_id, ExportDocument.status == jobs.DONE)
        ).all()
        recorded = {f"{row.country}-{row.locale}.pdf": row.checksum for row in rows}
        job = db.session.get(ExportJob, job_id)
        assert job is not None and job.zip_checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    names = archive.namelist()
    pdfs = sorted(name for name in names if name.endswith(".pdf"))
    assert len(names) == len(set(names))  # no duplicates
    assert pdfs == sorted(f"{code}-{tag}.pdf" for code, tag in expected) == sorted(recorded)
    sums = dict(reversed(line.split("  ")) for line in archive.read(CHECKSUMS_NAME).decode().splitlines())
    for name in pdfs:
        data = archive.read(name)
        assert looks_whole(data), name
        assert hashlib.sha256(data).hexdigest() == recorded[name] == sums[name]
        with pikepdf.open(io.BytesIO(data)) as document:
            assert len(document.pages) >= 4
        code, tag = name[:2], name[3:-4]
        assert country_name(code, LOCALES[tag]) in pdf_text(data, setup.folder).replace("\n", " ")
    # The documents were written into the job's folder until zipped; nothing is left over.
    assert not jobs.job_folder(path.parent, job_id).exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]
    return archive


def test_an_export_job_completes_on_a_real_consumer(setup: Setup) -> None:
    with setup.app.app_context():
        job_id = start_export(db.session, ["en", "fr"], countries=["FR", "DE", "TH"])
        queued = job_progress(db.session, job_id)
    assert queued is not None and queued.status == "queued" and queued.total == 6 and queued.pending == 6
    setup.start_consumer(workers=2)
    progress = setup.wait(job_id)
    assert progress.state == "done" and progress.done == 6 and progress.failed == 0 and not progress.failures
    archive = check_zip(setup, job_id, {(c, t) for c in ("FR", "DE", "TH") for t in ("en", "fr")})
    assert FAILURES_NAME not in archive.namelist()
    status = setup.app.test_cli_runner().invoke(args=["briefings", "status", str(job_id)])
    assert status.exit_code == 0 and f"Job {job_id}: done" in status.output
    assert "6 done, 0 failed, 0 pending of 6" in status.output and "briefings-" in status.output
    assert setup.stop_consumers() == [0]  # SIGTERM: a graceful stop


def test_a_killed_consumer_is_restarted_and_the_job_finishes_intact(setup: Setup) -> None:
    codes = ["CZ", "DE", "FR", "GB"]
    with setup.app.app_context():
        job_id = start_export(db.session, ["en", "de"], countries=codes)
    first = setup.start_consumer(workers=1)

    def mid_document(progress) -> bool:
        if progress.done < 2:
            return False
        with setup.app.app_context():
            leased = db.session.scalar(
                select(ExportDocument.id).where(
                    ExportDocument.job_id == job_id, ExportDocument.lease_owner.is_not(None)
                )
            )
            db.session.rollback()
        return leased is not None

    setup.wait(job_id, until=mid_document)
    first.send_signal(signal.SIGKILL)  # no chance to clean up: mid-document
    assert first.wait(30) == -signal.SIGKILL
    with setup.app.app_context():
        before = {
            row.id: (row.status, row.attempts, row.checksum, row.finished, row.lease_owner)
            for row in db.session.scalars(select(ExportDocument).where(ExportDocument.job_id == job_id))
        }
        db.session.rollback()
    done_before = {i: row for i, row in before.items() if row[0] == jobs.DONE}
    interrupted = [i for i, row in before.items() if row[0] == jobs.PENDING and row[4] is not None]
    assert 2 <= len(done_before) < 8 and len(interrupted) == 1
    # What a write cut short would leave: a partial file under a temporary name.
    folder = jobs.job_folder(Path(setup.app.instance_path) / "exports", job_id)
    (folder / ".tmp-killed.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")

    setup.start_consumer(workers=2)
    progress = setup.wait(job_id)
    assert progress.state == "done" and progress.done == 8 and progress.failed == 0
    with setup.app.app_context():
        after = {
            row.id: (row.status, row.attempts, row.checksum, row.finished, row.lease_owner)
            for row in db.session.scalars(select(ExportDocument).where(ExportDocument.job_id == job_id))
        }
    for document_id, row in done_before.items():
        assert after[document_id] == row  # not printed again
    assert after[interrupted[0]][:2] == (jobs.DONE, 2)  # printed again, once
    check_zip(setup, job_id, {(c, t) for c in codes for t in ("en", "de")})


def test_a_failing_document_is_retried_then_reported(setup: Setup) -> None:
    with setup.app.app_context():
        db.session.add(
            Ruling(
                id="de-broken", country="DE", date="2024-01-01", court="Test court", case_name="broken",
                outcome=BROKEN_OUTCOME, summary="Makes Germany's briefing fail.", source_url=None,
                source_title="test", confidence="high", verified=True, as_of="2026-01-01",
            )
        )  # fmt: skip
        db.session.commit()
        job_id = start_export(db.session, ["en", "fr"], countries=["FR", "DE"])
    setup.start_consumer(workers=2)
    progress = setup.wait(job_id)
    assert progress.status == "done" and progress.state == "done with failures"
    assert (progress.done, progress.failed) == (2, 2)
    assert [(f.country, f.locale, f.attempts) for f in progress.failures] == [
        ("DE", "en", 3),
        ("DE", "fr", 3),
    ]
    assert all(f"KeyError: '{BROKEN_OUTCOME}'" in f.error for f in progress.failures)
    archive = check_zip(setup, job_id, {("FR", "en"), ("FR", "fr")})
    failures = archive.read(FAILURES_NAME).decode()
    assert failures.startswith("2 briefing(s) could not be printed")
    assert f"DE-en.pdf\tKeyError: '{BROKEN_OUTCOME}' (3 attempts)" in failures and "DE-fr.pdf" in failures
    assert "DE-" not in archive.read(CHECKSUMS_NAME).decode()
    status = setup.app.test_cli_runner().invoke(args=["briefings", "status", str(job_id)])
    assert status.exit_code == 0 and "done with failures" in status.output
    assert "failed:    DE en (3 attempts): KeyError" in status.output
    log = setup.logs()
    assert "attempt 1 failed; will retry" in log and "attempt 3 failed; giving up" in log


# --- without a consumer ------------------------------------------------------------------------


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
    me = jobs.owner_name("host-a", 100, "mine")
    alive = {100, 200}.__contains__
    assert not jobs.stale_owner(jobs.owner_name("host-a", 200, "other"), me, alive)  # running
    assert jobs.stale_owner(jobs.owner_name("host-a", 300, "other"), me, alive)  # gone
    assert jobs.stale_owner(jobs.owner_name("host-a", 100, "before"), me, alive)  # our pid, earlier process
    assert not jobs.stale_owner(me, me, alive)
    assert not jobs.stale_owner(jobs.owner_name("host-b", 300, "other"), me, alive)  # its lease expires
    assert not jobs.stale_owner("garbage", me, alive)


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
        dead = jobs.owner_name(socket.gethostname(), finished.pid, "dead")
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
    from advocacy.briefing import service
    from advocacy.workers import RenderTimeout

    printed: list[str] = []

    def fake(briefing, *, pool=None) -> bytes:
        printed.append(briefing.code)
        if briefing.code == "DE":
            raise RenderTimeout("took too long")
        return b"%PDF-1.7\n% stand-in for " + briefing.code.encode() + b"\n%%EOF\n"

    monkeypatch.setattr(service, "briefing_pdf", fake)
    app.config.update(HUEY_BACKEND="sqlite", HUEY_NAME=f"test_{uuid.uuid4().hex[:8]}", EXPORT_ATTEMPTS=2)
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

    import advocacy.cli_briefings
    import advocacy.tasks

    running = jobs.JobProgress(
        id=7, status="running", locales=("en",), created=datetime.datetime(2026, 1, 1), started=None,
        finished=None, total=3, done=1, failed=0, failures=(), error=None, zip_checksum=None, zip_size=None,
    )  # fmt: skip
    steps = iter(
        [running, dataclasses.replace(running, done=2), dataclasses.replace(running, status="done", done=3)]
    )
    monkeypatch.setattr(advocacy.tasks, "job_progress", lambda session, job_id: next(steps))
    monkeypatch.setattr(advocacy.tasks, "job_zip_path", lambda session, job_id: None)
    monkeypatch.setattr(advocacy.cli_briefings, "POLL_SECONDS", 0)
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
    from advocacy.briefing import service
    from advocacy.workers import RenderTimeout

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
