"""The changes page and the data page read in a real headless Chromium, in English and Uyghur."""

from __future__ import annotations

import pytest

from tests.browsing import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def edited(site):
    """One staff edit in the audit trail, made through the editing service as the staff pages do."""
    from advocacy.core.extensions import db
    from advocacy.records import editing
    from advocacy.records.schema import load_resources

    with site.app_context():
        settings = site.extensions["advocacy_settings"]
        treaties = next(
            r for r in load_resources(settings.data_dir / "datapackage.json") if r.name == "treaties"
        )
        base = editing.read_row(db.session, treaties, "fr-extradition")
        row = {
            **base,
            "status": "suspended",
            "suspended": "2026-11-30",
            "source_title": "Journal officiel Qx",
        }
        editing.update_record(
            db.session, treaties, base, row, editing.Editor(None, "staff@example.org"), settings.data_dir
        )


@pytest.fixture
def page(browser):
    context = browser.new_context()  # axe needs JavaScript; these pages have none of their own
    page = context.new_page()
    yield page
    context.close()


def test_changes_page_in_english_and_uyghur(page, base_url, edited):
    page.goto(base_url + "/en/countries/FR/changes")
    assert page.get_by_role("heading", level=1).inner_text() == "What changed: France"
    change = page.locator("article.change").first
    status = change.get_by_role("row", name="Status")
    assert status.get_by_role("cell").all_inner_texts() == ["In force", "Suspended"]
    assert "Journal officiel Qx" in change.inner_text()
    assert "staff@example.org" not in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="ئۇيغۇرچە").click()
    assert page.url.endswith("/ug/countries/FR/changes")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "Journal officiel Qx" in page.locator("article.change").first.inner_text()
    assert axe_violations(page) == []
    feed = page.request.get(base_url + page.locator('link[rel="alternate"]').get_attribute("href"))
    assert feed.ok and "Journal officiel Qx" in feed.text()


def test_data_page_in_english_and_uyghur(page, base_url, edited):
    page.goto(base_url + "/en/data")
    assert page.get_by_role("heading", level=1).inner_text() == "Open data"
    licence = page.get_by_role("link", name="Creative Commons Attribution 4.0")
    assert licence.get_attribute("href") == "https://creativecommons.org/licenses/by/4.0/"
    version = page.locator(".data-version").inner_text()
    assert version.removeprefix("Data version: ") in page.locator(".citation").inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name=".zip").click()
    assert download.value.suggested_filename.startswith("advocacy-data-")
    page.goto(base_url + "/ug/data")
    assert page.locator("html").get_attribute("lang") == "ug"
    assert page.locator(".citation").inner_text().startswith("Extradition treaties")
    assert axe_violations(page) == []
