"""Cached public pages: conditional requests, and a data import retires old pages."""

from __future__ import annotations

import csv
import shutil

from tests.helpers import DATA_DIR


def test_etag_gives_304(client):
    first = client.get("/en/countries/FR")
    etag = first.headers["ETag"]
    again = client.get("/en/countries/FR", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["Content-Security-Policy"]


def test_import_shows_at_once(app, runner, tmp_path):
    client = app.test_client()
    assert "Edited in a cache test." not in client.get("/en/countries/FR").get_data(as_text=True)
    edited = tmp_path / "edited"
    shutil.copytree(DATA_DIR, edited)
    path = edited / "treaties.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    next(r for r in rows if r["id"] == "fr-extradition")["notes"] = "Edited in a cache test."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert runner.invoke(args=["data", "import", str(edited)]).exit_code == 0
    assert "Edited in a cache test." in client.get("/en/countries/FR").get_data(as_text=True)
    assert "Edited in a cache test." in client.get("/api/v1/countries/FR").get_data(as_text=True)


def test_error_pages_are_not_cached(client):
    assert client.get("/en/countries/ZZ").status_code == 404
    assert client.get("/en/countries/ZZ").status_code == 404
    assert "ETag" not in client.get("/en/countries/ZZ").headers
