"""The data page's downloads: the bytes `advocacy data export --public` writes, named by version and date."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from pathlib import Path

import yaml

from advocacy.core.settings import PROJECT_ROOT
from tests.changes.editing import edit
from tests.helpers import SMALL_DATA_DIR

CASES = (SMALL_DATA_DIR / "cases.csv").read_text(encoding="utf-8")
RESTRICTED = [row["id"] for row in csv.DictReader(io.StringIO(CASES)) if row["public"] == "false"]


def links(client) -> dict[str, str]:
    page = client.get("/en/data").get_data(as_text=True)
    return {
        ext: re.search(rf'href="(/data/advocacy-data-[^"]+\.{ext})"', page).group(1)
        for ext in ("zip", "json")
    }


def exported(app, folder: Path, *options: str) -> dict[str, bytes]:
    result = app.test_cli_runner().invoke(args=["data", "export", *options, str(folder)])
    assert result.exit_code == 0, result.output
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_the_zip_is_byte_for_byte_the_public_export(app, tmp_path):
    assert RESTRICTED  # the small data set has restricted cases to leave out
    client = app.test_client()
    response = client.get(links(client)["zip"])
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    members = {name.removeprefix("data/"): archive.read(name) for name in archive.namelist()}
    assert members == exported(app, tmp_path / "public", "--public")
    everything = exported(app, tmp_path / "all")
    assert everything["cases.csv"] != members["cases.csv"]
    for case_id in RESTRICTED:
        assert case_id.encode() in everything["cases.csv"] and case_id.encode() not in members["cases.csv"]
    assert client.get(links(client)["zip"]).data == response.data  # the same data, the same zip


def test_the_json_holds_the_same_public_rows(app):
    client = app.test_client()
    document = json.loads(client.get(links(client)["json"]).data)
    archive = zipfile.ZipFile(io.BytesIO(client.get(links(client)["zip"]).data))
    for name, rows in document["resources"].items():
        from_csv = list(csv.DictReader(io.StringIO(archive.read(f"data/{name}.csv").decode())))
        assert [row["id"] for row in rows] == [row["id"] for row in from_csv], name
    assert not {row["id"] for row in document["resources"]["cases"]} & set(RESTRICTED)
    assert all(row["public"] is True for row in document["resources"]["cases"])
    assert document["licenses"][0]["name"] == "CC-BY-4.0"


def test_downloads_are_named_by_version_and_date_and_follow_edits(app, staff):
    client = app.test_client()
    first = links(client)
    version = client.get("/api/v1/countries").get_json()["data_version"]
    today = datetime.datetime.now(datetime.UTC).date().isoformat()  # `advocacy init` loaded it today
    assert first["zip"] == f"/data/advocacy-data-{today}-{version}.zip"
    disposition = client.get(first["json"]).headers["Content-Disposition"]
    assert disposition == f'attachment; filename="advocacy-data-{today}-{version}.json"'
    edit(staff, "treaties", "au-extradition", notes="Checked again.")
    second = links(client)
    assert second["zip"] != first["zip"]
    old = client.get(first["zip"])  # an old version's name leads to the current data
    assert old.status_code == 302 and old.headers["Location"] == second["zip"]
    response = client.get(second["zip"])
    assert client.get(second["zip"], headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    assert client.get("/data/advocacy-data.exe").status_code == 404


def test_citation_cff_names_the_software():
    citation = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "software"
    assert citation["title"] and citation["authors"] and citation["message"]
    setup = (PROJECT_ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert f"version = {citation['version']}" in setup and f"license = {citation['license']}" in setup


def test_the_data_version_is_recomputed_from_the_public_download(app, tmp_path):
    from advocacy.core.extensions import db
    from advocacy.records.datafiles import read_package
    from advocacy.records.dataset import current_version, dataset_version

    exported(app, tmp_path / "public", "--public")
    package = read_package(tmp_path / "public")
    assert package.ok
    with app.app_context():
        assert dataset_version(package.rows) == current_version(db.session)


def test_an_edit_to_a_restricted_case_leaves_the_public_version(app, staff):
    from advocacy.core.extensions import db
    from advocacy.records.dataset import current_version

    def version() -> str:
        with app.app_context():
            return current_version(db.session)

    first = version()
    edit(staff, "cases", RESTRICTED[0], summary="A restricted summary, corrected.")
    assert version() == first
    public = next(row["id"] for row in csv.DictReader(io.StringIO(CASES)) if row["public"] == "true")
    edit(staff, "cases", public, summary="A public summary, corrected.")
    assert version() != first
