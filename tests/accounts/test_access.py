"""Who may reach what: a table of (method, URL) -> roles allowed, tried for every role.

Anonymous visitors are sent to the sign-in page; signed-in people without the right get
403. Every workspace route must appear in the table (the last test checks that), so a
new page cannot ship without a decision about who may see it.
"""

from __future__ import annotations

import pytest

from tests.helpers import add_people, csrf_token, sign_in

ROLES = ("anonymous", "staff", "translator", "admin")
EVERYONE = {"staff", "translator", "admin"}

# (method, URL, roles allowed). Other modules' routes are added here as they are built.
TABLE = [
    ("GET", "/admin/users", {"admin"}),
    ("POST", "/admin/users", {"admin"}),
    ("GET", "/admin/users/1", {"admin"}),
    ("POST", "/admin/users/1", {"admin"}),
    ("POST", "/admin/users/1/active", {"admin"}),
    ("POST", "/admin/users/1/invite", {"admin"}),
    ("GET", "/account/password", EVERYONE),
    ("POST", "/account/password", EVERYONE),
    # staff: data editing (views/staff.py)
    ("GET", "/staff/", {"staff", "admin"}),
    ("GET", "/staff/?country=FR", {"staff", "admin"}),
    ("GET", "/staff/changes", {"staff", "admin"}),
    ("GET", "/staff/treaties/new", {"staff", "admin"}),
    ("POST", "/staff/treaties/new", {"staff", "admin"}),
    ("GET", "/staff/cases/fr-2019-2", {"staff", "admin"}),
    ("POST", "/staff/cases/fr-2019-2", {"staff", "admin"}),
    ("POST", "/staff/cases/fr-2019-2/delete", {"staff", "admin"}),
    ("POST", "/staff/cases/fr-2019-2/public", {"staff", "admin"}),
    ("GET", "/staff/rulings/fr-2019-1/history", {"staff", "admin"}),
    ("GET", "/staff/import", {"staff", "admin"}),
    ("POST", "/staff/import", {"staff", "admin"}),
    ("GET", "/staff/export.zip", {"staff", "admin"}),
    # staff: counts and exports (views/reports.py)
    ("GET", "/staff/counts", {"staff", "admin"}),
    ("GET", "/staff/counts?start=2026-01-01&country=FR", {"staff", "admin"}),
    ("GET", "/staff/counts.csv", {"staff", "admin"}),
    ("GET", "/staff/counts/chart.svg", {"staff", "admin"}),
    ("GET", "/staff/exports", {"staff", "admin"}),
    ("POST", "/staff/exports", {"staff", "admin"}),  # no language chosen: the form says so, nothing starts
    ("GET", "/staff/exports/1", {"staff", "admin"}),
    ("GET", "/staff/exports/1/status.json", {"staff", "admin"}),
    ("GET", "/staff/exports/1/download", {"staff", "admin"}),
    # translators (views/translate.py): the table's translator edits fr and de, approves fr
    ("GET", "/translate/", {"translator", "admin"}),
    ("GET", "/translate/fr/suspend-extradition-treaty", {"translator"}),
    ("POST", "/translate/fr/suspend-extradition-treaty", {"translator"}),
    ("POST", "/translate/fr/suspend-extradition-treaty/preview", {"translator"}),
    ("GET", "/translate/es/suspend-extradition-treaty", set()),  # no rights for es: 403
    ("POST", "/translate/es/suspend-extradition-treaty/preview", set()),
    ("GET", "/translate/review", {"translator", "admin"}),
    ("GET", "/translate/review/999999", {"translator", "admin"}),  # 404 once past the door
    ("POST", "/translate/review/999999/approve", {"translator", "admin"}),
    ("POST", "/translate/review/999999/reject", {"translator", "admin"}),
]
# Open to everyone by design: signing in, out, and accepting an invitation.
PUBLIC_WORKSPACE = {"auth.login", "auth.logout", "auth.home", "auth.invitation"}


@pytest.fixture(scope="module")
def signed_in(site):
    """A signed-in test client per role (and an anonymous one), shared by the table."""
    emails = add_people(site)
    clients = {"anonymous": site.test_client()}
    for role in EVERYONE:
        client = site.test_client()
        assert sign_in(client, emails[role]).status_code == 302
        clients[role] = client
    return clients


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "allowed"), TABLE)
def test_role_table(signed_in, method, url, allowed, role):
    client = signed_in[role]
    data = {"csrf_token": csrf_token(client)} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    sent_to_sign_in = response.status_code == 302 and "/account/login" in response.headers["Location"]
    if role in allowed:
        assert response.status_code != 403 and not sent_to_sign_in and response.status_code < 500
    elif role == "anonymous":
        assert sent_to_sign_in
    else:
        assert response.status_code == 403


def test_every_workspace_route_is_in_the_table(site):
    tried = {(method, url.split("?")[0]) for method, url, _ in TABLE}
    adapter = site.url_map.bind("localhost")
    for rule in site.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in {"admin", "staff", "reports", "translate", "account", "auth"}:
            continue
        if rule.endpoint in PUBLIC_WORKSPACE:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            matched = [url for m, url in tried if m == method and _matches(adapter, url, method, rule)]
            assert matched, f"{method} {rule.rule} ({rule.endpoint}) is missing from the access table"


def _matches(adapter, url, method, rule) -> bool:
    try:
        endpoint, _ = adapter.match(url, method=method)
    except Exception:
        return False
    return endpoint == rule.endpoint
