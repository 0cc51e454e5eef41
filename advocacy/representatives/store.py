"""Representatives in the database: replace a chamber's list, find people by name or place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from advocacy.countries.models import Chamber
from advocacy.representatives.models import Representative
from advocacy.representatives.rows import FIELDS, check_rows, search_terms


class UnknownChamber(LookupError):
    """The chamber id is not in the database."""

    def __init__(self, chamber_id: str) -> None:
        super().__init__(f"unknown chamber '{chamber_id}'")
        self.chamber_id = chamber_id


def import_representatives(
    session: Session, chamber_id: str, rows: Iterable[Mapping[str, Any]], replace: bool = True
) -> int:
    """Store a chamber's representatives in one transaction; return how many were given.

    With `replace` (the default) the chamber's list becomes exactly `rows`; without it,
    rows are added or update the representative with the same id, and the others stay.
    The rows are checked first (`RepresentativesError` with every problem) and an unknown
    chamber raises `UnknownChamber`; either way, and on any database error, nothing changes.
    """
    checked = check_rows(rows)
    if session.get(Chamber, chamber_id) is None:
        raise UnknownChamber(chamber_id)
    try:
        if replace:
            session.execute(delete(Representative).where(Representative.chamber_id == chamber_id))
            session.add_all(Representative(chamber_id=chamber_id, **row) for row in checked)
        else:
            existing = {
                rep.id: rep
                for rep in session.scalars(
                    select(Representative).where(Representative.chamber_id == chamber_id)
                )
            }
            for row in checked:
                if row["id"] in existing:
                    for field in FIELDS:
                        setattr(existing[row["id"]], field, row[field])
                else:
                    session.add(Representative(chamber_id=chamber_id, **row))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return len(checked)


def list_representatives(session: Session, chamber_id: str) -> list[Representative]:
    """Every representative of a chamber, by family name then name."""
    if session.get(Chamber, chamber_id) is None:
        raise UnknownChamber(chamber_id)
    query = select(Representative).where(Representative.chamber_id == chamber_id)
    return list(session.scalars(query.order_by(*_ORDER)))


def search_representatives(
    session: Session, chamber_ids: Iterable[str], query: str, limit: int = 20
) -> list[Representative]:
    """Representatives of the given chambers whose name or constituency contains every word of query.

    Matching ignores case and accents ("emile" finds "Émile", "lodz" finds "Łódź") and
    behaves the same on SQLite and PostgreSQL, because both sides are folded in Python
    (see `advocacy.representatives.rows.fold`). An empty query finds nothing.
    """
    terms = search_terms(query)
    chamber_ids = [chamber_ids] if isinstance(chamber_ids, str) else list(chamber_ids)
    if not terms or not chamber_ids or limit <= 0:
        return []
    conditions = [Representative.search_text.like(f"%{_escape_like(term)}%", escape="\\") for term in terms]
    statement = (
        select(Representative)
        .where(Representative.chamber_id.in_(chamber_ids), and_(*conditions))
        .order_by(*_ORDER)
        .limit(limit)
    )
    return list(session.scalars(statement))


_ORDER = (Representative.sort_key, Representative.name, Representative.chamber_id, Representative.id)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def chambers_with_lists(session: Session, chamber_ids: Iterable[str]) -> list[str]:
    """Keep the chambers, of those given, that have a list of members to search."""
    wanted = list(chamber_ids)
    if not wanted:
        return []
    found = set(
        session.scalars(
            select(Representative.chamber_id).where(Representative.chamber_id.in_(wanted)).distinct()
        )
    )
    return [chamber for chamber in wanted if chamber in found]
