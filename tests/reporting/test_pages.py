"""The where-to-report pages through the Flask test client, on the bundled data."""

from __future__ import annotations

import logging
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from advocacy.core.extensions import db
from tests.letters.composing import csrf, details, edited


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def section(html: str, heading_id: str) -> str:
    """The HTML of the section labelled by heading_id (up to the next section)."""
    return html.split(f'<section aria-labelledby="{heading_id}"')[1].split("</section>")[0]


def article(html: str, record_id: str) -> str:
    return html.split(f'id="{record_id}"')[1].split("</article>")[0]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_country_with_a_dedicated_channel_says_who_says_so(client):
    html = page(client, "/en/report/AU")
    national = text(section(html, "national"))
    assert (
        "Safeguard Defenders counts Australia among the very few countries with a channel dedicated"
        in national
    )
    assert "general lines that say they also take such reports" in national
    assert "1800 123 400" in national and "(+61) 1300 123 401" in national
    assert "No channel dedicated" not in html and "Nothing national" not in html
    assert "write/reporting-mechanism" not in national  # the letter asks for what Australia has
    # The reference names no Australian emergency number, so none is shown.
    assert "give no emergency number for Australia" in text(section(html, "emergency"))


def test_a_country_without_one_says_so_offers_the_letter_and_cites_who_asked(client):
    html = page(client, "/en/report/FR")
    national = section(html, "national")
    assert "No channel dedicated to transnational repression was found for France." in text(national)
    assert 'href="/en/countries/FR/write/reporting-mechanism"' in national
    asking = national.split('class="asking"')[1]
    # Safeguard Defenders (international) and the EU-wide opinion, unverified and so marked.
    assert 'id="sd-pilot-reporting-guide"' in asking and 'id="nl-eu-opinion"' in asking
    assert "Unverified" in article_li(asking, "nl-eu-opinion")
    assert 'id="fr-dgsi"' in national and 'id="fr-17-112-114"' not in national
    assert 'id="eu-protectdefenders"' in section(html, "international")  # France is an EU member


def article_li(html: str, record_id: str) -> str:
    return html.split(f'id="{record_id}"')[1].split("</li>")[0]


def test_a_country_with_nothing_national_shows_international_channels_and_says_so(client):
    html = page(client, "/en/report/IT")
    assert "Nothing national has been verified for Italy" in text(section(html, "national"))
    assert 'href="/en/countries/IT/write/reporting-mechanism"' in section(html, "national")
    international = section(html, "international")
    for record_id in (
        "int-un-special-procedures",
        "int-interpol-ccf",
        "int-safeguard-defenders",
        "eu-protectdefenders",
    ):
        assert f'id="{record_id}"' in international
    # What was found: a reaction without a source address (so unverified), and the gap.
    reaction = article_li(section(html, "government"), "it-reaction")
    assert "Italy's interior minister" in text(reaction) and "Unverified" in reaction
    assert 'id="no-channel-found"' in section(html, "gaps")


@pytest.mark.parametrize("code", ["US", "GB", "CA", "NL", "DE", "SE", "FR", "IE"])
def test_emergency_numbers_appear_only_as_emergency_numbers(client, code):
    html = page(client, f"/en/report/{code}")
    emergency = section(html, "emergency")
    ids = re.findall(r'<article class="channel is-emergency[^"]*" id="([a-z0-9-]+)"', html)
    assert ids and all(f'id="{i}"' in emergency for i in ids)
    assert "Only in immediate danger." in text(emergency)
    assert "They are not the way to report transnational repression." in text(emergency)
    rest = html.split('<section aria-labelledby="national"')[1]
    assert "is-emergency" not in rest


def test_details_the_source_did_not_show_are_said_to_be_missing(client):
    html = page(client, "/en/report/DE")
    bfv = article(html, "de-bfv-hinweistelefon")
    assert "left out rather than guessed: telephone number, e-mail address, and postal address." in text(bfv)
    assert "<dt>Telephone</dt>" not in bfv and "<dt>E-mail</dt>" not in bfv
    berlin = article(html, "de-verfassungsschutz-berlin")
    assert "info@verfassungsschutz-berlin.de" in berlin and "guessed: telephone number." in text(berlin)


def test_anonymous_reports_are_mentioned_only_where_the_source_speaks_of_them(client):
    html = page(client, "/en/report/NL")
    assert "Anonymous reports Accepted, the source says" in text(article(html, "nl-meld-misdaad-anoniem"))
    assert "Anonymous" not in article(html, "nl-aivd") and "Anonymous" not in article(html, "nl-0900-8844")
    un = article(html, "int-un-special-procedures")
    assert "Anonymous reports Not accepted, the source says" in text(un)


def test_each_channel_shows_its_languages_source_and_dates(client):
    html = page(client, "/fr/report/CA")
    rcmp = text(article(html, "ca-rcmp-o-division"))
    assert "anglais et français" in rcmp  # the channel's languages, named in the reader's language
    assert "22 novembre 2022" in rcmp and "7 décembre 2026" in rcmp
    assert "finance.yahoo.com" in rcmp


def test_the_pages_record_nothing(client, site, caplog):
    """No cookie, no browser or server-side page cache, no log line, no database write."""

    def row_counts() -> dict[str, int]:
        with site.app_context():
            return {
                t.name: db.session.scalar(select(func.count()).select_from(t))
                for t in db.metadata.sorted_tables
            }

    before = row_counts()
    urls = ["/en/report", "/en/report/AU", "/ug/report/FR", "/zh-Hans/report/IT", "/api/v1/report/FR"]
    with caplog.at_level(logging.DEBUG):
        responses = [client.get(url) for url in urls]
    assert [r.status_code for r in responses] == [200] * len(urls)
    for response in responses:
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
    assert caplog.records == []
    cache = site.extensions.get("advocacy_page_cache")
    assert cache is None or not [key for key in cache.entries if "report" in key[1]]
    assert row_counts() == before


@pytest.mark.parametrize("url", ["/en/report", "/ug/report/FR", "/zh-Hans/report/IT"])
def test_the_pages_load_nothing_from_elsewhere(client, url):
    html = page(client, url)
    loaded = re.findall(
        r'<(?:link|script|img|iframe|source|embed|object)\b[^>]*\b(?:href|src|data)="([^"]*)"', html
    )
    loaded += re.findall(r'<form\b[^>]*\baction="([^"]*)"', html)
    assert loaded and all(value.startswith("/") and not value.startswith("//") for value in loaded), loaded
    assert "<script" not in html  # and nothing needs JavaScript
    assert 'rel="stylesheet" href="/static/report.css"' in html


def test_the_uyghur_page_is_right_to_left_and_keeps_numbers_left_to_right(client):
    html = page(client, "/ug/report/FR")
    assert '<html lang="ug" dir="rtl">' in html
    assert '<span class="contact" dir="ltr" lang="en">17; 112; 114' in html


def test_the_language_menu_stays_on_the_report(client):
    html = page(client, "/ug/report/FR")
    assert 'href="/zh-Hans/report/FR"' in html and 'href="/en/report/FR"' in html
    assert 'href="/fr/report"' in page(client, "/en/report")


def test_choosing_a_country_without_script(client):
    html = page(client, "/en/report")
    assert '<form method="get" action="/en/report"' in html and '<option value="IT">Italy</option>' in html
    response = client.get("/en/report?country=it")
    assert response.status_code == 302 and response.headers["Location"] == "/en/report/IT"
    assert client.get("/en/report/fr").headers["Location"] == "/en/report/FR"
    assert client.get("/en/report/ZZ").status_code == 404
    assert client.get("/en/report/INT").status_code == 404


def test_the_country_page_summarises_and_links_the_report(client):
    html = page(client, "/en/countries/FR")
    summary = section(html, "report")
    assert "Only in immediate danger:" in text(summary) and "17; 112; 114" in summary
    assert "DGSI" in summary and 'href="/en/report/FR"' in summary


def test_the_finished_letter_links_to_the_report(client):
    url = "/en/countries/FR/write/suspend-extradition-treaty"
    token = csrf(client.get(url).get_data(as_text=True))
    preview = client.post(url, data={"csrf_token": token, **details()}).get_data(as_text=True)
    finished = client.post("/en/letters/finish", data=edited(preview)).get_data(as_text=True)
    next_steps = section(finished, "next-heading")
    assert '<a href="/en/report/FR">If you are being targeted: where to report</a>' in next_steps
