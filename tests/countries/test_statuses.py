"""The bundled data's statuses say only what each row knows, and the rules follow them."""

from __future__ import annotations

import csv

import pytest

from advocacy.core.settings import PROJECT_ROOT
from advocacy.countries.rules import recommend
from advocacy.letters.context import instrument_facts

TREATIES = PROJECT_ROOT / "data" / "treaties.csv"


class Row:
    """A treaties.csv row with the attributes the rules and letters read."""

    def __init__(self, cells: dict[str, str]):
        for name, value in cells.items():
            setattr(self, name, value or None)
        self.verified = cells["verified"] == "true"


def rows() -> dict[str, Row]:
    with TREATIES.open(encoding="utf-8", newline="") as handle:
        return {cells["id"]: Row(cells) for cells in csv.DictReader(handle)}


RATIFIED_BY_HOST = ["ae", "ao", "az", "br", "et", "gd", "id", "ir", "ma", "tj"]


@pytest.mark.parametrize("code", RATIFIED_BY_HOST)
def test_a_treaty_the_country_ratified_is_never_offered_as_not_ratified(code):
    treaty = rows()[f"{code}-extradition"]
    assert treaty.status == "ratified"
    assert "ratif" in treaty.notes.lower() or "approv" in treaty.notes.lower() or "passed" in treaty.notes
    actions = [a.id for a in recommend(code.upper(), [treaty], [])]
    # Not "do not ratify"; the suspend letter, which then says in force is not known.
    assert "do-not-ratify" not in actions and "suspend-extradition-treaty" in actions
    facts = instrument_facts(treaty)
    assert facts["in_force_known"] is None and facts["not_in_force"] is False


def test_not_in_force_only_where_the_row_says_so():
    for row in rows().values():
        facts = instrument_facts(row)
        if facts["not_in_force"]:
            said = (row.notes or "").lower() + (row.source_title or "").lower()
            assert row.status in ("signed", "initialled", "not-ratified"), row.id
            assert any(
                w in said for w in ("not in force", "not ratif", "never in force", "awaiting", "not signed")
            ), row.id


def test_in_force_dates_only_on_rows_in_force_or_past_it():
    for row in rows().values():
        if row.status in ("ratified", "signed", "signed-status-unknown"):
            assert row.in_force is None, row.id


def test_chile_keeps_its_senate_committee_vote():
    chile = rows()["cl-extradition"]
    assert chile.status == "signed" and "Senate committee" in chile.notes and chile.ratified is None


def test_counts_follow_the_vocabulary():
    treaties = [r for r in rows().values() if r.instrument == "extradition-treaty"]
    in_force = sum(r.status == "in-force" for r in treaties)
    ratified = sum(r.status == "ratified" for r in treaties)
    # The ten host ratifications no longer hide among "signed, not in force".
    assert ratified == len(RATIFIED_BY_HOST)
    assert sum(r.status == "signed" for r in treaties) == 10
    assert in_force + ratified == 40
