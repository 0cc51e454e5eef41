"""A country's standing at a glance: the badges on the index and the page."""

from __future__ import annotations

from collections.abc import Sequence

from advocacy.countries.rules import InstrumentFacts

TREATY_BADGES = {
    "in-force": "treaty-in-force",
    "signed": "treaty-signed",
    "ratified": "treaty-ratified",
    "signed-status-unknown": "treaty-status-unknown",
    "none": "no-treaty",
    "ratification-withdrawn": "treaty-ratification-withdrawn",
    "initialled": "treaty-initialled",
    "disputed": "treaty-disputed",
    "suspended": "treaty-suspended",
    "ended": "treaty-ended",
    "not-ratified": "treaty-signed",
}
HK_BADGES = {"in-force": "hk-active", "suspended": "hk-suspended", "not-ratified": "hk-not-ratified"}
NSC_BADGES = {
    "in-force": "nsc-cooperation",
    "signed-status-unknown": "nsc-cooperation",
    "ended": "nsc-cooperation-ended",
}
POLICE_BADGES = {"in-force": "police-cooperation"}

# Every badge, in display order; the index filter accepts these keys.
BADGES = (
    "treaty-in-force",
    "treaty-ratified",
    "treaty-status-unknown",
    "treaty-signed",
    "treaty-initialled",
    "treaty-ratification-withdrawn",
    "treaty-disputed",
    "treaty-suspended",
    "treaty-ended",
    "no-treaty",
    "treaty-unknown",
    "hk-active",
    "hk-suspended",
    "hk-not-ratified",
    "nsc-cooperation",
    "nsc-cooperation-ended",
    "police-cooperation",
)


def badges(instruments: Sequence[InstrumentFacts]) -> list[str]:
    """Return the country's badges: its extradition treaty first, then Hong Kong and NSC."""
    found = ["treaty-unknown"]
    for instrument in instruments:
        if instrument.instrument == "extradition-treaty":
            found[0] = TREATY_BADGES[instrument.status]
        elif instrument.instrument == "hk-surrender-agreement" and instrument.status in HK_BADGES:
            found.append(HK_BADGES[instrument.status])
        elif instrument.instrument == "nsc-memorandum" and instrument.status in NSC_BADGES:
            found.append(NSC_BADGES[instrument.status])
        elif instrument.instrument == "police-cooperation" and instrument.status in POLICE_BADGES:
            found.append(POLICE_BADGES[instrument.status])
    return sorted(set(found), key=BADGES.index)
