"""Field-by-field differences between two versions of a data record, for the audit trail."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advocacy.records.datafiles import format_cell


@dataclass(frozen=True)
class Change:
    """One field's value before and after, as the data files write it ("" for empty)."""

    field: str
    old: str
    new: str


def diff(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, names: Sequence[str]
) -> list[Change]:
    """List the fields whose text differs; a missing record (created, deleted) counts as empty."""
    changes = []
    for name in names:
        old = format_cell(before.get(name)) if before is not None else ""
        new = format_cell(after.get(name)) if after is not None else ""
        if old != new:
            changes.append(Change(name, old, new))
    return changes


def encode_changes(changes: Sequence[Change]) -> str:
    """Serialise changes for storage, in field order."""
    return json.dumps([[c.field, c.old, c.new] for c in changes], ensure_ascii=False)


def decode_changes(text: str) -> list[Change]:
    """Read stored changes back; anything else stored there yields no changes."""
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [Change(*map(str, item)) for item in items if isinstance(item, list) and len(item) == 3]
