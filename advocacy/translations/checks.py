"""Check a translated letter or question template against its English source (no Flask, no DB).

Errors block saving: the draft does not parse in the sandbox, its placeholders or control
structure differ from the source's, it renders with an error, or a question is over its
chamber's limits. Warnings need a reason to be dismissed: unchanged from the source, end
punctuation or a number of paragraphs that differs, or a glossary term not rendered with
the locale's established term. Messages name placeholders as the translator sees them
(`{{ sender.town }}`), never the template engine's internals.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from advocacy.core.sandbox import TemplateError, check_syntax
from advocacy.letters.questions import Limits, measure
from advocacy.letters.template import (
    LetterTemplate,
    RenderedLetter,
    letter_environment,
    render_letter,
    template_structure,
)
from advocacy.translations.findings import Finding, Translate, untranslated
from advocacy.translations.glossary import GLOSSARY, glossary_findings

__all__ = ["GLOSSARY", "Finding", "check_translation", "end_mark", "glossary_findings", "source_diff"]

ERROR_CODES = ("syntax", "structure", "too-long", "render")
WARNING_CODES = ("unchanged", "end-punctuation", "paragraphs", "glossary")

# Sentence-final marks in other scripts, mapped to the Latin mark they stand for.
_EQUIVALENT_MARKS = {"。": ".", "．": ".", "？": "?", "؟": "?", "！": "!", "：": ":", "؛": ";", "۔": "."}
# Closing quotes and brackets that may follow a sentence's mark.
_CLOSERS = re.compile("[\\s\"'»«”’)）」』】\\]›]+$")


def check_translation(
    source: LetterTemplate,
    draft: LetterTemplate,
    context: Mapping[str, Any],
    limits: Limits | None,
    *,
    translate: Translate = untranslated,
) -> list[Finding]:
    """Check a draft translation against its source, rendered with a sample context.

    `translate` is a gettext function (msgid, **values) for the messages; English by default.
    """
    _ = translate
    problem = _syntax_problem(draft, _)
    if problem:
        return [Finding("error", "syntax", problem)]
    findings = _structure_findings(source, draft, _)
    try:
        rendered = render_letter(draft, context)
    except TemplateError as error:
        if findings and str(error).startswith(UNKNOWN_PLACEHOLDER):
            return findings  # the structure error already names the placeholder the data lacks
        return [*findings, Finding("error", "render", _render_message(str(error), draft, _))]
    if limits is not None and draft.kind == "question":
        findings += _length_findings(rendered.body, limits, _)
    try:
        original = render_letter(source, context)
    except TemplateError:
        original = None  # the source's own fault; its text then stands in for the rendering
    if (draft.subject.strip(), draft.body.strip()) == (source.subject.strip(), source.body.strip()):
        findings.append(
            Finding("warning", "unchanged", _("The translation is identical to the English source."))
        )
    if original is not None:
        findings += _punctuation_findings(original.body, rendered.body, draft.locale, _)
    # The translator's own words only: the facts the placeholders bring are the same in every
    # language (data is English until it is translated), and a source's title such as
    # "Involuntary Returns (2022)" is a name, not a term to translate.
    findings += glossary_findings(_joined(source, None), _joined(draft, None), draft.locale, _)
    return findings


UNKNOWN_PLACEHOLDER = "unknown placeholder:"
_UNDEFINED = re.compile(r"'(?P<name>\w+)' is undefined|has no attribute '(?P<attr>\w+)'")


def _render_message(error: str, draft: LetterTemplate, _: Translate) -> str:
    """Say why a draft fails to render in the translator's terms (the placeholder, not the engine)."""
    found = _UNDEFINED.search(error) if error.startswith(UNKNOWN_PLACEHOLDER) else None
    if found is None:
        return _("The translation fails to render: %(error)s", error=error)
    wanted = found.group("name") or found.group("attr")
    used = [p.split("|")[0] for p in placeholders(draft)]
    named = next((p for p in used if p.split(".")[-1] == wanted or p.split(".")[0] == wanted), wanted)
    return _(
        "The placeholder %(placeholder)s is not in the letter's data: use the placeholders"
        " of the English source, spelled as there.",
        placeholder=braces(named),
    )


def braces(placeholder: str) -> str:
    """Write a placeholder as the translator types it: `{{ sender.town }}`."""
    return "{{ " + placeholder + " }}"


def _joined(template: LetterTemplate, rendered: RenderedLetter | None) -> str:
    parts = [template.subject, template.body]
    if rendered is not None:
        parts += [rendered.subject, rendered.body]
    return "\n\n".join(parts)


def _syntax_problem(draft: LetterTemplate, _: Translate) -> str | None:
    """Say why the draft does not parse in the sandbox, or None."""
    if "\n" in draft.subject.strip():
        return _("The subject must be a single line.")
    if not draft.subject.strip() or not draft.body.strip():
        return _("The subject and the text must not be empty.")
    environment = letter_environment(draft.locale)
    try:
        check_syntax(environment, draft.subject)
    except TemplateError as error:
        return _("The subject does not parse: %(error)s", error=str(error))
    try:
        check_syntax(environment, draft.body)
    except TemplateError as error:
        return _("The text does not parse: %(error)s", error=str(error))
    return None


def _structure_findings(source: LetterTemplate, draft: LetterTemplate, _: Translate) -> list[Finding]:
    """Compare placeholders, attribute paths, filters and control structure with the source's."""
    expected, found = template_structure(source), template_structure(draft)
    if expected == found:
        return []
    wanted, used = Counter(placeholders(source)), Counter(placeholders(draft))
    parts = []
    if wanted - used:
        names = ", ".join(braces(p) for p in sorted(wanted - used))
        parts.append(_("The English source has %(names)s, which the translation lacks.", names=names))
    if used - wanted:
        names = ", ".join(braces(p) for p in sorted(used - wanted))
        parts.append(
            _(
                "The translation has %(names)s, which is not in the English source: check its spelling.",
                names=names,
            )
        )
    if not parts:
        parts.append(
            _(
                "The conditions (if), lists (for) or formats (such as |date) are not the same as in"
                " the English source, or not in the same order."
            )
        )
    return [Finding("error", "structure", " ".join(parts))]


def placeholders(template: LetterTemplate) -> list[str]:
    """List each use of a placeholder, such as `sender.town` or `treaty.in_force|date`, in order."""
    from jinja2 import nodes

    environment = letter_environment(template.locale)
    found: list[str] = []
    for text in (template.subject, template.body):
        inner: set[int] = set()  # the `treaty` in `treaty.in_force`: part of an expression already listed
        for node in environment.parse(text).find_all((nodes.Getattr, nodes.Name, nodes.Filter)):
            if isinstance(node, nodes.Getattr | nodes.Filter) and node.node is not None:
                inner.add(id(node.node))
            path = None if id(node) in inner else _path(node)
            if path:
                found.append(path)
    return found


def _path(node: Any) -> str | None:
    from jinja2 import nodes

    if isinstance(node, nodes.Filter):
        inner = _path(node.node) if node.node is not None else None
        return f"{inner}|{node.name}" if inner else None
    if isinstance(node, nodes.Getattr):
        inner = _path(node.node)
        return f"{inner}.{node.attr}" if inner else None
    if isinstance(node, nodes.Name):
        return node.name
    return None


def _length_findings(body: str, limits: Limits, _: Translate) -> list[Finding]:
    """Refuse a question over its chamber's word or sub-question limit."""
    count = measure(body, limits)
    findings = []
    if count.too_many_words:
        message = _(
            "The question has %(words)d words; the chamber accepts at most %(limit)d.",
            words=count.words,
            limit=limits.words,
        )
        findings.append(Finding("error", "too-long", message))
    if count.too_many_subquestions:
        message = _(
            "The question asks %(count)d questions; the chamber accepts at most %(limit)d.",
            count=count.subquestions,
            limit=limits.subquestions,
        )
        findings.append(Finding("error", "too-long", message))
    return findings


def end_mark(paragraph: str, locale: str = "") -> str:
    """Return the mark a paragraph ends with (".", "?", "!", ":", ";", ","), or "" for none."""
    text = _CLOSERS.sub("", paragraph)
    if not text:
        return ""
    if locale == "el" and text[-1] in ";\u037e":
        return "?"  # the Greek question mark looks like a semicolon
    last = _EQUIVALENT_MARKS.get(text[-1], text[-1])
    return last if last in ".?!:;," else ""


def _punctuation_findings(source_body: str, draft_body: str, locale: str, _: Translate) -> list[Finding]:
    """Warn where paragraphs end with other punctuation than the source's, or their number differs."""
    ours = [p for p in draft_body.split("\n\n") if p.strip()]
    theirs = [p for p in source_body.split("\n\n") if p.strip()]
    if len(ours) != len(theirs):
        message = _(
            "The letter has %(ours)d paragraphs in translation but %(theirs)d in English: paragraphs are"
            " separated by an empty line; join or split them as the English does.",
            ours=len(ours),
            theirs=len(theirs),
        )
        return [Finding("warning", "paragraphs", message)]
    differing = [
        number
        for number, (mine, original) in enumerate(zip(ours, theirs, strict=True), start=1)
        if end_mark(mine, locale) != end_mark(original)
    ]
    if not differing:
        return []
    numbers = ", ".join(str(n) for n in differing)
    message = _(
        "Paragraph(s) %(numbers)s end with another punctuation mark than in English (a full stop,"
        " question mark or colon there).",
        numbers=numbers,
    )
    return [Finding("warning", "end-punctuation", message)]


def source_diff(old: LetterTemplate | None, new: LetterTemplate) -> list[str]:
    """Show what changed in the source (subject and body) as unified diff lines."""
    if old is None:
        return []
    before = [f"subject: {old.subject}", "---", *old.body.splitlines()]
    after = [f"subject: {new.subject}", "---", *new.body.splitlines()]
    if before == after:
        return []
    label = f"{new.locale}/{new.name}"
    return list(
        difflib.unified_diff(
            before, after, f"{label} ({old.revision})", f"{label} ({new.revision})", lineterm=""
        )
    )
