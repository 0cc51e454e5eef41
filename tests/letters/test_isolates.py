"""Inserted runs keep their own direction in mixed-direction letters (issue 12): isolates, not reorder."""

from __future__ import annotations

import pytest

from advocacy.core.bidi import FSI, PDI, isolate, needs_isolating, without_isolates
from advocacy.letters.template import LetterTemplate, render_letter
from tests.letters.composing import csrf, edited
from tests.letters.test_compose import START


@pytest.mark.parametrize(
    ("text", "rtl", "isolated"),
    [
        ("Lyon", True, True),  # a Latin name in Uyghur
        ("10,105", True, True),  # a number in Uyghur
        ("لىيون", True, False),  # Uyghur in Uyghur
        ("لىيون", False, True),  # an Arabic-script town in French
        ("Lyon", False, False),  # Latin in French
        ("2014", False, False),  # a number in a left-to-right letter
        ("", True, False),
        ("— ,", True, False),  # neutrals only
    ],
)
def test_a_run_is_isolated_only_when_its_direction_differs(text, rtl, isolated):
    assert needs_isolating(text, rtl) is isolated
    assert (isolate(text, rtl) == f"{FSI}{text}{PDI}") is isolated
    assert without_isolates(isolate(text, rtl)) == text
    assert isolate(isolate(text, rtl), rtl) == isolate(text, rtl)  # never twice


def letter(locale: str, body: str) -> str:
    template = LetterTemplate("x", locale, "s", "letter", "source", body)
    return render_letter(template, {"sender": {"town": "Lyon"}, "town": "لىيون", "n": 10105}).body


def test_a_uyghur_letter_isolates_latin_names_and_numbers():
    body = letter("ug", "مەن {{ sender.town }} شەھىرىدە، {{ n|number }} كىشى.")
    assert f"{FSI}Lyon{PDI}" in body and f"{FSI}10,105{PDI}" in body


def test_a_french_letter_isolates_an_arabic_script_town_and_nothing_else():
    body = letter("fr", "Je vis à {{ town }}, comme à {{ sender.town }} ; {{ n|number }} personnes.")
    assert f"à {FSI}لىيون{PDI}," in body
    assert FSI not in body.replace(f"{FSI}لىيون{PDI}", "")


def uyghur_preview(client, url: str) -> dict[str, str]:
    """Compose a Uyghur letter from Lyon and return the preview's fields, as the page posts them."""
    token = csrf(client.get(url).get_data(as_text=True))
    page = client.post(url, data={"csrf_token": token, "sender_name": "Ada Example", "sender_town": "Lyon",
                                  "letter_locale": "ug"}).get_data(as_text=True)  # fmt: skip
    return edited(page)


def test_a_uyghur_letter_with_isolates_goes_through_the_composer(client):
    url = START.replace("/en/", "/ug/")
    fields = uyghur_preview(client, url)
    assert FSI in fields["body"]  # the dates and the town in the Uyghur text
    finished = client.post("/ug/letters/finish", data=fields)
    assert finished.status_code == 200, finished.get_data(as_text=True)[:300]
    text = client.post("/ug/letters/download/txt", data=fields).get_data(as_text=True)
    assert f"{FSI}Lyon{PDI}" in text


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\u2067"])
def test_overrides_and_other_isolates_are_still_refused_in_the_letter(client, hidden):
    token = csrf(client.get(START).get_data(as_text=True))
    page = client.post(START, data={"csrf_token": token, "sender_name": "Ada", "letter_locale": "en"})
    fields = edited(page.get_data(as_text=True))
    fields["body"] = f"{hidden}A letter."
    response = client.post("/en/letters/finish", data=fields)
    assert "invisible control characters" in response.get_data(as_text=True)


def test_a_uyghur_letter_goes_back_a_step_with_its_isolates_and_keeps_the_edit(client):
    url = START.replace("/en/", "/ug/")
    fields = uyghur_preview(client, url)
    fields["body"] += "\n\nAn edit I made."
    back = client.post(url, data={**fields, "step": "change"}).get_data(as_text=True)
    assert "invisible control characters" not in back
    typed = {"sender_name": "Ada Example", "sender_town": "Lyon", "letter_locale": "ug"}  # as the form shows
    again = client.post(url, data=edited(back) | typed | {"csrf_token": csrf(back)}).get_data(as_text=True)
    assert "invisible control characters" not in again
    assert '<textarea id="body"' in again or 'id="body"' in again  # the preview, not the first step
    assert "An edit I made." in edited(again)["body"]
