"""The translation workspace in a real headless Chromium: translate, preview live, review, serve.

Uses the shared live server (conftest's base_url), Debian's Chromium (never a downloaded one)
and axe-core's check (WCAG 2.1 AA).
"""

from __future__ import annotations

import pytest

from tests.browsing import axe_violations
from tests.helpers import PASSWORD, add_people

pytestmark = pytest.mark.browser
NAME = "suspend-extradition-treaty"
ADDED = "Cette phrase a été ajoutée dans le navigateur."


@pytest.fixture(scope="module")
def emails(site):
    return add_people(site)


@pytest.fixture
def js_page(browser):
    context = browser.new_context(locale="en-GB")  # JavaScript on: the live preview enhances
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, base, email: str) -> None:
    page.goto(base + "/account/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/account/login" not in url)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/account/login")


def test_translate_preview_live_review_and_serve(js_page, base_url, emails):
    from playwright.sync_api import expect

    page = js_page
    sign_in(page, base_url, emails["translator"])
    page.goto(base_url + "/translate/")
    assert axe_violations(page) == []
    page.locator(f'a[href="/translate/fr/{NAME}"]').click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Translate {NAME}")
    assert axe_violations(page) == []
    preview = page.locator("#preview-body")
    expect(preview).to_contain_text("17 juillet 2015")  # France's data, in French
    body = page.get_by_label("Body")
    first, rest = body.input_value().split("\n\n", 1)
    body.fill(f"{first} {ADDED}\n\n{rest}")  # no button pressed: the preview follows the typing
    expect(preview).to_contain_text(ADDED)
    expect(page.locator("#preview-output")).to_have_attribute("data-state", "live")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".notice")).to_contain_text("Submitted for review.")
    sign_out(page)

    sign_in(page, base_url, emails["reviewer"])
    page.goto(base_url + "/translate/review")
    assert axe_violations(page) == []
    page.get_by_role("link", name=NAME).first.click()
    expect(page.locator("main")).to_contain_text(ADDED)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".notice")).to_contain_text("Approved")
    sign_out(page)

    page.goto(base_url + f"/fr/countries/FR/write/{NAME}")  # a campaigner, signed out, in French
    sender = page.locator("[name=sender_name]")
    sender.fill("Ada Example")
    sender.press("Enter")  # the form's first button previews the letter
    assert ADDED in page.locator("[name=body]").input_value()
    assert page.locator('.notice[role="note"]').count() == 0  # approved: no "not reviewed" notice
