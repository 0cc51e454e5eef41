"""The finished page in a real Chromium: an e-mail link carries the whole letter, or the page says
first that it cannot and offers the copy and the .eml draft before anything else."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browsing import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["wide", "narrow"])
def page(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})  # JavaScript on, for axe
    page = context.new_page()
    yield page
    context.close()


def compose(page, base_url: str, lang: str) -> None:
    """Write the French letter in the interface's language and reach the preview."""
    page.goto(f"{base_url}/{lang}/countries/FR/write/suspend-extradition-treaty")
    page.locator("#recipient_name").fill("Jean Dupont")
    page.locator("#recipient_email").fill("jean.dupont@example.org")
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#letter_locale").select_option(lang.replace("-", "_"))  # the suggestion is French
    page.locator("form.composer > button[type=submit]:not([hidden])").click()
    assert page.locator("#body").input_value().strip()


def top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "ug"])
def test_a_letter_too_long_for_a_link_is_refused_first(page, base_url, lang):
    compose(page, base_url, lang)
    page.locator("#continue").click()
    notice = page.locator("#no-mailto")
    assert notice.is_visible()
    assert page.locator("a[href*='body=']").count() == 0, "a link that would cut the letter"
    # Seen before anything to click: the notice, then the text to copy, then the .eml draft first.
    downloads = page.locator(".downloads form")
    assert downloads.first.get_attribute("action").endswith("/letters/download/eml")
    assert (
        top(page, "#no-mailto")
        < top(page, "#letter-text")
        < top(page, ".downloads form")
        < top(page, "#mailto-head")
    )
    assert page.locator("#copy-letter").is_visible()
    head = parse_qs(urlsplit(page.locator("#mailto-head").get_attribute("href")).query)
    assert list(head) == ["subject"]
    assert axe_violations(page) == []


def test_a_short_letter_goes_whole_into_the_link(page, base_url):
    compose(page, base_url, "en")
    page.locator("#body").fill("Please suspend the treaty.\n\nThank you.")
    page.locator("#continue").click()
    assert page.locator("#no-mailto").count() == 0
    link = page.get_by_role("link", name="Open in your e-mail program")
    body = parse_qs(urlsplit(link.get_attribute("href")).query)["body"][0]
    assert body.replace("\r\n", "\n") == page.locator("#letter-text").input_value().strip()
    assert body.endswith("Yours sincerely,\r\n\r\nAda Example")
    assert top(page, "a.button") < top(page, "#letter-text")
