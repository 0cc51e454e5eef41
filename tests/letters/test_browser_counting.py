"""Counting in a real Chromium: copying the finished letter counts it once, and then nothing else does."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.reports.models import CampaignCount
from tests.browsing import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, base_url):
    # The clipboard API needs the permission (granted to the local server's origin).
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    yield page
    context.close()


def letters_today(site) -> int:
    """Today's count of the French letter asking to suspend the treaty."""
    with site.app_context():
        return db.session.scalar(
            select(func.coalesce(func.sum(CampaignCount.count), 0)).where(
                CampaignCount.day == datetime.date.today().isoformat(),
                CampaignCount.country == "FR",
                CampaignCount.action == "suspend-extradition-treaty",
            )
        )


def finish(page, base_url: str, body: str = "") -> None:
    """Write the French letter in English, preview it, and reach the finished page."""
    page.goto(f"{base_url}/en/countries/FR/write/suspend-extradition-treaty")
    page.locator("#recipient_name").fill("Jean Dupont")
    page.locator("#recipient_email").fill("jean.dupont@example.org")
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#letter_locale").select_option("en")  # French is suggested: the chamber's language
    page.locator("form.composer > button[type=submit]:not([hidden])").click()
    if body:
        page.locator("#body").fill(body)
    page.locator("#continue").click()
    page.locator("#letter-text").wait_for()


def test_copying_the_letter_counts_it_once(page, base_url, site):
    before = letters_today(site)
    finish(page, base_url)
    assert letters_today(site) == before, "finishing is not taking"
    with page.expect_response(lambda r: r.url.endswith("/letters/taken")) as posted:
        page.locator("#copy-letter").click()
    assert posted.value.status == 204
    assert page.evaluate("navigator.clipboard.readText()").startswith("Dear Jean Dupont,")
    assert page.locator("#copy-letter").inner_text() == "Copied"
    assert letters_today(site) == before + 1
    page.locator("#copy-letter").click()  # again, then downloaded too: the same letter
    with page.expect_download() as downloaded:
        page.locator(".downloads form[action$='/txt'] button").click()
    assert "Dear Jean Dupont," in downloaded.value.path().read_text(encoding="utf-8")
    assert letters_today(site) == before + 1
    assert axe_violations(page) == []


def test_copying_by_hand_or_opening_the_email_counts(page, base_url, site):
    before = letters_today(site)
    finish(page, base_url)
    with page.expect_response(lambda r: r.url.endswith("/letters/taken")):
        page.locator("#letter-text").press("Control+a")
        page.locator("#letter-text").press("Control+c")
    assert letters_today(site) == before + 1
    finish(page, base_url, body="Please suspend the treaty.")  # short enough for the e-mail link
    # The mail program cannot open here: the link is only followed as far as the page's click.
    page.evaluate("document.addEventListener('click', e => e.preventDefault())")
    with page.expect_response(lambda r: r.url.endswith("/letters/taken")):
        page.get_by_role("link", name="Open in your e-mail program").click()
    assert letters_today(site) == before + 2
