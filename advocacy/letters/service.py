"""Compose a letter for a country and action from the database (used by views and CLI)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import Chamber, Figure, Ruling
from advocacy.countries.repository import Dossier, load_dossier
from advocacy.letters.context import build_context
from advocacy.letters.questions import COVER_TEMPLATE, Limits, question_languages, question_template
from advocacy.letters.template import LetterTemplate, RenderedLetter, render_letter


class UnknownLetter(LookupError):
    """No such country, or the action does not fit it."""


def letter_people(
    *,
    sender_name: str = "",
    sender_town: str = "",
    recipient_name: str = "",
    recipient_title: str = "",
    recipient_address: str = "",
    recipient_email: str = "",
    personal: str = "",
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """Gather what the campaigner typed into the shape templates expect."""
    return {
        "sender": {"name": sender_name, "town": sender_town},
        "recipient": {
            "name": recipient_name,
            "title": recipient_title,
            "address": recipient_address,
            "email": recipient_email,
        },
        "personal": personal.strip(),
        "today": (today or datetime.date.today()).isoformat(),
    }


def compose(
    session: Session,
    templates_root: Path,
    *,
    code: str,
    action: str,
    locale: str,
    people: dict[str, Any],
    chamber: str | None = None,
) -> RenderedLetter:
    """Render the letter for an action that fits the country, in the locale."""
    dossier = load_dossier(session, code)
    if dossier is None:
        raise UnknownLetter(f"no data for country {code!r}")
    if not any(a.id == action and (chamber is None or a.chamber == chamber) for a in dossier.actions):
        raise UnknownLetter(f"the action {action!r} does not fit {code}")
    template, review = served(session, templates_root, action, locale)
    context = letter_context(session, dossier, locale, people, chamber)
    return replace(render_letter(template, context), review=review)


def served(session: Session, templates_root: Path, name: str, locale: str) -> tuple[LetterTemplate, str]:
    """Pick the text campaigners get and its review notice: source, approved, not-reviewed or english."""
    from advocacy.translations.revisions import served_template

    found = served_template(session, templates_root, name, locale)
    if found.notice == "approved":
        return found.template, found.template.review  # "source" for English itself
    return found.template, found.notice


def letter_context(
    session: Session, dossier: Dossier, locale: str, people: dict[str, Any], chamber: str | None
) -> dict[str, Any]:
    """Build the facts and people a letter template sees."""
    return build_context(
        code=dossier.code,
        locale=locale,
        instruments=dossier.instruments,
        rulings=dossier.rulings,
        all_rulings=list(session.scalars(select(Ruling).order_by(Ruling.date))),
        public_cases=dossier.cases,
        figures=session.scalars(select(Figure).where(Figure.scope == "WORLD")),
        people=people,
        chamber=next((c for c in dossier.chambers if c.id == chamber), None),
    )


@dataclass(frozen=True)
class DraftQuestion:
    """A covering letter to a member and the written question it asks them to table."""

    cover: RenderedLetter
    question: RenderedLetter
    chamber: Chamber
    limits: Limits


def compose_question(
    session: Session,
    templates_root: Path,
    *,
    code: str,
    chamber: str,
    locale: str,
    people: dict[str, Any],
) -> DraftQuestion:
    """Render a chamber's written question and its covering letter in the same language."""
    dossier = load_dossier(session, code)
    if dossier is None:
        raise UnknownLetter(f"no data for country {code!r}")
    if not any(a.id == "pq" and a.chamber == chamber for a in dossier.actions):
        raise UnknownLetter(f"{code} has no written-question procedure in {chamber!r}")
    found = next(c for c in dossier.chambers if c.id == chamber)
    if locale not in question_languages(templates_root, chamber, found.languages.split()):
        raise UnknownLetter(f"no question for {chamber!r} in {locale!r}")
    context = letter_context(session, dossier, locale, people, chamber)
    rendered = []
    for name in (question_template(chamber), COVER_TEMPLATE):
        template, review = served(session, templates_root, name, locale)
        rendered.append(replace(render_letter(template, context), review=review))
    question, cover = rendered
    return DraftQuestion(cover, question, found, Limits(found.word_limit, found.subquestion_limit))
