"""Check a translated letter or question template against its English source (no Flask, no DB).

Errors block saving: the draft does not parse in the sandbox, its placeholders or control
structure differ from the source's, it renders with an error, or a question is over its
chamber's limits. Warnings need a reason to be dismissed: unchanged from the source, end
punctuation that differs, or a glossary term not rendered with the locale's established term.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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

ERROR_CODES = ("syntax", "structure", "too-long", "render")
WARNING_CODES = ("unchanged", "end-punctuation", "glossary")

# Term id -> locale folder -> accepted renderings, matched case-insensitively as substrings
# of the text (so "persuad" accepts persuader, persuadé; "Aufsichtskommission" its declined
# forms). From shared/reference/glossary.md; where it has "no source" for a locale the
# English name is kept, as its notes ask ("do not coin one"), or the Chinese name in
# brackets. Contested: the NSC has four English names (all accepted); nl "Nationale
# Commissie voor Surveillance" predates the body; de "Skynet" and "Sky Net" are both in
# use; the German "überreden" is the critics' word, the PRC's own is "Überzeugungsarbeit";
# 劝返 is the PRC's euphemism (quote it, never neutral "persuasion").
_SKY_NET = ("Sky Net", "Skynet")
_NSC_EN = (
    "National Supervisory Commission",
    "National Commission of Supervision",
    "National Supervision Commission",
)
_NSC_UNSOURCED = (*_NSC_EN, "国家监察委员会")
GLOSSARY: dict[str, dict[str, tuple[str, ...]]] = {
    "sky-net": {
        "en": _SKY_NET, "fr": _SKY_NET, "de": _SKY_NET, "es": _SKY_NET, "nl": _SKY_NET,
        "pl": _SKY_NET, "sv": _SKY_NET, "ug": _SKY_NET,
        "zh_Hans": ("天网",), "zh_Hant": ("天網",),
    },
    "fox-hunt": {
        "en": ("Fox Hunt",), "fr": ("Chasse aux renards",), "de": ("Fuchsjagd",),
        "es": ("Fox Hunt", "Caza del Zorro"), "nl": ("Fox Hunt",), "pl": ("Polowanie na lisa",),
        "sv": ("Fox Hunt",), "ug": ("Fox Hunt",), "zh_Hans": ("猎狐",), "zh_Hant": ("獵狐",),
    },
    "national-supervisory-commission": {
        "en": _NSC_EN, "fr": ("Commission nationale de supervision",),
        "de": ("Aufsichtskommission",), "es": ("Comisión Nacional de Supervisión",),
        "nl": ("Nationale Commissie voor Surveillance",),
        "pl": ("Komisja Nadzoru", "Komisji Nadzoru", "Komisją Nadzoru", "Komisję Nadzoru"),
        "sv": _NSC_UNSOURCED, "ug": _NSC_UNSOURCED,
        "zh_Hans": ("国家监察委员会", "国家监委"), "zh_Hant": ("國家監察委員會", "國家監委"),
    },
    "persuaded-to-return": {
        "en": ("persuaded to return", "persuasion to return"), "fr": ("persuad",),
        "de": ("überred",), "es": ("persuad",), "nl": ("overtuig",),
        "pl": ("persuaded to return",), "sv": ("persuaded to return",), "ug": ("persuaded to return",),
        "zh_Hans": ("劝返",), "zh_Hant": ("勸返",),
    },
}  # fmt: skip

# Sentence-final marks in other scripts, mapped to the Latin mark they stand for.
_EQUIVALENT_MARKS = {"。": ".", "．": ".", "？": "?", "؟": "?", "！": "!", "：": ":", "؛": ";", "۔": "."}
# Closing quotes and brackets that may follow a sentence's mark.
_CLOSERS = re.compile("[\\s\"'»«”’)）」』】\\]›]+$")


Translate = Callable[..., str]  # gettext-like: (msgid, **values) -> text


def _untranslated(message: str, **values: object) -> str:
    """Format a message in English (the default when no gettext is passed in)."""
    return message % values if values else message


@dataclass(frozen=True)
class Finding:
    """One result of checking a translation: an error blocks saving, a warning needs a reason."""

    level: str  # "error" | "warning"
    code: str
    message: str


def check_translation(
    source: LetterTemplate,
    draft: LetterTemplate,
    context: Mapping[str, Any],
    limits: Limits | None,
    *,
    translate: Translate = _untranslated,
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
        message = _("The translation fails to render: %(error)s", error=str(error))
        return [*findings, Finding("error", "render", message)]
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
    # The template text covers the branches this country's data leaves out; the rendering, the facts.
    source_text = _joined(source, original)
    findings += glossary_findings(source_text, _joined(draft, rendered), draft.locale, _)
    return findings


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
        parts.append(_("missing: %(names)s", names=", ".join(sorted(wanted - used))))
    if used - wanted:
        parts.append(_("not in the source: %(names)s", names=", ".join(sorted(used - wanted))))
    if not parts:
        parts.append(_("the conditions, loops or filters are not the same or not in the same order"))
    message = _(
        "The placeholders or structure differ from the source's: %(details)s.", details="; ".join(parts)
    )
    return [Finding("error", "structure", message)]


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
            "The translation has %(ours)d paragraphs where the source has %(theirs)d.",
            ours=len(ours),
            theirs=len(theirs),
        )
        return [Finding("warning", "end-punctuation", message)]
    differing = [
        number
        for number, (mine, original) in enumerate(zip(ours, theirs, strict=True), start=1)
        if end_mark(mine, locale) != end_mark(original)
    ]
    if not differing:
        return []
    numbers = ", ".join(str(n) for n in differing)
    message = _("Paragraph(s) %(numbers)s end with other punctuation than the source's.", numbers=numbers)
    return [Finding("warning", "end-punctuation", message)]


def glossary_findings(
    source_text: str, draft_text: str, locale: str, _: Translate = _untranslated
) -> list[Finding]:
    """Warn for each glossary term the source uses that the draft does not render as established."""
    findings = []
    for renderings in GLOSSARY.values():
        accepted = renderings.get(locale)
        if not accepted or not _contains_any(source_text, renderings["en"]):
            continue
        if not _contains_any(draft_text, accepted):
            expected = ", ".join(f"“{a}”" for a in accepted)
            message = _(
                "The source names %(term)s; the established term here is %(expected)s.",
                term=renderings["en"][0],
                expected=expected,
            )
            findings.append(Finding("warning", "glossary", message))
    return findings


def _contains_any(text: str, terms: tuple[str, ...]) -> bool:
    folded = _fold(text)
    return any(_fold(term) in folded for term in terms)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


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
