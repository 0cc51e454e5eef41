"""A data import shows on the changes page record by record, like staff edits; restricted cases never."""

from __future__ import annotations

import csv
import io

from tests.changes.editing import SECRET
from tests.changes.test_page import entry, page
from tests.helpers import SMALL_DATA_DIR
from tests.records.test_staff_import import upload


def with_row(name: str, record_id: str, **values: str) -> bytes:
    """The small data file with one row changed (or added, when no row has the id)."""
    text = (SMALL_DATA_DIR / name).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    found = next((row for row in rows if row["id"] == record_id), None)
    if found is None:
        found = dict.fromkeys(rows[0], "") | {"id": record_id}
        rows.append(found)
    found.update(values)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def imported(staff, name: str, body: bytes) -> None:
    response = upload(staff, (name, body))
    assert "Imported." in response.get_data(as_text=True), response.get_data(as_text=True)[:500]


def test_an_imported_status_change_shows_what_it_was_and_is(app, staff):
    public = app.test_client()
    changed = {"status": "in-force", "in_force": "2017-03-01", "source_title": "Gazette of Qwertania"}
    imported(staff, "treaties.csv", with_row("treaties.csv", "au-extradition", **changed))
    for url in ("/en/changes", "/en/countries/AU/changes", "/en/countries/AU/changes.atom"):
        text = page(public, url)
        assert "Gazette of Qwertania" in text, url
    found = entry(page(public, "/en/changes"), "au-extradition")
    status = found.split('<th scope="row">Status</th>')[1].split("</tr>")[0]
    assert status.index("Ratification withdrawn") < status.index("In force")


def test_an_imported_restricted_case_never_shows(app, staff):
    public = app.test_client()
    case = {"country": "FR", "year": "1991", "method": "deportation", "outcome": "returned",
            "target_group": "Uyghur", "person": SECRET, "public": "false", "summary": f"{SECRET} deported.",
            "source_url": "https://example.org/r", "source_title": "Example Watch", "confidence": "medium",
            "verified": "true", "as_of": "2026-11-23"}  # fmt: skip
    imported(staff, "cases.csv", with_row("cases.csv", "fr-1991-secret", **case))
    for url in ("/en/changes", "/en/countries/FR/changes", "/en/changes.atom"):
        assert SECRET not in page(public, url) and "fr-1991-secret" not in page(public, url), url
