"""The action rules, as a table: each row is a situation and the actions it must give."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from advocacy.countries.rules import ACTION_IDS, recommend
from advocacy.countries.status import badges


@dataclass
class Inst:
    instrument: str
    status: str
    signed: str | None = None
    ratified: str | None = None
    in_force: str | None = None
    ended: str | None = None
    verified: bool = True
    source_title: str = "A source"


@dataclass
class Chamber:
    id: str
    serves: str
    written_questions: bool = True


ALWAYS = ["reporting-mechanism", "sanctions"]
FR_CHAMBERS = [Chamber("fr-assemblee", "FR"), Chamber("fr-senat", "FR"), Chamber("eu-parliament", "FR DE")]

CASES = [
    # (situation, instruments, expected action ids in order, first reason code)
    (
        "treaty in force",
        [Inst("extradition-treaty", "in-force", in_force="2015-07-17")],
        ["suspend-extradition-treaty", *ALWAYS],
        "treaty-in-force",
    ),
    (
        "treaty signed",
        [Inst("extradition-treaty", "signed", signed="2019-11-11")],
        ["do-not-ratify", *ALWAYS],
        "treaty-signed",
    ),
    (
        # Ratified by the country, entry into force not found: the suspend letter, which then
        # asks that the status be made public (never "not in force": do not ratify is wrong).
        "treaty ratified, in force unknown",
        [Inst("extradition-treaty", "ratified", signed="2004-11-12", ratified="2014-07-15")],
        ["suspend-extradition-treaty", *ALWAYS],
        "treaty-ratified",
    ),
    (
        "treaty ratified, date unknown",
        [Inst("extradition-treaty", "ratified")],
        ["suspend-extradition-treaty", *ALWAYS],
        "treaty-ratified",
    ),
    (
        "treaty signed, nothing later known",
        [Inst("extradition-treaty", "signed-status-unknown", signed="1997-08-19")],
        ALWAYS,
        "always-reporting",
    ),
    (
        "treaty not in force but the country ratified: never ask it not to ratify",
        [Inst("extradition-treaty", "signed", signed="2015-05-25", ratified="2018")],
        ALWAYS,
        "always-reporting",
    ),
    ("no treaty", [Inst("extradition-treaty", "none")], ["no-new-treaty", *ALWAYS], "no-treaty"),
    (
        "ratification withdrawn",
        [Inst("extradition-treaty", "ratification-withdrawn", ended="2017-03-28")],
        ["no-new-treaty", *ALWAYS],
        "treaty-ratification-withdrawn",
    ),
    (
        "initialled",
        [Inst("extradition-treaty", "initialled")],
        ["no-new-treaty", *ALWAYS],
        "treaty-initialled",
    ),
    (
        "treaty ended",
        [Inst("extradition-treaty", "ended", ended="2020")],
        ["no-new-treaty", *ALWAYS],
        "treaty-ended",
    ),
    ("treaty disputed", [Inst("extradition-treaty", "disputed")], ALWAYS, "always-reporting"),
    ("treaty suspended", [Inst("extradition-treaty", "suspended")], ALWAYS, "always-reporting"),
    ("nothing known", [], ALWAYS, "always-reporting"),
    (
        "hk active",
        [Inst("hk-surrender-agreement", "in-force", in_force="1998-03-19")],
        ["suspend-hk-agreement", *ALWAYS],
        "hk-agreement-active",
    ),
    ("hk suspended", [Inst("hk-surrender-agreement", "suspended")], ALWAYS, "always-reporting"),
    ("hk not ratified", [Inst("hk-surrender-agreement", "not-ratified")], ALWAYS, "always-reporting"),
    (
        "nsc active",
        [Inst("nsc-memorandum", "in-force", signed="2018-09-20")],
        ["end-nsc-cooperation", *ALWAYS],
        "nsc-cooperation",
    ),
    ("nsc ended", [Inst("nsc-memorandum", "ended", ended="2023")], ALWAYS, "always-reporting"),
    ("mlat only", [Inst("mlat", "in-force")], ALWAYS, "always-reporting"),
    (
        "everything at once",
        [
            Inst("nsc-memorandum", "in-force", signed="2018"),
            Inst("hk-surrender-agreement", "in-force"),
            Inst("extradition-treaty", "in-force", in_force="2000"),
        ],
        ["suspend-extradition-treaty", "suspend-hk-agreement", "end-nsc-cooperation", *ALWAYS],
        "treaty-in-force",
    ),
]


@pytest.mark.parametrize(
    ("situation", "instruments", "expected", "first_reason"), CASES, ids=[c[0] for c in CASES]
)
def test_actions_fit_the_situation(situation, instruments, expected, first_reason):
    actions = recommend("XX", instruments, [])
    assert [a.id for a in actions] == expected
    assert actions[0].reason.code == first_reason


def test_reason_carries_the_date_it_rests_on():
    [action, *_] = recommend("FR", [Inst("extradition-treaty", "in-force", in_force="2015-07-17")], [])
    assert action.reason.date == "2015-07-17"
    assert action.reason.verified is True
    assert action.reason.source is None


def test_unverified_fact_keeps_its_source():
    hk = Inst("hk-surrender-agreement", "in-force", verified=False, source_title="LegCo paper")
    [action, *_] = recommend("PT", [hk], [])
    assert (action.reason.verified, action.reason.source) == (False, "LegCo paper")


def test_questions_offered_per_chamber_serving_the_country():
    actions = recommend("FR", [], FR_CHAMBERS)
    assert [a.chamber for a in actions if a.id == "pq"] == ["eu-parliament", "fr-assemblee", "fr-senat"]


def test_no_question_where_there_is_no_written_procedure():
    chambers = [Chamber("us-house", "US", written_questions=False), Chamber("fr-senat", "FR")]
    assert [a for a in recommend("US", [], chambers) if a.id == "pq"] == []


def test_every_action_id_is_known():
    instruments = [
        Inst("extradition-treaty", "in-force"),
        Inst("hk-surrender-agreement", "in-force"),
        Inst("nsc-memorandum", "in-force"),
    ]
    for action in recommend("FR", instruments, FR_CHAMBERS):
        assert action.id in ACTION_IDS


BADGE_CASES = [
    ([], ["treaty-unknown"]),
    ([Inst("extradition-treaty", "in-force")], ["treaty-in-force"]),
    (
        [Inst("extradition-treaty", "none"), Inst("hk-surrender-agreement", "suspended")],
        ["no-treaty", "hk-suspended"],
    ),
    (
        [Inst("hk-surrender-agreement", "in-force"), Inst("extradition-treaty", "signed")],
        ["treaty-signed", "hk-active"],
    ),
    (
        [Inst("nsc-memorandum", "ended"), Inst("extradition-treaty", "ratification-withdrawn")],
        ["treaty-ratification-withdrawn", "nsc-cooperation-ended"],
    ),
    ([Inst("mlat", "in-force")], ["treaty-unknown"]),
    ([Inst("extradition-treaty", "ratified")], ["treaty-ratified"]),
    ([Inst("extradition-treaty", "signed-status-unknown")], ["treaty-status-unknown"]),
    (
        [Inst("police-cooperation", "in-force"), Inst("extradition-treaty", "none")],
        ["no-treaty", "police-cooperation"],
    ),
]


@pytest.mark.parametrize(("instruments", "expected"), BADGE_CASES)
def test_badges(instruments, expected):
    assert badges(instruments) == expected
