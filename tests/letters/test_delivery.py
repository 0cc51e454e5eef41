"""Text, mailto: links and .eml drafts, read back with the standard library's strict parser."""

from __future__ import annotations

import email
from email.policy import strict
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from advocacy.letters.addressing import salutation
from advocacy.letters.outputs import MAILTO_LIMIT, Letter, eml_bytes, full_text, mailto_url

LETTER = Letter("en", "Suspend the treaty", "First paragraph.\n\nSecond paragraph.", "Ada Example", "Lyon",
                "Jean Dupont", "jean.dupont@example.org")  # fmt: skip


def test_full_text_has_salutation_closing_and_signature():
    assert full_text(LETTER) == (
        "Dear Jean Dupont,\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
        "Yours sincerely,\n\nAda Example\nLyon\n"
    )


def test_neutral_salutation_without_a_name():
    assert salutation("fr", "") == "Madame, Monsieur,"
    assert salutation("de", "") == "Sehr geehrte Damen und Herren,"


def test_mailto_round_trips():
    url, shortened = mailto_url(LETTER, "(shortened)")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and unquote(parts.path) == "jean.dupont@example.org"
    assert query["subject"] == ["Suspend the treaty"]
    assert query["body"] == [full_text(LETTER).rstrip()]
    assert shortened is False


@pytest.mark.parametrize("locale", ["en", "zh_Hans", "ug"])
def test_long_mailto_is_cut_at_a_paragraph(locale):
    body = "\n\n".join(f"Paragraph {i} " + "数据 long text ئۇيغۇر " * 20 for i in range(30))
    url, shortened = mailto_url(Letter(locale, "S", body, "A", "", "B", ""), "[see the full text]")
    assert shortened and len(url) <= MAILTO_LIMIT
    text = parse_qs(urlsplit(url).query)["body"][0]
    assert text.endswith("[see the full text]")
    assert "Paragraph 0" in text


def test_eml_parses_strictly():
    raw = eml_bytes(LETTER)
    message = email.message_from_bytes(raw, policy=strict)
    assert message["Subject"] == "Suspend the treaty"
    assert message["To"].addresses[0].addr_spec == "jean.dupont@example.org"
    assert message["From"] and message["Date"]
    for name in ("Subject", "To", "From", "Date"):
        assert not message[name].defects
    assert "Second paragraph." in message.get_content()


def test_eml_refuses_header_injection():
    hostile = Letter("en", "Hi\r\nBcc: victim@example.org", "Body")
    with pytest.raises(ValueError):
        eml_bytes(hostile)


def test_eml_carries_non_latin_text():
    raw = eml_bytes(Letter("zh_Hans", "暂停引渡条约", "第一段。", "张三", "", "", ""))
    message = email.message_from_bytes(raw, policy=strict)
    assert message["Subject"] == "暂停引渡条约"
    assert "第一段。" in message.get_content()
