"""The public record's changes, read from the audit trail: public fields of public records only.

The audit trail keeps, for each record edit, the fields it changed from what to what. Walking
a record's entries back from its current state gives the whole record before and after each
entry, so a case shows only while it was public, and a case restricted now (or when it was
deleted) shows nowhere, not even in entries from when it was public. Who made a change is
never read. Imports replace the data wholesale and record only counts: they are not listed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import RESOURCE_MODELS
from advocacy.records.audit import Change
from advocacy.records.datafiles import format_cell
from advocacy.records.editing import COUNTRY_COLUMN, EDITABLE
from advocacy.records.models import AuditEntry

State = dict[str, str]  # a record's fields as the data files write them
# Fields never shown: a case's restriction flag is implied by the case being listed at all.
HIDDEN = {"cases": frozenset({"public"})}
SOURCE_FIELDS = ("source_url", "source_title")
RECORD_ACTIONS = ("create", "update", "delete")


@dataclass(frozen=True)
class PublicChange:
    """One audited change to a public record, as the public may see it."""

    id: int  # the audit entry's id: stable, so feeds can name the entry
    at: datetime.datetime  # naive UTC
    kind: str  # created, updated, deleted, published (a case made public)
    resource: str
    record_id: str
    countries: tuple[str, ...]  # the record's country (or figure scope), before and after
    fields: tuple[Change, ...]
    record: Mapping[str, str]  # the record as it is after the change (before, for a deletion)

    @property
    def source_url(self) -> str:
        return self.record.get("source_url", "")

    @property
    def source_title(self) -> str:
        return self.record.get("source_title", "")

    @property
    def country(self) -> str:
        return self.countries[-1] if self.countries else ""


def public_changes(session: Session, country: str | None = None, limit: int = 200) -> list[PublicChange]:
    """The newest public changes, for the whole record or one country (or figure scope)."""
    query = select(AuditEntry).where(AuditEntry.resource.in_(EDITABLE), AuditEntry.action.in_(RECORD_ACTIONS))
    groups: dict[tuple[str, str], list[AuditEntry]] = {}
    for entry in session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())):
        groups.setdefault((entry.resource, entry.record_id or ""), []).append(entry)
    found = []
    for (resource, record_id), entries in groups.items():
        found.extend(record_changes(resource, current_state(session, resource, record_id), entries))
    wanted = [c for c in found if country is None or country in c.countries]
    wanted.sort(key=lambda c: (c.at, c.id), reverse=True)
    return wanted[:limit]


def current_state(session: Session, resource: str, record_id: str) -> State | None:
    """Return a record as the data files would write it, or None when it is gone."""
    record = session.get(RESOURCE_MODELS[resource], record_id)
    if record is None:
        return None
    return {column.key: format_cell(getattr(record, column.key)) for column in record.__table__.columns}


def record_changes(resource: str, current: State | None, entries: Sequence[AuditEntry]) -> list[PublicChange]:
    """Turn one record's audit entries (newest first) into its public changes."""
    steps = []
    state = current
    for entry in entries:
        before = undo(entry, state)
        steps.append((entry, before, None if entry.action == "delete" else state))
        state = before
    if resource == "cases" and not _is_public(_last_known(current, steps)):
        return []  # restricted now: no entry of it shows, not even from when it was public
    changes = (_public_change(resource, entry, before, after) for entry, before, after in steps)
    return [change for change in changes if change is not None]


def undo(entry: AuditEntry, after: State | None) -> State | None:
    """Return the record as it was before an entry, from the record after it."""
    if entry.action == "create":
        return None
    if entry.action == "delete":
        return {change.field: change.old for change in entry.changes}
    return {**(after or {}), **{change.field: change.old for change in entry.changes}}


def _last_known(current: State | None, steps: list) -> State | None:
    if current is not None or not steps:
        return current
    entry, before, _after = steps[0]
    return before if entry.action == "delete" else None


def _is_public(state: State | None) -> bool:
    return state is not None and state.get("public") == "true"


def _public_change(
    resource: str, entry: AuditEntry, before: State | None, after: State | None
) -> PublicChange | None:
    """The change as the public may see it, or None when it is not theirs to see."""
    hidden = HIDDEN.get(resource, frozenset())
    if resource == "cases":
        before = before if _is_public(before) else None  # a restricted case is as good as absent
        after = after if _is_public(after) else None
    if before is None and after is None:
        return None
    kind = {"create": "created", "delete": "deleted"}.get(entry.action, "updated")
    if before is None:
        kind = "created" if entry.action == "create" else "published"
        fields = [Change(name, "", value) for name, value in after.items() if value] if after else []
    elif after is None:
        kind = "deleted"
        fields = [Change(name, value, "") for name, value in before.items() if value]
    else:
        fields = [c for c in entry.changes if c.field not in hidden]
    fields = [c for c in fields if c.field not in hidden]
    if not fields:
        return None
    record = after if after is not None else before
    column = COUNTRY_COLUMN[resource]
    countries = tuple(dict.fromkeys(s[column] for s in (before, after) if s is not None and s.get(column)))
    return PublicChange(
        entry.id, entry.at, kind, resource, entry.record_id or "", countries, tuple(fields), record or {}
    )


def latest_change(changes: Sequence[PublicChange]) -> datetime.datetime | None:
    """When the newest of these changes was made."""
    return max((c.at for c in changes), default=None)
