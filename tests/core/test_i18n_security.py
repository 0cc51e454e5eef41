"""Locale choice, <html lang dir>, and the security headers on every response."""

from __future__ import annotations

import re

import pytest

from advocacy.core.i18n import LOCALES


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("zh-CN,zh;q=0.9", "/zh-Hans/"),
        ("zh-TW", "/zh-Hant/"),
        ("zh-HK,en;q=0.5", "/zh-Hant/"),
        ("ug-CN", "/ug/"),
        ("ja,de;q=0.8", "/de/"),
        ("ja", "/en/"),
        ("", "/en/"),
        ("not a language;;;", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(expected)


@pytest.mark.parametrize("tag", sorted(LOCALES))
def test_html_lang_and_dir(client, tag):
    html = client.get(f"/{tag}/countries/FR").get_data(as_text=True)
    direction = "rtl" if tag == "ug" else "ltr"
    assert re.search(rf'<html lang="{tag}" dir="{direction}">', html)


def test_unknown_locale_prefix_is_404(client):
    assert client.get("/xx/countries/FR").status_code == 404


def test_language_links_keep_the_page(client):
    html = client.get("/en/countries/FR").get_data(as_text=True)
    assert 'href="/fr/countries/FR"' in html and 'href="/ug/countries/FR"' in html


def test_uyghur_country_name(client):
    assert "فىرانسىيە" in client.get("/ug/countries/FR").get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/en/countries/FR", "/en/countries/ZZ", "/api/v1/countries", "/static/style.css"]
)
def test_security_headers_on_every_response(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'none'" in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_no_cookies_for_visitors(client):
    response = client.get("/en/countries/FR")
    assert "Set-Cookie" not in response.headers
