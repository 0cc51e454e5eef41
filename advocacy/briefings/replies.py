"""The briefing's "did they answer?" section: response rates per chamber and member (advocacy.replies).

Only figures resting on at least advocacy.replies.rates.THRESHOLD reports, each with the
number of reports beside it; the rates are those known when the briefing was printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_percent
from sqlalchemy.orm import Session

from advocacy.briefings.translate import Translator
from advocacy.core.formatting import format_number, formatting_locale
from advocacy.countries.repository import Dossier
from advocacy.replies.rates import THRESHOLD, Rate, chamber_rates, member_rates


@dataclass(frozen=True)
class ReplyRow:
    """A chamber's or a member's figures, formatted in the briefing's locale."""

    chamber: str  # English, from the data
    member: str  # "" for the chamber as a whole
    reports: str
    shares: tuple[str, ...]  # answered, form letters, would support, tabled, refused


@dataclass(frozen=True)
class ReplySection:
    heading: str
    intro: str
    columns: tuple[str, ...]  # chamber, member, reports, then the shares' headings
    chambers: tuple[ReplyRow, ...]
    members: tuple[ReplyRow, ...]
    empty: str


def reply_section(session: Session, dossier: Dossier, t: Translator) -> ReplySection:
    """Build the section from the reports about the country's chambers."""
    names = {c.id: c.name for c in dossier.chambers}
    locale = formatting_locale(t.locale)

    def row(rate: Rate) -> ReplyRow:
        parts = (rate.answered, rate.form_letters, rate.support, rate.tabled, rate.refused)
        shares = tuple(format_percent(rate.share(part) / 100, locale=locale) for part in parts)
        return ReplyRow(
            names.get(rate.chamber, rate.chamber),
            rate.member_name,
            format_number(rate.reports, t.locale),
            shares,
        )

    columns = ("Chamber", "Member", "Reports", "Answered", "Form letters", "Would support the ask",
               "Tabled the question", "Refused")  # fmt: skip
    return ReplySection(
        heading=t.gettext("Did they answer?"),
        intro=t.gettext(
            "What campaigners told us about the replies to their letters, with the reply code the toolkit "
            "gave them. A figure is shown only when at least %(count)s reports back it, so that no one's "
            "report can be picked out; each gives the number of reports it rests on.",
            count=THRESHOLD,
        ),
        columns=tuple(t.gettext(column) for column in columns),
        chambers=tuple(row(rate) for rate in chamber_rates(session, names)),
        members=tuple(row(rate) for rate in member_rates(session, names)),
        empty=t.gettext("Not enough reports yet to give a figure."),
    )
