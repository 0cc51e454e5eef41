"""Staff edits made through the real staff pages (helpers for the changes tests)."""

from __future__ import annotations

from tests.records.staff_forms import form_with_action, record_form

SECRET = "Quillon Marchbanks-Vey"  # a name found nowhere in the data
CASE = {
    "id": "fr-1991-pub", "country": "FR", "year": "1991", "method": "deportation", "outcome": "returned",
    "target_group": "Uyghur", "person": "Ottoline Brisbane-Quayle", "public": "true",
    "summary": "Deported in 1991 after a request from the PRC.", "source_url": "https://example.org/report",
    "source_title": "Example Watch, annual report 1992", "confidence": "medium", "verified": "true",
    "as_of": "2026-11-23",
}  # fmt: skip


def edit(staff, resource: str, record_id: str, **values: str) -> None:
    """Change some fields of a record through its staff form."""
    url = f"/staff/{resource}/{record_id}"
    assert staff.post(url, data={**record_form(staff, url), **values}).status_code == 302


def create_case(staff, **values: str) -> None:
    """Add a case through the staff form."""
    form = record_form(staff, "/staff/cases/new")
    assert staff.post("/staff/cases/new", data={**form, **CASE, **values}).status_code == 302


def set_public(staff, record_id: str, public: bool) -> None:
    """Publish or restrict a case with its staff button."""
    url = f"/staff/cases/{record_id}"
    form = form_with_action(staff.get(url).get_data(as_text=True), f"{url}/public")
    assert form["public"] == ("true" if public else "false")
    assert staff.post(f"{url}/public", data=form).status_code == 302


def delete(staff, resource: str, record_id: str) -> None:
    """Delete a record with its staff form, confirmed."""
    url = f"/staff/{resource}/{record_id}"
    form = form_with_action(staff.get(url).get_data(as_text=True), f"{url}/delete")
    assert staff.post(f"{url}/delete", data={**form, "confirm": "y"}).status_code == 302
