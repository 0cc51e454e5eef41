"""The whole letter journey in a real Chromium, as a campaigner moves through it: search and choose
a member, preview, go back and change the recipient, finish, take each output, write to another
member; with and without JavaScript, wide and phone-width, in English, Chinese and Uyghur."""

from __future__ import annotations

import email
import email.policy
import re
import subprocess

import pytest

from advocacy.core.settings import PROJECT_ROOT
from tests.browsing import axe_violations

pytestmark = pytest.mark.browser

MEMBERS = PROJECT_ROOT / "data" / "samples" / "representatives-eu-parliament.popolo.json"


@pytest.fixture(scope="module", autouse=True)
def members(site):
    result = site.test_cli_runner().invoke(
        args=["reps", "import", str(MEMBERS), "--chamber", "eu-parliament"]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(
    params=[(True, 1280), (False, 1280), (True, 390), (False, 390)],
    ids=["js-wide", "nojs-wide", "js-narrow", "nojs-narrow"],
)
def context(request, browser):
    javascript, width = request.param
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
    context.javascript = javascript
    yield context
    context.close()


def check_step(page, javascript: bool) -> None:
    """Nothing sideways at phone width, and axe-core's WCAG 2.1 AA rules where it can run."""
    wide = page.evaluate("document.documentElement.scrollWidth") if javascript else None
    if javascript:
        assert wide <= page.viewport_size["width"], "the page scrolls sideways"
        assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "ug"])
def test_the_whole_journey(context, base_url, lang, tmp_path):
    page = context.new_page()
    js = context.javascript
    page.goto(f"{base_url}/{lang}/countries/FR")
    page.locator("#action-suspend-extradition-treaty a").first.click()
    assert "/write/suspend-extradition-treaty" in page.url
    check_step(page, js)
    # Search before the required name is filled in: the search must not be blocked.
    page.locator("#rep_query").fill("Avery")
    page.locator("button[name=find]").click()
    page.locator("button[name=choose]").first.click()
    assert page.locator("#recipient_name").input_value() == "Avery Example"
    # A French member of the European Parliament: the letter is suggested in French, with why.
    assert page.locator("#letter_locale").input_value() == "fr"
    page.locator("#letter_locale").select_option(lang.replace("-", "_"))  # the campaigner's own choice
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#personal").fill("My own words.")
    page.locator("#compose-form > button[type=submit]:not([hidden])").click()
    body = page.locator("#body")
    assert "My own words." in body.input_value()
    check_step(page, js)
    body.fill(body.input_value() + "\n\nAn edit I made.")
    # Back, to change the recipient: everything typed is there, and the edit survives.
    page.locator("button[name=step][value=change]").click()
    assert page.locator("#sender_name").input_value() == "Ada Example"
    assert page.locator("#personal").input_value() == "My own words."
    page.locator("#recipient_name").fill("Jean Dupont")
    page.locator("#recipient_email").fill("jean.dupont@example.org")
    assert page.locator("#letter_locale").input_value() == lang.replace("-", "_")  # still their choice
    page.locator("#compose-form > button[type=submit]:not([hidden])").click()
    assert "An edit I made." in page.locator("#body").input_value()
    page.locator("#continue").click()
    text = page.locator("#letter-text").input_value()
    assert "Jean Dupont" in text and "An edit I made." in text and "Avery Example" not in text
    check_step(page, js)
    mailto = page.locator("a[href^='mailto:'][href*='body=']")
    assert mailto.count() == 1 or page.locator("#no-mailto").is_visible()
    # The e-mail draft, read by a strict parser.
    with page.expect_download() as eml:
        page.locator("form[action$='/letters/download/eml'] button").click()
    message = email.message_from_bytes(eml.value.path().read_bytes(), policy=email.policy.strict)
    assert message["To"] == "Jean Dupont <jean.dupont@example.org>" and "From" not in message
    assert "An edit I made." in message.get_body().get_content()
    # The PDF, read back.
    with page.expect_download() as pdf:
        page.locator("form[action$='/letters/download/pdf'] button").click()
    printed = subprocess.run(["pdftotext", str(pdf.value.path()), "-"], capture_output=True, text=True).stdout
    words = " ".join(re.sub("[\u202a-\u202e\u2066-\u2069]", "", printed).split())  # bidi marks
    assert "An edit I made" in words and "Ada Example" in words  # in RTL the full stop moves
    # Next: the same letter to another member.
    page.locator("button[name=step][value=another]").click()
    assert page.locator("#recipient_name").input_value() == ""
    assert page.locator("#sender_name").input_value() == "Ada Example"
    check_step(page, js)


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_back_from_the_finished_page_and_a_new_language_keep_the_letter(context, base_url, lang):
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/countries/FR/write/suspend-extradition-treaty")
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#compose-form > button[type=submit]:not([hidden])").click()
    page.locator("#body").fill("Only my words.")
    page.locator("#continue").click()
    page.locator("#letter-state button[type=submit]").first.click()  # back: edit the letter
    assert page.locator("#body").input_value() == "Only my words."
    page.locator(".languages button[lang=zh-Hans]").click()  # the switcher posts the letter along
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("#body").input_value() == "Only my words."
    check_step(page, context.javascript)


def test_an_expired_form_keeps_the_text(context, base_url):
    page = context.new_page()
    page.goto(f"{base_url}/en/countries/FR/write/suspend-extradition-treaty")
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#compose-form > button[type=submit]:not([hidden])").click()
    page.locator("#body").fill("Written slowly.")
    context.clear_cookies()  # the session and its token are gone, as after a long pause
    page.locator("#continue").click()
    assert "This form had expired" in page.locator("main").inner_text()
    assert page.locator("#body").input_value() == "Written slowly."
    page.locator("#continue").click()  # sent again, with the fresh token
    assert page.locator("#letter-text").input_value().count("Written slowly.") == 1
