"""The briefing's "where to report" section, from the same rows as the report page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from advocacy.briefings.model import ReportLine, ReportSection
from advocacy.briefings.translate import Translator
from advocacy.core.formatting import format_partial_date
from advocacy.reporting import labels
from advocacy.reporting.models import Channel
from advocacy.reporting.repository import DEDICATED, NOT_DEDICATED, where_to_report

CONTACT_FIELDS = ("phone", "sms", "web", "email", "post")


def report_section(
    session: Session, code: str, t: Translator, cite: Callable[[Any], int], country: str
) -> ReportSection:
    """Build the section: every channel cited like any other fact, in the briefing's language."""
    report = where_to_report(session, code)

    def line(channel: Channel) -> ReportLine:
        shown = [getattr(channel, name) for name in CONTACT_FIELDS if getattr(channel, name)]
        contact = " · ".join(shown) or t.gettext("How to reach it was not shown in the source.")
        kind = t.label(labels.CHANNEL_KINDS[channel.kind])
        return ReportLine(channel.body, kind, contact, channel.verified, cite(channel))

    quote = ""
    if report.verdict == DEDICATED and report.dedicated_by:
        source = report.dedicated_by[0]
        verdict = t.gettext(
            "%(body)s counts %(country)s among the very few countries with a channel dedicated to "
            "transnational repression:",
            body=source.body,
            country=country,
        )
        quote = source.statement
    elif report.verdict == NOT_DEDICATED:
        verdict = t.gettext(
            "No channel dedicated to transnational repression was found for %(country)s. The channels "
            "below are general police and security lines that say they take such reports.",
            country=country,
        )
    else:
        verdict = t.gettext(
            "Nothing national has been verified for %(country)s: no official reporting channel was found "
            "in the sources we read. The international channels below are open to anyone.",
            country=country,
        )
    # Cite in reading order, so the footnote numbers rise down the section.
    emergency = tuple(line(c) for c in report.emergency)
    channels = tuple(line(c) for c in report.channels)
    asking = tuple(
        (_recommendation(row, t.locale), cite(row)) for row in report.asking if report.verdict != DEDICATED
    )
    international = tuple(line(c) for c in report.international)
    return ReportSection(
        heading=t.gettext("If you are targeted: where to report"),
        verdict=verdict,
        dedicated_quote=quote,
        emergency_heading=t.gettext("Only in immediate danger"),
        emergency_note=t.gettext(
            "These are emergency numbers, for a crime in progress or when someone is in immediate danger. "
            "They are not the way to report transnational repression."
        )
        if report.emergency
        else t.gettext(
            "The sources we have read give no emergency number for %(country)s, and we do not fill one in "
            "from elsewhere.",
            country=country,
        ),
        emergency=emergency,
        channels=channels,
        international_heading=t.gettext("International channels"),
        international=international,
        asking_heading=t.gettext("Who has asked for one:"),
        asking=asking,
    )


def _recommendation(row: Any, locale: str) -> str:
    """One call for a dedicated channel, as the data words it (English)."""
    title = f", {row.title}" if row.title else ""
    date = f" ({format_partial_date(row.date, locale)})" if row.date else ""
    return f"{row.body}{title}{date}: {row.statement}"
