"""Import and export of the data files from the staff page: all or nothing, audited, size-limited."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.countries.models import Case, Instrument
from advocacy.records.dataset import current_version
from advocacy.records.models import AuditEntry
from tests.helpers import SMALL_DATA_DIR

FILES = (
    "treaties.csv", "rulings.csv", "cases.csv", "figures.csv", "chambers.csv",
    "channels.csv", "guidance.csv", "recommendations.csv", "datapackage.json",
)  # fmt: skip


def token(client) -> str:
    html = client.get("/staff/import").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def upload(client, *files: tuple[str, bytes]):
    data = {"csrf_token": token(client), "files": [(io.BytesIO(body), name) for name, body in files]}
    return client.post("/staff/import", data=data, content_type="multipart/form-data")


def unzip(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def corrupt_deflate() -> bytes:
    """A zip whose cases.csv has a valid header but a deflate stream that cannot be inflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/cases.csv", (SMALL_DATA_DIR / "cases.csv").read_bytes())
    body = bytearray(buffer.getvalue())
    start = 30 + len("data/cases.csv")  # the local header, then the member's compressed bytes
    body[start : start + 8] = b"\xff" * 8  # a reserved block type: zlib.error, not BadZipFile
    return bytes(body)


def state(app, client) -> tuple[bytes, str | None, int]:
    """The data as a zip, its version and the number of audit entries."""
    with app.app_context():
        audits = len(db.session.scalars(select(AuditEntry)).all())
        return client.get("/staff/export.zip").data, current_version(db.session), audits


def test_export_is_the_data_files_byte_for_byte(staff):
    response = staff.get("/staff/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert re.fullmatch(
        r'attachment; filename="advocacy-data-[0-9a-f]{16}\.zip"', response.headers["Content-Disposition"]
    )
    files = unzip(response.data)
    assert sorted(files) == sorted(f"data/{name}" for name in FILES)
    for name in FILES:
        assert files[f"data/{name}"] == (SMALL_DATA_DIR / name).read_bytes(), name
    assert staff.get("/staff/export.zip").data == response.data  # the same data, the same zip


def test_an_uploaded_file_replaces_its_table_and_is_audited(app, staff, people):
    before = state(app, staff)
    treaties = (SMALL_DATA_DIR / "treaties.csv").read_text(encoding="utf-8")
    changed = treaties.replace("UN registration no. 53645.", "UN registration no. 53645 (re-checked).")
    response = upload(staff, ("treaties.csv", changed.encode()))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Imported. Files used: treaties.csv." in html
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").notes.endswith("53645 (re-checked).")
        assert current_version(db.session) != before[1]
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        entry, edit = entries  # the import, then each record it changed, as an edit would be
        assert (entry.action, entry.user_email, entry.record_id) == ("import", people["staff"], None)
        assert (edit.action, edit.resource, edit.record_id) == ("update", "treaties", "fr-extradition")
        assert [(c.field, c.new) for c in edit.changes] == [("notes", changed_notes(changed))]
        counts = json.loads(entry.detail)
        assert counts["files"] == ["treaties.csv"] and counts["before"] == counts["after"]
        assert counts["after"]["cases"] == db.session.query(Case).count()
    exported = unzip(staff.get("/staff/export.zip").data)
    assert exported["data/treaties.csv"].decode() == changed
    assert exported["data/cases.csv"] == (SMALL_DATA_DIR / "cases.csv").read_bytes()  # not uploaded: kept
    assert "imported data files" in staff.get("/staff/changes").get_data(as_text=True)


def changed_notes(treaties: str) -> str:
    row = next(line for line in treaties.splitlines() if line.startswith("fr-extradition,"))
    return next(cell for cell in next(csv.reader([row])) if cell.endswith("(re-checked)."))


def test_one_bad_file_changes_nothing_and_problems_are_listed_by_file_line_and_column(app, staff):
    before = state(app, staff)
    treaties = (SMALL_DATA_DIR / "treaties.csv").read_text(encoding="utf-8").replace("53645.", "53645 (new).")
    cases = (SMALL_DATA_DIR / "cases.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    cases[2] = cases[2].replace(",AE,2021,", ",XX,2021,", 1)
    cases[4] = cases[4].replace(",true,", ",maybe,", 1)
    response = upload(staff, ("treaties.csv", treaties.encode()), ("cases.csv", "".join(cases).encode()))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "2 problems; nothing was imported" in html
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td lang=\"en\">([^<]*)</td></tr>", html
    )
    assert ("cases.csv", "3", "country", "unknown country code &#39;XX&#39;") in rows
    assert any(row[:2] == ("cases.csv", "5") for row in rows)
    assert state(app, staff) == before  # the data, its version, and no audit entry


def test_a_zip_of_the_data_folder_is_imported_whole(app, staff):
    files = unzip(staff.get("/staff/export.zip").data)
    files["data/rulings.csv"] = files["data/rulings.csv"].replace(
        b"Larnaca District Court", b"District Court of Larnaca"
    )
    files["data/README.txt"] = b"not data"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    response = upload(staff, ("data.zip", buffer.getvalue()))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Imported." in html and "data.zip: data/README.txt" in html
    assert b"District Court of Larnaca" in unzip(staff.get("/staff/export.zip").data)["data/rulings.csv"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ((("notes.txt", b"hello"),), "no data file found"),
        ((("data.zip", b"PK\x03\x04 broken"),), "cannot be read as a zip file"),
        ((("data.zip", corrupt_deflate()),), "cannot be read as a zip file"),
        ((("cases.csv", b"id,country\n"),), "missing column(s): year"),
        ((("cases.csv", b"\xff\xfeid"),), "not UTF-8"),
    ],
)
def test_unusable_uploads_are_refused_with_a_reason(app, staff, files, message):
    before = state(app, staff)
    response = upload(staff, *files)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert state(app, staff) == before


def test_an_upload_over_the_limit_is_refused_unread(app, staff, monkeypatch):
    from advocacy.records import views as view

    before = state(app, staff)
    monkeypatch.setattr(view, "UPLOAD_LIMIT", 1024 * 1024)
    cases = (SMALL_DATA_DIR / "cases.csv").read_bytes()
    body = cases * (1024 * 1024 // len(cases) + 1)
    response = upload(staff, ("cases.csv", body))
    assert response.status_code == 413 and "larger than 1 MB; nothing was imported" in response.get_data(
        as_text=True
    )
    assert state(app, staff) == before


def test_an_import_needs_the_form_token(app, staff):
    before = state(app, staff)
    treaties = (SMALL_DATA_DIR / "treaties.csv").read_bytes().replace(b"53645.", b"53645 (forged).")
    response = staff.post(
        "/staff/import",
        data={"files": [(io.BytesIO(treaties), "treaties.csv")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and state(app, staff) == before


def test_a_command_line_import_is_audited_too(app, staff, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SMALL_DATA_DIR, data)
    result = app.test_cli_runner().invoke(args=["data", "import", str(data)])
    assert result.exit_code == 0 and result.output.startswith("Imported ")
    with app.app_context():
        [entry] = db.session.scalars(select(AuditEntry)).all()
        assert entry.action == "import" and entry.user_email.startswith("command line (")
        assert json.loads(entry.detail)["files"] == [name for name in FILES if name.endswith(".csv")]
    changes = staff.get("/staff/changes").get_data(as_text=True)
    treaties = len((SMALL_DATA_DIR / "treaties.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert "command line (" in changes and f"treaties: {treaties} → {treaties}" in changes
