"""Bad input answered as such: ids too big for the database, requests too big to read."""

from __future__ import annotations

import pytest

from tests.helpers import add_people, csrf_token, sign_in

# Each route with a numeric id, by the role that may open it (an admin may open them all).
ID_ROUTES = [
    ("GET", "/staff/exports/{}"),
    ("GET", "/staff/exports/{}/status.json"),
    ("GET", "/staff/exports/{}/download"),
    ("GET", "/translate/review/{}"),
    ("POST", "/translate/review/{}/approve"),
    ("POST", "/translate/review/{}/reject"),
    ("GET", "/admin/users/{}"),
    ("POST", "/admin/users/{}"),
    ("POST", "/admin/users/{}/active"),
    ("POST", "/admin/users/{}/invite"),
]
TOO_BIG = [2**31, 2**63, 2**64, 10**40]


@pytest.fixture(scope="module")
def admin(small_site):
    emails = add_people(small_site)
    client = small_site.test_client()
    assert sign_in(client, emails["admin"]).status_code == 302
    return client


@pytest.mark.parametrize("number", TOO_BIG)
@pytest.mark.parametrize(("method", "pattern"), ID_ROUTES)
def test_an_id_the_database_cannot_hold_is_not_found(admin, method, pattern, number):
    data = {"csrf_token": csrf_token(admin)} if method == "POST" else None
    response = admin.open(pattern.format(number), method=method, data=data)
    assert response.status_code == 404


def test_the_largest_id_the_database_holds_is_looked_up(admin):
    assert admin.get(f"/staff/exports/{2**31 - 1}").status_code == 404
    assert admin.get(f"/admin/users/{2**31 - 1}").status_code == 404


def test_a_body_over_a_megabyte_is_refused_unread_with_a_page(small_site):
    client = small_site.test_client()
    response = client.post("/en/letters/finish", data={"body": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "larger than this site accepts" in response.get_data(as_text=True)


def test_twenty_thousand_fields_are_refused(small_site):
    client = small_site.test_client()
    fields = {f"f{n}": "1" for n in range(20_000)}
    response = client.post("/en/letters/finish", data=fields)
    assert response.status_code == 413


def test_an_ordinary_form_is_still_read(small_site):
    client = small_site.test_client()
    response = client.post("/en/letters/finish", data={"body": "x" * 50_000})
    assert response.status_code not in (413, 500)


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/api/v1/countries/%00", None),
        ("GET", "/en/?status=%00", None),
        ("POST", "/en/letters/finish", {"subject": "a\x00b"}),
    ],
)
def test_a_nul_character_is_a_bad_request_not_a_server_error(small_site, method, url, data):
    response = small_site.test_client().open(url, method=method, data=data)
    assert response.status_code == 400
