"""No input is a server error: random ids, `next` values and headers on every route.

Hypothesis builds requests from the app's own URL map (each route's parameters filled with
random text, ids of any size), with random headers and sign-in destinations, sent by an
anonymous visitor and by a signed-in admin (who may enter every area). Any answer below
500 is fine; an exception fails the test (the test app propagates them).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import add_people, sign_in

# Header values a client can send (latin-1, no line breaks: the test client refuses those).
VALUE = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=60)
HEADERS = st.dictionaries(
    st.sampled_from(
        ["Accept-Language", "Accept", "Cookie", "Content-Type", "X-Forwarded-For", "X-Forwarded-Proto",
         "Referer", "If-Modified-Since", "Range", "Origin", "Authorization", "X-Requested-With"]
    ),
    VALUE,
    max_size=4,
)  # fmt: skip
TEXT = st.text(max_size=30)
EDGES = [2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64]  # PostgreSQL INTEGER, then 64-bit
IDS = st.one_of(st.integers(min_value=-5, max_value=2**70), st.sampled_from(EDGES))
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


@pytest.fixture(scope="module")
def clients(small_site):
    emails = add_people(small_site)
    admin = small_site.test_client()
    assert sign_in(admin, emails["admin"]).status_code == 302
    return {"anonymous": small_site.test_client(), "admin": admin}


def routes(app) -> list[tuple[str, str]]:
    """Every (method, rule) the app answers, static files aside."""
    return sorted(
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


@st.composite
def requests(draw, app):
    method, rule = draw(st.sampled_from(routes(app)))

    def fill(match: re.Match) -> str:
        converter, name = match.groups()
        if converter == "int":
            return str(draw(IDS))
        if name == "lang":
            return draw(st.sampled_from(["en", "fr", "zh-Hans", "ug", "xx", ""]))
        return quote(draw(TEXT), safe="")

    path = PARAMETER.sub(fill, rule)
    query = {"next": draw(TEXT), "country": draw(TEXT), "show": draw(TEXT), "start": draw(TEXT)}
    form = draw(st.dictionaries(st.sampled_from(["body", "subject", "email", "csrf_token", "x"]), TEXT))
    return method, path, query, form


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), who=st.sampled_from(["anonymous", "admin"]), headers=HEADERS)
def test_no_request_is_a_server_error(small_site, clients, data, who, headers):
    method, path, query, form = data.draw(requests(small_site))
    body = form if method == "POST" else None
    response = clients[who].open(path or "/", method=method, query_string=query, data=body, headers=headers)
    assert response.status_code < 500, (method, path, query, headers)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(target=st.text(max_size=80))
def test_any_next_after_sign_in_stays_on_this_site(small_site, clients, target):
    client = small_site.test_client()
    client.set_cookie("session", "", expires=0)
    response = client.get("/account/login", query_string={"next": target})
    assert response.status_code == (400 if "\x00" in target else 200)  # a NUL is refused everywhere
    from advocacy.accounts.web import safe_next

    kept = safe_next(target)
    assert kept is None or (kept.startswith("/") and not kept.startswith("//") and "\\" not in kept)
