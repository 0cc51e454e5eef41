"""Show a template's placeholders and tags as atomic left-to-right tokens in right-to-left text.

In a Uyghur paragraph the bidi algorithm reorders `{% if personal %}{{ personal }}` and
breaks lines inside `{{ treaty.signed|date }}`. For the editor's text fields (which hold
no markup, and must work without JavaScript) each run of tags (tags with only spaces
between them, read left to right as code is) is put between LEFT-TO-RIGHT ISOLATE and POP
DIRECTIONAL ISOLATE, the spaces inside its tags made no-break and a WORD JOINER put after
marks a line may break at (a run longer than a line still wraps between two tags);
`restore` takes all of that out again before the text is checked or saved. For
pages (the source and the review) `html_tokens` wraps each run in an isolated left-to-right
element, each tag in it highlighted. (Isolating each tag of a run on its own would show
`{{ personal }}{% if personal %}` again, and Chromium mirrors a brace between two isolates.)
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

LRI, PDI, WJ, NBSP = "\u2066", "\u2069", "\u2060", "\u00a0"
# A Jinja tag, expression or comment (no nesting in letter templates).
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Tags with only spaces (or the no-break spaces `display` puts) between them, read as one run.
RUN = re.compile(f"(?:{TAG.pattern})(?:[ \t{NBSP}]*(?:{TAG.pattern}))*", re.DOTALL)
# Marks after which a line may break although no space is there (UAX #14 classes BA, HY, SY).
_BREAKABLE = re.compile(r"([|\-/?!])")
_TOKEN_CONTROLS = re.compile(f"[{LRI}{PDI}{WJ}]")


def display(text: str | None, direction: str = "rtl") -> str:
    """Isolate each run of tags as an unbreakable left-to-right token (right-to-left text only)."""
    if not text or direction != "rtl":
        return text or ""
    return RUN.sub(lambda match: LRI + _unbreakable(match.group(0)) + PDI, restore(text) or "")


def _unbreakable(run: str) -> str:
    """Make each tag of a run unbreakable; a long run may still wrap between its tags."""
    return TAG.sub(lambda tag: _BREAKABLE.sub(r"\1" + WJ, tag.group(0).replace(" ", NBSP)), run)


def restore(text: str | None) -> str | None:
    """Undo `display`: drop the isolates and joiners, give the runs of tags back their spaces.

    Text without isolates (never shown as tokens) is left as it is, its no-break spaces too.
    """
    if text is None or not _TOKEN_CONTROLS.search(text):
        return text
    plain = _TOKEN_CONTROLS.sub("", text)
    return RUN.sub(lambda match: match.group(0).replace(NBSP, " "), plain)


def html_tokens(text: str | None) -> Markup:
    """Escape a template's text with each run of tags in an isolated left-to-right element,
    each tag in it highlighted."""
    parts, last = [], 0
    source = text or ""
    for match in RUN.finditer(source):
        parts.append(escape(source[last : match.start()]))
        parts.append(_RUN_HTML % _tags_html(match.group(0)))
        last = match.end()
    parts.append(escape(source[last:]))
    return Markup("").join(parts)


_RUN_HTML = Markup('<bdi dir="ltr" class="token-run">%s</bdi>')
_TAG_HTML = Markup('<span class="token">%s</span>')


def _tags_html(run: str) -> Markup:
    parts, last = [], 0
    for match in TAG.finditer(run):
        parts.append(escape(run[last : match.start()]))
        parts.append(_TAG_HTML % match.group(0))
        last = match.end()
    parts.append(escape(run[last:]))
    return Markup("").join(parts)
