"""Show a template's placeholders and tags as atomic left-to-right tokens in right-to-left text.

In a Uyghur paragraph the bidi algorithm reorders `{% if personal %}{{ personal }}` and
breaks lines inside `{{ treaty.signed|date }}`. For the editor's text fields (which hold
no markup, and must work without JavaScript) each tag is put between LEFT-TO-RIGHT ISOLATE
and POP DIRECTIONAL ISOLATE, its spaces made no-break and a WORD JOINER put after marks a
line may break at; `restore` takes all of that out again before the text is checked or
saved. For pages (the source and the review) `html_tokens` wraps each tag in an isolated
left-to-right element instead.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

LRI, PDI, WJ, NBSP = "\u2066", "\u2069", "\u2060", "\u00a0"
# A Jinja tag, expression or comment (no nesting in letter templates).
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Marks after which a line may break although no space is there (UAX #14 classes BA, HY, SY).
_BREAKABLE = re.compile(r"([|\-/?!])")
_TOKEN_CONTROLS = re.compile(f"[{LRI}{PDI}{WJ}]")


def display(text: str | None, direction: str = "rtl") -> str:
    """Isolate each tag as an unbreakable left-to-right run (right-to-left text only)."""
    if not text or direction != "rtl":
        return text or ""
    return TAG.sub(lambda match: LRI + _unbreakable(match.group(0)) + PDI, restore(text) or "")


def _unbreakable(tag: str) -> str:
    return _BREAKABLE.sub(lambda m: m.group(1) + WJ, tag.replace(" ", NBSP))


def restore(text: str | None) -> str | None:
    """Undo `display`: drop the isolates and joiners, give the tags back their spaces."""
    if text is None:
        return None
    plain = _TOKEN_CONTROLS.sub("", text)
    return TAG.sub(lambda match: match.group(0).replace(NBSP, " "), plain)


def html_tokens(text: str | None) -> Markup:
    """Escape a template's text with each tag in a left-to-right, isolated, highlighted element."""
    parts, last = [], 0
    source = text or ""
    for match in TAG.finditer(source):
        parts.append(escape(source[last : match.start()]))
        parts.append(Markup('<bdi dir="ltr" class="token">%s</bdi>') % match.group(0))
        last = match.end()
    parts.append(escape(source[last:]))
    return Markup("").join(parts)
