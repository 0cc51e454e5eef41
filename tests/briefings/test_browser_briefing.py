"""The briefing link in a real Chromium when no PDF can be printed: the page that says why, not nothing.

A link with the `download` attribute would make Chromium cancel the download silently on
the 503; the link is followed instead, so the explanatory page shows.
"""

from __future__ import annotations

import pytest

from tests.browsing import axe_violations

pytestmark = pytest.mark.browser

HEADINGS = {"en": "The briefing cannot be printed just now"}


def _printing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from advocacy.briefings import service
    from advocacy.core.workers import RenderTimeout

    def broken(briefing, *, pool=None) -> bytes:
        raise RenderTimeout("took too long")

    monkeypatch.setattr(service, "briefing_pdf", broken)


def _fonts_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from advocacy.pdf import fonts

    monkeypatch.setattr(fonts, "checks_once", lambda: {"fonts": ["Noto Sans CJK SC is missing"]})


@pytest.fixture(params=[_printing_fails, _fonts_missing], ids=["printing-fails", "fonts-missing"])
def unprintable(request, monkeypatch):
    """The briefing cannot be printed: the renderer fails, or the server lacks fonts."""
    request.param(monkeypatch)


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_briefing_link_shows_why_there_is_no_pdf(browser, base_url, unprintable, lang):
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
    page.locator("main a").click()  # the way back to the country
    assert page.url == f"{base_url}/{lang}/countries/FR"
    context.close()
