"""Sign-in, admin and staff data pages in headless Chromium: a staff journey and axe WCAG 2.1 AA."""

from __future__ import annotations

import pytest

from tests.browsing import axe_violations, serving
from tests.helpers import PASSWORD, add_people

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(site):
    add_people(site)
    with serving(site) as url:
        yield url


def signed_in(browser, base_url: str, who: str):
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(base_url + "/account/login")
    assert axe_violations(page) == []
    page.get_by_label("E-mail address").fill(f"{who}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_staff_edits_a_ruling_and_sees_it_in_the_audit_trail(browser, base_url):
    page = signed_in(browser, base_url, "staff")
    assert page.url.endswith("/staff/")
    assert axe_violations(page) == []
    page.locator("a[href^='/staff/rulings/']:not([href$='/new'])").first.click()
    assert axe_violations(page) == []
    summary = page.get_by_label("Summary")
    summary.fill(summary.input_value() + " Checked in the browser test.")
    page.get_by_role("button", name="Save").click()
    page.goto(page.url.split("?")[0] + "/history")
    assert "Checked in the browser test." in page.content()
    assert "staff@example.org" in page.content()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/admin/users", "/admin/users/1", "/staff/import", "/staff/changes"])
def test_admin_and_staff_pages_pass_axe(browser, base_url, path):
    page = signed_in(browser, base_url, "admin")
    page.goto(base_url + path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
