"""The data as released to the public: its version and date, licence, citation and downloads.

A release is the loaded data as it is now: its version is the data version (a hash of the
rows, changed by every import and edit), its date the day that version came about. The
downloads leave out restricted cases, as every public page and the API do.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advocacy.countries.models import DatasetMeta
from advocacy.records.datafiles import format_cell
from advocacy.records.dataset import SCHEMA_FILE, current_version, public_rows, table_rows
from advocacy.records.models import AuditEntry
from advocacy.records.schema import load_resources
from advocacy.records.transfer import export_zip

FILE_STEM = "advocacy-data"


@dataclass(frozen=True)
class Licence:
    """The data's licence as datapackage.json states it."""

    name: str
    title: str
    path: str


@dataclass(frozen=True)
class Release:
    """The loaded data's version, the day it came about, its title and licences."""

    version: str
    date: datetime.date
    title: str
    licences: tuple[Licence, ...]

    def filename(self, extension: str) -> str:
        """A download's name: the data version and its date, so copies say what they are."""
        return f"{FILE_STEM}-{self.date.isoformat()}-{self.version}.{extension}"

    def citation(self, url: str) -> str:
        """One line to cite this version of the data by."""
        licence = ", ".join(licence.name for licence in self.licences) or "no licence stated"
        return f"{self.title}. Data version {self.version} ({self.date.isoformat()}). {licence}. {url}"


def release(session: Session, schema_dir: Path) -> Release:
    """Describe the data as loaded now."""
    package = json.loads((schema_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
    licences = tuple(
        Licence(item.get("name", ""), item.get("title", item.get("name", "")), item.get("path", ""))
        for item in package.get("licenses", [])
    )
    return Release(current_version(session) or "", version_date(session), package.get("title", ""), licences)


def version_date(session: Session) -> datetime.date:
    """The day the current version came about: the last import or the last edit, whichever is later."""
    loaded = session.get(DatasetMeta, "loaded_at")
    days = []
    if loaded is not None:
        days.append(datetime.datetime.fromisoformat(loaded.value).date())
    edited = session.execute(select(func.max(AuditEntry.at)).where(AuditEntry.action != "import")).scalar()
    if edited is not None:
        days.append(edited.date())
    return max(days, default=datetime.date(1970, 1, 1))


def public_zip(session: Session, schema_dir: Path) -> bytes:
    """The public data files and schema zipped, as `advocacy data export --public` writes them."""
    return export_zip(session, schema_dir, public_only=True)


def public_json(session: Session, schema_dir: Path) -> bytes:
    """The public data as one JSON document: the release, then each resource's rows by id."""
    about = release(session, schema_dir)
    resources: dict[str, list[dict[str, Any]]] = {}
    for resource in load_resources(schema_dir / SCHEMA_FILE):
        rows = public_rows(resource, table_rows(session, resource))
        resources[resource.name] = [_typed(row, resource.field_names) for row in rows]
    document = {
        "title": about.title,
        "data_version": about.version,
        "date": about.date.isoformat(),
        "licenses": [vars(licence) for licence in about.licences],
        "resources": resources,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode() + b"\n"


def _typed(row: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """Keep numbers and booleans as JSON has them; everything else as the CSV writes it."""
    return {
        name: row[name] if isinstance(row[name], bool | int) or row[name] is None else format_cell(row[name])
        for name in names
    }
