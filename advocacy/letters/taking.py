"""The token a finished letter carries so that taking it counts once, and says nothing of its text.

The finished page gets a random id, signed with the app's secret together with what the count
records (country, action, chamber, language): never who writes, to whom, or what. Downloading,
copying or e-mailing the letter sends the token back; advocacy.letters.counts counts each id
once. The id is linked to nothing and is forgotten after a few days.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeTimedSerializer

# How long a finished page can still be counted; ids are kept a little longer than this
# (advocacy.letters.counts.KEEP_DAYS), so a token can never outlive the record of its use.
TOKEN_AGE = 2 * 24 * 3600
SALT = "advocacy.letters.taken"


@dataclass(frozen=True)
class Taken:
    """A finished letter, as far as the counts know it: a random id and the count's key."""

    id: str
    country: str
    action: str
    chamber: str  # the written question's chamber; "" for a letter
    locale: str


def new_letter(*, country: str, action: str, chamber: str, locale: str) -> Taken:
    """Give a finished letter a random id, linked to nothing."""
    return Taken(secrets.token_urlsafe(16), country, action, chamber, locale)


def sign(secret: str, taken: Taken) -> str:
    """Make the token the finished page hands out."""
    return URLSafeTimedSerializer(secret, salt=SALT).dumps(
        [taken.id, taken.country, taken.action, taken.chamber, taken.locale]
    )


def read(secret: str, token: str, max_age: int = TOKEN_AGE) -> Taken | None:
    """The letter a token names, or None when it is forged, mangled or too old."""
    try:
        fields = URLSafeTimedSerializer(secret, salt=SALT).loads(token, max_age=max_age)
    except BadData:
        return None
    if not (isinstance(fields, list) and len(fields) == 5 and all(isinstance(f, str) for f in fields)):
        return None
    return Taken(*fields)
