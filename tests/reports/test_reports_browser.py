"""Staff report pages in headless Chromium: axe-core's WCAG 2.1 AA rules, and the export page
following a real job with its optional script (CSP on, no inline script or style)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from advocacy.core.extensions import db
from advocacy.reports.models import CampaignCount
from tests.briefings.exporting import Setup, keep_only, running_setup
from tests.browsing import axe_violations, serving
from tests.helpers import PASSWORD, add_people

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(tmp_path) -> Iterator[Setup]:
    yield from running_setup("sqlite", "sqlite", tmp_path)


@pytest.fixture
def served(setup: Setup) -> Iterator[str]:
    """The set-up's app over HTTP, with one staff account and a few counts."""
    keep_only(setup.app, ("TH",))
    add_people(setup.app)
    with setup.app.app_context():
        db.session.add_all(
            [
                CampaignCount(day="2026-03-01", country="FR", action="pq", locale="fr", count=3),
                CampaignCount(day="2026-03-03", country="DE", action="sanctions", locale="de", count=2),
            ]
        )
        db.session.commit()
    with serving(setup.app) as url:
        yield url


def signed_in_page(browser, base_url: str):
    """A page (JavaScript on) signed in as staff; errors and CSP reports are collected on it."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.problems = []
    # CSP refusals and script errors reach the console; failed requests are caught by URL instead.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and page.problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and page.problems.append(f"{response.status} {response.url}")
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(base_url + "/account/login")
    page.get_by_label("E-mail address").fill("staff@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_report_pages_pass_axe_and_the_export_page_follows_the_job(browser, served, setup: Setup) -> None:
    page = signed_in_page(browser, served)
    page.goto(served + "/staff/counts?start=2026-03-01&end=2026-03-05")
    assert page.locator("#total").inner_text() == "Total: 5 letters and questions."
    chart = page.get_by_role("img", name="Bar chart of the letters and questions")
    assert chart.evaluate("image => image.naturalWidth") > 300  # the SVG loaded and was drawn
    assert axe_violations(page) == []
    page.goto(served + "/staff/exports")
    assert axe_violations(page) == []
    page.get_by_label("français (fr)").check()
    page.get_by_role("button", name="Start the export").click()
    assert page.locator("#job-state").inner_text() == "Queued: waiting for a worker"
    assert axe_violations(page) == []
    setup.start_consumer(workers=1)
    # No reload: the script polls the status and then shows the finished section, link and all.
    page.get_by_role("link", name="Download the zip").wait_for(timeout=180_000)
    assert page.locator("#job-state").inner_text() == "Done"
    assert page.locator("#job-announce").inner_text() == "Done"
    assert page.locator('[data-count="done"]').inner_text() == "2"
    assert axe_violations(page) == []
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the zip").click()
    assert info.value.suggested_filename.startswith("briefings-")
    assert page.problems == []  # no script error, nothing refused by the CSP
    page.context.close()
