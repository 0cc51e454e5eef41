"""The public pages on a phone's width in a real Chromium: nothing makes the page scroll sideways."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/countries/FR",
    "/countries/FR/write/suspend-extradition-treaty",
    "/countries/FR/question/eu-parliament",
]
# Named in the failure message: the elements whose box reaches past the window's edges.
STICKING_OUT = """() => [...document.querySelectorAll("main *, header *")]
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width && (r.right > window.innerWidth + 0.5 || r.left < -0.5); })
    .filter(e => !e.matches(".skip-link, .visually-hidden"))
    .map(e => `${e.tagName.toLowerCase()}#${e.id}: ${e.getBoundingClientRect().width}px`)"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["ug", "zh-Hans", "en"])
def test_no_sideways_scrolling_at_390_px(phone, base_url, lang, path):
    response = phone.goto(f"{base_url}/{lang}{path}")
    assert response.status == 200
    assert phone.locator("html").get_attribute("lang") == lang
    width, window = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert window == 390
    assert width <= window, phone.evaluate(STICKING_OUT)
