"""Staff edits to the data: each save checked against the record as loaded, audited, and versioned.

A save names the record as the editor loaded it (its "base"). The write only happens
when the database still holds exactly that (one conditional UPDATE or DELETE, atomic on
SQLite and PostgreSQL alike); otherwise it is refused with what changed meanwhile, so
nothing is overwritten silently, whoever changed it (another editor, an import).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advocacy.records.audit import Change, diff, encode_changes
from advocacy.records.datafiles import Row
from advocacy.records.dataset import refresh_version, table_rows
from advocacy.records.models import AuditEntry, utcnow
from advocacy.records.schema import Resource
from advocacy.records.tables import RESOURCE_MODELS

# The data files staff edit record by record (chambers come with their representatives).
EDITABLE = ("treaties", "rulings", "cases", "figures", "channels", "guidance", "recommendations")
# Which column each resource is filtered by country on ("countries" holds several codes).
COUNTRY_COLUMN = {
    "treaties": "country", "rulings": "country", "cases": "country", "figures": "scope",
    "channels": "country", "guidance": "countries", "recommendations": "countries",
}  # fmt: skip
IMPORT_RESOURCE = "dataset"


@dataclass(frozen=True)
class Editor:
    """Who is saving: their account id and e-mail address."""

    id: int | None
    email: str


class Duplicate(ValueError):
    """A new record's id is taken."""


class Conflict(Exception):
    """The record changed (or went) since the editor loaded it: nothing was written."""

    def __init__(self, current: Row | None, changes: list[Change], last: AuditEntry | None) -> None:
        super().__init__("the record changed since it was loaded")
        self.current = current  # None: deleted meanwhile
        self.changes = changes  # from the loaded version to the current one
        self.last = last  # the newest audit entry for the record, if any


def read_row(session: Session, resource: Resource, record_id: str) -> Row | None:
    """Return one record as a row keyed by the schema's field names."""
    record = session.get(RESOURCE_MODELS[resource.name], record_id, populate_existing=True)
    return None if record is None else {name: getattr(record, name) for name in resource.field_names}


def list_rows(session: Session, resource: Resource, country: str | None = None) -> list[Row]:
    """Return a resource's rows by id, only one country's (or scope's) when given."""
    rows = table_rows(session, resource)
    return [row for row in rows if country is None or country in row_countries(resource.name, row)]


def row_countries(resource_name: str, row: Row) -> list[str]:
    """Name the countries (or scopes) a record is about: one, or several in a "countries" column."""
    return str(row[COUNTRY_COLUMN[resource_name]]).split()


def create_record(
    session: Session, resource: Resource, row: Row, editor: Editor, schema_dir: Path
) -> AuditEntry:
    """Add a record, audited; raise Duplicate when its id is taken."""
    model = RESOURCE_MODELS[resource.name]
    if session.get(model, row["id"]) is not None:
        raise Duplicate(row["id"])
    session.add(model(**row))
    try:
        session.flush()
    except IntegrityError:  # created by someone else a moment ago
        session.rollback()
        raise Duplicate(row["id"]) from None
    return _finish(
        session, resource, "create", str(row["id"]), diff(None, row, resource.field_names), editor, schema_dir
    )


def update_record(
    session: Session, resource: Resource, base: Row, row: Row, editor: Editor, schema_dir: Path
) -> AuditEntry | None:
    """Save a record's new values if it still is as loaded (base); None when nothing changed."""
    record_id = str(base["id"])
    row = {**row, "id": record_id}  # ids are stable: other records and URLs name them
    changes = diff(base, row, resource.field_names)
    model = RESOURCE_MODELS[resource.name]
    if not changes:
        if diff(base, read_row(session, resource, record_id), resource.field_names):
            raise _conflict(session, resource, base)
        return None
    values = {change.field: row[change.field] for change in changes}
    statement = update(model).where(*_unchanged(model, base)).values(values)
    result = session.execute(statement.execution_options(synchronize_session=False))
    if cast(CursorResult[Any], result).rowcount != 1:
        session.rollback()
        raise _conflict(session, resource, base)
    return _finish(session, resource, "update", record_id, changes, editor, schema_dir)


def delete_record(
    session: Session, resource: Resource, base: Row, editor: Editor, schema_dir: Path
) -> AuditEntry:
    """Delete a record if it still is as loaded (base), audited with every value it had."""
    model = RESOURCE_MODELS[resource.name]
    statement = delete(model).where(*_unchanged(model, base))
    result = session.execute(statement.execution_options(synchronize_session=False))
    if cast(CursorResult[Any], result).rowcount != 1:
        session.rollback()
        raise _conflict(session, resource, base)
    changes = diff(base, None, resource.field_names)
    return _finish(session, resource, "delete", str(base["id"]), changes, editor, schema_dir)


def history(session: Session, resource: str, record_id: str) -> list[AuditEntry]:
    """Every audited change to one record, newest first."""
    query = select(AuditEntry).where(AuditEntry.resource == resource, AuditEntry.record_id == record_id)
    return list(session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())))


def recent(session: Session, limit: int = 100) -> list[AuditEntry]:
    """The newest audited changes of any kind, imports included."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list(session.scalars(query))


def audit(
    session: Session, editor: Editor, action: str, resource: str, record_id: str | None, detail: str
) -> AuditEntry:
    """Add an audit entry to the session (the caller commits with the change it records)."""
    entry = AuditEntry(
        at=utcnow(), user_id=editor.id, user_email=editor.email, action=action,
        resource=resource, record_id=record_id, detail=detail,
    )  # fmt: skip
    session.add(entry)
    return entry


def _unchanged(model: type, base: Row) -> list:
    """Conditions that hold only while the record still has every value it had when loaded."""
    return [getattr(model, name).is_not_distinct_from(value) for name, value in base.items()]


def _conflict(session: Session, resource: Resource, base: Row) -> Conflict:
    current = read_row(session, resource, str(base["id"]))
    entries = history(session, resource.name, str(base["id"]))
    return Conflict(current, diff(base, current, resource.field_names), entries[0] if entries else None)


def _finish(
    session: Session,
    resource: Resource,
    action: str,
    record_id: str,
    changes: list[Change],
    editor: Editor,
    schema_dir: Path,
) -> AuditEntry:
    """Audit the change, give the data a new version (fresh pages and briefings), commit."""
    entry = audit(session, editor, action, resource.name, record_id, encode_changes(changes))
    session.expire_all()  # the write bypassed the identity map; read the tables afresh
    refresh_version(session, schema_dir)
    session.commit()
    return entry


def withdrawn_by_change(resource: str, before: Row) -> set[str]:
    """Countries whose public copies must go when this record changes: a public case's country."""
    if resource == "cases" and before.get("public") is True:
        return {str(before["country"])}
    return set()


def withdrawn_cases(before: list[Row], after: list[Row]) -> set[str]:
    """Countries where a case the public could see is gone, restricted or changed (after an import)."""
    now = {str(row["id"]): row for row in after}
    return {
        str(row["country"]) for row in before if row.get("public") is True and now.get(str(row["id"])) != row
    }
