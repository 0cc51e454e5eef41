"""Which actions fit a country: a pure function of its instruments and chambers.

See design.md, "Actions". Each action carries the reason it fits, as a code with
the date and source behind it, so pages and letters can phrase it in any locale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

PRC_TERRITORIES = frozenset({"CN", "HK", "MO"})
ACTION_IDS = (
    "suspend-extradition-treaty",
    "do-not-ratify",
    "no-new-treaty",
    "suspend-hk-agreement",
    "end-nsc-cooperation",
    "pq",
    "reporting-mechanism",
    "sanctions",
)


class InstrumentFacts(Protocol):
    """What the rules read of an instrument (a model row or a test double)."""

    instrument: str
    status: str
    signed: str | None
    ratified: str | None
    in_force: str | None
    ended: str | None
    verified: bool
    source_title: str


class ChamberFacts(Protocol):
    """What the rules read of a chamber."""

    id: str
    written_questions: bool
    serves: str


@dataclass(frozen=True)
class Reason:
    """Why an action fits: a reason code, the date it rests on, and its standing."""

    code: str
    date: str | None = None
    verified: bool = True
    source: str | None = None


@dataclass(frozen=True)
class Action:
    """A recommended action, with the chamber for parliamentary questions."""

    id: str
    reason: Reason
    chamber: str | None = None


def recommend(
    country: str, instruments: Sequence[InstrumentFacts], chambers: Sequence[ChamberFacts]
) -> list[Action]:
    """Return the actions that fit a country's situation, most specific first."""
    if country in PRC_TERRITORIES:
        # The PRC and its special administrative regions are the other party, not a host state:
        # no letter to their own legislatures fits (their pages show the record only).
        return []
    actions: list[Action] = []
    treaty = _first(instruments, "extradition-treaty")
    if treaty is not None:
        actions.extend(_treaty_actions(treaty))
    hk = _first(instruments, "hk-surrender-agreement")
    if hk is not None and hk.status == "in-force":
        actions.append(Action("suspend-hk-agreement", _reason("hk-agreement-active", hk, hk.in_force)))
    nsc = [i for i in instruments if i.instrument == "nsc-memorandum" and i.status == "in-force"]
    if nsc:
        actions.append(Action("end-nsc-cooperation", _reason("nsc-cooperation", nsc[0], nsc[0].signed)))
    actions.extend(_question_actions(country, chambers))
    actions.append(Action("reporting-mechanism", Reason("always-reporting")))
    actions.append(Action("sanctions", Reason("always-sanctions")))
    return actions


# Statuses that say what happened but not whether the treaty is in force. No letter claims
# more than that: the letters on offer say "in force" (suspend) or "not in force" (do not
# ratify), so none fits until a template can ask the government to publish the status.
STATUS_UNKNOWN_IN_FORCE = ("ratified", "signed-status-unknown")


def _treaty_actions(treaty: InstrumentFacts) -> list[Action]:
    """Map the extradition treaty's status to the action on it, if any."""
    by_status = {
        "in-force": ("suspend-extradition-treaty", "treaty-in-force", treaty.in_force),
        # "signed" means known not in force; do not ratify only while the country has not.
        "signed": ("do-not-ratify", "treaty-signed", treaty.signed),
        # Ratified, in force not found: ask that its status be made public, and that it be
        # suspended if it is in force (the letter says which it does not know).
        "ratified": ("suspend-extradition-treaty", "treaty-ratified", treaty.ratified),
        "none": ("no-new-treaty", "no-treaty", None),
        "ratification-withdrawn": ("no-new-treaty", "treaty-ratification-withdrawn", treaty.ended),
        "initialled": ("no-new-treaty", "treaty-initialled", None),
        "ended": ("no-new-treaty", "treaty-ended", treaty.ended),
    }
    if treaty.status not in by_status or (treaty.status == "signed" and treaty.ratified):
        # suspended, not-ratified, disputed, or nothing known after signature
        # (signed-status-unknown): no standard ask fits; the page shows the status.
        return []
    action_id, code, date = by_status[treaty.status]
    return [Action(action_id, _reason(code, treaty, date))]


def _question_actions(country: str, chambers: Sequence[ChamberFacts]) -> list[Action]:
    """Offer a written question in each chamber that has the procedure and serves the country."""
    return [
        Action("pq", Reason("written-question"), chamber=c.id)
        for c in sorted(chambers, key=lambda c: c.id)
        if c.written_questions and country in c.serves.split()
    ]


def _first(instruments: Sequence[InstrumentFacts], kind: str) -> InstrumentFacts | None:
    return next((i for i in instruments if i.instrument == kind), None)


def _reason(code: str, instrument: InstrumentFacts, date: str | None) -> Reason:
    source = None if instrument.verified else instrument.source_title
    return Reason(code, date=date, verified=instrument.verified, source=source)
