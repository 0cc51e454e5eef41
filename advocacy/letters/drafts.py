"""Going back a step without losing edits: which text to show when a letter is previewed again.

The campaigner's edits travel in the page (hidden fields), never on the server. A digest
of the text as it was first made tells whether they edited it, and whether their new
details would make a different text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Draft:
    """The editable parts of a letter: subject, body and the draft question (if any)."""

    subject: str
    body: str
    question: str = ""

    def digest(self) -> str:
        """Fingerprint the text, to tell later whether it was edited."""
        # Browsers send line breaks as CRLF and forms strip the ends: neither is an edit.
        parts = (self.subject, self.body, self.question)
        joined = "\x00".join(part.replace("\r\n", "\n").strip() for part in parts)
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Chosen:
    """The text to preview, and the campaigner's earlier edits when they could not be kept."""

    draft: Draft
    earlier: Draft | None = None


def choose_draft(fresh: Draft, carried: Draft | None, made_from: str) -> Chosen:
    """Keep the campaigner's edits unless their new details changed the letter itself.

    `made_from` is the digest of the text as first made. Unedited text is made afresh;
    edited text is kept when the new details make the same text as before; otherwise the
    fresh text is shown and the edits are handed back, so nothing typed is lost.
    """
    if carried is None or not (carried.subject or carried.body):
        return Chosen(fresh)
    if carried.digest() == made_from:
        return Chosen(fresh)
    if fresh.digest() == made_from:
        return Chosen(carried)
    return Chosen(fresh, earlier=carried)
