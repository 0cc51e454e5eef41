"""The briefing link in a real Chromium: the page that says it is being prepared (and then the
download, with JavaScript off), or the page that says why there is no PDF, never nothing.

A link with the `download` attribute would make Chromium cancel the download silently on
a page that is not a PDF; the link is followed instead, so the page shows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browsing import axe_violations

pytestmark = pytest.mark.browser

HEADINGS = {"en": "The briefing cannot be printed just now"}
PREPARING = {"en": "The briefing is being prepared"}


def _settings(site):
    from advocacy.core.web import SETTINGS_KEY

    return site.extensions[SETTINGS_KEY]


@pytest.fixture
def empty_store(site):
    """No briefing printed yet, and none marked failed."""
    from advocacy.briefings.tasks_prints import forget_requests

    folder = _settings(site).briefings_dir
    shutil.rmtree(folder, ignore_errors=True)
    forget_requests()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _printing_failed(site, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The queue tried and gave up on this briefing's current version."""
    from advocacy.briefings import prints
    from advocacy.briefings.service import briefing_store, sources
    from advocacy.core.extensions import db

    with site.app_context():
        prints.give_up(db.session, briefing_store(_settings(site)), "FR", lang, **sources(_settings(site)))


def _fonts_missing(site, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    from advocacy.pdf import fonts

    monkeypatch.setattr(fonts, "checks_once", lambda: {"fonts": ["Noto Sans CJK SC is missing"]})


@pytest.fixture(params=[_printing_failed, _fonts_missing], ids=["printing-failed", "fonts-missing"])
def unprintable(request, monkeypatch):
    """The briefing cannot be printed: the queue gave up on it, or the server lacks fonts."""
    return lambda site, lang: request.param(site, monkeypatch, lang)


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_briefing_link_shows_why_there_is_no_pdf(site, browser, base_url, empty_store, unprintable, lang):
    unprintable(site, lang)
    context = browser.new_context(viewport={"width": 390, "height": 844})  # JavaScript on, for axe
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/countries/FR")
    link = page.locator(".briefing-link a")
    assert link.get_attribute("download") is None
    with page.expect_response(lambda r: r.url.endswith("/briefing.pdf")) as answer:
        link.click()
    assert answer.value.status == 503 and answer.value.headers["retry-after"]
    page.wait_for_load_state()
    assert page.url == f"{base_url}/{lang}/countries/FR/briefing.pdf"
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().strip()
    if lang in HEADINGS:
        assert heading.inner_text() == HEADINGS[lang]
        assert "Please try again in a few minutes" in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("lang") == lang
    assert axe_violations(page) == []
    page.locator("main a").last.click()  # the way back to the country
    assert page.url == f"{base_url}/{lang}/countries/FR"
    context.close()


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_briefing_being_prepared_then_downloaded_without_javascript(
    site, browser, base_url, empty_store, lang
):
    from advocacy.briefings.store import BriefingStore

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/countries/FR")
    with page.expect_response(lambda r: r.url.endswith("/briefing.pdf")) as answer:
        page.locator(".briefing-link a").click()
    assert answer.value.status == 202
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang
    if lang in PREPARING:
        assert page.get_by_role("heading", level=1).inner_text() == PREPARING[lang]
    # axe flags any timed refresh (WCAG 2.2.1). This one is the point of the page, asked for by the
    # reader's click: it reloads the same words (nothing moves or changes under the reader) until
    # the answer is the download; "Check again now" does the same by hand. Every other rule holds.
    found = axe_violations(page)
    assert [v for v in found if not v.startswith("meta-refresh:")] == []
    assert len(found) <= 1
    context.close()

    quiet = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = quiet.new_page()
    page.goto(f"{base_url}/{lang}/countries/FR/briefing.pdf")
    assert page.get_by_role("heading", level=1).inner_text().strip()
    # The queue prints it meanwhile (a stand-in file under the version the route asks for).
    with site.app_context():
        version = _current_version(site, lang)
    BriefingStore(Path(empty_store)).put("FR", lang, version, b"%PDF-1.7\n% printed\n%%EOF\n")
    with page.expect_download(timeout=20_000) as download:
        pass  # the page refreshes itself (meta refresh) and gets the PDF
    assert download.value.suggested_filename == f"briefing-FR-{lang}.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    quiet.close()


def _current_version(site, lang: str) -> str:
    from advocacy.briefings.service import current_version, sources
    from advocacy.core.extensions import db
    from advocacy.records.dataset import current_version as data_version

    return current_version(db.session, data_version(db.session) or "", lang, **sources(_settings(site)))
