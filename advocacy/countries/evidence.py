"""How old a fact's evidence is: `as_of` is the date of the evidence, possibly unknown."""

from __future__ import annotations

import datetime
from collections.abc import Mapping


def age_in_years(as_of: str | None, today: datetime.date) -> int | None:
    """Whole years from the evidence's date (its first day at the precision given) to today."""
    if not as_of:
        return None
    parts = [int(p) for p in as_of.split("-")]
    start = datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    return max(years, 0)


def oldest_first(row: Mapping[str, object]) -> tuple[int, str, str]:
    """Sort key: facts whose evidence is undated first, then the oldest evidence."""
    as_of = str(row.get("as_of") or "")
    return (1 if as_of else 0, as_of, str(row.get("id")))
