"""Move the data files into and out of the database, all or nothing."""

from __future__ import annotations

import datetime
import hashlib
import io
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from advocacy.countries.models import DatasetMeta
from advocacy.records.datafiles import Package, Row, format_cell, read_package, write_file
from advocacy.records.schema import Resource, load_resources
from advocacy.records.tables import RESOURCE_MODELS
from advocacy.representatives.models import Representative

SCHEMA_FILE = "datapackage.json"


class ChambersInUse(ValueError):
    """The new data drops chambers that still have representatives."""


def import_package(session: Session, package: Package) -> dict[str, int]:
    """Replace every data table with the package's rows in one transaction."""
    if not package.ok:
        raise ValueError("refusing to import a package with problems")
    kept = {row["id"] for row in package.rows["chambers"]}
    in_use = sorted(set(session.scalars(select(Representative.chamber_id).distinct())) - kept)
    if in_use:
        raise ChambersInUse(
            f"the new data drops chambers that still have representatives: {', '.join(in_use)}; "
            "remove them first with `advocacy reps clear --chamber ID`"
        )
    try:
        for model in RESOURCE_MODELS.values():
            session.execute(delete(model))
        for name, model in RESOURCE_MODELS.items():
            session.add_all(model(**row) for row in package.rows[name])
        _set_meta(session, "data_version", dataset_version(package.rows))
        _set_meta(session, "loaded_at", datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return {name: len(rows) for name, rows in package.rows.items()}


def export_package(
    session: Session, schema_dir: Path, directory: Path, public_only: bool = False
) -> dict[str, int]:
    """Write every table back as the data files, with the schema beside them.

    public_only leaves out restricted cases: what the public may download and reuse.
    """
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for resource in load_resources(schema_dir / SCHEMA_FILE):
        rows = table_rows(session, resource)
        if public_only:
            rows = public_rows(resource, rows)
        write_file(directory / resource.path, resource, rows)
        counts[resource.name] = len(rows)
    (directory / SCHEMA_FILE).write_bytes((schema_dir / SCHEMA_FILE).read_bytes())
    return counts


def refresh_version(session: Session, schema_dir: Path) -> str:
    """Set the data version from the tables as they are now (after an edit), as an import of them would."""
    rows = {
        resource.name: table_rows(session, resource) for resource in load_resources(schema_dir / SCHEMA_FILE)
    }
    version = dataset_version(rows)
    _set_meta(session, "data_version", version)
    return version


def table_rows(session: Session, resource: Resource) -> list[Row]:
    """Read one table as rows keyed by the schema's field names, ordered by id."""
    model = RESOURCE_MODELS[resource.name]
    records = session.scalars(select(model).order_by(model.id)).all()
    return [{name: getattr(record, name) for name in resource.field_names} for record in records]


def public_rows(resource: Resource, rows: list[Row]) -> list[Row]:
    """Leave out the rows the public may not see: restricted cases."""
    if resource.name != "cases":
        return rows
    return [row for row in rows if row.get("public") is True]


def load_directory(session: Session, directory: Path, schema_dir: Path) -> tuple[Package, dict[str, int]]:
    """Check a directory of data files and, when it has no problems, import it."""
    package = read_package(directory, schema_dir)
    return package, (import_package(session, package) if package.ok else {})


def is_loaded(session: Session) -> bool:
    """Tell whether a dataset has been imported."""
    return session.execute(select(func.count()).select_from(DatasetMeta)).scalar_one() > 0


def current_version(session: Session) -> str | None:
    """Return the loaded dataset's version hash, if any."""
    meta = session.get(DatasetMeta, "data_version")
    return meta.value if meta else None


def dataset_version(rows: dict[str, list[Row]]) -> str:
    """Hash the public rows' canonical text, so any public edit gives a new version.

    Restricted cases are left out: the version is printed on every public page, and a reader
    can recompute it from the public download; an edit nobody may see must not show as one.
    """
    digest = hashlib.sha256()
    for name in sorted(rows):
        buffer = io.StringIO()
        shown = [row for row in rows[name] if row.get("public") is True] if name == "cases" else rows[name]
        for row in sorted(shown, key=lambda r: str(r.get("id"))):
            buffer.write("\x1f".join(f"{k}={format_cell(v)}" for k, v in row.items()) + "\n")
        digest.update(name.encode() + b"\x1e" + buffer.getvalue().encode())
    return digest.hexdigest()[:16]


def _set_meta(session: Session, key: str, value: str) -> None:
    session.merge(DatasetMeta(key=key, value=value))
