"""Where sign-in sends people back to: only a path on this site, parsed, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from advocacy.accounts.web import safe_next
from tests.helpers import PASSWORD, csrf_token

HOSTILE = [
    "//evil.example/x",
    "/\t/evil.example",  # browsers drop the tab: //evil.example
    "/%09/evil.example",  # the same, as sent in the query string (decoded once by the server)
    "/\\evil.example",  # browsers read the backslash as a slash
    "\\\\evil.example",
    "/\r\nSet-Cookie: x=1",
    "/\nevil",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    " /staff/",
    "/\x00/evil.example",
    "/" + "a" * 5000,
    "",
]
KEPT = ["/staff/", "/staff/?country=FR", "/translate/fr/sanctions", "/account/password?x=%2F%2Fy"]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_destination_off_this_site_is_refused(target):
    assert safe_next(target.replace("%09", "\t")) is None


@pytest.mark.parametrize("target", KEPT)
def test_a_path_on_this_site_is_kept(target):
    assert safe_next(target) == target


@pytest.fixture
def app(small_app):
    return small_app


@pytest.mark.parametrize("target", HOSTILE)
def test_sign_in_with_a_hostile_next_lands_on_the_workspace(app, people, target):
    client = app.test_client()
    data = {"email": people["staff"], "password": PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post(f"/account/login?next={quote(target, safe='/%')}", data=data)
    if "\x00" in target:  # a NUL anywhere in a request is refused before anything reads it
        assert response.status_code == 400 and "Location" not in response.headers
        return
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/"


def test_sign_in_with_a_path_on_this_site_goes_there(app, people):
    client = app.test_client()
    data = {"email": people["staff"], "password": PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post(f"/account/login?next={quote('/staff/?country=FR')}", data=data)
    assert response.headers["Location"] == "/staff/?country=FR"
