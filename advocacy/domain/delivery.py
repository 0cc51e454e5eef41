"""Turn a rendered letter into what a campaigner sends: text, a mailto: link, an .eml file.

Conventions for salutations and closings follow shared/reference/parliaments.md;
where the recipient's form of address is unknown, they stay neutral rather than
guess a gender.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

# locale -> (salutation with a name, salutation without one, closing)
CONVENTIONS: dict[str, tuple[str, str, str]] = {
    "en": ("Dear {name},", "Dear Member of Parliament,", "Yours sincerely,"),
    "fr": ("{name},", "Madame, Monsieur,", "Je vous prie d'agréer l'expression de ma haute considération."),
    "de": ("Sehr geehrte*r {name},", "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen"),
    "es": ("Estimado/a {name}:", "Estimado/a diputado/a:", "Atentamente,"),
    "nl": ("Geachte {name},", "Geachte heer, mevrouw,", "Met vriendelijke groet,"),
    "pl": ("Szanowni Państwo,", "Szanowni Państwo,", "Z wyrazami szacunku"),
    "sv": ("Bästa {name},", "Hej,", "Med vänliga hälsningar"),
    "zh_Hans": ("尊敬的{name}：", "尊敬的议员：", "此致\n敬礼"),
    "zh_Hant": ("尊敬的{name}：", "尊敬的議員：", "此致\n敬禮"),
    "ug": ("ھۆرمەتلىك {name}،", "ھۆرمەتلىك پارلامېنت ئەزاسى،", "ھۆرمەت بىلەن"),
}
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


def salutation(locale: str, recipient_name: str) -> str:
    """Return the opening line for the locale, neutral when no name is known."""
    with_name, without, _ = CONVENTIONS.get(locale, CONVENTIONS["en"])
    return with_name.format(name=recipient_name) if recipient_name else without


def closing(locale: str) -> str:
    """Return the closing formula for the locale."""
    return CONVENTIONS.get(locale, CONVENTIONS["en"])[2]


def full_text(letter: Letter) -> str:
    """Assemble salutation, body, closing and signature as plain text."""
    signature = "\n".join(part for part in (letter.sender_name, letter.sender_town) if part)
    parts = [
        salutation(letter.locale, letter.recipient_name),
        letter.body.strip(),
        closing(letter.locale),
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
