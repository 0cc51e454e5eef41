"""Letter and question templates: the file format, and rendering one with facts.

A template file is a small header, a line `---`, then a plain-text Jinja body:

    subject: Suspend the extradition treaty between {{ country.name }} and China
    kind: letter
    review: source
    ---
    I am writing to ask you ...

Header keys: subject (a Jinja line), kind (letter or question), review (source for
the English originals; not-reviewed or approved for translations), and
translated-from (the source revision a translation follows). Translators edit
words; layouts for the page, e-mail and PDF belong to the code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from advocacy.core.bidi import isolate
from advocacy.core.formatting import format_number, format_partial_date
from advocacy.core.sandbox import LimitedEnvironment, TemplateError, make_environment, render

SOURCE_LOCALE = "en"
HEADER_KEYS = {"subject", "kind", "review", "translated-from"}
KINDS = {"letter", "question"}
REVIEW_STATES = {"source", "not-reviewed", "approved"}


@dataclass(frozen=True)
class LetterTemplate:
    """One template file: its header and body."""

    name: str
    locale: str
    subject: str
    kind: str
    review: str
    body: str
    translated_from: str | None = None

    @property
    def revision(self) -> str:
        """Identify this text, so a translation can say which source it follows."""
        return hashlib.sha256(f"{self.subject}\n{self.body}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class RenderedLetter:
    """A letter's subject and body, rendered in its locale."""

    subject: str
    body: str
    locale: str
    review: str


def parse_template(text: str, name: str, locale: str) -> LetterTemplate:
    """Read a template file's header and body, or raise TemplateError."""
    head, separator, body = text.partition("\n---\n")
    if not separator:
        raise TemplateError("the header must end with a line '---'", 1)
    header: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS:
            raise TemplateError(
                f"unknown header line {line!r} (allowed: {', '.join(sorted(HEADER_KEYS))})", number
            )
        header[key.strip()] = value.strip()
    for key in ("subject", "kind", "review"):
        if not header.get(key):
            raise TemplateError(f"the header needs '{key}:'", 1)
    if header["kind"] not in KINDS or header["review"] not in REVIEW_STATES:
        raise TemplateError(
            "kind must be letter or question; review must be source, not-reviewed or approved", 1
        )
    return LetterTemplate(
        name, locale, header["subject"], header["kind"], header["review"], body, header.get("translated-from")
    )


def template_path(root: Path, locale: str, name: str) -> Path:
    """Return where a template lives: templates/letters/<locale>/<name>.txt."""
    return root / locale / f"{name}.txt"


def load_template(root: Path, locale: str, name: str) -> LetterTemplate:
    """Load a template, falling back to English when the locale has none."""
    path = template_path(root, locale, name)
    if not path.exists():
        path, locale = template_path(root, SOURCE_LOCALE, name), SOURCE_LOCALE
    return parse_template(path.read_text(encoding="utf-8"), name, locale)


def available_templates(root: Path, locale: str = SOURCE_LOCALE) -> list[str]:
    """List the template names a locale folder has."""
    return sorted(p.stem for p in (root / locale).glob("*.txt"))


def available_languages(root: Path) -> frozenset[str]:
    """List the languages that have at least one template (letter or question)."""
    return frozenset(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.txt")))


@cache
def letter_environment(locale: str) -> LimitedEnvironment:
    """Create the sandbox with the locale-aware filters a letter may use.

    Each inserted value whose direction differs from the letter's (a Latin name or a number in
    Uyghur, an Arabic-script town in French) is isolated, so it cannot reorder the sentence.
    """
    rtl = Locale.parse(locale).text_direction == "rtl"
    return make_environment(
        filters={
            "date": lambda value: format_partial_date(value, locale) if value else "",
            "number": lambda value: format_number(value, locale),
        },
        finalize=lambda value: isolate(str(value), rtl),
    )


def render_letter(
    template: LetterTemplate, context: Mapping[str, Any], *, seconds: float = 2.0
) -> RenderedLetter:
    """Render a template's subject and body with the facts and the sender's details."""
    environment = letter_environment(template.locale)
    subject = render(environment, template.subject, context, seconds=seconds).strip()
    body = render(environment, template.body, context, seconds=seconds)
    return RenderedLetter(subject, tidy_paragraphs(body), template.locale, template.review)


def tidy_paragraphs(text: str) -> str:
    """Collapse the blank lines that template conditions leave, keeping paragraphs."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def template_structure(template: LetterTemplate) -> list[str]:
    """List a template's placeholders and control structure, ignoring its words.

    A translation must keep the source's structure: the same attribute paths,
    filters, conditions and loops in the same order.
    """
    from jinja2 import nodes

    environment = letter_environment(template.locale)
    shape: list[str] = []
    for source in (template.subject, template.body):
        for node in environment.parse(source).find_all(nodes.Node):
            if isinstance(node, nodes.TemplateData | nodes.Output | nodes.Template):
                continue
            shape.append(_describe(node))
    return shape


def _describe(node: Any) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return f"name:{node.name}"
    if isinstance(node, nodes.Getattr):
        return f"attr:{node.attr}"
    if isinstance(node, nodes.Filter):
        return f"filter:{node.name}"
    if isinstance(node, nodes.Const):
        return f"const:{node.value!r}" if not isinstance(node.value, str) else "const:str"
    return type(node).__name__
