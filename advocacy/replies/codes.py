"""Reply codes: random, readable in groups, stored only as a digest keyed with the app's secret."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP = 5, 4  # 20 characters of 5 bits: 100 bits, far beyond guessing
LENGTH = GROUPS * GROUP
SEPARATORS = re.compile(r"[\s\-‐-―−.]+")
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code, in groups: "K7QM-2XHD-9PRF-T4WB-ZN6C"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return grouped(raw)


def grouped(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize(text: str) -> str | None:
    """The code someone typed, without spaces or dashes and in capitals; None if it cannot be one."""
    raw = SEPARATORS.sub("", text or "").upper().translate(READ_AS)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def digest(secret: str, raw: str) -> str:
    """What is stored in the code's place: HMAC-SHA256 with the app's secret."""
    key = hashlib.sha256(b"advocacy.replies\0" + secret.encode()).digest()
    return hmac.new(key, raw.encode(), hashlib.sha256).hexdigest()
