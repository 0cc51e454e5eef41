"""Sending through real HTTP: the e-mail link whole or refused first, file names, the question apart."""

from __future__ import annotations

import datetime
import re
import subprocess
from email.parser import BytesParser
from email.policy import default
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.letters.composing import csrf, details, edited, hidden_fields, preview

START = "/{lang}/countries/FR/write/suspend-extradition-treaty"
EU_QUESTION = "/en/countries/FR/question/eu-parliament"
STRICT = default.clone(raise_on_defect=True)


def finished(client, lang: str = "en", **changes: str) -> str:
    """Compose the French letter in a language, with changes at the preview; return the finished page."""
    url = START.format(lang=lang)
    token = csrf(client.get(url).get_data(as_text=True))
    html = client.post(url, data={"csrf_token": token, **details(letter_locale=lang.replace("-", "_"))})
    response = client.post(f"/{lang}/letters/finish", data=edited(html.get_data(as_text=True), **changes))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def mailto_links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="(mailto:[^"]*)"', html)]


def download(client, page: str, kind: str, **changes: str):
    fields = {**hidden_fields(page), "csrf_token": csrf(page), **changes}
    return client.post(f"/en/letters/download/{kind}", data=fields)


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "ug"])
def test_the_full_letter_is_refused_before_any_link_and_never_cut(client, lang):
    page = finished(client, lang)
    assert all("body=" not in link for link in mailto_links(page)), "a link would cut the letter"
    notice, text = page.index('id="no-mailto"'), page.index('id="letter-text"')
    downloads = re.findall(r'action="/[^/]+/letters/download/(\w+)"', page)
    assert notice < text < page.index("/letters/download/eml") < page.index('id="mailto-head"')
    assert downloads == ["eml", "pdf", "txt"]  # the e-mail draft first when there is no link
    head = parse_qs(urlsplit(mailto_links(page)[0]).query)
    assert list(head) == ["subject"]


def test_a_short_letter_goes_whole_into_the_link(client):
    page = finished(client, body="Please suspend the treaty.\n\nThank you.")
    (link,) = mailto_links(page)
    body = parse_qs(urlsplit(link).query)["body"][0].replace("\r\n", "\n")
    text = unescape(re.search(r'<textarea id="letter-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    assert body == text.strip() and body.endswith("Ada Example\nLyon")
    assert 'id="no-mailto"' not in page and page.index(link.split("?")[0]) < page.index('id="letter-text"')


def test_downloads_are_named_after_country_action_and_date(client):
    page = finished(client, body="Short.")
    today = datetime.date.today().isoformat()
    for kind in ("txt", "eml"):
        disposition = download(client, page, kind).headers["Content-Disposition"]
        name = f"FR-suspend-extradition-treaty-{today}.{kind}"
        assert disposition == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    page = client.post("/en/letters/finish", data=edited(preview(client, EU_QUESTION, letter_locale="en")))
    disposition = download(client, page.get_data(as_text=True), "txt").headers["Content-Disposition"]
    assert f'filename="FR-pq-eu-parliament-{today}.txt"' in disposition


def test_a_forged_country_or_action_is_refused(client):
    page = finished(client, body="Short.")
    assert download(client, page, "txt", country='FR"; x=').status_code == 400
    assert download(client, page, "txt", action="../../etc").status_code == 400


@pytest.mark.parametrize(
    "changes",
    [
        {"subject": "Suspend\r\nBcc: victim@example.org"},
        {"recipient_name": "Jean\nDupont", "sender_name": "Ada\r\nExample"},
        {"recipient_name": "张三\n李四", "subject": "ئۆتكۈزۈپ بېرىش\nشەرتنامىسى"},
    ],
)
def test_eml_with_line_breaks_in_headers_parses_strictly(client, changes):
    page = finished(client, body="Short.")
    response = download(client, page, "eml", **changes)
    assert response.status_code == 200
    message = BytesParser(policy=STRICT).parsebytes(response.get_data())
    assert message["From"] is None and message["Bcc"] is None
    for name in ("subject", "recipient_name"):
        if name in changes:
            value = message["Subject"] if name == "subject" else message["To"].addresses[0].display_name
            assert value == " ".join(changes[name].split())


def test_the_question_stands_apart_in_text_and_eml(client):
    fields = edited(preview(client, EU_QUESTION, letter_locale="en", recipient_name="Jane Doe"))
    page = client.post("/en/letters/finish", data=fields).get_data(as_text=True)
    question = fields["question"].strip().replace("\r\n", "\n")
    for kind in ("txt", "eml"):
        raw = download(client, page, kind).get_data()
        if kind == "eml":  # its text with SMTP line ends
            raw = BytesParser(policy=STRICT).parsebytes(raw).get_content().replace("\r\n", "\n").encode()
        text = raw.decode()
        letter, rest = text.split("\n--- Draft written question ---\n\n")
        assert letter.rstrip().endswith("Yours sincerely,\n\nAda Example\nLyon")
        assert rest == question + "\n\n--- End of the draft question ---\n"


def test_the_question_has_its_own_heading_and_page_in_the_pdf(client, tmp_path):
    fields = edited(preview(client, EU_QUESTION, letter_locale="en", recipient_name="Jane Doe"))
    page = client.post("/en/letters/finish", data=fields).get_data(as_text=True)
    path = tmp_path / "question.pdf"
    path.write_bytes(download(client, page, "pdf").get_data())
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(p.split()) for p in pages.split("\f")]
    cover = next(i for i, p in enumerate(pages) if "Yours sincerely," in p)
    asked = next(i for i, p in enumerate(pages) if "Draft written question" in p)
    assert asked > cover and "Draft written question" not in pages[cover]
    first_words = " ".join(fields["question"].split()[:5])
    assert pages[asked].index("Draft written question") < pages[asked].index(first_words)
    assert "End of the draft question" in " ".join(pages[asked:])
