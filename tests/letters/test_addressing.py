"""Salutations and closings by language, chamber and form of address; questions' limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy.letters.addressing import CONVENTIONS, FORMS, closing, salutation
from advocacy.letters.outputs import Letter, full_text
from advocacy.letters.questions import Limits, count_subquestions, count_words, measure, pick_language


@pytest.mark.parametrize(
    ("language", "name", "chamber", "form", "expected"),
    [
        ("en", "Jane Doe", "gb-commons", "neutral", "Dear Jane Doe MP,"),
        ("en", "", "gb-commons", "neutral", "Dear Member of Parliament,"),
        ("en", "Jane Doe", "eu-parliament", "neutral", "Dear Jane Doe MEP,"),
        ("en", "Doe", "ie-dail", "neutral", "Dear Deputy Doe,"),
        ("en", "Doe", "au-senate", "feminine", "Dear Senator Doe,"),
        ("en", "Doe", "us-house", "neutral", "Dear Representative Doe:"),
        ("en", "Jane Doe", None, "neutral", "Dear Jane Doe,"),
        ("fr", "Jeanne Dupont", "fr-assemblee", "feminine", "Madame la Députée,"),
        ("fr", "Jean Dupont", "fr-senat", "masculine", "Monsieur le Sénateur,"),
        ("fr", "", "fr-assemblee", "neutral", "Madame la Députée, Monsieur le Député,"),
        ("de", "Müller", "de-bundestag", "feminine", "Sehr geehrte Frau Abgeordnete Müller,"),
        ("de", "Müller", "de-bundestag", "neutral", "Sehr geehrte*r Müller,"),
        ("pl", "", "pl-sejm", "masculine", "Szanowny Panie Pośle,"),
        ("es", "", "es-congreso", "feminine", "Estimada señora diputada:"),
        ("cs", "", "cz-snemovna", "feminine", "Vážená paní poslankyně,"),
        ("it", "Rossi", "it-camera", "masculine", "Egregio Onorevole Rossi,"),
        ("zh_Hant", "", None, "neutral", "尊敬的議員："),
    ],
)
def test_salutation_follows_language_chamber_and_form(language, name, chamber, form, expected):
    assert salutation(language, name, chamber=chamber, form=form) == expected


def test_french_closing_repeats_the_address():
    assert closing("fr", "X", chamber="fr-assemblee", form="feminine") == (
        "Je vous prie d'agréer, Madame la Députée, l'expression de ma haute considération."
    )


def test_unknown_language_falls_back_to_english():
    assert salutation("xx", "") == "Dear Member of Parliament,"
    assert closing("xx") == "Yours sincerely,"


@given(
    key=st.sampled_from(sorted(CONVENTIONS, key=str)),
    form=st.sampled_from(FORMS),
    name=st.text(min_size=1, max_size=40).filter(lambda s: "{" not in s and "}" not in s),
)
def test_every_convention_formats_any_name(key, form, name):
    language, chamber = key
    line = salutation(language, name, chamber=chamber, form=form)
    assert line.strip()
    rule = CONVENTIONS[key]
    if "{name}" in (rule.named.get(form) or rule.named["neutral"]):
        assert name in line
    assert closing(language, name, chamber=chamber, form=form).strip()


def test_letter_with_a_question_puts_it_after_the_signed_letter_marked_off():
    question = "To ask the Secretary of State, whether ...?"
    letter = Letter("en", "S", "Please table this.", "Ada", chamber="gb-commons",
                    recipient_name="Jane Doe", question=question)  # fmt: skip
    assert full_text(letter) == (
        "Dear Jane Doe MP,\n\nPlease table this.\n\nYours sincerely,\n\nAda\n\n"
        "--- Draft written question ---\n\nTo ask the Secretary of State, whether ...?\n\n"
        "--- End of the draft question ---\n"
    )


@pytest.mark.parametrize(
    ("text", "words", "questions"),
    [
        ("To ask the Minister whether she will act?", 8, 1),
        ("1. Is the Commission aware? 2. Will it act? (c) When?", 8, 3),
        ("政府是否会暂停条约？", 9, 1),
        ("— a dash — is not a word", 6, 0),
        ("ھۆكۈمەت توختىتامدۇ؟", 2, 1),
        ("", 0, 0),
    ],
)
def test_counting_words_and_subquestions(text, words, questions):
    assert count_words(text) == words
    assert count_subquestions(text) == questions


def test_measure_against_limits():
    long_text = " ".join(["word"] * 201) + "? ? ? ?"
    count = measure(long_text, Limits(words=200, subquestions=3))
    assert count.too_many_words and count.too_many_subquestions and not count.within_limits
    assert measure("Fine?", Limits(words=200, subquestions=3)).within_limits
    assert measure(long_text, Limits()).within_limits


def test_pick_language():
    assert pick_language(["fr", "nl", "de", "en"], "nl") == "nl"
    assert pick_language(["fr", "nl", "de", "en"], "zh_Hans") == "fr"
    assert pick_language(["sv", "en"], "sv") == "sv"
    assert pick_language([], "en") is None
