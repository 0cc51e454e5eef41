"""Nothing a campaigner typed, and no reply code, is left in the database or the logs."""

from __future__ import annotations

import logging
import re
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from sqlalchemy import MetaData, select

from advocacy.core.extensions import db
from tests.browsing import serving
from tests.letters.composing import csrf
from tests.replies.journey import MEP, finished, get_code, import_members, inputs, report

CANARIES = {
    "sender_name": "Canary-Name-5d1e",
    "sender_town": "Canary-Town-91c4",
    "recipient_address": "Canary-Street-2b7f\nCanary-City-0aa3",
    "recipient_title": "Canary-Title-77e2",
    "personal": "Canary-Paragraph-c3d9 my family in Urumqi was visited.",
}


def everything_stored(app) -> str:
    """Every value of every row of every table, as text."""
    with app.app_context(), db.engine.connect() as connection:
        tables = MetaData()
        tables.reflect(bind=connection)
        assert "reply_code" in tables.tables and "campaign_count" in tables.tables
        return "\n".join(
            " ".join(str(value) for value in row)
            for table in tables.sorted_tables
            for row in connection.execute(select(table))
        )


def canary_words() -> list[str]:
    return [word for value in CANARIES.values() for word in re.findall(r"Canary-\w+-\w+", value)]


def test_a_full_journey_with_a_reply_leaves_no_trace_of_the_campaigner(app, caplog):
    caplog.set_level(logging.DEBUG)
    import_members(app)
    client = app.test_client()
    page = finished(client, choose=MEP, **CANARIES)
    assert "Canary-Paragraph-c3d9" in page  # the letter carries what was typed ...
    fields = inputs(page, "letter-state") | {
        "body": inputs(page, "letter-state")["body"] + "\nCanary-Edit-4f0b"
    }
    assert client.post("/en/letters/download/txt", data=fields).status_code == 200
    assert client.post("/en/letters/taken", data=inputs(page, "count-letter")).status_code in (204, 400)
    code, _ = get_code(client, page)
    assert report(client, code, replied="yes", took="4", stance="tabled").status_code == 200
    assert report(client, code, replied="form-letter", took="8", stance="non-committal").status_code == 200
    stored = everything_stored(app)
    assert "sample-person-1" in stored and "form-letter" in stored  # the report and its member are there
    for canary in [*canary_words(), "Canary-Edit-4f0b"]:
        assert canary not in stored, canary
        assert canary not in caplog.text, canary
    for form_of_code in (code, code.replace("-", "")):
        assert form_of_code not in stored and form_of_code not in caplog.text


@pytest.fixture
def server(app):
    import_members(app)
    with serving(app) as url:
        yield url


def test_the_servers_request_log_never_holds_a_reply_code(app, server, caplog):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    code, _ = get_code(client, finished(client))
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{server}/en/reply/{code}").read().decode()
    assert 'name="replied"' in page
    body = urlencode({"csrf_token": csrf(page), "code": code, "replied": "not-yet"}).encode()
    assert "Your report is kept." in opener.open(f"{server}/en/reply/report", data=body).read().decode()
    with pytest.raises(HTTPError) as refused:
        opener.open(f"{server}/en/reply/{code[:-1]}X?x=1")
    assert refused.value.code == 404
    requests = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert any("GET /en/reply/[code] HTTP/1.1" in line for line in requests), requests
    raw = code.replace("-", "")
    assert code not in caplog.text and raw not in caplog.text and code[:-1] not in caplog.text


def test_a_failing_reply_page_is_logged_without_its_code(app, caplog, monkeypatch):
    from advocacy.replies import service

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(service, "find", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    caplog.set_level(logging.DEBUG)
    code = "K7QM-2XHD-9PRF-T4WB-ZN6C"
    assert app.test_client().get(f"/en/reply/{code}").status_code == 500
    assert "Exception on /en/reply/[code] [GET]" in caplog.text and code not in caplog.text
