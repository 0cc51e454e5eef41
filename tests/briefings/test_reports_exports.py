"""The staff briefing export page: start an export, follow it, download its zip.

The main test drives a real export through the page to a real `advocacy worker`
consumer (tests/exporting.py), on a SQLite-backed queue and, when REDIS_URL is set, on
Redis; on PostgreSQL too when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import datetime
import io
import re
import uuid
import zipfile
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from advocacy.briefings import jobs
from advocacy.briefings.export import CHECKSUMS_NAME, looks_whole
from advocacy.briefings.models import ExportJob
from advocacy.briefings.tasks import job_zip_path
from advocacy.core.extensions import db
from tests.briefings.exporting import SETUP_IDS, SETUPS, Setup, check_zip, keep_only, pdf_text, running_setup
from tests.helpers import add_people, csrf_token, sign_in

KEPT = ("FR", "TH")  # the countries left with data, so that "every country" is a short export


@pytest.fixture(params=SETUPS, ids=SETUP_IDS)
def setup(request, tmp_path) -> Iterator[Setup]:
    yield from running_setup(*request.param, tmp_path)


def signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def test_an_export_started_from_the_page_finishes_and_its_zip_downloads(setup: Setup) -> None:
    keep_only(setup.app, KEPT)
    emails = add_people(setup.app)
    staff = signed_in(setup.app, emails["staff"])
    page = staff.get("/staff/exports").get_data(as_text=True)
    assert "(2 countries)" in page and "No export yet." in page
    started = staff.post("/staff/exports", data={"locales": ["en", "fr"], "csrf_token": csrf_token(staff)})
    assert started.status_code == 303
    job_url = started.headers["Location"]
    job_id = int(re.fullmatch(r"/staff/exports/(\d+)", job_url).group(1))

    waiting = staff.get(job_url).get_data(as_text=True)
    assert "Queued: waiting for a worker" in waiting and 'id="refresh"' in waiting
    assert '<a href="/staff/exports" aria-current="page">' in waiting
    assert '<script src="/static/exports.js" defer></script>' in waiting  # progressive; no inline script
    status = staff.get(f"{job_url}/status.json").get_json()
    assert status == {
        "id": job_id, "status": "queued", "state": "Queued: waiting for a worker", "finished": False,
        "total": 4, "done": 0, "failed": 0, "pending": 4, "download": None,
    }  # fmt: skip
    assert staff.get(f"{job_url}/download").status_code == 404

    setup.start_consumer(workers=2)
    progress = setup.wait(job_id)
    assert progress.state == "done" and progress.done == 4

    finished = staff.get(job_url).get_data(as_text=True)
    assert '<p id="job-state" class="lead">Done</p>' in finished and "exports.js" not in finished
    assert f'href="{job_url}/download"' in finished and 'id="failures"' not in finished
    status = staff.get(f"{job_url}/status.json").get_json()
    assert status["finished"] and status["done"] == 4 and status["download"] == f"{job_url}/download"
    assert f">Export {job_id}</a>" in staff.get("/staff/exports").get_data(as_text=True)

    download = staff.get(f"{job_url}/download")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert download.headers["Content-Disposition"] == f"attachment; filename=briefings-{job_id}.zip"
    data = download.get_data()
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(archive.namelist())
    assert names == sorted([CHECKSUMS_NAME, "FR-en.pdf", "FR-fr.pdf", "TH-en.pdf", "TH-fr.pdf"])
    assert all(looks_whole(archive.read(name)) for name in names if name.endswith(".pdf"))
    assert "Thaïlande" in pdf_text(archive.read("TH-fr.pdf"), setup.folder)
    # The file the job recorded, checksums and all.
    check_zip(setup, job_id, {(c, t) for c in KEPT for t in ("en", "fr")})
    with setup.app.app_context():
        assert job_zip_path(db.session, job_id).read_bytes() == data

    translator = signed_in(setup.app, emails["translator"])
    assert translator.get(f"{job_url}/download").status_code == 403
    visitor = setup.app.test_client().get(f"{job_url}/download")
    assert visitor.status_code == 302 and "/account/login" in visitor.headers["Location"]
    assert setup.stop_consumers() == [0]


# --- without a consumer ------------------------------------------------------------------------


@pytest.fixture
def staff(app, people):
    app.config.update(HUEY_BACKEND="sqlite", HUEY_NAME=f"test_{uuid.uuid4().hex[:8]}")
    client = app.test_client()
    assert sign_in(client, people["staff"]).status_code == 302
    return client


def test_an_export_needs_a_language(app, staff) -> None:
    page = staff.post("/staff/exports", data={"csrf_token": csrf_token(staff)}).get_data(as_text=True)
    assert "Choose at least one language." in page
    assert staff.post("/staff/exports", data={"locales": ["en"]}).status_code == 400  # no CSRF token
    with app.app_context():
        assert db.session.scalars(select(ExportJob)).all() == []


def test_failures_are_listed_with_their_error(app, staff) -> None:
    with app.app_context():
        job = jobs.create_job(db.session, ["en"], ["DE", "FR"])
        job_id = job.id
        first, second = jobs.document_ids(db.session, job_id)
        for document_id in (first, second):  # a consumer took them
            jobs.claim_document(db.session, document_id, owner="host:1:test", lease=datetime.timedelta(60))
        jobs.document_failed(db.session, first, "KeyError: 'broken'", max_attempts=3, permanent=True)
    running = staff.get(f"/staff/exports/{job_id}").get_data(as_text=True)
    assert ">Running<" in running and "KeyError: &#39;broken&#39;" in running
    assert re.search(r"<th scope=\"row\">Germany \(DE\)</th><td>en</td><td class=\"number\">1</td>", running)
    with app.app_context():
        jobs.document_failed(db.session, second, "RenderTimeout: took too long", max_attempts=1)
        jobs.mark_failed(db.session, job_id, "the zip could not be written: disk full")
    failed = staff.get(f"/staff/exports/{job_id}").get_data(as_text=True)
    assert "Failed: no zip could be written" in failed and "disk full" in failed
    assert "RenderTimeout: took too long" in failed and 'id="refresh"' not in failed
    assert staff.get(f"/staff/exports/{job_id}/download").status_code == 404
    assert staff.get("/staff/exports/999").status_code == 404
    assert staff.get("/staff/exports/999/status.json").status_code == 404


def test_a_queue_that_cannot_be_reached_is_said_so(app, staff) -> None:
    app.config.update(HUEY_BACKEND="redis", REDIS_URL="redis://127.0.0.1:1/0")
    page = staff.post(
        "/staff/exports", data={"locales": ["en"], "csrf_token": csrf_token(staff)}, follow_redirects=True
    ).get_data(as_text=True)
    assert "The task queue could not be reached" in page
    assert "Failed: no zip could be written" in page  # the job is recorded, and why it failed
    with app.app_context():
        job = db.session.scalars(select(ExportJob)).one()
        assert job.status == jobs.FAILED and "could not be reached" in job.error
