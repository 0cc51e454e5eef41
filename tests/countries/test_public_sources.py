"""The public record cites public sources only: never one of our own files."""

from __future__ import annotations

import json
import subprocess

import pytest

from advocacy.core.extensions import db
from advocacy.countries.repository import countries_with_data
from tests.helpers import printed_briefing

INTERNAL = ("shared/reference", "Team reference", "reference facts", "team reference")


def _assert_public(text: str, where: str) -> None:
    for marker in INTERNAL:
        assert marker not in text, f"{where} names an internal source: {marker!r}"


def test_pages_and_json_name_no_internal_file(site, client):
    with site.app_context():
        codes = sorted(countries_with_data(db.session))
    _assert_public(client.get("/en/").get_data(as_text=True), "/en/")
    _assert_public(client.get("/api/v1/countries").get_data(as_text=True), "/api/v1/countries")
    for code in codes:
        page = client.get(f"/en/countries/{code}")
        assert page.status_code == 200, code
        _assert_public(page.get_data(as_text=True), f"/en/countries/{code}")
        data = client.get(f"/api/v1/countries/{code}").get_json()
        _assert_public(json.dumps(data, ensure_ascii=False), f"/api/v1/countries/{code}")


def test_a_row_without_a_public_source_says_unsourced(client):
    data = client.get("/api/v1/countries/GB").get_json()
    [treaty] = [i for i in data["instruments"] if i["id"] == "gb-extradition"]
    assert (treaty["source_title"], treaty["verified"], treaty["confidence"]) == ("unsourced", False, "low")


@pytest.mark.parametrize("code", ["GB", "DE", "BE"])  # rows that cited our notes before
def test_briefings_name_no_internal_file(site, client, tmp_path, code):
    response = printed_briefing(site, client, f"/en/countries/{code}/briefing.pdf")
    assert response.status_code == 200
    path = tmp_path / "briefing.pdf"
    path.write_bytes(response.get_data())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "unsourced" in text
    _assert_public(text, f"briefing {code}")


def test_an_unsourced_reason_says_it_has_no_published_source(client):
    html = client.get("/en/countries/GB").get_data(as_text=True)
    reason = html.split('id="action-no-new-treaty"')[1].split("</li>")[0]
    assert "Not verified, no published source: No extradition treaty with the PRC is known" in reason
    assert "According to unsourced" not in html
