"""Moving around the composer: back a step, another member, a new language, an expired token.

Everything travels in the page; these tests post what the pages carry and check that
nothing typed is lost on the way and that nothing is kept on the server.
"""

from __future__ import annotations

import re
from html import unescape

from advocacy.letters.drafts import Draft, choose_draft
from tests.letters.composing import csrf, details, edited, hidden_fields

START = "/en/countries/FR/write/suspend-extradition-treaty"
QUESTION = "/en/countries/FR/question/fr-assemblee"


def preview(client, url: str = START, **fields: str) -> str:
    token = csrf(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, **details(**fields)})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def field_value(html: str, name: str) -> str:
    """The value of a text input or the text of a textarea named `name`."""
    area = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(?:\r?\n)?(.*?)</textarea>', html, re.S)
    if area:
        return unescape(area.group(1))
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return unescape(found.group(1)) if found else ""


def back_to_start(client, html: str, step: str = "change", **changes: str) -> str:
    """Press the preview's "Back" button (or the finished page's "another member")."""
    response = client.post(START, data={**edited(html), "step": step, **changes})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_back_from_the_preview_keeps_everything_typed_and_the_edits(client):
    html = preview(client, personal="My own paragraph.")
    assert 'value="change"' in html and f'formaction="{START}"' in html
    body = field_value(html, "body") + "\n\nA sentence I added."
    first = back_to_start(client, html, body=body)
    assert "Change anything below" in first
    assert field_value(first, "sender_name") == "Ada Example"
    assert field_value(first, "recipient_name") == "Jean Dupont"
    assert field_value(first, "personal") == "My own paragraph."
    assert "Please give your name" not in first  # shown again, not judged
    # Change the recipient only: the body does not depend on it, so the edit is kept.
    again = client.post(START, data={**_form_fields(first), "recipient_name": "Marie Curie"})
    page = again.get_data(as_text=True)
    assert "A sentence I added." in field_value(page, "body")
    assert field_value(page, "recipient_name") == "Marie Curie"
    assert "earlier edited text" not in page


def test_a_change_that_alters_the_text_hands_the_edits_back(client):
    html = preview(client, personal="First paragraph.")
    body = field_value(html, "body") + "\n\nMy precious edit."
    first = back_to_start(client, html, body=body)
    page = client.post(START, data={**_form_fields(first), "personal": "Second paragraph."}).get_data(
        as_text=True
    )
    assert "Second paragraph." in field_value(page, "body")
    assert "My precious edit." not in field_value(page, "body")
    earlier = re.search(r'<textarea id="earlier-text"[^>]*>(.*?)</textarea>', page, re.S)
    assert earlier and "My precious edit." in unescape(earlier.group(1))


def test_unedited_text_is_made_again_from_new_details(client):
    html = preview(client, personal="First paragraph.")
    first = back_to_start(client, html)
    page = client.post(START, data={**_form_fields(first), "personal": "Second paragraph."}).get_data(
        as_text=True
    )
    assert "Second paragraph." in field_value(page, "body") and "earlier-text" not in page


def test_another_member_clears_the_recipient_and_keeps_the_letter(client):
    html = preview(client, personal="Mine.")
    body = field_value(html, "body") + "\n\nKept edit."
    finished = client.post("/en/letters/finish", data=edited(html, body=body)).get_data(as_text=True)
    assert 'name="step" value="another"' in finished
    page = back_to_start(client, finished, step="another", **_finished_state(finished))
    assert field_value(page, "recipient_name") == "" and field_value(page, "recipient_email") == ""
    assert field_value(page, "sender_name") == "Ada Example"
    again = client.post(START, data={**_form_fields(page), "recipient_name": "Next Member"})
    assert "Kept edit." in field_value(again.get_data(as_text=True), "body")


def test_back_from_the_finished_page_shows_the_edited_letter(client):
    html = preview(client)
    body = field_value(html, "body") + "\n\nEdited before finishing."
    finished = client.post("/en/letters/finish", data=edited(html, body=body)).get_data(as_text=True)
    page = client.post("/en/letters/edit", data=_finished_state(finished)).get_data(as_text=True)
    assert "Review and edit your letter" in page
    assert "Edited before finishing." in field_value(page, "body")


def test_switching_language_on_the_preview_keeps_the_letter(client):
    html = preview(client)
    assert 'formaction="/ug/letters/edit"' in html and 'form="letter-form"' in html
    body = field_value(html, "body") + "\n\nStill here."
    page = client.post("/ug/letters/edit", data=edited(html, body=body)).get_data(as_text=True)
    assert '<html lang="ug" dir="rtl">' in page
    assert "Still here." in field_value(page, "body")


def test_switching_language_on_the_first_step_keeps_what_was_typed(client):
    token = csrf(client.get(START).get_data(as_text=True))
    data = {"csrf_token": token, "step": "stay", "sender_name": "Ada Example", "personal": "Mine."}
    page = client.post(START.replace("/en/", "/zh-Hans/"), data=data).get_data(as_text=True)
    assert '<html lang="zh-Hans"' in page
    assert field_value(page, "sender_name") == "Ada Example" and field_value(page, "personal") == "Mine."


def test_an_expired_token_shows_the_page_again_with_everything_typed(client):
    html = preview(client)
    body = field_value(html, "body") + "\n\nTyped for an hour."
    response = client.post("/en/letters/finish", data=edited(html, body=body, csrf_token="expired"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This form had expired" in page and "Typed for an hour." in field_value(page, "body")
    retry = client.post("/en/letters/finish", data=edited(page))  # the fresh token works
    assert retry.status_code == 200 and "Typed for an hour." in unescape(retry.get_data(as_text=True))


def test_an_expired_token_on_the_first_step_keeps_the_fields(client):
    response = client.post(START, data={"csrf_token": "old", **details(personal="Mine.")})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This form had expired" in page
    assert field_value(page, "personal") == "Mine." and field_value(page, "sender_name") == "Ada Example"


def test_an_expired_token_on_a_download_shows_the_finished_letter(client):
    html = preview(client)
    finished = client.post("/en/letters/finish", data=edited(html)).get_data(as_text=True)
    fields = {**hidden_fields(finished), "csrf_token": "old"}
    response = client.post("/en/letters/download/pdf", data=fields)
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "This form had expired" in page and "Your letter is ready" in page


def test_the_finished_page_offers_next_steps(client):
    finished = client.post("/en/letters/finish", data=edited(preview(client))).get_data(as_text=True)
    assert "What next" in finished
    assert 'href="/en/countries/FR/write/suspend-extradition-treaty"' not in finished  # not this one
    assert 'href="/en/countries/FR/question/' in finished  # a written question instead
    assert 'href="/en/countries/FR"' in finished


def test_choose_draft_table():
    made = Draft("S", "B")
    edited_text = Draft("S", "B and mine")
    assert choose_draft(made, None, made.digest()).draft == made
    assert choose_draft(Draft("S", "B2"), made, made.digest()).draft == Draft("S", "B2")  # unedited
    assert choose_draft(made, edited_text, made.digest()).draft == edited_text  # same details
    changed = choose_draft(Draft("S", "B2"), edited_text, made.digest())
    assert changed.draft == Draft("S", "B2") and changed.earlier == edited_text


def _form_fields(html: str) -> dict[str, str]:
    """Every field of the first step's form as the page shows it, ready to post again."""
    form = html.split('id="compose-form"')[1].split("</form>")[0]
    fields = {k: unescape(v) for k, v in re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form)}
    for name in ("personal", "recipient_address"):
        fields[name] = field_value(form, name)
    for name, value in re.findall(
        r'<select[^>]*name="([a-z_]+)".*?<option selected value="([^"]*)"', form, re.S
    ):
        fields[name] = value
    fields.pop("step", None)
    return fields


def _finished_state(html: str) -> dict[str, str]:
    """The finished page's letter form, as its buttons post it."""
    form = html.split('id="letter-state"')[1].split("</form>")[0]
    return {k: unescape(v) for k, v in re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', form)}


def test_back_from_a_question_preview_returns_to_the_question_page(client):
    html = preview(client, QUESTION, personal="Why I ask.")
    assert f'formaction="{QUESTION}"' in html
    question = field_value(html, "question") + "\n\nMy extra question?"
    page = client.post(QUESTION, data={**edited(html, question=question), "step": "change"}).get_data(
        as_text=True
    )
    assert "Change anything below" in page and field_value(page, "personal") == "Why I ask."
    again = client.post(QUESTION, data=_form_fields(page)).get_data(as_text=True)
    assert "My extra question?" in field_value(again, "question")
