"""Read where to report in a country from the database: plain rows, sorted, with the verdict.

A country's page shows its emergency numbers (only for immediate danger), then the channels
that take reports, then the EU-level (for EU members) and international ones, with the
government guidance, the gaps, and who has asked for a dedicated channel.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import Chamber
from advocacy.reporting.models import Channel, Guidance, Recommendation

INTERNATIONAL = "INT"
EU = "EU"
# National channels first by how directly they take reports; international ones as the issue lists them.
KIND_ORDER = (
    "emergency-police", "national-security-line", "police", "intelligence-service", "anonymous-crime-line",
    "ministry", "un", "interpol-files", "ngo", "eu-mechanism",
)  # fmt: skip
CONFIDENCE_ORDER = ("high", "medium", "low")
GOVERNMENT_KINDS = ("guidance", "commitment", "reaction")
STALE_AFTER_MONTHS = 6

DEDICATED, NOT_DEDICATED, NOTHING_NATIONAL = "dedicated", "not-dedicated", "nothing-national"


@dataclass
class Report:
    """Where to report in one country (code "" for the international channels alone)."""

    code: str
    eu_member: bool = False
    emergency: list[Channel] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    international: list[Channel] = field(default_factory=list)
    guidance: list[Guidance] = field(default_factory=list)
    assessments: list[Guidance] = field(default_factory=list)
    gaps: list[Guidance] = field(default_factory=list)
    international_gaps: list[Guidance] = field(default_factory=list)
    asking: list[Recommendation] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def dedicated_by(self) -> list[Guidance]:
        """The assessments that say the country has a channel dedicated to transnational repression."""
        return [g for g in self.assessments if g.dedicated == "yes"]

    @property
    def verdict(self) -> str:
        """Say whether the country has a dedicated channel, only general ones, or nothing national."""
        if self.dedicated_by or any(c.dedicated for c in self.channels):
            return DEDICATED
        return NOT_DEDICATED if self.channels else NOTHING_NATIONAL


def _channel_key(channel: Channel) -> tuple[int, int, int, str]:
    kind = KIND_ORDER.index(channel.kind) if channel.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, not channel.verified, CONFIDENCE_ORDER.index(channel.confidence), channel.id)


def _row_key(row: Guidance | Recommendation) -> tuple[bool, str, str]:
    """Verified rows first, then the newest (undated last), then by id."""
    return (not row.verified, _inverted(row.date or ""), row.id)


def _inverted(date: str) -> str:
    # Sort newest first inside an ascending sort; an empty (undated) date sorts last.
    return "".join(chr(0x7F - ord(ch)) for ch in date) if date else "\x7f"


def eu_members(session: Session) -> set[str]:
    """Name the EU member states: the countries whose residents elect the European Parliament."""
    serves = session.scalars(select(Chamber.serves).where(Chamber.country == EU))
    return {code for value in serves for code in value.split()}


def where_to_report(session: Session, code: str) -> Report:
    """Gather where to report in a country (any ISO code; "" for the international channels only)."""
    member = bool(code) and code in eu_members(session)
    scopes = [INTERNATIONAL, *([EU] if member else [])]
    channels = sorted(session.scalars(select(Channel)), key=_channel_key)
    guidance = sorted(session.scalars(select(Guidance)), key=_row_key)
    recommendations = sorted(session.scalars(select(Recommendation)), key=_row_key)

    def about(row: Guidance | Recommendation, wanted: list[str]) -> bool:
        return bool(set(row.countries.split()) & set(wanted))

    national = [c for c in channels if code and c.country == code]
    return Report(
        code=code,
        eu_member=member,
        emergency=[c for c in national if c.emergency_only],
        channels=[c for c in national if not c.emergency_only],
        international=[c for c in channels if c.country in scopes and not c.emergency_only],
        guidance=[g for g in guidance if g.kind in GOVERNMENT_KINDS and about(g, [code])],
        assessments=[g for g in guidance if g.kind == "assessment" and about(g, [code])],
        gaps=[g for g in guidance if g.kind == "gap" and about(g, [code])],
        international_gaps=[g for g in guidance if g.kind == "gap" and about(g, scopes)],
        asking=[r for r in recommendations if r.asks == "reporting-channel" and about(r, [code, *scopes])],
        recommendations=[r for r in recommendations if r.asks != "reporting-channel" and about(r, [code])],
    )


def countries_with_reporting_data(session: Session) -> set[str]:
    """Name the countries that have a channel, guidance, a gap or a recommendation of their own."""
    codes = set(session.scalars(select(Channel.country).distinct()))
    for value in session.scalars(select(Guidance.countries)):
        codes.update(value.split())
    for value in session.scalars(select(Recommendation.countries)):
        codes.update(value.split())
    return codes - {EU, INTERNATIONAL}


def as_date(partial: str) -> datetime.date:
    """Read a partial date (YYYY, YYYY-MM or YYYY-MM-DD) as its first day."""
    parts = [int(p) for p in partial.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def stale_before(today: datetime.date, months: int = STALE_AFTER_MONTHS) -> datetime.date:
    """Return the day a row must have been checked on or after to count as recently checked."""
    month = today.month - months
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    day = today.day
    while True:  # 31 August minus six months is the last day of February
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


def stale_channels(session: Session, today: datetime.date) -> list[Channel]:
    """List the channels last checked more than six months before today, the oldest first."""
    limit = stale_before(today)
    channels = session.scalars(select(Channel).order_by(Channel.as_of, Channel.id))
    return [c for c in channels if not c.as_of or as_date(c.as_of) < limit]  # undated: stale
