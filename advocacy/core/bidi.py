"""Keep inserted runs from reordering the sentence around them in mixed-direction text.

A Latin name, a date or a number inside a Uyghur sentence (or Arabic-script text inside a
French one) is reordered together with its neighbours by the Unicode bidirectional
algorithm: "10,105" and "2014 – 2022" come out scrambled. Wrapping the run in FIRST STRONG
ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069) makes it one neutral unit that keeps its
own order inside and leaves the sentence's order alone: in HTML, PDFs, plain text and e-mail.
"""

from __future__ import annotations

import unicodedata

FSI, PDI = "\u2068", "\u2069"
RIGHT_TO_LEFT = frozenset({"R", "AL"})
# Inside right-to-left text, left-to-right letters and numbers both need isolating.
LEFT_TO_RIGHT = frozenset({"L", "EN", "AN"})


def needs_isolating(text: str, rtl: bool) -> bool:
    """Tell whether text holds a run whose direction differs from the surrounding text's."""
    opposite = LEFT_TO_RIGHT if rtl else RIGHT_TO_LEFT
    return any(unicodedata.bidirectional(char) in opposite for char in text)


def isolate(text: str, rtl: bool) -> str:
    """Wrap text in an isolate when it would otherwise reorder the sentence it is put into."""
    if not text or (text.startswith(FSI) and text.endswith(PDI)) or not needs_isolating(text, rtl):
        return text
    return f"{FSI}{text}{PDI}"


def without_isolates(text: str) -> str:
    """Remove the isolates this module adds (for comparing or searching text)."""
    return text.replace(FSI, "").replace(PDI, "")
