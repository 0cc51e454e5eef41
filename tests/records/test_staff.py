"""Staff data editing through real HTTP: add and edit each resource, sources, audit trail, locking, delete."""

from __future__ import annotations

import json
import shutil
from html import unescape

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.countries.models import Case, Figure, Instrument, Ruling
from advocacy.records.dataset import current_version
from advocacy.records.models import AuditEntry
from tests.helpers import SMALL_DATA_DIR
from tests.records.staff_forms import form_with_action, forms, record_form, signed_in

SOURCE = {
    "source_url": "https://example.org/report",
    "source_title": "Example Monitor, test report",
    "confidence": "medium",
    "verified": "false",
    "as_of": "2026-11-20",
}
NEW = {
    "treaties": {
        "id": "is-extradition", "country": "IS", "counterpart": "PRC", "instrument": "extradition-treaty",
        "status": "none", "notes": "Test row: no treaty known.",
    },
    "rulings": {
        "id": "fr-2099-1", "country": "FR", "date": "2026-05", "court": "Test Court", "case_name": "unnamed",
        "outcome": "refused", "summary": "A test ruling.",
    },
    "cases": {
        "id": "fr-2099-1", "country": "FR", "year": "2025", "method": "family-pressure", "outcome": "pending",
        "target_group": "student", "person": "unnamed", "public": "true", "summary": "A test case.",
    },
    "figures": {
        "id": "fr-test-figure", "scope": "FR", "metric": "incidents", "value": "12", "qualifier": "about",
        "unit": "incidents", "statement": "About twelve test incidents.",
    },
}  # fmt: skip
MODELS = {"treaties": Instrument, "rulings": Ruling, "cases": Case, "figures": Figure}
# A record of each resource in the data and a field to change in it.
EXISTING = {
    "treaties": ("fr-extradition", "notes", "Checked again by staff."),
    "rulings": ("fr-2019-1", "court", "Nouméa Court of Appeal"),
    "cases": ("fr-2019-2", "outcome", "unknown"),
    "figures": ("au-returns-abc-2022", "value", "9"),
}


def new_form(client, resource: str) -> dict[str, str]:
    return record_form(client, f"/staff/{resource}/new")


def entries(app, **where) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def version(app) -> str | None:
    with app.app_context():
        return current_version(db.session)


def test_overview_lists_every_resource_and_filters_by_country(staff):
    html = staff.get("/staff/").get_data(as_text=True)
    for heading in ("Instruments", "Rulings", "Cases", "Figures"):
        assert f">{heading}</h2>" in html
    assert (
        'href="/staff/treaties/fr-extradition"' in html
        and 'href="/staff/figures/world-extradition-share"' in html
    )
    france = staff.get("/staff/?country=FR").get_data(as_text=True)
    assert 'href="/staff/cases/fr-2019-2"' in france and 'href="/staff/rulings/fr-2019-1"' in france
    assert "/staff/treaties/de-extradition" not in france and "world-extradition-share" not in france
    assert '<option value="FR" selected>' in france
    world = staff.get("/staff/?country=WORLD").get_data(as_text=True)
    assert "world-extradition-share" in world and "fr-extradition" not in world


@pytest.mark.parametrize("resource", list(NEW))
def test_add_a_record_of_each_resource(app, staff, people, resource):
    before = version(app)
    fields = {**new_form(staff, resource), **NEW[resource], **SOURCE}
    response = staff.post(f"/staff/{resource}/new", data=fields)
    record_id = NEW[resource]["id"]
    assert response.status_code == 302 and response.location.endswith(f"/staff/{resource}/{record_id}")
    with app.app_context():
        record = db.session.get(MODELS[resource], record_id)
        assert record.source_title == SOURCE["source_title"] and record.verified is False
    [entry] = entries(app, action="create", resource=resource, record_id=record_id)
    assert entry.user_email == people["staff"] and entry.user_id is not None
    changes = {c.field: (c.old, c.new) for c in entry.changes}
    assert changes["id"] == ("", record_id) and changes["source_title"] == ("", SOURCE["source_title"])
    assert "suspended" not in changes  # empty before and after
    assert version(app) != before
    listed = staff.get("/staff/").get_data(as_text=True)
    assert f'href="/staff/{resource}/{record_id}"' in listed


@pytest.mark.parametrize("resource", list(EXISTING))
def test_edit_a_record_of_each_resource_is_audited_from_and_to(app, staff, people, resource):
    record_id, name, value = EXISTING[resource]
    fields = record_form(staff, f"/staff/{resource}/{record_id}")
    old = fields[name]
    before = version(app)
    response = staff.post(f"/staff/{resource}/{record_id}", data={**fields, name: value})
    assert response.status_code == 302
    [entry] = entries(app, action="update", resource=resource, record_id=record_id)
    assert [(c.field, c.old, c.new) for c in entry.changes] == [(name, old, value)]
    assert entry.user_email == people["staff"]
    assert version(app) != before
    page = staff.get(f"/staff/{resource}/{record_id}/history").get_data(as_text=True)
    assert people["staff"] in page and f"<code>{name}</code>" in page
    assert unescape(value) in unescape(page) and unescape(old) in unescape(page)
    assert record_form(staff, f"/staff/{resource}/{record_id}")[name] == value


def test_saving_unchanged_values_records_nothing(app, staff):
    fields = record_form(staff, "/staff/treaties/fr-mlat")
    response = staff.post("/staff/treaties/fr-mlat", data=fields, follow_redirects=True)
    assert "Nothing was changed" in response.get_data(as_text=True)
    assert entries(app) == []


@pytest.mark.parametrize("resource", list(NEW))
def test_every_save_needs_a_source(app, staff, resource):
    fields = {**new_form(staff, resource), **NEW[resource], **SOURCE, "source_title": "  ", "source_url": ""}
    response = staff.post(f"/staff/{resource}/new", data=fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "every fact needs a source" in html
    assert 'aria-invalid="true"' in html and "Source (publisher and title)</a>" in html
    with app.app_context():
        assert db.session.get(MODELS[resource], NEW[resource]["id"]) is None
    record_id = EXISTING[resource][0]
    current = record_form(staff, f"/staff/{resource}/{record_id}")
    edited = staff.post(f"/staff/{resource}/{record_id}", data={**current, "source_title": ""})
    assert edited.status_code == 422 and "every fact needs a source" in edited.get_data(as_text=True)
    assert entries(app) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "unknown country code &#39;XX&#39;"),
        ("signed", "2019-02-30", "&#39;2019-02-30&#39; is not a real date"),
        ("status", "maybe", "unknown value &#39;maybe&#39;"),
        ("source_url", "example.org/page", "does not match the pattern"),
        ("id", "Bad Id", "does not match the pattern"),
        ("verified", "true", "cannot be true when confidence is low"),
    ],
)
def test_values_are_checked_as_an_import_checks_them(app, staff, field, value, message):
    fields = {**new_form(staff, "treaties"), **NEW["treaties"], **SOURCE, "confidence": "low", field: value}
    response = staff.post("/staff/treaties/new", data=fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert f'value="{value}"' in html or f">{value}<" in html or field in ("status", "verified")  # input kept
    assert entries(app) == []


@pytest.mark.parametrize(
    ("field", "value"), [("notes", "Paid \u202eevil\u202c."), ("counterpart", "PR\u2066")]
)
def test_bidirectional_controls_are_refused_as_the_composer_refuses_them(app, staff, field, value):
    fields = {**new_form(staff, "treaties"), **NEW["treaties"], **SOURCE, field: value}
    response = staff.post("/staff/treaties/new", data=fields)
    assert response.status_code == 422
    assert "contains a bidirectional control character" in response.get_data(as_text=True)
    assert entries(app) == []


def test_a_taken_identifier_is_refused(app, staff):
    fields = {**new_form(staff, "treaties"), **NEW["treaties"], **SOURCE, "id": "fr-extradition"}
    response = staff.post("/staff/treaties/new", data=fields)
    assert response.status_code == 422 and "This identifier is taken" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").country == "FR"


def test_second_of_two_concurrent_edits_is_refused_with_what_changed(app, staff, people):
    admin = signed_in(app, people["admin"])
    url = "/staff/treaties/fr-extradition"
    first, second = record_form(staff, url), record_form(admin, url)
    assert staff.post(url, data={**first, "notes": "Staff's note."}).status_code == 302
    refused = admin.post(url, data={**second, "notes": "Admin's note.", "as_of": "2026-11-22"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "this record changed after you opened it" in html
    assert people["staff"] in html  # who changed it meanwhile
    conflict = html.split('id="conflict-heading"')[1].split("</table>")[0]
    assert "Staff&#39;s note." in conflict and second["notes"].split(";")[0] in conflict
    kept = next(f["fields"] for f in forms(html) if "base" in f["fields"])
    assert kept["notes"] == "Admin's note." and kept["as_of"] == "2026-11-22"  # their input, kept
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").notes == "Staff's note."
    assert len(entries(app, action="update")) == 1
    # Having seen the change, the second person may save their version deliberately.
    assert admin.post(url, data=kept).status_code == 302
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").notes == "Admin's note."
    last = entries(app, action="update")[-1]
    assert last.user_email == people["admin"]
    assert ("notes", "Staff's note.", "Admin's note.") in [(c.field, c.old, c.new) for c in last.changes]


def test_an_import_meanwhile_also_refuses_the_save(app, staff, tmp_path):
    url = "/staff/treaties/fr-extradition"
    loaded = record_form(staff, url)
    data = tmp_path / "data"
    shutil.copytree(SMALL_DATA_DIR, data)
    treaties = data / "treaties.csv"
    treaties.write_text(treaties.read_text(encoding="utf-8").replace("no. 53645.", "no. 53645 (imported)."))
    assert app.test_cli_runner().invoke(args=["data", "import", str(data)]).exit_code == 0
    response = staff.post(url, data={**loaded, "as_of": "2026-11-22"})
    assert response.status_code == 409 and "53645 (imported)." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").as_of != "2026-11-22"


def test_a_record_deleted_meanwhile_offers_to_save_it_anew(app, staff, people):
    url = "/staff/figures/au-returns-abc-2022"
    loaded = record_form(staff, url)
    admin = signed_in(app, people["admin"])
    page = admin.get(url).get_data(as_text=True)
    delete = form_with_action(page, f"{url}/delete")
    assert admin.post(f"{url}/delete", data={**delete, "confirm": "y"}).status_code == 302
    response = staff.post(url, data={**loaded, "value": "9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "It has been deleted meanwhile" in html
    assert 'action="/staff/figures/new"' in html


def test_delete_is_confirmed_checked_and_audited(app, staff, people):
    url = "/staff/rulings/fr-2019-1"
    page = staff.get(url).get_data(as_text=True)
    delete = form_with_action(page, f"{url}/delete")
    unconfirmed = staff.post(f"{url}/delete", data=delete, follow_redirects=True)
    assert "tick the box" in unconfirmed.get_data(as_text=True)
    fields = record_form(staff, url)
    assert staff.post(url, data={**fields, "court": "Changed meanwhile"}).status_code == 302
    stale = staff.post(f"{url}/delete", data={**delete, "confirm": "y"}, follow_redirects=True)
    assert "the record changed since you opened it" in stale.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Ruling, "fr-2019-1") is not None
    fresh = form_with_action(staff.get(url).get_data(as_text=True), f"{url}/delete")
    assert staff.post(f"{url}/delete", data={**fresh, "confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(Ruling, "fr-2019-1") is None
    [entry] = entries(app, action="delete", record_id="fr-2019-1")
    changes = {c.field: (c.old, c.new) for c in entry.changes}
    assert changes["court"] == ("Changed meanwhile", "") and changes["case_name"] == ("Ning Shisheng", "")
    history = staff.get(f"{url}/history").get_data(as_text=True)
    assert "This record has been deleted" in history and "Ning Shisheng" in history
    assert staff.get(url).status_code == 404
    assert "fr-2019-1" in staff.get("/staff/changes").get_data(as_text=True)


def test_a_tampered_or_missing_base_is_a_bad_request(staff):
    fields = record_form(staff, "/staff/treaties/fr-mlat")
    assert staff.post("/staff/treaties/fr-mlat", data={**fields, "base": "{}"}).status_code == 400
    other = json.loads(fields["base"]) | {"id": "fr-extradition"}
    assert (
        staff.post("/staff/treaties/fr-mlat", data={**fields, "base": json.dumps(other)}).status_code == 400
    )
    assert staff.post("/staff/chambers/fr-assemblee", data=fields).status_code == 404
    assert staff.get("/staff/treaties/no-such-row").status_code == 404
