"""Staff keep the channels current: edits meet the import rules, and old checks are listed."""

from __future__ import annotations

import pytest

from tests.records.staff_forms import record_form, signed_in


@pytest.fixture
def app(small_app):
    return small_app


def test_an_emergency_number_cannot_be_made_a_reporting_channel(staff):
    fields = record_form(staff, "/staff/channels/gb-999")
    response = staff.post("/staff/channels/gb-999", data={**fields, "kind": "police"})
    assert response.status_code == 422
    assert "never shown as a reporting channel" in response.get_data(as_text=True)
    assert record_form(staff, "/staff/channels/gb-999")["kind"] == "emergency-police"


def test_channels_not_checked_for_six_months_are_listed_until_checked(staff, client_for):
    assert 'href="/staff/reporting/"' in staff.get("/staff/").get_data(as_text=True)
    page = staff.get("/staff/reporting/").get_data(as_text=True)
    assert "Every channel was checked in the last 6 months." in page
    fields = record_form(staff, "/staff/channels/gb-101")
    assert staff.post("/staff/channels/gb-101", data={**fields, "as_of": "2025-01-15"}).status_code == 302
    page = staff.get("/staff/reporting/").get_data(as_text=True)
    assert 'href="/staff/channels/gb-101"' in page and "2025-01-15" in page
    assert 'href="/staff/channels/gb-999"' not in page
    public = client_for().get("/en/report/GB").get_data(as_text=True)
    assert "details last checked 15 January 2025" in public.split('id="gb-101"')[1]


@pytest.fixture
def client_for(app):
    return app.test_client


def test_the_list_is_for_staff_only(app, people):
    assert app.test_client().get("/staff/reporting/").status_code == 302  # to sign-in
    assert signed_in(app, people["translator"]).get("/staff/reporting/").status_code == 403


def test_the_data_overview_lists_and_filters_reporting_rows(staff):
    page = staff.get("/staff/?country=INT").get_data(as_text=True)
    assert 'href="/staff/channels/int-interpol-ccf"' in page and 'href="/staff/channels/gb-999"' not in page
    page = staff.get("/staff/?country=DE").get_data(as_text=True)
    assert 'href="/staff/guidance/de-gap"' in page and 'href="/staff/channels/de-110"' in page
