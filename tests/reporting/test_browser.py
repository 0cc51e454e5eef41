"""Where to report in a real headless Chromium (Debian's): AU (a dedicated channel), FR (none) and
IT (nothing national) in en, zh-Hans and ug, without JavaScript, axe-core clean, printing cleanly,
and no request leaving 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from advocacy.core.i18n import LOCALES
from advocacy.countries.names import country_name
from tests.browsing import axe_violations

pytestmark = pytest.mark.browser

COUNTRIES = ["AU", "FR", "IT"]
TAGS = ["en", "zh-Hans", "ug"]


@pytest.fixture
def requests_of():
    """Open a page in a context, recording the host of every request it makes."""
    contexts = []

    def open_page(browser, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        hosts: list[str] = []
        page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or request.url))
        return page, hosts

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("code", COUNTRIES)
def test_the_report_page_without_javascript(browser, base_url, requests_of, code, tag):
    page, hosts = requests_of(browser, java_script_enabled=False)
    response = page.goto(f"{base_url}/{tag}/report/{code}")
    assert response.status == 200
    assert country_name(code, LOCALES[tag]) in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("html").get_attribute("dir") == ("rtl" if tag == "ug" else "ltr")
    emergency = page.locator("section.emergency")
    assert emergency.is_visible()
    national = page.locator("section[aria-labelledby=national]")
    verdict = national.locator(".verdict").first.inner_text()
    if code == "AU":
        assert "Safeguard Defenders" in verdict
        phone = national.locator("#au-nsh .contact").first
        assert phone.is_visible() and phone.inner_text() == "1800 123 400 (24/7)"
    elif code == "FR":
        assert "No channel dedicated" in verdict or tag != "en"
        assert national.locator("a[href$='/countries/FR/write/reporting-mechanism']").is_visible()
        assert emergency.locator("#fr-17-112-114").is_visible()
    else:
        assert "Nothing national" in verdict or tag != "en"
        assert page.locator("section[aria-labelledby=international] #int-interpol-ccf").is_visible()
    assert page.locator("script").count() == 0
    assert set(hosts) == {"127.0.0.1"}, hosts


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("code", COUNTRIES)
def test_the_report_page_passes_axe(browser, base_url, requests_of, code, tag):
    page, hosts = requests_of(browser)  # axe needs JavaScript; the page has none of its own
    page.goto(f"{base_url}/{tag}/report/{code}")
    assert axe_violations(page) == []
    assert set(hosts) == {"127.0.0.1"}, hosts


def test_the_report_page_prints_without_menus_or_links_to_other_steps(browser, base_url, requests_of):
    page, _ = requests_of(browser, java_script_enabled=False)
    page.goto(f"{base_url}/en/report/FR")
    assert page.locator(".languages").is_visible() and page.locator("p.no-print").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".languages").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert all(not element.is_visible() for element in page.locator(".no-print").all())
    assert page.locator("#fr-dgsi").is_visible() and page.locator("#fr-17-112-114").is_visible()


def test_choosing_a_country_and_downloading_its_pdf(browser, base_url, requests_of, tmp_path):
    page, hosts = requests_of(browser, java_script_enabled=False, accept_downloads=True)
    page.goto(f"{base_url}/en/report")
    page.get_by_label("Country").select_option("IT")
    page.get_by_role("button", name="Show where to report").click()
    assert page.url.endswith("/en/report/IT")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download this page as a one-page PDF to keep offline").click()
    assert info.value.suggested_filename == "where-to-report-IT-en.pdf"
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert set(hosts) == {"127.0.0.1"}, hosts


def test_from_the_country_page_to_the_report(browser, base_url, requests_of):
    page, hosts = requests_of(browser, java_script_enabled=False)
    page.goto(f"{base_url}/ug/countries/FR")
    page.locator("#report ~ p a[href='/ug/report/FR']").click()
    assert page.url.endswith("/ug/report/FR")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/report/FR")
    assert set(hosts) == {"127.0.0.1"}, hosts
