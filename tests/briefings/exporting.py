"""Export jobs on a real consumer: a loaded app, `advocacy worker` subprocesses, and checks of the zip.

Shared by the export job tests and the staff export page tests. Consumers run as
subprocesses against a temporary instance folder and a database file (or PostgreSQL
schema) shared with the test, on a SQLite-backed queue and, when REDIS_URL is set, on
Redis under a queue name of their own.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import delete, select

from advocacy import create_app
from advocacy.briefings import jobs
from advocacy.briefings.export import CHECKSUMS_NAME, looks_whole
from advocacy.briefings.models import ExportDocument, ExportJob
from advocacy.briefings.tasks import app_tasks, job_progress, job_zip_path
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.settings import PROJECT_ROOT
from advocacy.countries.models import Case, Figure, Instrument, Ruling
from advocacy.countries.names import country_name
from tests.databases import empty_database
from tests.helpers import DATA_DIR

ADVOCACY = Path(sys.executable).with_name("advocacy")
REDIS_URL = os.environ.get("REDIS_URL")
# (database, queue): SQLite for both always; PostgreSQL and Redis when the environment has them.
SETUPS = [("sqlite", "sqlite")]
if os.environ.get("TEST_DATABASE_URL"):
    SETUPS.append(("postgresql", "redis" if REDIS_URL else "sqlite"))
if REDIS_URL:
    SETUPS.append(("sqlite", "redis"))
JOB_TIMEOUT = 240.0


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
            ADVOCACY_PRINT_AHEAD="0",  # these consumers print the jobs' briefings only
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
            f"--- {log.name}\n{log.read_text(errors='replace')[-12000:]}" for _, log in self.consumers
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


SETUP_IDS = [f"{backend}-db-{queue}-queue" for backend, queue in SETUPS]


def running_setup(backend: str, queue: str, tmp_path: Path) -> Iterator[Setup]:
    """A loaded app on `backend` with a `queue` of its own; consumers stopped and the queue emptied after."""
    for url in empty_database(backend, tmp_path):
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


def keep_only(app, codes: tuple[str, ...]) -> None:
    """Delete every other country's facts (the worldwide figures stay)."""
    with app.app_context():
        for model, column in (
            (Instrument, Instrument.country),
            (Ruling, Ruling.country),
            (Case, Case.country),
        ):
            db.session.execute(delete(model).where(column.not_in(codes)))
        db.session.execute(delete(Figure).where(Figure.scope.not_in([*codes, "WORLD"])))
        db.session.commit()
