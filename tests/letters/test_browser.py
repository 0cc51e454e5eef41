"""Main journeys in a real headless Chromium (Debian's), with axe-core's WCAG 2.1 AA rules."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.browsing import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_index_to_country_journey(page, base_url):
    page.goto(base_url + "/")
    assert page.url.endswith("/en/")
    page.get_by_label("Show countries with status").select_option("treaty-in-force")
    page.get_by_role("button", name="Filter").click()
    assert "status=treaty-in-force" in page.url
    page.get_by_role("link", name="France", exact=True).click()
    assert page.url.endswith("/en/countries/FR")
    assert page.get_by_role("heading", level=1).inner_text() == "France"
    treaty = page.locator("#fr-extradition")
    assert "In force" in treaty.inner_text()
    assert "17 July 2015" in treaty.inner_text()
    actions = page.locator("#actions ~ ol.actions")
    assert "Suspend the extradition treaty" in actions.inner_text()
    assert "in force since 17 July 2015" in actions.inner_text()


@pytest.mark.parametrize(
    "path", ["/en/", "/en/countries/FR", "/en/countries/CZ", "/ug/countries/FR", "/zh-Hans/"]
)
def test_pages_pass_axe_wcag_aa(browser, base_url, path):
    context = browser.new_context()  # axe needs JavaScript; our pages have none of their own
    page = context.new_page()
    page.goto(base_url + path)
    assert axe_violations(page) == []
    context.close()


def test_not_found_page_in_browser(page, base_url):
    response = page.goto(base_url + "/en/countries/ZZ")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"


def test_compose_journey_to_pdf(page, base_url, tmp_path):
    """Country -> action -> details -> preview -> edit -> download the PDF and read it back."""
    import subprocess

    page.goto(base_url + "/en/countries/FR")
    page.locator("#action-suspend-extradition-treaty").get_by_role(
        "link", name="Write to your representative"
    ).click()
    page.get_by_label("Recipient's name").fill("Jean Dupont")
    page.get_by_label("Your name").fill("Ada Example")
    page.get_by_label("Your town or constituency").fill("Lyon")
    page.get_by_label("Language of the letter").select_option("en")  # the suggestion is French
    page.get_by_role("button", name="Preview the letter").click()
    body = page.get_by_label("Letter")
    assert "has been in force since 17 July 2015" in body.input_value()
    body.fill(body.input_value() + "\n\nA sentence I added myself.")
    page.get_by_role("button", name="Continue").click()
    assert "A sentence I added myself." in page.locator("#letter-text").input_value()
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF letter to print").click()
    today = datetime.date.today().isoformat()
    assert info.value.suggested_filename == f"FR-suspend-extradition-treaty-{today}.pdf"
    path = tmp_path / "letter.pdf"
    info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Dear Jean Dupont," in text and "A sentence I added myself." in text and "17 July 2015" in text


def test_composer_pages_pass_axe(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/en/countries/FR/write/suspend-extradition-treaty")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Preview the letter").click()  # with errors: the error summary
    assert axe_violations(page) == []
    page.get_by_label("Your name").fill("Ada Example")
    page.get_by_role("button", name="Preview the letter").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Continue").click()
    assert axe_violations(page) == []
    context.close()


def test_question_journey_with_live_count(browser, base_url, tmp_path):
    """Country -> written question -> preview (live word count) -> over the limit refused -> PDF."""
    import subprocess

    from playwright.sync_api import expect

    context = browser.new_context(locale="en-GB")  # JavaScript on: the live count enhances
    page = context.new_page()
    page.goto(base_url + "/en/countries/FR")
    page.locator("#action-pq-eu-parliament").get_by_role("link").click()
    assert "Only members of parliament can table a written question." in page.content()
    assert axe_violations(page) == []
    page.get_by_label("Recipient's name").fill("Jane Doe")
    page.get_by_label("Language of the question").select_option("en")
    page.get_by_label("Your name").fill("Ada Example")
    page.get_by_label("Your name").press("Enter")  # Enter previews; it does not run the search
    question = page.get_by_label("Draft question")
    assert question.input_value().strip()
    assert axe_violations(page) == []
    assert page.locator(".word-count").count() == 1, "one counter, the server's, kept current"
    counter, over = page.locator("#question-count"), page.locator("#question-over-limit")
    assert "sub-questions" in counter.inner_text() and over.inner_text() == ""
    assert over.get_attribute("aria-live") == "polite"
    question.fill(question.input_value() + " " + " ".join(["more"] * 220))
    expect(over).to_have_text("Over this chamber's limit: shorten it before you continue.")
    words = int(re.search(r"(\d+) words", counter.inner_text()).group(1))
    assert words > 220, "the count follows the edit"
    page.get_by_role("button", name="Continue").click()
    assert "this chamber accepts at most 200" in page.content()
    question.fill(
        "Will the Commission propose to suspend cooperation with the National Supervisory Commission"
    )
    expect(over).to_have_text("")
    question.fill(question.input_value() + "? Will it? Now? Really?")
    expect(over).to_have_text("Over this chamber's limit: shorten it before you continue.")
    assert "4 sub-questions" in counter.inner_text()
    question.fill(
        "Will the Commission propose to suspend cooperation with the National Supervisory Commission?"
    )
    expect(over).to_have_text("")
    page.get_by_role("button", name="Continue").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF letter to print").click()
    path = tmp_path / "question.pdf"
    info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())  # the question's box is narrower: lines wrap elsewhere
    assert "Dear Jane Doe MEP," in words and "Draft written question" in words
    assert words.index("Draft written question") < words.index("National Supervisory Commission?")
    context.close()


def test_briefing_download_from_the_country_page(site, page, base_url, tmp_path):
    """Country page -> "Download the country briefing (PDF)" -> a real PDF, read back with pdftotext.

    The queue prints briefings ahead of readers; here it is printed first, as the queue would
    (tests/briefings/test_browser_briefing.py follows a reader who comes before it is printed).
    """
    import subprocess

    from tests.helpers import printed_briefing

    assert printed_briefing(site, site.test_client(), "/en/countries/FR/briefing.pdf").status_code == 200
    page.goto(base_url + "/en/countries/FR")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("link", name="Download the country briefing (PDF)").click()
    download = info.value
    assert download.suggested_filename == "briefing-FR-en.pdf"
    path = tmp_path / "briefing.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "France" in text and "Language: English" in text and "17 July 2015" in text
