"""The audit trail: who changed which record (or imported the data), when, from what to what."""

from __future__ import annotations

import datetime
import json
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advocacy.core.extensions import Model
from advocacy.records.audit import Change, decode_changes


def utcnow() -> datetime.datetime:
    """Naive UTC, as every DateTime column here holds."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class AuditEntry(Model):
    """One create, update, delete (of a record) or import (of the data files), by whom and when."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(DateTime, index=True)  # naive UTC
    # The account and its address at the time: the address survives a later change.
    user_id: Mapped[int | None] = mapped_column(Integer)
    user_email: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, import
    resource: Mapped[str] = mapped_column(String(40))  # treaties, rulings, cases, figures; dataset
    record_id: Mapped[str | None] = mapped_column(String(80))
    # JSON: [[field, from, to], ...] for a record;
    # {"files": [...], "before": {...}, "after": {...}} (record counts) for an import.
    detail: Mapped[str] = mapped_column(Text)

    @property
    def changes(self) -> list[Change]:
        """The fields a record change changed, from what to what."""
        return decode_changes(self.detail) if self.action != "import" else []

    @property
    def counts(self) -> dict[str, Any]:
        """The record counts before and after an import."""
        return json.loads(self.detail) if self.action == "import" else {}
