"""Reply codes in a real Chromium, in English and in Uyghur (right to left): take a letter, get a
code, report a reply through the link, correct it; every page passes axe-core's WCAG 2.1 AA rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.replies.models import ReplyCode
from advocacy.replies.rates import THRESHOLD
from tests.browsing import axe_violations
from tests.replies.journey import MEP, import_members

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def members(site):
    import_members(site)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def reported(site, member: str) -> list[tuple[str, str, str]]:
    with site.app_context():
        rows = db.session.scalars(select(ReplyCode).where(ReplyCode.member == member))
        return [(r.replied, r.took, r.stance) for r in rows]


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_take_a_letter_get_a_code_and_report_the_reply(page, base_url, site, lang):
    page.goto(f"{base_url}/{lang}/countries/FR/write/suspend-extradition-treaty")
    page.locator("#rep_query").fill("Avery")
    page.locator("button[name=find]").click()
    page.locator(f"button[name=choose][value='{MEP}']").click()
    page.locator("#sender_name").fill("Ada Example")
    page.locator("#letter_locale").select_option("en")
    page.locator("form.composer > button[type=submit]:not([hidden])").click()
    page.locator("#continue").click()
    page.locator("#letter-text").wait_for()
    with page.expect_download():
        page.locator(".downloads form[action$='/txt'] button").click()  # the letter is taken
    page.locator("#reply-code-form button").click()
    code = page.locator("#reply-code-value").inner_text()
    assert len(code) == 24 and page.locator("#letter-text").input_value().startswith("Dear")
    assert code not in page.locator("#letter-text").input_value()
    assert page.evaluate("location.hash") == "#reply-code"
    assert axe_violations(page) == []

    page.locator("#reply-link").click()
    assert page.url.endswith(f"/{lang}/reply/{code}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ug" else "ltr")
    assert "Avery Example" in page.locator(".reply-letter").inner_text()
    page.locator("#replied-1").check()  # yes
    page.locator("form.reply-report button[type=submit]").click()
    assert page.locator("#took-error").is_visible()  # how long it took is needed
    assert axe_violations(page) == []
    page.locator("#took-1").check()
    page.locator("#stance-3").check()  # tabled the question
    page.locator("form.reply-report button[type=submit]").click()
    assert page.locator("h1").count() == 1 and page.locator("[role=status]").is_visible()
    assert axe_violations(page) == []
    assert ("yes", "2", "tabled") in reported(site, "sample-person-1")

    page.goto(f"{base_url}/{lang}/reply")  # the code typed in, lower case with spaces
    page.locator("#code").fill(code.lower().replace("-", " "))
    page.locator("form.reply-enter button").click()
    assert page.locator("#replied-1").is_checked() and page.locator("#stance-3").is_checked()
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "ug"])
def test_the_country_pages_rates_read_well(page, base_url, site, lang):
    with site.app_context():
        for n in range(THRESHOLD):
            answer = {"replied": "yes", "took": "2", "stance": "support"} if n % 2 else {"replied": "not-yet"}
            where = {"country": "FR", "action": "sanctions", "chamber": "fr-senat", "week": "2026-W40"}
            db.session.add(ReplyCode(**where, **answer, revision=1))
        db.session.commit()
    page.goto(f"{base_url}/{lang}/countries/FR")
    table = page.locator("#reply-chambers")
    assert table.is_visible() and "Sénat" in table.inner_text()
    assert axe_violations(page) == []
