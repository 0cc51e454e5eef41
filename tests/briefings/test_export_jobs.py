"""Export jobs on a real consumer: completes, survives a killed consumer, retries and reports failures.

The tests start `advocacy worker` as a subprocess (tests/exporting.py) on a SQLite-backed
queue and, when REDIS_URL is set, on Redis; on PostgreSQL too when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from advocacy.briefings import jobs
from advocacy.briefings.export import CHECKSUMS_NAME, FAILURES_NAME
from advocacy.briefings.models import ExportDocument
from advocacy.briefings.tasks import job_progress, start_export
from advocacy.core.extensions import db
from advocacy.countries.models import Ruling
from tests.briefings.exporting import SETUP_IDS, SETUPS, Setup, check_zip, running_setup

BROKEN_OUTCOME = "not-an-outcome"  # a ruling outcome with no label: that country's briefing raises


@pytest.fixture(params=SETUPS, ids=SETUP_IDS)
def setup(request, tmp_path) -> Iterator[Setup]:
    yield from running_setup(*request.param, tmp_path)


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
