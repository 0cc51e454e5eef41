"""The default language of a letter or question: one the recipient's chamber works in, and why."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy.countries.models import Chamber
from advocacy.letters.languages import LanguageChoice, choose_language, country_languages

# The European Parliament's languages as data/chambers.csv gives them; Belgium's; Canada's.
EP = "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split()  # noqa: SIM905
BE = ["fr", "nl", "de"]
CA = ["en", "fr"]
# What is offered: the EP question's templates, and a letter's (the interface languages).
EP_QUESTION = ["de", "en", "es", "fr", "it", "nl", "pl", "sv"]
LETTER = ["en", "fr", "de", "es", "nl", "pl", "sv", "zh_Hans", "zh_Hant", "ug"]
ZH = ["en", "zh_Hans", "zh_Hant"]

CASES = {
    # name: (offered, chamber, country, interface) -> (language, source, missing)
    "AN question in English: French": ((["fr", "en"], ["fr"], ["fr"], "en"), ("fr", "chamber", False)),
    "AN question in French stays French": ((["fr", "en"], ["fr"], ["fr"], "fr"), ("fr", "chamber", False)),
    "EP for France in Chinese: French": ((EP_QUESTION, EP, ["fr"], "zh_Hans"), ("fr", "members", False)),
    "EP for France in Uyghur: French": ((EP_QUESTION, EP, ["fr"], "ug"), ("fr", "members", False)),
    "EP for France in German: French": ((EP_QUESTION, EP, ["fr"], "de"), ("fr", "members", False)),
    "EP for Belgium in Dutch stays Dutch": ((LETTER, EP, BE, "nl"), ("nl", "members", False)),
    "Belgian chamber in Dutch stays Dutch": ((LETTER, BE, BE, "nl"), ("nl", "chamber", False)),
    "Belgian chamber in German stays German": ((LETTER, BE, BE, "de"), ("de", "chamber", False)),
    "Belgian chamber in English: its first": ((LETTER, BE, BE, "en"), ("fr", "chamber", False)),
    "Canadian Commons in French stays French": ((LETTER, CA, CA, "fr"), ("fr", "chamber", False)),
    "Canadian Commons in Uyghur: English": ((LETTER, CA, CA, "ug"), ("en", "chamber", False)),
    "EP, no national chamber, in Chinese: English": ((LETTER, EP, [], "zh_Hans"), ("en", "chamber", False)),
    "EP, no national chamber, in Swedish stays": ((LETTER, EP, [], "sv"), ("sv", "chamber", False)),
    "no chamber chosen: the country's parliament": ((LETTER, [], ["fr"], "en"), ("fr", "country", False)),
    "no chamber, country unknown: the interface": ((LETTER, [], [], "ug"), ("ug", "interface", False)),
    "interface without a template: English": ((["fr", "en"], [], [], "ug"), ("en", "interface", False)),
    "Italian has no letter: English, said so": ((LETTER, ["it"], ["it"], "zh_Hans"), ("en", "chamber", True)),
    "no template in English either": ((["fr", "de"], ["it"], ["it"], "ug"), ("fr", "chamber", True)),
    "a data language offered by script": ((ZH, ["zh"], ["zh"], "zh_Hant"), ("zh_Hant", "chamber", False)),
    "the interface's base language": ((["fr", "de"], ["de"], ["de"], "de_CH"), ("de", "chamber", False)),
}


@pytest.mark.parametrize(("given_", "expected"), CASES.values(), ids=CASES.keys())
def test_choose_language(given_, expected):
    offered, chamber, country, interface = given_
    choice = choose_language(offered, chamber, country, interface)
    assert (choice.language, choice.source, choice.missing) == expected


def test_the_reason_names_what_the_recipient_reads():
    members = choose_language(EP_QUESTION, EP, ["fr", "nl", "de"], "ug")
    assert members == LanguageChoice("fr", "members", ("fr", "nl", "de"))  # the country's order
    assert choose_language(LETTER, ["it"], ["it"], "en").reads == ("it",)
    assert choose_language(LETTER, EP, [], "en").reads == tuple(EP)
    assert choose_language(LETTER, [], [], "en").explained is False
    assert choose_language([], ["fr"], ["fr"], "en") == LanguageChoice(None, "chamber", ("fr",), missing=True)


def test_country_languages_come_from_its_own_chambers():
    chambers = [
        Chamber(id="be-chamber", country="BE", languages="fr nl de"),
        Chamber(id="eu-parliament", country="EU", languages=" ".join(EP)),
        Chamber(id="fr-assemblee", country="FR", languages="fr"),
        Chamber(id="fr-senat", country="FR", languages="fr"),
        Chamber(id="ca-commons", country="CA", languages="en fr"),
    ]
    assert country_languages(chambers, "FR") == ["fr"]
    assert country_languages(chambers, "BE") == ["fr", "nl", "de"]
    assert country_languages(chambers, "EE") == []  # served by the EP alone


languages = st.sampled_from(["en", "fr", "de", "it", "nl", "ug", "zh", "zh_Hans", "zh_Hant", "de_CH"])


@given(
    offered=st.lists(languages, unique=True),
    chamber=st.lists(languages, unique=True),
    country=st.lists(languages, unique=True),
    interface=languages,
)
def test_only_an_offered_language_is_ever_chosen(offered, chamber, country, interface):
    choice = choose_language(offered, chamber, country, interface)
    assert choice.language in offered if offered else choice.language is None
    if choice.language in choice.reads:
        assert not choice.missing
    if interface in offered and choice.language != interface:
        assert choice.source != "interface" and interface not in choice.reads
