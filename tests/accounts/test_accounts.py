"""Accounts: password hashing, throttling, invitations, deactivation, sessions and cookies."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from advocacy.accounts import models as accounts
from advocacy.accounts import rules
from advocacy.accounts.models import LoginFailure, User
from advocacy.core.extensions import db
from tests.helpers import PASSWORD, csrf_token, sign_in


@pytest.fixture
def app(small_app):
    """A few countries' real data (tests/data_small) is all these tests need."""
    return small_app


def test_passwords_are_stored_as_argon2id_hashes(app):
    with app.app_context():
        accounts.create_user(db.session, "ana@example.org", "Ana", role="staff", password=PASSWORD)
        db.session.commit()
        user = db.session.scalar(select(User).where(User.email == "ana@example.org"))
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert rules.check_password(user.password_hash, PASSWORD)
        assert not rules.check_password(user.password_hash, PASSWORD + "!")
        assert not rules.check_password(None, PASSWORD)


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short", "12"), ("aaaaaaaaaaaaaaaa", "different"), ("x" * 201, "200"), ("ana@example.org", None)],
)
def test_password_rules(password, problem):
    found = rules.password_problem(password, "someone@example.org")
    assert (found is None) if problem is None else (problem in found)
    assert rules.password_problem("someone@example.org", "someone@example.org") == "not your e-mail address"


def test_account_waits_double_after_five_failures_up_to_an_hour():
    waits = [rules.account_wait(n).total_seconds() for n in range(4, 13)]
    assert waits == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_sign_in_opens_the_workspace_and_sign_out_closes_it(app, people):
    client = app.test_client()
    response = sign_in(client, people["staff"])
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    client.post("/account/logout", data={"csrf_token": csrf_token(client)})
    assert client.get("/account/password").status_code == 302


def test_wrong_password_and_unknown_address_get_the_same_answer(app, people):
    client = app.test_client()
    wrong = sign_in(client, people["staff"], "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    message = "do not match an active account"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(app, people):
    client = app.test_client()
    for _ in range(rules.FREE_FAILURES):
        assert sign_in(client, people["staff"], "guess guess guess").status_code == 401
    locked = sign_in(client, people["staff"])
    assert locked.status_code == 429
    assert "try again in" in locked.get_data(as_text=True)
    with app.app_context():  # the wait passes: the right password works again and resets the count
        user = db.session.scalar(select(User).where(User.email == people["staff"]))
        user.locked_until = accounts.utcnow() - datetime.timedelta(seconds=1)
        db.session.commit()
    assert sign_in(client, people["staff"]).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.failed_logins).where(User.email == people["staff"])) == 0


def test_one_client_is_throttled_across_accounts_without_storing_its_address(app, people):
    client = app.test_client()
    for n in range(rules.CLIENT_FAILURES):
        assert sign_in(client, f"guess{n}@example.org", "guess guess guess").status_code == 401
    assert sign_in(client, people["translator"]).status_code == 429
    with app.app_context():
        keys = db.session.scalars(select(LoginFailure.client)).all()
    assert keys and all("127.0.0.1" not in key for key in keys)


def test_invitation_link_sets_a_password_once(app, people):
    with app.app_context():
        user = accounts.create_user(db.session, "New@Example.org", "New person", "translator")
        token = accounts.invite(user)
        db.session.commit()
        assert user.invite_digest != token  # only a digest is stored
    client = app.test_client()
    page = client.get(f"/account/invitation/{token}")
    assert page.status_code == 200 and "new@example.org" in page.get_data(as_text=True)
    short = client.post(
        f"/account/invitation/{token}",
        data={"password": "short", "confirm": "short", "csrf_token": csrf_token(client)},
    )
    assert "at least 12 characters" in short.get_data(as_text=True)
    data = {"password": PASSWORD, "confirm": PASSWORD, "csrf_token": csrf_token(client)}
    assert client.post(f"/account/invitation/{token}", data=data).status_code == 302
    assert client.get(f"/account/invitation/{token}").status_code == 404
    assert sign_in(client, "new@example.org").status_code == 302


def test_expired_invitation_is_refused(app):
    with app.app_context():
        user = accounts.create_user(db.session, "late@example.org", "Late", "staff")
        token = accounts.invite(user)
        user.invite_expires = accounts.utcnow() - datetime.timedelta(minutes=1)
        db.session.commit()
    assert app.test_client().get(f"/account/invitation/{token}").status_code == 404


def test_deactivation_ends_sessions_at_once(app, people):
    client = app.test_client()
    sign_in(client, people["staff"])
    assert client.get("/account/password").status_code == 200
    assert app.test_cli_runner().invoke(args=["users", "deactivate", people["staff"]]).exit_code == 0
    assert client.get("/account/password").status_code == 302
    assert sign_in(client, people["staff"]).status_code == 401


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, people):
    first, second = app.test_client(), app.test_client()
    sign_in(first, people["translator"])
    sign_in(second, people["translator"])
    new = "another long passphrase here"
    data = {"current": PASSWORD, "password": new, "confirm": new, "csrf_token": csrf_token(first)}
    assert first.post("/account/password", data=data).status_code == 302
    assert first.get("/account/password").status_code == 200
    assert second.get("/account/password").status_code == 302
    assert sign_in(second, people["translator"], new).status_code == 302


def test_session_cookie_is_httponly_samesite_and_secure_over_https(app, people):
    client = app.test_client()
    plain = sign_in(client, people["staff"])
    cookie = plain.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = app.test_client()
    token_page = secure.get("/account/login", base_url="https://toolkit.example")
    assert "Secure" in token_page.headers["Set-Cookie"]


def test_sign_in_redirects_only_to_paths_on_this_site(app, people):
    client = app.test_client()
    data = {"email": people["staff"], "password": PASSWORD, "csrf_token": csrf_token(client)}
    evil = client.post("/account/login?next=//evil.example/x", data=data)
    assert "evil.example" not in evil.headers["Location"]


def test_sign_in_without_csrf_token_is_refused(app, people):
    client = app.test_client()
    response = client.post("/account/login", data={"email": people["staff"], "password": PASSWORD})
    assert response.status_code == 400


def test_users_cli_creates_lists_and_refuses_duplicates(app):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "t@example.org", "--name", "T", "--role", "translator"]
    result = runner.invoke(args=[*args, "--edit-locales", "fr,ug", "--invite"])
    assert result.exit_code == 0, result.output
    assert "/account/invitation/" in result.output
    listing = runner.invoke(args=["users", "list"]).output
    assert "t@example.org\ttranslator\tinvited edit=fr,ug approve=-" in listing
    again = runner.invoke(args=[*args, "--invite"])
    assert again.exit_code == 1 and "exists already" in again.output
    bad = runner.invoke(args=[*args[:-2], "--role", "translator", "--edit-locales", "xx", "--invite"])
    assert bad.exit_code == 2 and "unknown locale" in bad.output


def test_users_cli_asks_for_a_password_twice_and_checks_it(app):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "a@example.org", "--name", "A", "--role", "admin"]
    weak = runner.invoke(args=args, input="short\nshort\n")
    assert weak.exit_code == 1 and "12 characters" in weak.output
    made = runner.invoke(args=args, input=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.exit_code == 0, made.output
    assert sign_in(app.test_client(), "a@example.org").status_code == 302


def test_admin_invites_edits_and_deactivates_through_the_pages(app, people):
    admin = app.test_client()
    sign_in(admin, people["admin"])
    form = {
        "email": "Lea@example.org",
        "name": "Léa",
        "role": "translator",
        "edit_locales": ["fr", "ug"],
        "approve_locales": [],
        "interface_locale": "fr",
        "csrf_token": csrf_token(admin),
    }
    page = admin.post("/admin/users", data=form).get_data(as_text=True)
    link = page.split('<code class="invite-link">')[1].split("</code>")[0]
    assert "/account/invitation/" in link and "lea@example.org" in page
    with app.app_context():
        lea = db.session.scalar(select(User).where(User.email == "lea@example.org"))
        assert (lea.edit_locales, lea.interface_locale, lea.password_hash) == ("fr,ug", "fr", None)
        lea_id = lea.id
    edit = {k: v for k, v in form.items() if k != "email"} | {"approve_locales": ["fr"]}
    assert admin.post(f"/admin/users/{lea_id}", data=edit).status_code == 200
    toggle = admin.post(f"/admin/users/{lea_id}/active", data={"csrf_token": csrf_token(admin)})
    assert toggle.status_code == 302
    with app.app_context():
        lea = db.session.get(User, lea_id)
        assert lea.approve_locales == "fr" and not lea.active
    newcomer = app.test_client()
    assert newcomer.get(link.replace("http://localhost", "")).status_code == 404  # deactivated


def test_admin_cannot_remove_their_own_admin_role(app, people):
    admin = app.test_client()
    sign_in(admin, people["admin"])
    with app.app_context():
        me = db.session.scalar(select(User).where(User.email == people["admin"]))
    data = {"name": "Me", "role": "staff", "interface_locale": "en", "csrf_token": csrf_token(admin)}
    page = admin.post(f"/admin/users/{me.id}", data=data).get_data(as_text=True)
    assert "cannot take away your own admin role" in page
    with app.app_context():
        assert db.session.get(User, me.id).role == "admin"


def test_workspace_pages_speak_the_accounts_language(app, people):
    client = app.test_client()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == people["translator"]))
        user.interface_locale = "fr"
        db.session.commit()
    sign_in(client, people["translator"])
    page = client.get("/account/password").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page


def test_behind_a_proxy_the_forwarded_scheme_makes_the_cookie_secure(tmp_path):
    from advocacy import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(tmp_path),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.sqlite'}",
            "PROXY_HOPS": 1,
            "CHECK_FONTS": False,
        }
    )
    response = app.test_client().get("/account/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in response.headers["Set-Cookie"]


def test_translators_may_be_given_chamber_languages_beyond_the_interface_ones(app):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "it@example.org", "--name", "It", "--role", "translator"]
    made = runner.invoke(args=[*args, "--edit-locales", "it,zh-Hant", "--approve-locales", "ja", "--invite"])
    assert made.exit_code == 0, made.output
    with app.app_context():
        rights = db.session.scalar(select(User).where(User.email == "it@example.org")).rights
    assert rights.may_edit("it") and rights.may_edit("zh-Hant") and rights.may_approve("ja")
    assert not rights.may_edit("fr") and not rights.may_approve("it")
