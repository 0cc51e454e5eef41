"""What a check of a translation finds, and the gettext-like function its messages go through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Translate = Callable[..., str]  # gettext-like: (msgid, **values) -> text


def untranslated(message: str, **values: object) -> str:
    """Format a message in English (the default when no gettext is passed in)."""
    return message % values if values else message


@dataclass(frozen=True)
class Finding:
    """One result of checking a translation: an error blocks saving, a warning needs a reason."""

    level: str  # "error" | "warning"
    code: str
    message: str
