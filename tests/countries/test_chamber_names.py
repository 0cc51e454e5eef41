"""Chamber names in the reader's language: pages, the composer, the briefing and letters."""

from __future__ import annotations

import csv
import re
from functools import cache
from html import unescape

import pytest
from babel.messages.pofile import read_po

from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.countries.chambers import CHAMBER_NAMES, chamber_name
from advocacy.countries.repository import load_dossier
from advocacy.letters.service import letter_context, letter_people
from advocacy.letters.template import load_template, render_letter
from tests.helpers import DATA_DIR

CATALOG_LOCALES = ("fr", "de", "es", "nl", "pl", "sv", "zh_Hans", "zh_Hant", "ug")
TEMPLATES = PROJECT_ROOT / "templates" / "letters"


@cache
def catalog_name(locale: str, chamber_id: str) -> str:
    """The chamber's name as the locale's .po file gives it (read here, not through the code)."""
    path = PROJECT_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        for message in read_po(handle, locale=locale):
            if message.context == chamber_id:
                return message.string
    raise AssertionError(f"{chamber_id} is not in the {locale} catalog")


def test_every_chamber_in_the_data_has_its_name_as_a_message():
    with (DATA_DIR / "chambers.csv").open(encoding="utf-8") as handle:
        data = {row["id"]: row["name"] for row in csv.DictReader(handle)}
    assert data == CHAMBER_NAMES, "a chamber was added or renamed: update advocacy/countries/chambers.py"


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_every_catalog_names_every_chamber(locale):
    for chamber_id in CHAMBER_NAMES:
        assert catalog_name(locale, chamber_id).strip()
    if locale in {"zh_Hans", "zh_Hant", "ug"}:  # no Latin letters left in these scripts
        for chamber_id in CHAMBER_NAMES:
            assert not re.search(r"[A-Za-z]", catalog_name(locale, chamber_id)), (locale, chamber_id)


def test_letters_name_the_chamber_in_their_language_else_as_the_data_does():
    assert chamber_name("eu-parliament", "European Parliament", "zh_Hans") == "欧洲议会"
    assert chamber_name("eu-parliament", "European Parliament", "ug") == "ياۋروپا پارلامېنتى"
    assert chamber_name("eu-parliament", "European Parliament", "en") == "European Parliament"
    assert chamber_name("eu-parliament", "European Parliament", "ja") == "European Parliament"
    # A chamber renamed in the data keeps the data's name rather than an outdated translation.
    assert chamber_name("eu-parliament", "Parliament of Europe", "zh_Hans") == "Parliament of Europe"


def section(html: str, action_id: str) -> str:
    """The country page's block for one action, up to the next one."""
    start = html.index(f'id="action-{action_id}"')
    following = html.find('id="action-', start + 1)
    return html[start : following if following > 0 else len(html)]


@pytest.mark.parametrize(("tag", "locale"), [("zh-Hans", "zh_Hans"), ("ug", "ug"), ("zh-Hant", "zh_Hant")])
def test_country_page_names_the_chambers_in_the_page_language(client, tag, locale):
    html = client.get(f"/{tag}/countries/FR").get_data(as_text=True)
    europe = section(html, "pq-eu-parliament")
    assert catalog_name(locale, "eu-parliament") in europe
    assert "European Parliament" not in europe
    assembly = section(html, "pq-fr-assemblee")
    assert catalog_name(locale, "fr-assemblee") in assembly
    assert "Assemblée nationale" not in assembly


def test_english_page_keeps_the_data_names(client):
    html = client.get("/en/countries/FR").get_data(as_text=True)
    assert "European Parliament" in section(html, "pq-eu-parliament")


@pytest.mark.parametrize(("tag", "locale"), [("zh-Hans", "zh_Hans"), ("ug", "ug")])
def test_question_page_heading_names_the_chamber_in_the_page_language(client, tag, locale):
    html = client.get(f"/{tag}/countries/FR/question/eu-parliament").get_data(as_text=True)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert catalog_name(locale, "eu-parliament") in unescape(heading)
    assert "European Parliament" not in heading


def test_composer_offers_the_chambers_by_their_translated_names(client):
    html = client.get("/zh-Hans/countries/FR/write/suspend-extradition-treaty").get_data(as_text=True)
    select = html.split('name="recipient_chamber"')[1].split("</select>")[0]
    assert catalog_name("zh_Hans", "fr-senat") in select
    assert "Sénat" not in select and "European Parliament" not in select


@pytest.mark.parametrize("locale", ["zh_Hans", "ug", "de"])
def test_covering_letter_names_the_chamber_in_the_letters_language(site, locale):
    with site.app_context():
        dossier = load_dossier(db.session, "FR")
        context = letter_context(db.session, dossier, locale, letter_people(), "eu-parliament")
        rendered = render_letter(load_template(TEMPLATES, locale, "pq-cover"), context)
    text = rendered.subject + "\n" + rendered.body
    assert catalog_name(locale, "eu-parliament") in text
    assert "European Parliament" not in text
