"""Import and export the data files through the staff page: uploads and a zip, all or nothing.

An upload may be some of the CSV files or a zip of the data directory. Files not
uploaded keep their current data (they are exported first, then the upload laid over
them); the result is checked exactly as `advocacy data import` checks a directory.
The bundled schema always applies: an uploaded datapackage.json is ignored.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy.orm import Session

from advocacy.records.audit import diff, encode_changes
from advocacy.records.datafiles import Problem, Row, read_package
from advocacy.records.dataset import SCHEMA_FILE, ChambersInUse, export_package, import_package, table_rows
from advocacy.records.editing import EDITABLE, IMPORT_RESOURCE, Editor, audit
from advocacy.records.schema import Resource, load_resources

MAX_FILE_BYTES = 8 * 1024 * 1024  # one data file, unpacked (the bundled ones are under 100 kB)
MAX_ZIP_MEMBERS = 100
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same zip


@dataclass
class Upload:
    """The data files found in what was uploaded, and what was not used."""

    files: dict[str, bytes] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportResult:
    """An import's outcome: problems (nothing changed) or the counts before and after."""

    problems: list[Problem]
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def gather(uploads: list[tuple[str, bytes]], schema_dir: Path) -> Upload:
    """Pick the data files out of uploaded CSV files and zips, by file name."""
    wanted = {resource.path for resource in load_resources(schema_dir / SCHEMA_FILE)}
    found = Upload()
    for filename, data in uploads:
        name = PurePosixPath(filename.replace("\\", "/")).name
        if name.lower().endswith(".zip"):
            _unzip(name, data, wanted, found)
        else:
            _take(name, data, wanted, found)
    if not found.files and not found.problems:
        expected = ", ".join(sorted(wanted))
        found.problems.append(Problem("", 0, "", f"no data file found: upload {expected} or a zip of them"))
    return found


def _take(name: str, data: bytes, wanted: set[str], found: Upload) -> None:
    if name not in wanted:
        found.ignored.append(name)
    elif name in found.files:
        found.problems.append(Problem(name, 0, "", "uploaded twice; upload each file once"))
    elif len(data) > MAX_FILE_BYTES:
        found.problems.append(Problem(name, 0, "", f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"))
    else:
        found.files[name] = data


# A corrupt deflate stream raises zlib.error, a truncated one EOFError: a bad file like any other.
UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    OSError,
    zlib.error,
    EOFError,
)


def _unzip(name: str, data: bytes, wanted: set[str], found: Upload) -> None:
    """Read the zip's data files into memory (never onto disk by their stored paths)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_ZIP_MEMBERS:
            found.problems.append(Problem(name, 0, "", f"holds more than {MAX_ZIP_MEMBERS} files"))
            return
        for info in members:
            member = PurePosixPath(info.filename).name
            if member in wanted and info.file_size > MAX_FILE_BYTES:
                found.problems.append(
                    Problem(member, 0, "", f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
                )
            elif member in wanted:
                with archive.open(info) as handle:
                    _take(member, handle.read(MAX_FILE_BYTES + 1), wanted, found)
            else:
                found.ignored.append(f"{name}: {info.filename}")
    except UNREADABLE as error:
        found.problems.append(Problem(name, 0, "", f"cannot be read as a zip file ({error})"))


def import_upload(session: Session, upload: Upload, schema_dir: Path, editor: Editor) -> ImportResult:
    """Replace the data with the current data overlaid by the upload, all or nothing, audited."""
    result = ImportResult(list(upload.problems), sorted(upload.files), upload.ignored)
    if result.problems:
        return result
    with tempfile.TemporaryDirectory(prefix="advocacy-import-") as folder:
        directory = Path(folder)
        export_package(session, schema_dir, directory)
        for name, data in upload.files.items():
            (directory / name).write_bytes(data)
        try:
            done = import_directory(session, directory, schema_dir, editor, files=result.files)
        except ChambersInUse as error:
            result.problems = [Problem("chambers.csv", 0, "", str(error))]
            return result
    result.problems, result.before, result.after = done.problems, done.before, done.after
    return result


def import_directory(
    session: Session, directory: Path, schema_dir: Path, editor: Editor, files: list[str] | None = None
) -> ImportResult:
    """Check a directory of data files and, when it has no problems, import it with an audit entry.

    Raises ChambersInUse (nothing changed) when the new data drops chambers in use.
    """
    package = read_package(directory, schema_dir)
    if not package.ok:
        return ImportResult(package.problems)
    resources = load_resources(schema_dir / SCHEMA_FILE)
    current = {resource.name: table_rows(session, resource) for resource in resources}  # read once
    before = {name: len(rows) for name, rows in current.items()}
    after = {name: len(rows) for name, rows in package.rows.items()}
    files = files if files is not None else [resource.path for resource in resources]
    detail = {"files": files, "before": before, "after": after}
    audit(session, editor, "import", IMPORT_RESOURCE, None, json.dumps(detail))  # committed with the import
    for resource in resources:
        if resource.name in EDITABLE:  # each record the import changes is audited as an edit would be
            audit_rows(session, editor, resource, current[resource.name], package.rows[resource.name])
    try:
        import_package(session, package)
    except ChambersInUse:
        session.rollback()
        raise
    return ImportResult([], files, [], before, after)


def audit_rows(
    session: Session, editor: Editor, resource: Resource, before: list[Row], after: list[Row]
) -> int:
    """Add an audit entry per record an import creates, changes or deletes; return how many."""
    old = {str(row["id"]): row for row in before}
    new = {str(row["id"]): row for row in after}
    count = 0
    for record_id in sorted(old.keys() | new.keys()):
        changes = diff(old.get(record_id), new.get(record_id), resource.field_names)
        if not changes:
            continue
        action = "create" if record_id not in old else "delete" if record_id not in new else "update"
        audit(session, editor, action, resource.name, record_id, encode_changes(changes))
        count += 1
    return count


def export_zip(session: Session, schema_dir: Path, public_only: bool = False) -> bytes:
    """Zip the current data files and their schema, as `advocacy data export [--public]` writes them."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="advocacy-export-") as folder:
        directory = Path(folder)
        export_package(session, schema_dir, directory, public_only)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(directory.iterdir()):
                info = zipfile.ZipInfo(f"data/{path.name}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
