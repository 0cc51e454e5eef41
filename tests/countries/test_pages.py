"""Public pages through real HTTP (Flask test client) on the bundled data."""

from __future__ import annotations

import re

import pytest

# Country -> (facts the page must show, action ids it must offer, action ids it must not offer).
EXPECTED = {
    "FR": (
        ["17 July 2015", "20 March 2007"],
        ["suspend-extradition-treaty", "pq-fr-assemblee", "pq-eu-parliament"],
        ["suspend-hk-agreement", "no-new-treaty"],
    ),
    "IT": (["13 December 2015"], ["suspend-extradition-treaty"], ["do-not-ratify"]),
    "ES": (["4 April 2007"], ["suspend-extradition-treaty", "pq-es-congreso"], []),
    "BE": (["26 December 2020"], ["suspend-extradition-treaty", "pq-be-chamber"], []),
    "AU": (
        ["28 March 2017", "9 July 2020"],
        ["no-new-treaty"],
        ["suspend-extradition-treaty", "end-nsc-cooperation"],
    ),
    "TR": (["13 May 2017"], ["do-not-ratify", "pq-tr-tbmm"], ["suspend-extradition-treaty"]),
    "GB": (
        ["20 July 2020", "28 July 2020"],
        ["no-new-treaty", "pq-gb-commons", "pq-gb-lords"],
        ["suspend-hk-agreement"],
    ),
    "US": (["19 August 2020"], ["no-new-treaty"], ["pq-us-house", "pq-us-senate", "suspend-hk-agreement"]),
    "SE": (["9 July 2019"], ["no-new-treaty", "pq-se-riksdag"], []),
    "CZ": (["9 April 2020"], ["no-new-treaty", "suspend-hk-agreement", "pq-cz-snemovna"], ["pq-cz-senat"]),
    "PL": (["4 March 2021"], ["no-new-treaty", "pq-pl-sejm"], []),
    "CA": (["3 July 2020"], ["no-new-treaty", "pq-ca-commons"], ["suspend-hk-agreement"]),
}
ALWAYS = ["reporting-mechanism", "sanctions"]


def action_ids(html: str) -> set[str]:
    return {m.removeprefix("action-") for m in re.findall(r'id="(action-[a-z0-9-]+)"', html)}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_country_page_shows_facts_and_actions(client, code):
    facts, offered, not_offered = EXPECTED[code]
    response = client.get(f"/en/countries/{code}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for fact in facts:
        assert fact in html, fact
    found = action_ids(html)
    assert set(offered + ALWAYS) <= found
    assert not set(not_offered) & found


def test_reason_names_the_date(client):
    html = client.get("/en/countries/FR").get_data(as_text=True)
    assert "The extradition treaty has been in force since 17 July 2015." in html


def test_unverified_facts_are_marked_with_their_source(client):
    html = client.get("/en/countries/CZ").get_data(as_text=True)
    assert 'class="unverified"' in html
    assert re.search(r"According to [^<]+ \(not verified\): The surrender agreement with Hong Kong", html)


def test_restricted_cases_never_appear(client, site):
    from advocacy.core.extensions import db
    from advocacy.countries.models import Case

    with site.app_context():
        restricted = db.session.query(Case).filter(Case.public.is_(False)).all()
    assert restricted, "the bundled data has restricted cases to test with"
    for case in restricted:
        html = client.get(f"/en/countries/{case.country}").get_data(as_text=True)
        assert f'id="case-{case.id}"' not in html
        assert case.summary[:60] not in html


def test_sources_are_links(client):
    html = client.get("/en/countries/SE").get_data(as_text=True)
    assert re.search(r'<a href="https://[^"]+" rel="noreferrer noopener"', html)


def test_each_fact_says_how_old_its_evidence_is(client):
    html = client.get("/en/countries/TR").get_data(as_text=True)
    assert "Last verified" not in html
    # tr-extradition rests on Safeguard Defenders' count of January 2023, not on the import day.
    treaty = html.split('id="tr-extradition"')[1].split("</article>")[0]
    assert "Evidence dated January 2023" in treaty and "years old" in treaty


def test_a_fact_without_a_dated_source_says_so(client):
    html = client.get("/en/countries/DE").get_data(as_text=True)
    treaty = html.split('id="de-extradition"')[1].split("</article>")[0]
    assert "Date of the evidence not known" in treaty and "unsourced" in treaty


@pytest.mark.parametrize(
    ("lang", "fact"),
    [
        ("fr", "17 juillet 2015"),
        ("de", "17. Juli 2015"),
        ("zh-Hans", "2015年7月17日"),
        ("pl", "17 lipca 2015"),
    ],
)
def test_dates_follow_the_page_locale(client, lang, fact):
    html = client.get(f"/{lang}/countries/FR").get_data(as_text=True)
    assert fact in html


def test_index_lists_countries_with_localized_names(client):
    en = client.get("/en/").get_data(as_text=True)
    fr = client.get("/fr/").get_data(as_text=True)
    assert ">Germany</a>" in en and ">Allemagne</a>" in fr
    assert "Extradition treaty in force" in en


def test_index_filter_by_status(client):
    html = client.get("/en/?status=hk-suspended").get_data(as_text=True)
    names = re.findall(r'<th scope="row"><a href="/en/countries/([A-Z]{2})">', html)
    assert {"GB", "CA", "AU", "US", "DE"} <= set(names)
    assert "ES" not in names and "FR" not in names


def test_index_ignores_unknown_filter(client):
    everything = client.get("/en/").get_data(as_text=True)
    assert client.get("/en/?status=<script>").get_data(as_text=True) == everything


def test_unknown_country_is_a_friendly_404(client):
    response = client.get("/en/countries/ZZ")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_country_with_only_restricted_cases_is_hidden(client, site):
    from advocacy.countries.repository import countries_with_data

    with site.app_context():
        from advocacy.core.extensions import db

        listed = countries_with_data(db.session)
    index = client.get("/en/").get_data(as_text=True)
    assert len(re.findall(r'<th scope="row">', index)) == len(listed)


def test_lowercase_code_redirects(client):
    response = client.get("/en/countries/fr")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/en/countries/FR")


def test_pages_load_nothing_from_elsewhere(client):
    for url in ["/en/", "/en/countries/FR", "/ug/countries/TR"]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html), url
        assert "<script" not in html
        assert "style=" not in html


def test_the_briefing_link_is_followed_not_forced_to_download(client):
    """A `download` attribute makes the browser drop a 503 "not available" page silently."""
    page = client.get("/en/countries/FR").get_data(as_text=True)
    link = re.search(r'<a [^>]*href="/en/countries/FR/briefing\.pdf"[^>]*>', page).group(0)
    assert " download" not in link


def test_index_counts_follow_the_statuses(client):
    html = client.get("/en/").get_data(as_text=True)
    # Ten treaties the host state ratified are counted apart from those signed, not in force.
    assert "Extradition treaty ratified; in force not known (10)" in html
    assert "Extradition treaty signed, not in force (10)" in html
    ratified = client.get("/en/?status=treaty-ratified").get_data(as_text=True)
    assert "Brazil" in ratified and "Türkiye" not in ratified and "Turkey" not in ratified


def test_a_ratified_treaty_shows_each_side_and_offers_the_letter_that_says_what_is_known(client):
    html = client.get("/en/countries/BR").get_data(as_text=True)
    treaty = html.split('id="br-extradition"')[1].split("</article>")[0]
    assert "Ratified; entry into force not found" in treaty
    assert "Ratified or approved by Brazil" in treaty and "15 July 2014" in treaty
    assert "Ratified by the PRC" in treaty and "29 April 2006" in treaty
    assert "/write/do-not-ratify" not in html and "/write/suspend-extradition-treaty" in html
    assert "whether it is in force was not found" in html  # the reason the letter fits
