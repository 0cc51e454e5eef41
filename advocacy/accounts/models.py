"""Staff, translator and admin accounts: the table, and signing in safely."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from advocacy.accounts import rules
from advocacy.core.extensions import Model
from advocacy.core.i18n import url_tag


def utcnow() -> datetime.datetime:
    """Naive UTC, as every DateTime column here holds."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class User(UserMixin, Model):
    """A person with an account. Campaigners never have one."""

    __tablename__ = "staff_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    edit_locales: Mapped[str] = mapped_column(Text, default="")  # "fr,de"
    approve_locales: Mapped[str] = mapped_column(Text, default="")
    interface_locale: Mapped[str] = mapped_column(String(10), default="en")
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Changes with the password or the account's state, which signs out every session.
    session_token: Mapped[str] = mapped_column(String(64), unique=True)
    invite_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    invite_expires: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    created: Mapped[datetime.datetime] = mapped_column(DateTime)
    last_login: Mapped[datetime.datetime | None] = mapped_column(DateTime)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.active

    def may_enter(self, area: str) -> bool:
        return rules.may_enter(self.role, area)

    @property
    def rights(self) -> rules.Rights:
        # Checked against the known locales when set (admin form, CLI); read as written here.
        def tags(text: str | None) -> frozenset[str]:
            return frozenset(url_tag(tag.strip()) for tag in (text or "").split(",") if tag.strip())

        return rules.Rights(tags(self.edit_locales), tags(self.approve_locales), every=self.role == "admin")


class LoginFailure(Model):
    """Wrong passwords per client (a keyed digest of its address) in the current window."""

    __tablename__ = "login_failure"
    client: Mapped[str] = mapped_column(String(32), primary_key=True)
    window_start: Mapped[datetime.datetime] = mapped_column(DateTime)
    count: Mapped[int] = mapped_column(Integer, default=0)


class AccountError(ValueError):
    """A request about accounts that cannot be met, with a message for the person."""


def create_user(session: Session, email: str, name: str, role: str, **fields: Any) -> User:
    """Add an account (no password yet unless one is given); the caller commits."""
    email = email.strip().lower()
    if role not in rules.ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(rules.ROLES)}")
    if session.scalar(select(User).where(User.email == email)):
        raise AccountError(f"an account for {email} exists already")
    password = fields.pop("password", None)
    user = User(email=email, name=name.strip(), role=role, created=utcnow(), **fields)
    user.session_token = secrets.token_hex(32)
    user.failed_logins = 0
    user.active = True
    if password is not None:
        set_password(user, password)
    session.add(user)
    return user


def set_password(user: User, password: str) -> None:
    """Set a new password, which also signs out the account's other sessions."""
    problem = rules.password_problem(password, user.email)
    if problem:
        raise AccountError(f"The password needs {problem}.")
    user.password_hash = rules.hash_password(password)
    user.session_token = secrets.token_hex(32)
    user.invite_digest = None
    user.invite_expires = None


def invite(user: User) -> str:
    """Give the account a one-time link secret to choose a password; return the secret."""
    token, digest = rules.new_token()
    user.invite_digest = digest
    user.invite_expires = utcnow() + datetime.timedelta(days=rules.INVITE_DAYS)
    return token


def find_invited(session: Session, token: str) -> User | None:
    """Return the active account this invitation link is for, if it has not expired."""
    user = session.scalar(select(User).where(User.invite_digest == rules.token_digest(token)))
    if user is None or not user.active or user.invite_expires is None or user.invite_expires < utcnow():
        return None
    return user


def set_active(user: User, active: bool) -> None:
    """Deactivate or reactivate; either way every session of the account ends."""
    user.active = active
    user.session_token = secrets.token_hex(32)


def load_session_user(session: Session, token: str) -> User | None:
    """Return the active account a session cookie names."""
    user = session.scalar(select(User).where(User.session_token == token))
    return user if user is not None and user.active else None


class Throttled(AccountError):
    """Too many wrong passwords: from this client, or for this account."""


def authenticate(session: Session, email: str, password: str, client: str) -> User:
    """Return the account these credentials open, or raise; every failure is counted.

    The same message answers an unknown address, a wrong password and a deactivated
    account, so the form does not tell anyone which addresses have accounts.
    """
    now = utcnow()
    _check_client(session, client, now)
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is not None and user.locked_until and user.locked_until > now:
        minutes = max(1, round((user.locked_until - now).total_seconds() / 60))
        raise Throttled(f"Too many wrong passwords for this account; try again in {minutes} minute(s).")
    matched = rules.check_password(user.password_hash if user else None, password)
    if not (matched and user is not None and user.active):
        _count_failure(session, client, user, now)
        session.commit()
        raise AccountError("That e-mail address and password do not match an active account.")
    if rules.needs_rehash(user.password_hash or ""):
        user.password_hash = rules.hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login = now
    session.commit()
    return user


def _check_client(session: Session, client: str, now: datetime.datetime) -> None:
    record = session.get(LoginFailure, client)
    if record and now - record.window_start < rules.CLIENT_WINDOW and record.count >= rules.CLIENT_FAILURES:
        raise Throttled("Too many failed sign-ins from here; try again in a quarter of an hour.")


def _count_failure(session: Session, client: str, user: User | None, now: datetime.datetime) -> None:
    record = session.get(LoginFailure, client)
    if record is None:
        record = LoginFailure(client=client, window_start=now, count=0)
        session.add(record)
    elif now - record.window_start >= rules.CLIENT_WINDOW:
        record.window_start, record.count = now, 0
    record.count += 1
    if user is not None:
        user.failed_logins = (user.failed_logins or 0) + 1
        wait = rules.account_wait(user.failed_logins)
        user.locked_until = now + wait if wait else None
