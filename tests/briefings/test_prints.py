"""Briefings printed ahead on the queue: the public route never prints, serves old until new is printed."""

from __future__ import annotations

import datetime
import os
import shutil
import uuid
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from advocacy.briefings import prints
from advocacy.briefings.model import Briefing
from advocacy.briefings.service import briefing_store, sources
from advocacy.briefings.store import BriefingStore
from advocacy.briefings.tasks import app_tasks
from advocacy.briefings.tasks_prints import forget_requests
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import SETTINGS_KEY
from tests.helpers import DATA_DIR

QUEUES = ["sqlite", *(["redis"] if os.environ.get("REDIS_URL") else [])]


@pytest.fixture(params=QUEUES)
def queued(app, request):
    """The app on a queue of its own (SQLite file, or Redis when REDIS_URL is set)."""
    app.config.update(HUEY_BACKEND=request.param, HUEY_NAME=f"test_{uuid.uuid4().hex[:12]}")
    forget_requests()
    yield app
    app_tasks(app).huey.flush()
    forget_requests()


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the briefings printed (code and locale), printing a stand-in PDF instead."""
    from advocacy.briefings import service

    calls: list[str] = []

    def fake(briefing: Briefing, *, pool=None) -> bytes:
        calls.append(f"{briefing.code} {briefing.locale}")
        stamp = f"% stand-in for {briefing.code} {briefing.locale} {len(calls)}\n".encode()
        return b"%PDF-1.7\n" + stamp + b"%%EOF\n"

    monkeypatch.setattr(service, "briefing_pdf", fake)
    return calls


def run_queue(huey, limit: int = 10_000, only=lambda name, args: True) -> list[tuple]:
    """Run every queued task here (those `only` accepts; the rest are dropped), retries at once.

    Return (name, args) of each task run.
    """
    far = datetime.datetime(9999, 1, 1)
    ran: list[tuple] = []
    while len(ran) < limit:
        task = huey.dequeue()
        if task is None:
            retries = huey.read_schedule(far)
            if not retries:
                break
            for retry in retries:
                retry.eta = None
                huey.enqueue(retry)
            continue
        if only(task.name, task.args):
            ran.append((task.name, task.args))
            huey.execute(task)
    return ran


def stored_files(app) -> list[str]:
    return sorted(p.name for p in (Path(app.instance_path) / "briefings").glob("*"))


def test_a_fresh_site_answers_at_once_without_printing_then_serves_the_print(queued, printed) -> None:
    client = queued.test_client()
    first = client.get("/fr/countries/FR/briefing.pdf")
    assert first.status_code == 202 and first.mimetype == "text/html" and printed == []
    page = first.get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="5">' in page and "<script" not in page.split("</head>")[0]
    assert first.headers["Retry-After"] == "5" and first.headers["Cache-Control"] == "no-store"
    assert 'href="/fr/countries/FR"' in page  # the way back
    again = client.get("/fr/countries/FR/briefing.pdf")  # the page refreshing itself
    assert again.status_code == 202 and printed == []
    huey = app_tasks(queued).huey
    waiting = [(task.name, task.args) for task in huey.pending()]
    assert waiting.count(("print_briefing", ("FR", "fr"))) == 1  # queued once, not per refresh
    assert ("queue_briefings", ()) in waiting

    ran = run_queue(huey, limit=3)  # the reader's briefing goes first
    assert ran[0] == ("print_briefing", ("FR", "fr")) and printed[0] == "FR fr"
    served = client.get("/fr/countries/FR/briefing.pdf")
    assert served.status_code == 200 and served.mimetype == "application/pdf"
    assert served.data.startswith(b"%PDF") and b"FR fr" in served.data
    assert served.headers["Content-Disposition"] == "attachment; filename=briefing-FR-fr.pdf"
    assert (
        client.get(
            "/fr/countries/FR/briefing.pdf", headers={"If-None-Match": served.headers["ETag"]}
        ).status_code
        == 304
    )


def test_queue_briefings_prints_every_missing_one_in_order(queued, printed) -> None:
    with queued.app_context():
        settings = queued.extensions[SETTINGS_KEY]
        wanted = prints.missing(db.session, briefing_store(settings), **sources(settings))
        codes = sorted({w.code for w in wanted})
        assert len(wanted) == len(codes) * len(LOCALES) and len(codes) > 20
        assert [w.locale for w in wanted[: len(codes)]] == ["en"] * len(codes)  # English first
    app_tasks(queued).prints.queue_all()
    app_tasks(queued).prints.queue_all()  # twice: the second finds them queued already
    huey = app_tasks(queued).huey
    run_queue(huey, limit=2)  # the two queue_briefings tasks
    assert huey.pending_count() == len(wanted)
    huey.flush()


def test_a_data_change_reprints_while_the_old_pdf_is_served(queued, printed, tmp_path: Path) -> None:
    client, huey = queued.test_client(), app_tasks(queued).huey
    assert client.get("/de/countries/FR/briefing.pdf").status_code == 202
    run_queue(huey, limit=1)
    huey.flush()
    old = client.get("/de/countries/FR/briefing.pdf")
    assert old.status_code == 200 and printed == ["FR de"]

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    treaties = data / "treaties.csv"
    text = treaties.read_text(encoding="utf-8")
    treaties.write_text(text.replace("UN registration no. 53645.", "UN registration no. 53645 (checked)."))
    assert queued.test_cli_runner().invoke(args=["data", "import", str(data)]).exit_code == 0
    forget_requests()

    meanwhile = client.get("/de/countries/FR/briefing.pdf")
    assert meanwhile.status_code == 200 and meanwhile.data == old.data  # the old one, at once
    assert meanwhile.headers["ETag"] == old.headers["ETag"] and printed == ["FR de"]
    assert ("print_briefing", ("FR", "de")) in [(task.name, task.args) for task in huey.pending()]
    run_queue(huey, limit=1)
    new = client.get("/de/countries/FR/briefing.pdf")
    assert new.status_code == 200 and new.headers["ETag"] != old.headers["ETag"] and new.data != old.data
    assert [name for name in stored_files(queued) if name.startswith("FR_de_")] == [
        f"FR_de_{new.headers['ETag'].strip(chr(34))}.pdf"
    ]  # the old version is removed once the new one is stored


def test_a_print_that_keeps_failing_is_a_clear_503(queued, monkeypatch: pytest.MonkeyPatch) -> None:
    from advocacy.briefings import service
    from advocacy.core.workers import RenderTimeout

    attempts: list[str] = []

    def broken(briefing: Briefing, *, pool=None) -> bytes:
        attempts.append(briefing.code)
        raise RenderTimeout("took too long")

    monkeypatch.setattr(service, "briefing_pdf", broken)
    client = queued.test_client()
    assert client.get("/en/countries/TH/briefing.pdf").status_code == 202
    run_queue(app_tasks(queued).huey, only=lambda name, args: args == ("TH", "en"))
    assert attempts == ["TH"] * queued.extensions[SETTINGS_KEY].export_attempts
    response = client.get("/en/countries/TH/briefing.pdf")
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert "could not be printed" in response.get_data(as_text=True) and response.headers["Retry-After"]


def test_unknown_country_is_404_and_queues_nothing(queued, printed) -> None:
    client = queued.test_client()
    assert client.get("/en/countries/XX/briefing.pdf").status_code == 404
    assert client.get("/xx/countries/FR/briefing.pdf").status_code == 404
    response = client.get("/en/countries/fr/briefing.pdf")
    assert response.status_code == 301 and response.location.endswith("/en/countries/FR/briefing.pdf")
    assert app_tasks(queued).huey.pending_count() == 0 and printed == []


def test_the_store_keeps_one_version_and_prunes(tmp_path: Path) -> None:
    store = BriefingStore(tmp_path)
    store.put("FR", "en", "v1", b"%PDF one")
    assert store.latest("FR", "en").etag == "v1" and store.get("FR", "en", "v2") is None
    store.mark_failed("FR", "en", "v2")
    assert store.failed("FR", "en", "v2") and not store.failed("FR", "en", "v1")
    store.put("FR", "en", "v2", b"%PDF two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FR_en_v2.pdf"]  # old version and marker gone
    store.put("DE", "fr", "v2", b"%PDF three")
    stray = tmp_path / ".tmp-killed.pdf"
    stray.write_bytes(b"half")
    os.utime(stray, (0, 0))
    assert store.prune(["FR"]) == 2  # DE has no data any more; the stray temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FR_en_v2.pdf"]


def test_real_print_through_the_queue(queued) -> None:
    client = queued.test_client()
    assert client.get("/ug/countries/FR/briefing.pdf").status_code == 202
    run_queue(app_tasks(queued).huey, limit=1)
    response = client.get("/ug/countries/FR/briefing.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    with pikepdf.open(BytesIO(response.data)) as document:
        assert str(document.Root.Lang) == "ug"


def test_an_old_version_removed_while_being_served_is_not_an_error(queued, printed, monkeypatch) -> None:
    from advocacy.briefings.store import StoredBriefing

    client, huey = queued.test_client(), app_tasks(queued).huey
    assert client.get("/nl/countries/FR/briefing.pdf").status_code == 202
    store = briefing_store(queued.extensions[SETTINGS_KEY])
    gone = StoredBriefing(store.root / "FR_nl_0000000000.pdf", "0000000000")
    answers = iter([gone])
    real = BriefingStore.latest
    monkeypatch.setattr(BriefingStore, "latest", lambda self, *a: next(answers, None) or real(self, *a))
    forget_requests()
    response = client.get("/nl/countries/FR/briefing.pdf")  # the old file vanishes as it is opened
    assert response.status_code == 202 and printed == []  # looked again: still being prepared
    run_queue(huey, only=lambda name, args: args == ("FR", "nl"))
    assert client.get("/nl/countries/FR/briefing.pdf").status_code == 200


def test_a_case_withdrawn_from_the_public_takes_its_country_s_briefings_with_it(queued, printed, people):
    """An old briefing is served while its replacement prints, but never one naming a withdrawn case."""
    from sqlalchemy import select

    from advocacy.countries.models import Case
    from tests.records.staff_forms import form_with_action, signed_in

    client = queued.test_client()
    with queued.app_context():  # printed as the queue's task prints them (its order is the queue's)
        settings = queued.extensions[SETTINGS_KEY]
        for code, lang in (("FR", "de"), ("FR", "fr"), ("GB", "de")):
            prints.print_one(db.session, briefing_store(settings), code, lang, **sources(settings))
    assert {n[:5] for n in stored_files(queued)} == {"FR_de", "FR_fr", "GB_de"}
    assert client.get("/de/countries/FR/briefing.pdf").status_code == 200
    with queued.app_context():
        case = db.session.scalars(select(Case).where(Case.country == "FR", Case.public.is_(True))).first()
        url = f"/staff/cases/{case.id}"
    staff = signed_in(queued, people["staff"])
    form = form_with_action(staff.get(url).get_data(as_text=True), f"{url}/public")
    assert staff.post(f"{url}/public", data=form).status_code == 302  # restricted now
    assert {n[:5] for n in stored_files(queued)} == {"GB_de"}  # France's went, at once
    forget_requests()
    assert client.get("/de/countries/FR/briefing.pdf").status_code == 202  # not the old one
    assert client.get("/de/countries/GB/briefing.pdf").status_code in (200, 202)
