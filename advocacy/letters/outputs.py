"""Turn a rendered letter into what a campaigner sends: text, a mailto: link, an .eml file.

Salutations and closings come from advocacy.letters.addressing (by language, chamber
and form of address).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

from advocacy.letters import addressing

# Browsers and mail clients cut mailto: links somewhere above 2,000 characters.
MAILTO_LIMIT = 1900


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


def salutation_for(letter: Letter) -> str:
    """Return the letter's opening line for its language, chamber and form of address."""
    return addressing.salutation(
        letter.locale, letter.recipient_name, chamber=letter.chamber, form=letter.form_of_address
    )


def closing_for(letter: Letter) -> str:
    """Return the letter's closing formula."""
    return addressing.closing(
        letter.locale, letter.recipient_name, chamber=letter.chamber, form=letter.form_of_address
    )


def body_paragraphs(letter: Letter) -> list[str]:
    """Return the body's paragraphs, then the draft question's, if the letter carries one."""
    text = letter.body.strip() + ("\n\n" + letter.question.strip() if letter.question.strip() else "")
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def full_text(letter: Letter) -> str:
    """Assemble salutation, body, closing and signature as plain text."""
    signature = "\n".join(part for part in (letter.sender_name, letter.sender_town) if part)
    parts = [
        salutation_for(letter),
        *body_paragraphs(letter),
        closing_for(letter),
        signature,
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def mailto_url(letter: Letter, notice: str) -> tuple[str, bool]:
    """Build a mailto: link; a body too long for one keeps its first paragraphs, then notice.

    Returns the URL and whether the body was shortened.
    """
    address = quote(letter.recipient_email, safe="@") if letter.recipient_email else ""
    head = f"mailto:{address}?subject={quote(letter.subject, safe='')}"
    paragraphs = full_text(letter).rstrip().split("\n\n")
    for keep in range(len(paragraphs), -1, -1):
        shortened = keep < len(paragraphs)
        body = "\n\n".join(paragraphs[:keep] + ([notice] if shortened else []))
        url = f"{head}&body={quote(body, safe='')}"
        if len(url) <= MAILTO_LIMIT:
            return url, shortened
    return head, True


def eml_bytes(letter: Letter, now: datetime.datetime | None = None) -> bytes:
    """Build an unsent e-mail draft (.eml); header injection is refused by the SMTP policy."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = letter.subject
    message["From"] = Address(display_name=letter.sender_name or "", addr_spec="sender@invalid")
    if letter.recipient_email:
        message["To"] = Address(display_name=letter.recipient_name or "", addr_spec=letter.recipient_email)
    message["Date"] = format_datetime(now or datetime.datetime.now(datetime.UTC))
    message["X-Unsent"] = "1"  # mail clients open it as a draft to complete and send
    message.set_content(full_text(letter), charset="utf-8")
    return message.as_bytes()
