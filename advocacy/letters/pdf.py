"""Lay a letter out as a real letter and print it to PDF in a worker process."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape

from advocacy.core.formatting import formatting_locale
from advocacy.core.settings import PAGE_TEMPLATES_DIR
from advocacy.letters.addressing import question_marks
from advocacy.letters.outputs import Letter, body_paragraphs, closing_for, question_paragraphs, salutation_for
from advocacy.pdf import ASSETS_DIR, RENDER_TASK

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

ASSETS = Path(ASSETS_DIR)
# A letter past either of these is printed in a pool of its own, one at a time, so that
# ordinary letters never queue behind long (or hostile) ones: many lines cost most to lay out.
LONG_LINES = 80
LONG_CHARACTERS = 8000
LONG_POOL = "long-letters"


def is_long(letter: Letter) -> bool:
    """Tell whether a letter is long enough to be printed apart from ordinary ones."""
    text = letter.body + letter.question
    return text.count("\n") > LONG_LINES or len(text) > LONG_CHARACTERS


@cache
def _environment() -> Environment:
    # The layout is code-owned (not person-editable), so a plain autoescaping environment.
    return Environment(loader=FileSystemLoader(PAGE_TEMPLATES_DIR), autoescape=select_autoescape())


def letter_html(
    letter: Letter, *, recipient_lines: list[str] | None = None, today: datetime.date | None = None
) -> str:
    """Build the letter's HTML: sender, date, recipient, subject, salutation, body, closing, question."""
    locale = Locale.parse(letter.locale)
    lines = recipient_lines if recipient_lines is not None else [letter.recipient_name]
    return (
        _environment()
        .get_template("letters/print.html")
        .render(
            letter=letter,
            lang=letter.locale.replace("_", "-"),
            direction=locale.text_direction,
            date=format_date(
                today or datetime.date.today(), format="long", locale=formatting_locale(letter.locale)
            ),
            recipient_lines=[line for line in lines if line],
            salutation=salutation_for(letter),
            paragraphs=body_paragraphs(letter),
            closing=closing_for(letter),
            question=question_paragraphs(letter),
            question_marks=question_marks(letter.locale),
        )
    )


def letter_pdf(
    letter: Letter, *, recipient_lines: Sequence[str] | None = None, pool: WorkerPool | None = None
) -> bytes:
    """Render a letter to PDF through the given pool, else the shared one (long letters: their own)."""
    from advocacy.core.workers import get_pool

    lines = list(recipient_lines) if recipient_lines is not None else None
    html = letter_html(letter, recipient_lines=lines)
    pool = pool or (get_pool(size=1, name=LONG_POOL) if is_long(letter) else get_pool())
    data: bytes = pool.run(
        RENDER_TASK, html, assets_dir=str(ASSETS), title=letter.subject, lang=letter.locale.replace("_", "-")
    )
    return data
