"""The representative chooser in the composer: search by name or constituency, then fill in."""

from __future__ import annotations

import logging
import re
from html import unescape

import pytest

from advocacy.core.settings import PROJECT_ROOT
from tests.letters.composing import csrf, edited

SAMPLES = PROJECT_ROOT / "data" / "samples"
LETTER = "/en/countries/GB/write/no-new-treaty"


@pytest.fixture
def client_with_members(app):
    runner = app.test_cli_runner()
    for file, chamber in (("representatives-gb-commons.csv", "gb-commons"),
                          ("representatives-eu-parliament.popolo.json", "eu-parliament")):  # fmt: skip
        result = runner.invoke(args=["reps", "import", str(SAMPLES / file), "--chamber", chamber])
        assert result.exit_code == 0, result.output
    return app.test_client()


def post(client, url: str, **fields: str) -> str:
    token = csrf(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, **fields})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_search_by_constituency_lists_members_and_keeps_what_was_typed(client_with_members):
    html = post(client_with_members, LETTER, find="1", rep_query="sampletown", sender_name="Ada Example")
    assert "2 members found." in html
    assert 'value="gb-commons:sample-001"' in html and 'value="gb-commons:sample-002"' in html
    assert 'value="Ada Example"' in html  # the sender's name survives the search


def test_search_ignores_accents_and_finds_by_name(client_with_members):
    html = post(client_with_members, LETTER, find="1", rep_query="zoe")
    assert "Zoë Specimen" in unescape(html)


def test_choosing_fills_the_recipient(client_with_members):
    html = unescape(post(client_with_members, LETTER, choose="gb-commons:sample-002"))
    assert 'value="Sam Sample"' in html
    assert 'value="sam.sample@example.org"' in html
    assert re.search(r'<option selected value="feminine">', html)
    assert re.search(r'<option selected value="gb-commons">', html)


def test_question_chooser_only_searches_that_chamber(client_with_members):
    html = post(client_with_members, "/en/countries/GB/question/gb-commons", find="1", rep_query="example")
    assert "gb-commons:sample-001" in html and "eu-parliament:" not in html


def test_a_member_of_another_chamber_cannot_be_chosen(client_with_members):
    fr = unescape(post(client_with_members, "/en/countries/FR/write/suspend-extradition-treaty",
                       choose="eu-parliament:sample-person-1"))  # fmt: skip
    assert 'value="Avery Example"' in fr  # an MEP for France ...
    gb = unescape(post(client_with_members, "/en/countries/GB/question/gb-commons",
                       choose="eu-parliament:sample-person-1"))  # fmt: skip
    assert "Avery Example" not in gb  # ... but not in the Commons


def test_no_match_says_so(client_with_members):
    html = post(client_with_members, LETTER, find="1", rep_query="nobody-by-this-name")
    assert "No member found." in html


def test_search_needs_the_csrf_token(client_with_members):
    assert client_with_members.post(LETTER, data={"find": "1", "rep_query": "x"}).status_code == 400


def test_the_search_is_not_logged(client_with_members, caplog):
    caplog.set_level(logging.DEBUG)
    post(client_with_members, LETTER, find="1", rep_query="Canary-Query-7f3a")
    assert "Canary-Query-7f3a" not in caplog.text


def test_search_is_not_stopped_by_the_letters_required_fields(client_with_members):
    html = client_with_members.get(LETTER).get_data(as_text=True)
    search = re.search(r'<button[^>]*name="find"[^>]*>', html).group(0)
    assert "formnovalidate" in search
    assert 'name="sender_name" required' in html or "required" in html.split('name="sender_name"')[1][:80]


def test_results_say_which_chamber_a_member_sits_in(client_with_members):
    html = post(client_with_members, LETTER, find="1", rep_query="sampletown")
    entry = html.split('value="gb-commons:sample-001"')[1].split("</li>")[0]
    assert "House of Commons" in entry


def test_search_is_offered_only_for_chambers_with_a_list(client_with_members):
    # France has three chambers; only the European Parliament's members were imported.
    french = client_with_members.get("/en/countries/FR/write/suspend-extradition-treaty").get_data(
        as_text=True
    )
    assert "Search the members of: European Parliament." in unescape(french)
    letter = client_with_members.get(LETTER).get_data(as_text=True)
    assert "Search the members of: House of Commons." in unescape(letter)


def test_no_search_where_no_chamber_has_a_list(client):
    html = client.get("/en/countries/GB/write/no-new-treaty").get_data(as_text=True)
    assert 'name="find"' not in html and "Find your representative" not in html


EU_QUESTION = "/en/countries/FR/question/eu-parliament"


def test_choosing_an_mep_carries_their_group_into_the_draft(client_with_members):
    chosen = unescape(post(client_with_members, EU_QUESTION, choose="eu-parliament:sample-person-1"))
    group = re.search(r'<input[^>]*name="recipient_group"[^>]*value="([^"]*)"', chosen).group(1)
    assert group == "Example Group"  # the member's political group, from the chamber's list
    draft = unescape(post(client_with_members, EU_QUESTION, sender_name="Ada Example", letter_locale="en",
                          recipient_name="Avery Example", recipient_group=group))  # fmt: skip
    question = re.search(r'<textarea[^>]*name="question"[^>]*>(.*?)</textarea>', draft, re.S).group(1)
    assert "Avery Example, Example Group\n" in question and "[political group]" not in question
    assert '<input type="hidden" name="recipient_group" value="Example Group">' in draft


def test_a_member_without_a_known_group_keeps_the_placeholder(client_with_members):
    chosen = unescape(post(client_with_members, EU_QUESTION, choose="eu-parliament:sample-person-5"))
    assert re.search(r'<input[^>]*name="recipient_group"[^>]*value=""', chosen)
    draft = unescape(post(client_with_members, EU_QUESTION, sender_name="Ada Example", letter_locale="fr",
                          recipient_name="Pat Placeholder"))  # fmt: skip
    assert "Pat Placeholder ([groupe politique])" in draft


def test_the_group_goes_back_with_the_member_and_not_to_another(client_with_members):
    draft = post(client_with_members, EU_QUESTION, sender_name="Ada Example", letter_locale="en",
                 recipient_name="Avery Example", recipient_group="Example Group")  # fmt: skip
    fields = edited(draft)
    assert fields["recipient_group"] == "Example Group"
    for step, expected in (("change", "Example Group"), ("another", "")):
        response = client_with_members.post(EU_QUESTION, data={**fields, "step": step})
        page = unescape(response.get_data(as_text=True))
        assert re.search(rf'<input[^>]*name="recipient_group"[^>]*value="{expected}"', page), step
