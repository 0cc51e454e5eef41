"""Show what a revision changes in the approved text, word by word, as escaped HTML with ins/del.

Words are compared whole, Chinese characters one by one (no spaces between words there),
each run of template tags as one piece (shown as a left-to-right token, as in the editor).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from advocacy.translations.tokens import RUN, TAG, html_tokens

_PIECE = re.compile(
    RUN.pattern + r"|\s+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|\w+|[^\w\s]",
    re.DOTALL,
)


@dataclass(frozen=True)
class TextDiff:
    """The subject's and the body's changes; `changed` is False when the texts are the same."""

    subject: Markup
    body: Markup
    changed: bool


def pieces(text: str) -> list[str]:
    """Cut a text into the pieces the diff compares (they join back into the text)."""
    return _PIECE.findall(text)


_MARKED = {"del": Markup("<del>%s</del>"), "ins": Markup("<ins>%s</ins>")}


def _piece_html(piece: str) -> Markup:
    return html_tokens(piece) if TAG.match(piece) else escape(piece)


def _run(parts: list[str], element: str | None) -> Markup:
    html = Markup("").join(_piece_html(part) for part in parts)
    return _MARKED[element] % html if element and parts else html


def inline_diff(old: str, new: str) -> Markup:
    """Mark what `new` removes from `old` with <del> and what it adds with <ins>, escaping both."""
    before, after = pieces(old), pieces(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            out.append(_run(after[b1:b2], None))
            continue
        out.append(_run(before[a1:a2], "del"))
        out.append(_run(after[b1:b2], "ins"))
    return Markup("").join(out)


def text_diff(old_subject: str, old_body: str, new_subject: str, new_body: str) -> TextDiff:
    """Compare a revision's subject and body with the approved ones."""
    return TextDiff(
        inline_diff(old_subject, new_subject),
        inline_diff(old_body, new_body),
        (old_subject, old_body) != (new_subject, new_body),
    )
