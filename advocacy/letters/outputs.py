"""Turn a rendered letter into what a campaigner sends: text, a mailto: link, an .eml file.

Salutations and closings come from advocacy.letters.addressing (by language, chamber
and form of address).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

from advocacy.letters import addressing

# Browsers and mail clients cut mailto: links somewhere above 2,000 characters
# (Chrome with Outlook: about 2,046, counted on the percent-encoded link).
MAILTO_LIMIT = 1900
MAILTO_SAFE = "!$'()*,;:@"
# Around the marks that set a draft question apart in plain text: ASCII, so three characters
# in a mailto: link, not nine.
RULE = "---"
LINE_BREAKS = re.compile("[ \t]*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
QUESTION = "pq"  # the written-question action, named by chamber in file names


@dataclass(frozen=True)
class Letter:
    """A finished letter: what the campaigner reviewed and may have edited."""

    locale: str
    subject: str
    body: str
    sender_name: str = ""
    sender_town: str = ""
    recipient_name: str = ""
    recipient_email: str = ""
    chamber: str | None = None
    form_of_address: str = "neutral"
    question: str = ""
    country: str = ""  # for the salutation when no chamber is known (a US letter: "Member of Congress")
    data_version: str = ""  # the data its facts came from, named in the PDF's metadata


def salutation_for(letter: Letter) -> str:
    """Return the letter's opening line for its language, chamber and form of address."""
    return addressing.salutation(
        letter.locale,
        letter.recipient_name,
        chamber=letter.chamber,
        form=letter.form_of_address,
        country=letter.country,
    )


def closing_for(letter: Letter) -> str:
    """Return the letter's closing formula."""
    return addressing.closing(
        letter.locale,
        letter.recipient_name,
        chamber=letter.chamber,
        form=letter.form_of_address,
        country=letter.country,
    )


def paragraphs(text: str) -> list[str]:
    """Split a text into its paragraphs (blank-line separated), trimmed."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def body_paragraphs(letter: Letter) -> list[str]:
    """Return the body's paragraphs (a draft question stands apart: question_paragraphs)."""
    return paragraphs(letter.body)


def question_paragraphs(letter: Letter) -> list[str]:
    """Return the draft question's paragraphs, none if the letter carries no question."""
    return paragraphs(letter.question)


def full_text(letter: Letter) -> str:
    """Assemble salutation, body, closing and signature as plain text, then the question, marked off."""
    signature = "\n".join(part for part in (letter.sender_name, letter.sender_town) if part)
    parts = [salutation_for(letter), *body_paragraphs(letter), closing_for(letter), signature]
    question = question_paragraphs(letter)
    if question:
        # The member tables the draft as it stands: marked lines show where it starts and ends.
        heading, end = addressing.question_marks(letter.locale)
        parts += [f"{RULE} {heading} {RULE}", *question, f"{RULE} {end} {RULE}"]
    return "\n\n".join(p for p in parts if p) + "\n"


def one_line(value: str) -> str:
    """Turn each line break into a space: a header or a mailto: subject is one line."""
    # Only line breaks: a French subject's no-break space before its colon stays as it is.
    return LINE_BREAKS.sub(" ", value).strip()


def _mailto_value(text: str) -> str:
    # RFC 6068: line breaks are CRLF; its "some-delims" may stay as they are ("+" aside,
    # which some programs read as a space), so a letter's commas cost one character, not three.
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe=MAILTO_SAFE)


def mailto_head(letter: Letter) -> str:
    """Build a mailto: link with the address and subject only, for a letter pasted in by hand."""
    address = quote(letter.recipient_email, safe="@") if letter.recipient_email else ""
    return f"mailto:{address}?subject={_mailto_value(one_line(letter.subject))}"


def mailto_url(letter: Letter) -> str | None:
    """Build a mailto: link carrying the whole letter, or None if it cannot fit in one.

    Never a shortened body: a cut letter would be sent without the campaigner knowing.
    """
    url = f"{mailto_head(letter)}&body={_mailto_value(full_text(letter).rstrip())}"
    # The limit applies to the link as the browser hands it on, percent-encoded: a letter in
    # Uyghur or Chinese takes six or nine characters each, so few fit; the page then says so.
    return url if len(url) <= MAILTO_LIMIT else None


def eml_bytes(letter: Letter, now: datetime.datetime | None = None) -> bytes:
    """Build an unsent e-mail draft (.eml), its headers one line each and RFC 2047-encoded."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = one_line(letter.subject)
    # No From: the mail program fills in the campaigner's own account when they send the
    # draft; a made-up address could be sent as it is, and we never ask for theirs.
    if letter.recipient_email:
        name = one_line(letter.recipient_name)
        message["To"] = Address(display_name=name, addr_spec=one_line(letter.recipient_email))
    message["Date"] = format_datetime(now or datetime.datetime.now(datetime.UTC))
    message["X-Unsent"] = "1"  # mail clients open it as a draft to complete and send
    message.set_content(full_text(letter), charset="utf-8")
    return message.as_bytes()


def download_name(country: str, action: str, kind: str, day: datetime.date, chamber: str = "") -> str:
    """Name a download after its country, action (and chamber) and date, in ASCII only."""
    parts = [country.upper(), action, chamber if action == QUESTION else "", day.isoformat()]
    safe = [re.sub(r"[^A-Za-z0-9]+", "-", part).strip("-") for part in parts]
    stem = "-".join(part for part in safe if part) or "letter"
    return f"{stem}.{kind}"
