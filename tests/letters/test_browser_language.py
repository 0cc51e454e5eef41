"""The letter's language in a real Chromium, in Uyghur on a phone-sized screen: the default
follows the recipient's chamber, the reason shows beside it, and a choice of one's own is kept."""

from __future__ import annotations

import pytest

from advocacy.core.settings import PROJECT_ROOT
from tests.browsing import axe_violations

pytestmark = pytest.mark.browser

FRENCH = "فىرانسۇزچە"  # French, named in Uyghur
ENGLISH = "ئىنگلىزچە"  # English, named in Uyghur
ESTONIA = "/ug/countries/EE/write/sanctions"  # the European Parliament is Estonia's only chamber
MEMBERS = PROJECT_ROOT / "data" / "samples" / "representatives-eu-parliament.popolo.json"


@pytest.fixture(scope="module", autouse=True)
def members(site):
    """The European Parliament's sample list, so that its members can be searched."""
    result = site.test_cli_runner().invoke(
        args=["reps", "import", str(MEMBERS), "--chamber", "eu-parliament"]
    )
    assert result.exit_code == 0, result.output


def phone(browser, javascript: bool = True):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    return context, context.new_page()


def overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_european_parliament_question_suggests_french_and_says_why(browser, base_url):
    context, page = phone(browser)
    page.goto(base_url + "/ug/countries/FR/question/eu-parliament")
    assert page.locator("#letter_locale").input_value() == "fr"
    reason = page.locator("#letter_locale-hint")
    assert reason.is_visible() and FRENCH in reason.inner_text()
    assert "letter_locale-hint" in page.locator("#letter_locale").get_attribute("aria-describedby")
    assert not overflows(page)
    assert axe_violations(page) == []
    context.close()


def test_the_suggestion_follows_the_chamber_live_until_the_campaigner_chooses(browser, base_url):
    context, page = phone(browser)
    page.goto(base_url + ESTONIA)
    language, chamber = page.locator("#letter_locale"), page.locator("#recipient_chamber")
    reason = page.locator("#letter_locale-hint")
    assert language.input_value() == "ug"  # no chamber yet, none national: the interface's
    chamber.select_option("eu-parliament")
    assert language.input_value() == "en"
    assert "24" in reason.inner_text() and ENGLISH in reason.inner_text()
    assert axe_violations(page) == []
    language.select_option("ug")  # the campaigner's own choice
    chamber.select_option("")
    chamber.select_option("eu-parliament")
    assert language.input_value() == "ug"
    assert "24" in reason.inner_text()  # the reason still says what the member reads
    assert not overflows(page)
    context.close()


def test_without_javascript_the_suggestion_follows_the_chamber_after_a_search(browser, base_url):
    context, page = phone(browser, javascript=False)
    page.goto(base_url + ESTONIA)
    page.locator("#recipient_chamber").select_option("eu-parliament")
    assert page.locator("#letter_locale").input_value() == "ug"  # nothing runs until the form is posted
    page.locator("#sender_name").fill("Ada Example")
    page.locator("button[name=find]").click()
    assert page.locator("#recipient_chamber").input_value() == "eu-parliament"
    assert page.locator("#letter_locale").input_value() == "en"
    assert ENGLISH in page.locator("#letter_locale-hint").inner_text()
    context.close()
