"""The composer through real HTTP: details -> preview -> edit -> text, mailto, .eml; privacy."""

from __future__ import annotations

import email
import logging
import re
import uuid
from email.policy import strict
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from advocacy.core.extensions import db
from advocacy.records.dataset import current_version
from tests.letters.composing import csrf, details, hidden_fields
from tests.letters.composing import edited as edited_fields

START = "/en/countries/FR/write/suspend-extradition-treaty"


def start(client, **fields: str):
    token = csrf(client.get(START).get_data(as_text=True))
    return client.post(START, data={"csrf_token": token, **fields})


def test_form_offers_every_locale_and_defaults_to_the_page_locale(client):
    html = client.get("/fr/countries/FR/write/suspend-extradition-treaty").get_data(as_text=True)
    assert re.search(r'<option selected value="fr">', html)
    assert 'value="ug"' in html and 'value="zh_Hans"' in html


def test_action_must_fit_the_country(client):
    assert client.get("/en/countries/GB/write/suspend-extradition-treaty").status_code == 404
    assert client.get("/en/countries/FR/write/pq").status_code == 404
    assert client.get("/en/countries/ZZ/write/sanctions").status_code == 404


def test_missing_name_is_explained(client):
    response = start(client, **details(sender_name=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please give your name." in html
    assert 'aria-invalid="true"' in html


def test_preview_edit_and_outputs(client):
    preview = start(client, **details(personal="My cousin was pressed to return."))
    html = preview.get_data(as_text=True)
    assert "has been in force since 17 July 2015" in html
    assert "My cousin was pressed to return." in html
    edited = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    }
    edited.update(
        csrf_token=csrf(html), subject="My own subject", body="My own edited text.\n\nSecond paragraph."
    )
    finished = client.post("/en/letters/finish", data=edited).get_data(as_text=True)
    assert "Dear Jean Dupont," in finished and "My own edited text." in finished
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"', finished).group(1))
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == ["My own subject"]
    assert query["body"][0].startswith("Dear Jean Dupont,\r\n\r\nMy own edited text.")
    fields = hidden_fields(finished)
    text = client.post("/en/letters/download/txt", data={**fields, "csrf_token": csrf(finished)})
    assert 'filename="FR-suspend-extradition-treaty-' in text.headers["Content-Disposition"]
    assert "Second paragraph.\n\nYours sincerely,\n\nAda Example\nLyon" in text.get_data(as_text=True)
    eml = client.post("/en/letters/download/eml", data={**fields, "csrf_token": csrf(finished)})
    message = email.message_from_bytes(eml.get_data(), policy=strict)
    assert message["Subject"] == "My own subject" and message["To"].addresses[0].username == "jean.dupont"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sender_name", "Ada\u202eevil", "invisible control characters"),
        ("sender_name", "Ada\x07", "invisible control characters"),
        ("personal", "x" * 100_000, "under 3000 characters"),
        ("recipient_email", "a@b.c\r\nBcc: x@y.z", "not an e-mail address"),
        ("letter_locale", "xx", "Not a valid choice"),
    ],
)
def test_hostile_input_is_refused(client, field, value, message):
    html = start(client, **details(**{field: value})).get_data(as_text=True)
    assert message in html
    assert "Review and edit your letter" not in html


def test_markup_is_escaped_never_executed(client):
    html = start(client, **details(sender_town="<script>alert(1)</script>")).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_csrf_is_required(client):
    assert client.post(START, data=details()).status_code == 400
    assert client.post("/en/letters/download/txt", data=details(subject="s", body="b")).status_code == 400


def test_composer_responses_are_never_stored(client):
    assert client.get(START).headers["Cache-Control"] == "no-store"
    assert start(client, **details()).headers["Cache-Control"] == "no-store"


def test_nothing_typed_is_stored_or_logged(app, caplog, tmp_path):
    """Compose with a canary, then search the database, the logs and the instance folder."""
    canary = f"Canary{uuid.uuid4().hex[:10]}"
    client = app.test_client()
    caplog.set_level(logging.DEBUG)
    token = csrf(client.get(START).get_data(as_text=True))
    fields = details(sender_name=canary, sender_town=f"{canary}town", recipient_address=f"1 {canary} Street",
                     personal=f"{canary} paragraph")  # fmt: skip
    html = client.post(START, data={"csrf_token": token, **fields}).get_data(as_text=True)
    assert canary in html  # it reached the letter...
    edited = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    }
    edited.update(csrf_token=csrf(html), subject="s", body=f"{canary} body")
    finished = client.post("/en/letters/finish", data=edited).get_data(as_text=True)
    client.post("/en/letters/download/eml", data={**hidden_fields(finished), "csrf_token": csrf(finished)})
    # The written-question composer and the representative search see the canary too.
    question = "/en/countries/FR/question/eu-parliament"
    token = csrf(client.get(question).get_data(as_text=True))
    client.post(question, data={"csrf_token": token, "find": "1", "rep_query": f"{canary} search"})
    drafted = client.post(question, data={"csrf_token": token, **fields}).get_data(as_text=True)
    assert canary in drafted
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
        url = db.engine.url
    assert canary not in caplog.text  # ...but no log line has it
    instance = Path(app.instance_path)
    for path in [p for p in instance.rglob("*") if p.is_file()]:
        assert canary.encode() not in path.read_bytes(), path
    if url.get_backend_name() == "postgresql":
        with app.app_context():
            dump = "\n".join(
                str(row) for t in db.metadata.sorted_tables for row in db.session.execute(t.select())
            )
        assert canary not in dump
    else:
        database = Path(url.database)
        for path in database.parent.glob(database.name + "*"):
            assert canary.encode() not in path.read_bytes(), path


def test_pdf_download_reads_back(client, tmp_path):
    import subprocess

    html = start(
        client, **details(recipient_address="Assemblée nationale\n126 rue de l'Université\n75355 Paris")
    ).get_data(as_text=True)
    edited = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    }
    edited.update(
        csrf_token=csrf(html), subject="Suspend the treaty", body="First paragraph.\n\nSecond paragraph."
    )
    finished = client.post("/en/letters/finish", data=edited).get_data(as_text=True)
    response = client.post(
        "/en/letters/download/pdf", data={**hidden_fields(finished), "csrf_token": csrf(finished)}
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.get_data())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ["Ada Example", "Jean Dupont", "75355 Paris", "Suspend the treaty", "Dear Jean Dupont,",
                     "Second paragraph.", "Yours sincerely,"]:  # fmt: skip
        assert expected in text, expected
    assert re.search(r"^1 ?/ ?1$", text, re.MULTILINE), "page number"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    with client.application.app_context():
        version = current_version(db.session)
    assert re.search(rf"^Keywords:\s+data version {version}$", info, re.MULTILINE), info  # the facts' data


def finished_letter(client, body: str) -> dict[str, str]:
    """Go through the composer and return the finished letter's download form."""
    html = start(client, **details()).get_data(as_text=True)
    edited = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    }
    edited.update(csrf_token=csrf(html), subject="Suspend the treaty", body=body)
    finished = client.post("/en/letters/finish", data=edited).get_data(as_text=True)
    return {**hidden_fields(finished), "csrf_token": csrf(finished)}


@pytest.fixture
def missing_font(monkeypatch):
    """fontconfig without Noto Sans CJK JP, as the font check sees it."""
    from advocacy.pdf import fonts

    installed = fonts.installed_families()
    fonts.checks_once.cache_clear()
    monkeypatch.setattr(fonts, "installed_families", lambda: installed - {"Noto Sans CJK JP"})
    yield "Noto Sans CJK JP"
    fonts.checks_once.cache_clear()  # the next test sees the real fonts again


def test_pdf_is_refused_with_a_reason_when_a_font_is_missing(client, missing_font, caplog):
    response = client.post("/en/letters/download/pdf", data=finished_letter(client, "First paragraph."))
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert "cannot be printed to PDF" in response.get_data(as_text=True)
    assert "fonts are missing" in caplog.text
    # Pages and the other downloads still work.
    assert client.get(START).status_code == 200
    text = client.post("/en/letters/download/txt", data=finished_letter(client, "First paragraph."))
    assert text.status_code == 200


def test_characters_no_font_has_are_a_503_with_a_reason(client, caplog):
    # U+E000 is a private-use character: no installed font draws it, so the renderer refuses.
    response = client.post("/en/letters/download/pdf", data=finished_letter(client, "Private \ue000 use."))
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert "cannot be printed to PDF" in response.get_data(as_text=True)
    assert "letter PDF failed: advocacy.pdf.render.MissingGlyphs" in caplog.text
    assert "\ue000" not in caplog.text


def test_preview_and_finished_pages_have_a_plain_title_and_load_the_script_once(client):
    preview = start(client, **details()).get_data(as_text=True)
    fields = edited_fields(preview)
    finished = client.post("/en/letters/finish", data=fields).get_data(as_text=True)
    for page in (preview, finished):
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert "<" not in title and "script" not in title, title
        assert page.count("compose.js") == 1
