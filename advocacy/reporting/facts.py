"""What a reporting-mechanism letter may cite: who has asked for a dedicated channel, from the data.

Plain values for the sandboxed letter templates, like letters.context builds: dates stay
partial ISO strings, and each row carries `verified` and `source`, so a template phrases an
unverified call with its source. The reporting-mechanism templates read them as `reporting`
(and say nothing of it while the letter context does not carry it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from advocacy.reporting.models import Recommendation
from advocacy.reporting.repository import DEDICATED, where_to_report


def recommendation_facts(row: Recommendation) -> dict[str, Any]:
    """Describe one recommendation for a template."""
    return {
        "id": row.id,
        "body": row.body,
        "title": row.title or "",
        "date": row.date,
        "statement": row.statement,
        "national": "INT" not in row.countries.split(),
        "verified": row.verified,
        "source": row.source_title,
    }


def reporting_facts(session: Session, code: str) -> dict[str, Any]:
    """Gather the country's reporting facts: a dedicated channel or not, and who asked for one."""
    report = where_to_report(session, code)
    # Verified calls first, the country's own before international ones (the sort is stable).
    facts = [recommendation_facts(r) for r in report.asking]
    asking = sorted(facts, key=lambda r: (not r["verified"], not r["national"]))
    return {
        "dedicated": report.verdict == DEDICATED,
        "channel_count": len(report.channels),
        "asking": asking,
    }
