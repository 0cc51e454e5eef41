"""Counting honestly: a letter counts when it is taken (download, copy, e-mail), once, never before.

Through the Flask test client and, for the count endpoint, real HTTP with cookies and CSRF.
"""

from __future__ import annotations

import datetime
import re
import threading
from html import unescape
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.letters.counts import record_taken
from advocacy.letters.taking import Taken, new_letter, read, sign
from advocacy.reports.models import CampaignCount, CountedLetter
from tests.browsing import serving
from tests.letters.composing import csrf, details, edited, hidden_fields, preview

START = "/en/countries/FR/write/suspend-extradition-treaty"
EU_QUESTION = "/en/countries/FR/question/eu-parliament"
LETTER = ("FR", "suspend-extradition-treaty", "", "en")  # country, action, chamber, locale


def counts(site) -> dict[tuple[str, str, str, str], int]:
    """Today's counts by country, action, chamber and locale."""
    today = datetime.date.today().isoformat()
    with site.app_context():
        rows = db.session.scalars(select(CampaignCount).where(CampaignCount.day == today))
        return {(r.country, r.action, r.chamber, r.locale): r.count for r in rows}


def moved(before: dict, after: dict) -> dict:
    """The counts that changed, by how much."""
    return {key: n - before.get(key, 0) for key, n in after.items() if n != before.get(key, 0)}


def finished(client, url: str = START, **changes: str) -> str:
    """Compose a letter (or a question) and finish it; return the finished page."""
    if "question" in url:
        html = preview(client, url, letter_locale="en", recipient_name="Jane Doe")
    else:
        token = csrf(client.get(url).get_data(as_text=True))
        html = client.post(url, data={"csrf_token": token, **details()}).get_data(as_text=True)
    response = client.post("/en/letters/finish", data=edited(html, **changes))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def count_token(page: str) -> str:
    """The finished page's count token, the same in every download form and in the count form."""
    tokens = set(re.findall(r'name="count_token" value="([^"]*)"', page))
    assert len(tokens) == 1
    token = tokens.pop()
    forms = re.findall(r'<form[^>]*action="[^"]*/letters/(?:download/\w+|taken)".*?</form>', page, re.S)
    assert len(forms) == 4 and all(f'name="count_token" value="{token}"' in form for form in forms)
    return token


def form_fields(page: str, form_id: str) -> dict[str, str]:
    """The hidden fields of the page's form with this id, as its buttons post them."""
    form = page.split(f'id="{form_id}"')[1].split("</form>")[0]
    return {k: unescape(v) for k, v in re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form)}


def download(client, page: str, kind: str, **changes: str):
    fields = {**hidden_fields(page), "csrf_token": csrf(page), **changes}
    return client.post(f"/en/letters/download/{kind}", data=fields)


def taken(client, page: str, token: str | None = None):
    """Post the finished page's count form, as compose.js does when the letter is copied."""
    data = {"csrf_token": csrf(page), "count_token": count_token(page) if token is None else token}
    return client.post("/en/letters/taken", data=data)


def test_neither_preview_nor_finish_counts(client, site):
    before = counts(site)
    page = finished(client)
    finished(client, EU_QUESTION)
    assert counts(site) == before
    assert count_token(page)


def test_a_letter_counts_once_however_often_and_however_it_is_taken(client, site):
    page = finished(client)
    before = counts(site)
    response = download(client, page, "txt")
    assert response.status_code == 200 and "Ada Example" in response.get_data(as_text=True)
    once = counts(site)
    assert moved(before, once) == {LETTER: 1}
    assert download(client, page, "txt").status_code == 200
    assert download(client, page, "eml").status_code == 200
    assert taken(client, page).status_code == 204  # copied, or opened in the e-mail program
    assert counts(site) == once


def test_each_finished_letter_is_a_letter_of_its_own(client, site):
    first, second = finished(client), finished(client)
    assert count_token(first) != count_token(second)
    before = counts(site)
    assert taken(client, first).status_code == 204
    assert download(client, second, "eml").status_code == 200
    assert moved(before, counts(site)) == {LETTER: 2}


def test_the_same_letter_shown_again_keeps_its_token_and_counts_once(client, site):
    page = finished(client)
    token = count_token(page)
    before = counts(site)
    assert download(client, page, "txt").status_code == 200
    # The language buttons post the finished letter again; "Back: edit the letter" goes to the edit.
    other_language = client.post("/zh-Hans/letters/finish", data=form_fields(page, "letter-state"))
    assert count_token(other_language.get_data(as_text=True)) == token
    editing = client.post("/en/letters/edit", data=form_fields(page, "letter-state")).get_data(as_text=True)
    again = client.post("/en/letters/finish", data=edited(editing, body="Please suspend it.")).get_data(
        as_text=True
    )
    assert "Please suspend it." in again and count_token(again) == token
    in_french = {**form_fields(page, "letter-state"), "letter_locale": "fr"}  # not what it was issued for
    assert count_token(client.post("/en/letters/finish", data=in_french).get_data(as_text=True)) != token
    assert download(client, again, "eml").status_code == 200
    assert moved(before, counts(site)) == {LETTER: 1}


def test_the_same_letter_to_another_member_is_another_letter(client, site):
    page = finished(client)
    state = {**form_fields(page, "letter-state"), "step": "another"}
    first_step = client.post(START, data=state).get_data(as_text=True)
    assert 'name="count_token"' not in first_step  # the first step carries no token on
    fields = {**form_fields(first_step, "compose-form"), "recipient_name": "Marie Curie"}
    fields.pop("step", None)
    fields["letter_locale"] = "en"
    preview_page = client.post(START, data=fields).get_data(as_text=True)
    second = client.post("/en/letters/finish", data=edited(preview_page)).get_data(as_text=True)
    assert "Marie Curie" in second and count_token(second) != count_token(page)
    before = counts(site)
    assert download(client, page, "txt").status_code == 200
    assert download(client, second, "txt").status_code == 200
    assert moved(before, counts(site)) == {LETTER: 2}


def test_a_question_counts_under_its_chamber(client, site):
    page = finished(client, EU_QUESTION)
    before = counts(site)
    assert download(client, page, "txt").status_code == 200
    assert moved(before, counts(site)) == {("FR", "pq", "eu-parliament", "en"): 1}


def _tampered(token: str) -> str:
    """The same signature over a payload that says another country."""
    with_de = sign("test", Taken("x" * 22, "DE", "sanctions", "", "en"))
    return with_de.rsplit(".", 2)[0] + "." + ".".join(token.rsplit(".", 2)[1:])


FORGERIES = {
    "another secret": lambda real: sign("not the secret", Taken("x" * 22, "FR", "sanctions", "", "en")),
    "payload changed": _tampered,
    "signature cut": lambda real: real[:-3],
    "not a token": lambda real: "garbage",
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_token_is_refused_and_counts_nothing(client, site, forge):
    page = finished(client)
    before = counts(site)
    forged = forge(count_token(page))
    assert taken(client, page, forged).status_code == 400
    letter = download(client, page, "txt", count_token=forged)
    assert letter.status_code == 200 and "Ada Example" in letter.get_data(as_text=True)  # never refused
    assert counts(site) == before


def test_a_finished_page_for_a_letter_not_offered_gets_no_token(client, site):
    page = finished(client, EU_QUESTION, chamber="gb-commons")  # the hidden field changed by hand
    assert 'name="count_token"' not in page
    before = counts(site)
    assert download(client, page, "txt").status_code == 200
    assert counts(site) == before


def test_an_old_token_is_refused():
    token = sign("secret", new_letter(country="FR", action="sanctions", chamber="", locale="en"))
    assert read("secret", token) is not None
    assert read("secret", token, max_age=-1) is None
    assert read("other secret", token) is None


def test_the_count_endpoint_over_http_needs_the_csrf_token(site):
    with serving(site) as base:
        browser = build_opener(HTTPCookieProcessor(CookieJar()))  # the session cookie holds the CSRF secret

        def post(path: str, data: dict) -> str:
            return browser.open(base + path, data=urlencode(data).encode()).read().decode()

        token = csrf(browser.open(base + START).read().decode())
        page = post("/en/letters/finish", edited(post(START, {"csrf_token": token, **details()})))
        before = counts(site)
        with pytest.raises(HTTPError) as refused:
            post("/en/letters/taken", {"count_token": count_token(page)})
        assert refused.value.code == 400 and counts(site) == before
        with browser.open(base + "/en/letters/taken", data=urlencode({
            "csrf_token": csrf(page), "count_token": count_token(page)
        }).encode()) as response:  # fmt: skip
            assert response.status == 204
        assert moved(before, counts(site)) == {LETTER: 1}


def test_two_workers_taking_the_same_letters_count_each_once(app):
    """Eight threads, two per letter, at once: each letter counts once, on a row none had made."""
    day = datetime.date(2031, 1, 6)
    letters = [new_letter(country="FR", action="sanctions", chamber="", locale="en") for _ in range(4)]
    start = threading.Barrier(8)
    results: list[tuple[str, bool]] = []

    def take(letter: Taken) -> None:
        with app.app_context():
            start.wait()
            results.append((letter.id, record_taken(db.session, letter, day)))

    threads = [threading.Thread(target=take, args=(letter,)) for letter in letters for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert sorted(letter_id for letter_id, counted in results if counted) == sorted(x.id for x in letters)
    with app.app_context():
        row = db.session.get(CampaignCount, ("FR", "sanctions", "", "en", day.isoformat()))
        assert row is not None and row.count == 4


def test_ids_are_forgotten_once_their_tokens_have_expired(app):
    letter = new_letter(country="FR", action="sanctions", chamber="", locale="en")
    later = new_letter(country="FR", action="sanctions", chamber="", locale="en")
    day = datetime.date(2031, 1, 6)
    with app.app_context():
        assert record_taken(db.session, letter, day)
        assert not record_taken(db.session, letter, day + datetime.timedelta(days=3))  # still known
        assert record_taken(db.session, later, day + datetime.timedelta(days=4))
        kept = db.session.scalars(select(CountedLetter.id)).all()
        assert kept == [later.id]
        counted = select(func.sum(CampaignCount.count)).where(CampaignCount.action == "sanctions")
        assert db.session.scalar(counted) == 2
