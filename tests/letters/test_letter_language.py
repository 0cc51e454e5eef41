"""The letter's language through real HTTP: a language the recipient's chamber works in, and why."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from advocacy.core.settings import PROJECT_ROOT
from tests.letters.composing import csrf, edited

EP_FOR_FRANCE = "/{lang}/countries/FR/question/eu-parliament"
ESTONIA = "/zh-Hans/countries/EE/write/sanctions"  # Estonia: the European Parliament is its only chamber


def selected(html: str, name: str = "letter_locale") -> str:
    """The value a select shows as chosen."""
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return re.search(r'<option[^>]* selected[^>]*value="([^"]*)"', select).group(1)


def hint(html: str) -> str:
    """The visible text beside the language field (hidden reasons left out, tags removed)."""
    found = re.search(r'<p class="hint" id="letter_locale-hint">(.*?)</p>', html, re.S).group(1)
    visible = re.sub(r"<span data-chamber=\"[^\"]*\" hidden>.*?</span>(?=<span data-chamber|$)", "", found)
    return unescape(re.sub(r"<[^>]+>", "", visible))


def post(client, url: str, **fields: str) -> str:
    """Post the composer form at url (a search or a choice, say); return the page."""
    data = {"csrf_token": csrf(client.get(url).get_data(as_text=True)), **fields}
    response = client.post(url, data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "french", "parliament"),
    [
        ("zh-Hans", "法语", "欧洲议会"),
        ("ug", "فىرانسۇزچە", "ياۋروپا پارلامېنتى"),
        ("en", "French", "European Parliament"),
    ],
)
def test_european_parliament_question_for_france_defaults_to_french(client, lang, french, parliament):
    html = client.get(EP_FOR_FRANCE.format(lang=lang)).get_data(as_text=True)
    assert selected(html) == "fr"
    assert french in hint(html) and parliament in hint(html)
    assert lang == "en" or "European Parliament" not in hint(html)
    assert 'name="suggested_locale" value="fr"' in html


def test_assemblee_question_in_english_defaults_to_french_and_says_why(client):
    html = client.get("/en/countries/FR/question/fr-assemblee").get_data(as_text=True)
    assert selected(html) == "fr"
    assert hint(html).startswith("The Assemblée nationale works in French.")


def test_a_posted_question_language_is_kept(client):
    html = post(
        client, EP_FOR_FRANCE.format(lang="zh-Hans"), find="1", letter_locale="de", suggested_locale="fr"
    )
    assert selected(html) == "de"
    assert "法语" in hint(html)  # the reason stays: it is a fact about the member


def test_letter_defaults_to_the_countrys_parliament_before_a_chamber_is_chosen(client):
    html = client.get("/en/countries/FR/write/sanctions").get_data(as_text=True)
    assert selected(html) == "fr"
    assert hint(html) == "The parliament of France works in French."
    # Every chamber's suggestion is on the page, for language.js.
    by_chamber = re.search(r"data-by-chamber='([^']*)'", html).group(1)
    expected = {"": "fr", "eu-parliament": "fr", "fr-assemblee": "fr", "fr-senat": "fr"}
    assert json.loads(unescape(by_chamber)) == expected


def test_letter_in_dutch_to_belgium_stays_dutch(client):
    html = client.get("/nl/countries/BE/write/sanctions").get_data(as_text=True)
    assert selected(html) == "nl"
    html = client.get("/en/countries/BE/write/sanctions").get_data(as_text=True)
    assert selected(html) == "fr"
    assert hint(html) == "The parliament of Belgium works in French, Dutch, and German."


def test_letter_language_follows_the_chamber_after_a_search(client):
    html = client.get(ESTONIA).get_data(as_text=True)
    assert selected(html) == "zh_Hans"  # no chamber, no national one: the interface language
    assert 'name="suggested_locale" value="zh_Hans"' in html
    fields = {"find": "1", "recipient_chamber": "eu-parliament", "letter_locale": "zh_Hans"}
    html = post(client, ESTONIA, **fields, suggested_locale="zh_Hans")
    assert selected(html, "recipient_chamber") == "eu-parliament"
    assert selected(html) == "en"
    assert hint(html) == "欧洲议会使用24种工作语言，其中包括英语。"
    assert 'name="suggested_locale" value="en"' in html


def test_a_letter_language_the_campaigner_chose_is_kept(client):
    fields = {"find": "1", "recipient_chamber": "eu-parliament", "letter_locale": "zh_Hans"}
    html = post(client, ESTONIA, **fields, suggested_locale="de")  # they picked Chinese over German
    assert selected(html) == "zh_Hans"
    assert "24" in hint(html)


def test_the_letter_is_written_in_the_language_posted_not_the_suggestion(client):
    url = "/en/countries/FR/write/sanctions"
    for posted in ("en", "fr"):
        html = post(client, url, sender_name="Ada Example", letter_locale=posted, suggested_locale="fr")
        assert edited(html)["letter_locale"] == posted


@pytest.fixture
def client_with_meps(app):
    file = PROJECT_ROOT / "data" / "samples" / "representatives-eu-parliament.popolo.json"
    result = app.test_cli_runner().invoke(args=["reps", "import", str(file), "--chamber", "eu-parliament"])
    assert result.exit_code == 0, result.output
    return app.test_client()


def test_choosing_a_member_sets_the_chamber_and_its_language(client_with_meps):
    fields = {
        "choose": "eu-parliament:sample-person-1",
        "letter_locale": "zh_Hans",
        "suggested_locale": "zh_Hans",
    }
    html = post(client_with_meps, ESTONIA, **fields)
    assert "Avery Example" in html
    assert selected(html, "recipient_chamber") == "eu-parliament"
    assert selected(html) == "en"
