"""Accounts without Flask: roles, rights per locale, password rules and login throttling."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("admin", "staff", "translator")
# What each role may reach. Admins keep the data and the accounts; translators only the
# languages; staff the data, briefings and counts.
AREAS = {
    "admin": {"admin", "staff", "translate"},
    "staff": {"staff"},
    "translator": {"translate"},
}
PASSWORD_MIN = 12
PASSWORD_MAX = 200  # argon2 would take longer ones, but nobody types them and they cost time
INVITE_DAYS = 7
# Throttling: after FREE_FAILURES wrong passwords in a row an account waits, doubling from
# FIRST_WAIT up to LONGEST_WAIT; one client gets CLIENT_FAILURES tries per CLIENT_WINDOW.
FREE_FAILURES = 5
FIRST_WAIT = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=1)
CLIENT_FAILURES = 20
CLIENT_WINDOW = datetime.timedelta(minutes=15)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the account does not exist, so both answers take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def may_enter(role: str, area: str) -> bool:
    """Tell whether a role may use an area (admin, staff, translate)."""
    return area in AREAS.get(role, set())


def parse_locales(text: str | None, offered: Iterable[str]) -> list[str]:
    """Turn 'fr, de' into known locale tags, in offered order; unknown tags are dropped."""
    wanted = {tag.strip() for tag in (text or "").split(",") if tag.strip()}
    return [tag for tag in offered if tag in wanted]


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    """Tell whether the password matches; an account without a hash never matches."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Tell whether a hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(stored_hash)


def password_problem(password: str, email: str = "") -> str | None:
    """Say what is wrong with a new password, or None."""
    if len(password) < PASSWORD_MIN:
        return f"at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"at most {PASSWORD_MAX} characters"
    if email and password.strip().lower() in {email.lower(), email.split("@")[0].lower()}:
        return "not your e-mail address"
    if len(set(password)) < 5:
        return "more than a few different characters"
    return None


def new_token() -> tuple[str, str]:
    """Make a secret for a link and the digest to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    """Digest a link's secret (the database never holds the secret itself)."""
    return hashlib.sha256(token.encode()).hexdigest()


def account_wait(failures: int) -> datetime.timedelta:
    """How long an account waits after this many wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return datetime.timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_FAILURES), LONGEST_WAIT)


def client_key(address: str | None, secret: str) -> str:
    """Key a client's failures by a keyed digest of its address, so no address is stored."""
    return hashlib.sha256(f"{secret}\x00{address or '-'}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Rights:
    """What a translator may do, per locale; an admin may do it in every locale."""

    edit: frozenset[str]
    approve: frozenset[str]
    every: bool = False  # an admin: every locale, as the README promises

    def may_edit(self, tag: str) -> bool:
        return self.every or tag in self.edit or tag in self.approve

    def may_approve(self, tag: str) -> bool:
        return self.every or tag in self.approve
