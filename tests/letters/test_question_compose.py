"""Drafting a written parliamentary question through real HTTP: rules shown, limits enforced."""

from __future__ import annotations

import re
import subprocess
from html import unescape

from tests.letters.composing import csrf, edited, hidden_fields, preview

FR_QUESTION = "/en/countries/FR/question/fr-assemblee"
EU_QUESTION = "/en/countries/FR/question/eu-parliament"


def test_country_page_links_each_chamber(client):
    html = client.get("/en/countries/FR").get_data(as_text=True)
    assert 'href="/en/countries/FR/question/fr-assemblee"' in html
    assert 'href="/en/countries/FR/question/eu-parliament"' in html


def test_question_page_explains_who_can_table_it(client):
    html = client.get(EU_QUESTION).get_data(as_text=True)
    assert "Only members of parliament can table a written question." in html
    assert "at most 200 words" in html and "Rule 144" in html
    select = html.split('name="letter_locale"')[1].split("</select>")[0]
    options = re.findall(r'<option[^>]*value="([a-zA-Z_]+)"', select)
    # A French member reads French, although the European Parliament works in English too.
    assert '<option selected value="fr">' in select and {"en", "de", "it"} <= set(options)


def test_french_page_defaults_to_french(client):
    html = client.get("/fr/countries/FR/question/fr-assemblee").get_data(as_text=True)
    assert re.search(r'<option selected value="fr">', html)


def test_question_that_does_not_fit_is_404(client):
    assert client.get("/en/countries/FR/question/gb-commons").status_code == 404
    assert client.get("/en/countries/US/question/us-house").status_code == 404
    assert client.get("/en/countries/FR/question/nowhere").status_code == 404


def test_draft_shows_the_question_its_count_and_review_notice(client):
    html = preview(
        client, FR_QUESTION, letter_locale="fr", recipient_name="Jeanne Dupont", form_of_address="feminine"
    )
    fields = edited(html)
    assert "17 juillet 2015" in fields["question"]
    assert "Jeanne Dupont" in fields["question"]
    assert "has not yet been reviewed" in html
    assert re.search(r"Your draft: \d+ words", html)
    finished = client.post("/en/letters/finish", data=fields).get_data(as_text=True)
    assert "Madame la Députée," in finished
    assert "Je vous prie d&#39;agréer, Madame la Députée, l&#39;expression" in finished
    assert fields["question"].strip()[:40] in unescape(finished)


def test_over_the_word_limit_is_refused_with_the_reason(client):
    html = preview(client, EU_QUESTION, letter_locale="en")
    fields = edited(html)
    too_long = fields["question"] + " " + " ".join(["more"] * 210)
    response = client.post("/en/letters/finish", data={**fields, "question": too_long})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "this chamber accepts at most 200" in page
    assert client.post("/en/letters/download/txt", data={**fields, "question": too_long}).status_code == 400


def test_too_many_subquestions_are_refused(client):
    fields = edited(preview(client, EU_QUESTION, letter_locale="en"))
    response = client.post("/en/letters/finish", data={**fields, "question": "A? B? C? D?"})
    assert response.status_code == 400
    assert "has 4 sub-questions; this chamber accepts at most 3" in response.get_data(as_text=True)


OVER = "Over this chamber's limit: shorten it before you continue."


def _counter(html: str) -> str:
    return unescape(html.split('id="question-count"')[1].split("</p>")[0])


def test_one_counter_that_says_in_words_when_the_draft_is_over(client):
    html = preview(client, EU_QUESTION, letter_locale="en")
    assert html.count('class="word-count') == 1 and "question-live-count" not in html
    counter = _counter(html)
    assert re.search(r"Your draft: \d+ words, [0-3] sub-questions\.", counter)
    assert re.search(
        r'<strong id="question-over-limit" aria-live="polite" data-message="[^"]+"></strong>', counter
    )
    fields = edited(html)
    response = client.post(
        "/en/letters/finish", data={**fields, "question": fields["question"] + " Why? Why?"}
    )
    assert response.status_code == 400
    counter = _counter(response.get_data(as_text=True))
    assert re.search(r"Your draft: \d+ words, 5 sub-questions\.", counter)
    assert f'aria-live="polite" data-message="{OVER}">{OVER}</strong>' in counter


def test_rules_and_counter_name_sub_questions_alike(client):
    html = preview(client, EU_QUESTION, letter_locale="en")
    assert "<dt>Sub-questions (counted by question marks)</dt><dd>at most 3</dd>" in html
    assert "question marks" not in _counter(html)


def test_within_limits_the_question_reaches_text_and_pdf(client, tmp_path):
    fields = edited(preview(client, EU_QUESTION, letter_locale="en", recipient_name="Jane Doe"))
    finished = client.post("/en/letters/finish", data=fields).get_data(as_text=True)
    assert "Dear Jane Doe MEP," in finished
    downloads = hidden_fields(finished)
    assert downloads["question"].strip() == fields["question"].strip()
    text = client.post("/en/letters/download/txt", data={**downloads, "csrf_token": csrf(finished)})
    assert fields["question"].split("\n")[0].strip() in text.get_data(as_text=True)
    pdf = client.post("/en/letters/download/pdf", data={**downloads, "csrf_token": csrf(finished)})
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    path = tmp_path / "question.pdf"
    path.write_bytes(pdf.get_data())
    extracted = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Dear Jane Doe MEP," in extracted
    first_words = " ".join(fields["question"].split()[:5])
    assert first_words in " ".join(extracted.split())


def test_letter_to_a_member_of_a_chosen_chamber_uses_its_salutation(client):
    url = "/en/countries/GB/write/no-new-treaty"
    token = csrf(client.get(url).get_data(as_text=True))
    data = {"csrf_token": token, "sender_name": "Ada", "recipient_name": "Jane Doe",
            "recipient_chamber": "gb-commons", "letter_locale": "en"}  # fmt: skip
    html = client.post(url, data=data).get_data(as_text=True)
    finished = client.post("/en/letters/finish", data=edited(html)).get_data(as_text=True)
    assert "Dear Jane Doe MP," in finished
