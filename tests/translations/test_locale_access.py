"""Whose revisions an account may read and decide: a translator its own locales, an admin all.

The README says admins may do what translators do, so an admin has edit and approve
rights in every locale (still never on their own work); a translator sees, approves and
rejects only revisions in locales they may edit or approve.
"""

from __future__ import annotations

import pytest

from advocacy.accounts import models as accounts
from advocacy.core.extensions import db
from tests.helpers import csrf_token, password_hash, sign_in
from tests.translations.revising import person, rows, save


@pytest.fixture
def submitted(app, people, letters) -> int:
    """A French revision the translator submitted; also an account that edits only Uyghur."""
    with app.app_context():
        other = accounts.create_user(db.session, "ug@example.org", "Ug", role="translator", edit_locales="ug")
        other.password_hash = password_hash()
        db.session.commit()
        assert save(letters, submit=True).revision is not None
        return rows()[-1].id


def client_for(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


# (method, url, who, status): the revision is the translator's own French one.
TABLE = [
    ("GET", "/translate/review/{}", "translator@example.org", 200),  # its author
    ("GET", "/translate/review/{}", "reviewer@example.org", 200),  # approves French
    ("GET", "/translate/review/{}", "admin@example.org", 200),
    ("GET", "/translate/review/{}", "ug@example.org", 403),  # another locale: not shown
    ("GET", "/translate/review/{}", "staff@example.org", 403),
    ("POST", "/translate/review/{}/approve", "ug@example.org", 403),
    ("POST", "/translate/review/{}/reject", "ug@example.org", 403),
    ("GET", "/translate/fr/sanctions", "ug@example.org", 403),
    ("GET", "/translate/fr/sanctions", "admin@example.org", 200),
    ("GET", "/translate/es/sanctions", "admin@example.org", 200),
    ("GET", "/translate/es/sanctions", "translator@example.org", 403),
]


@pytest.mark.parametrize(("method", "url", "who", "status"), TABLE)
def test_each_account_reads_only_its_locales_revisions(app, submitted, method, url, who, status):
    client = client_for(app, who)
    data = {"csrf_token": csrf_token(client), "note": "Please fix."} if method == "POST" else None
    response = client.open(url.format(submitted), method=method, data=data)
    assert response.status_code == status
    if status == 200 and "/review/" in url:
        assert "sanctions" in response.get_data(as_text=True)


def test_a_refused_decision_changes_nothing(app, submitted):
    client = client_for(app, "ug@example.org")
    client.post(f"/translate/review/{submitted}/approve", data={"csrf_token": csrf_token(client)})
    with app.app_context():
        assert rows()[-1].state == "submitted"


def test_an_admin_approves_a_translators_work(app, submitted):
    client = client_for(app, "admin@example.org")
    response = client.post(f"/translate/review/{submitted}/approve", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    with app.app_context():
        assert rows()[-1].state == "approved"
        assert rows()[-1].reviewer_id == person("admin").id


def test_an_admin_may_not_approve_their_own_work(app, people, letters):
    with app.app_context():
        assert save(letters, role="admin", submit=True).revision is not None
        own = rows()[-1].id
    client = client_for(app, "admin@example.org")
    response = client.post(f"/translate/review/{own}/approve", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 403
    with app.app_context():
        assert rows()[-1].state == "submitted"
