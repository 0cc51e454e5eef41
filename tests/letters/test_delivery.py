"""Text, mailto: links and .eml drafts, read back with the standard library's strict parsers."""

from __future__ import annotations

import datetime
from email.parser import BytesParser
from email.policy import default
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from advocacy.letters.addressing import question_marks, salutation
from advocacy.letters.outputs import (
    MAILTO_LIMIT,
    Letter,
    download_name,
    eml_bytes,
    full_text,
    mailto_head,
    mailto_url,
)

LETTER = Letter("en", "Suspend the treaty", "First paragraph.\n\nSecond paragraph.", "Ada Example", "Lyon",
                "Jean Dupont", "jean.dupont@example.org")  # fmt: skip
QUESTION = Letter("en", "Please table it", "Covering letter.", "Ada Example", "", "Jean Dupont", "",
                  question="1. Will the Commission act?\n\n2. When?")  # fmt: skip
# RFC 5322/2047 checked strictly: any defect (a bare line break, a bad encoded word) raises.
STRICT = default.clone(raise_on_defect=True)


def parse(raw: bytes):
    """Read an .eml as a mail program would, refusing any defect."""
    return BytesParser(policy=STRICT).parsebytes(raw)


def mailto_body(url: str) -> str:
    return parse_qs(urlsplit(url).query)["body"][0]


def test_full_text_has_salutation_closing_and_signature():
    assert full_text(LETTER) == (
        "Dear Jean Dupont,\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
        "Yours sincerely,\n\nAda Example\nLyon\n"
    )


def test_neutral_salutation_without_a_name():
    assert salutation("fr", "") == "Madame, Monsieur,"
    assert salutation("de", "") == "Sehr geehrte Damen und Herren,"


def test_question_stands_apart_after_the_signed_letter():
    text = full_text(QUESTION)
    letter, rest = text.split("--- Draft written question ---\n\n")
    assert letter.endswith("Yours sincerely,\n\nAda Example\n\n")
    assert rest == "1. Will the Commission act?\n\n2. When?\n\n--- End of the draft question ---\n"


@pytest.mark.parametrize("locale", ["fr", "zh_Hans", "ug", "da"])
def test_question_marks_are_in_the_letter_language(locale):
    heading, end = question_marks(locale)
    assert heading != question_marks("en")[0] and end != question_marks("en")[1]
    text = full_text(Letter(locale, "S", "Lettre.", "A", question="Q?"))
    assert f"--- {heading} ---\n\nQ?\n\n--- {end} ---" in text


def test_mailto_round_trips_with_crlf_line_breaks():
    url = mailto_url(LETTER)
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and unquote(parts.path) == "jean.dupont@example.org"
    assert query["subject"] == ["Suspend the treaty"]
    assert query["body"] == [full_text(LETTER).rstrip().replace("\n", "\r\n")]  # RFC 6068


def test_mailto_carries_the_question_marked_off():
    body = mailto_body(mailto_url(QUESTION)).replace("\r\n", "\n")
    assert body == full_text(QUESTION).rstrip()
    assert "--- Draft written question ---\n\n1. Will" in body and body.endswith(
        "--- End of the draft question ---"
    )


@pytest.mark.parametrize("locale", ["en", "zh_Hans", "ug"])
def test_a_letter_too_long_for_a_link_gets_none_never_a_cut_one(locale):
    paragraph = {
        "en": "Extradition treaty paragraph, ",
        "zh_Hans": "引渡条约的段落，",
        "ug": "ئۆتكۈزۈپ بېرىش شەرتنامىسى، ",
    }
    body = "\n\n".join(paragraph[locale] * 4 for _ in range(12))
    assert mailto_url(Letter(locale, "S", body, "A", "", "B", "")) is None


@pytest.mark.parametrize("locale", ["en", "zh_Hans", "ug"])
def test_a_letter_that_fits_is_carried_whole_up_to_the_limit(locale):
    """Grow a letter a character at a time: every link made carries all of it, signature too."""
    sizes = []
    for size in range(1, 2000):
        letter = Letter(locale, "S", "ب字a" * (size // 3) + "x" * (size % 3), "Ada")
        url = mailto_url(letter)
        if url is None:
            break
        assert len(url) <= MAILTO_LIMIT
        assert mailto_body(url) == full_text(letter).rstrip().replace("\n", "\r\n")
        sizes.append(size)
    assert sizes and url is None, "the link was never refused"


def test_mailto_head_has_address_and_subject_only():
    query = parse_qs(urlsplit(mailto_head(LETTER)).query)
    assert query == {"subject": ["Suspend the treaty"]}


def test_eml_parses_strictly_and_has_no_made_up_sender():
    message = parse(eml_bytes(LETTER))
    assert message["Subject"] == "Suspend the treaty"
    assert message["To"].addresses[0].addr_spec == "jean.dupont@example.org"
    assert message["To"].addresses[0].display_name == "Jean Dupont"
    assert message["From"] is None and b"invalid" not in eml_bytes(LETTER)
    assert message["Date"] and message["X-Unsent"] == "1"
    assert "Second paragraph." in message.get_content()


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Hi\r\nBcc: victim@example.org", "Jean\nDupont"),
        ("Two\nlines", 'Dupont, Jean "JD"\r\n'),
        ("暂停引渡条约\n第二行", "张三\u2028李四"),
        ("ئۆتكۈزۈپ بېرىش\r\nشەرتنامىسى", "ئابلىكىم\nئەھمەد"),
    ],
)
def test_eml_headers_are_one_line_and_encoded(subject, name):
    raw = eml_bytes(Letter("en", subject, "Body.", "Ada\nExample", "", name, "member@example.org"))
    head = raw.split(b"\r\n\r\n")[0]
    head.decode("ascii")  # RFC 2047: non-ASCII only inside encoded words
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    message = parse(raw)
    assert message["Subject"] == " ".join(subject.split())
    assert message["To"].addresses[0].display_name == " ".join(name.split())
    assert message["Bcc"] is None and message["From"] is None
    assert {key.lower() for key in message} == {
        "subject", "to", "date", "x-unsent", "content-type", "content-transfer-encoding", "mime-version"
    }  # fmt: skip


def test_eml_carries_non_latin_text_and_the_question():
    raw = eml_bytes(Letter("zh_Hans", "暂停引渡条约", "第一段。", "张三", "", "", "", question="问题？"))
    message = parse(raw)
    assert message["Subject"] == "暂停引渡条约" and message["To"] is None
    heading, end = question_marks("zh_Hans")
    content = message.get_content().replace("\r\n", "\n")  # SMTP line ends
    assert "第一段。" in content and f"--- {heading} ---\n\n问题？\n\n--- {end} ---" in content


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("FR", "suspend-extradition-treaty", "pdf"), "FR-suspend-extradition-treaty-2026-12-07.pdf"),
        (("fr", "pq", "eml", "eu-parliament"), "FR-pq-eu-parliament-2026-12-07.eml"),
        (("DE", "sanctions", "txt", "de-bundestag"), "DE-sanctions-2026-12-07.txt"),
        (("F\u00c9/..", "x y\r\n", "pdf"), "F-x-y-2026-12-07.pdf"),
        (("", "", "eml"), "2026-12-07.eml"),
    ],
)
def test_download_names_say_country_action_and_date_in_ascii(args, name):
    country, action, kind, *chamber = args
    assert download_name(country, action, kind, datetime.date(2026, 12, 7), *chamber) == name


def test_only_line_breaks_are_collapsed_in_headers():
    subject = "Extradition France\u2013Chine\u00a0: je vous demande\nd'intervenir"
    message = parse(eml_bytes(Letter("fr", subject, "Corps.", recipient_email="a@example.org")))
    assert message["Subject"] == "Extradition France\u2013Chine\u00a0: je vous demande d'intervenir"
    assert parse_qs(urlsplit(mailto_head(Letter("fr", subject, ""))).query)["subject"] == [message["Subject"]]
