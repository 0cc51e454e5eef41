"""Who may reach what: each workspace route's expected answer for every role, tried for real.

Anonymous visitors are sent to the sign-in page (a GET comes back to where it was going);
signed-in people without the right get 403, and the others the status written in the
table. The workspace blueprints are found in the app (every one workspace_blueprint
made), and each of their routes must appear in the table, so a new page cannot ship
without a decision about who may see it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from advocacy.accounts.rules import may_enter
from advocacy.accounts.web import WorkspaceBlueprint
from tests.helpers import add_people, csrf_token, sign_in

SIGNED_IN = ("staff", "translator", "admin")
ROLES = ("anonymous", *SIGNED_IN)

# (method, URL, the status for staff, translator, admin). Requests carry only a CSRF token,
# so forms answer with their error status (400, 422, or 200 where the page shows it) and
# change nothing; 404: past the door, but there is no such thing.
TABLE = [
    ("GET", "/admin/users", (403, 403, 200)),
    ("POST", "/admin/users", (403, 403, 200)),
    ("GET", "/admin/users/1", (403, 403, 200)),
    ("POST", "/admin/users/1", (403, 403, 200)),
    ("POST", "/admin/users/1/active", (403, 403, 302)),  # account 1 is the admin: refused, sent back
    ("POST", "/admin/users/1/invite", (403, 403, 200)),
    ("GET", "/account/password", (200, 200, 200)),
    ("POST", "/account/password", (200, 200, 200)),
    # staff: data editing (records)
    ("GET", "/staff/", (200, 403, 200)),
    ("GET", "/staff/?order=oldest", (200, 403, 200)),
    ("GET", "/staff/?country=FR", (200, 403, 200)),
    ("GET", "/staff/changes", (200, 403, 200)),
    ("GET", "/staff/treaties/new", (200, 403, 200)),
    ("POST", "/staff/treaties/new", (422, 403, 422)),
    ("GET", "/staff/cases/fr-2019-2", (200, 403, 200)),
    ("POST", "/staff/cases/fr-2019-2", (400, 403, 400)),
    ("POST", "/staff/cases/fr-2019-2/delete", (400, 403, 400)),
    ("POST", "/staff/cases/fr-2019-2/public", (400, 403, 400)),
    ("GET", "/staff/rulings/fr-2019-1/history", (200, 403, 200)),
    ("GET", "/staff/import", (200, 403, 200)),
    ("POST", "/staff/import", (422, 403, 422)),
    ("GET", "/staff/export.zip", (200, 403, 200)),
    ("GET", "/staff/channels/gb-999", (200, 403, 200)),
    # staff: where-to-report channels to check (reporting)
    ("GET", "/staff/reporting/", (200, 403, 200)),
    # staff: campaign counts (reports)
    ("GET", "/staff/counts", (200, 403, 200)),
    ("GET", "/staff/counts?start=2026-01-01&country=FR", (200, 403, 200)),
    ("GET", "/staff/counts.csv", (200, 403, 200)),
    ("GET", "/staff/counts/chart.svg", (200, 403, 200)),
    # staff: reply reports' response rates (replies)
    ("GET", "/staff/counts/replies", (200, 403, 200)),
    ("GET", "/staff/counts/replies.csv", (200, 403, 200)),
    # staff: briefing exports (exports)
    ("GET", "/staff/exports", (200, 403, 200)),
    ("POST", "/staff/exports", (200, 403, 200)),  # no language chosen: the form says so, nothing starts
    ("GET", "/staff/exports/1", (404, 403, 404)),
    ("GET", "/staff/exports/1/status.json", (404, 403, 404)),
    ("GET", "/staff/exports/1/download", (404, 403, 404)),
    # translators (translate): the table's translator edits fr and de; an admin every locale
    ("GET", "/translate/", (403, 200, 200)),
    ("GET", "/translate/fr/suspend-extradition-treaty", (403, 200, 200)),
    ("POST", "/translate/fr/suspend-extradition-treaty", (403, 400, 400)),
    ("POST", "/translate/fr/suspend-extradition-treaty/preview", (403, 400, 400)),
    ("GET", "/translate/es/suspend-extradition-treaty", (403, 403, 200)),  # the translator: no rights for es
    ("POST", "/translate/es/suspend-extradition-treaty/preview", (403, 403, 400)),
    ("GET", "/translate/zh-Hans/suspend-extradition-treaty", (403, 403, 200)),  # the URL spelling
    ("GET", "/translate/zh_Hans/suspend-extradition-treaty", (403, 308, 308)),  # the other: redirected
    ("POST", "/translate/zh_Hans/suspend-extradition-treaty/preview", (403, 308, 308)),
    # reviewing translations (review)
    ("GET", "/translate/review", (403, 200, 200)),
    ("GET", "/translate/review/999999", (403, 404, 404)),
    ("POST", "/translate/review/999999/approve", (403, 404, 404)),
    ("POST", "/translate/review/999999/reject", (403, 404, 404)),
]
# Blueprints open to everyone by design: public pages, the API, letters, briefings, signing in,
# where to report (its page and API).
PUBLIC_BLUEPRINTS = {
    "public",
    "api",
    "compose",
    "send",
    "briefings",
    "auth",
    "report",
    "report_api",
    "changes",
    "opendata",
    "downloads",
    "replies",
}
# The account pages open without an account: signing in and out, accepting an invitation.
PUBLIC_ACCOUNT = {"auth.login", "auth.logout", "auth.home", "auth.invitation"}


def cases() -> list:
    """One test case per (row, role), with the status expected; None: sent to sign in."""
    return [
        pytest.param(method, url, role, None if role == "anonymous" else statuses[SIGNED_IN.index(role)])
        for method, url, statuses in TABLE
        for role in ROLES
    ]


@pytest.fixture(scope="module")
def site(small_site):
    """A few countries' real data (tests/data_small) is all the table needs."""
    return small_site


@pytest.fixture(scope="module")
def signed_in(site):
    """A signed-in test client per role (and an anonymous one), shared by the table."""
    emails = add_people(site)
    clients = {"anonymous": site.test_client()}
    for role in SIGNED_IN:
        client = site.test_client()
        assert sign_in(client, emails[role]).status_code == 302
        clients[role] = client
    return clients


@pytest.mark.parametrize(("method", "url", "role", "expected"), cases())
def test_each_role_gets_the_expected_answer(signed_in, method, url, role, expected):
    client = signed_in[role]
    data = {"csrf_token": csrf_token(client)} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    if expected is not None:
        assert response.status_code == expected
        return
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/account/login"
    back = parse_qs(location.query).get("next")
    assert back == ([url if "?" in url else f"{url}?"] if method == "GET" else None)


def workspace_blueprints(app) -> dict[str, str | None]:
    """The app's blueprints made by workspace_blueprint, with the area each one needs."""
    return {
        name: blueprint.area
        for name, blueprint in app.blueprints.items()
        if isinstance(blueprint, WorkspaceBlueprint)
    }


def endpoint_of(app, method: str, url: str) -> str | None:
    """The endpoint a request would reach, or None if nothing matches."""
    try:
        endpoint, _ = app.url_map.bind("localhost").match(urlsplit(url).path, method=method)
    except Exception:
        return None
    return endpoint


def test_every_blueprint_is_a_workspace_or_public_by_design(site):
    workspaces = workspace_blueprints(site)
    assert set(site.blueprints) == set(workspaces) | PUBLIC_BLUEPRINTS
    assert not set(workspaces) & PUBLIC_BLUEPRINTS
    account = {rule.endpoint for rule in site.url_map.iter_rules() if rule.endpoint.startswith("auth.")}
    assert account == PUBLIC_ACCOUNT


def test_every_workspace_route_is_in_the_table(site):
    workspaces = workspace_blueprints(site)
    tried = {(method, endpoint_of(site, method, url)) for method, url, _ in TABLE}
    for rule in site.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in workspaces:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert (method, rule.endpoint) in tried, (
                f"{method} {rule.rule} ({rule.endpoint}) is missing from the access table"
            )


@pytest.mark.parametrize(("method", "url", "statuses"), TABLE)
def test_the_table_keeps_each_blueprints_door(site, method, url, statuses):
    """Each row is a workspace route, and a role its blueprint's area shuts out gets 403."""
    endpoint = endpoint_of(site, method, url) or "(none)"
    workspaces = workspace_blueprints(site)
    blueprint = endpoint.split(".")[0]
    assert blueprint in workspaces, f"{method} {url} reaches {endpoint}, not a workspace route"
    area = workspaces[blueprint]
    for role, status in zip(SIGNED_IN, statuses, strict=True):
        if area is not None and not may_enter(role, area):
            assert status == 403, f"{role} may not enter {area}, yet the table expects {status}"
