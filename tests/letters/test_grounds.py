"""A ruling is cited only for the grounds its row records (issue 13): no refusal on health
grounds presented as one on human-rights grounds."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pytest

from advocacy.core.settings import PROJECT_ROOT
from advocacy.letters.context import build_context
from tests.helpers import DATA_DIR


def ruling(id_: str, country: str, outcome: str, grounds: str, verified: bool = True) -> SimpleNamespace:
    facts = {"date": "2020", "court": f"Court {id_}", "case_name": "x", "source_title": "src"}
    return SimpleNamespace(
        id=id_, country=country, outcome=outcome, grounds=grounds, verified=verified, **facts
    )


def context(code: str, rulings: list[SimpleNamespace]) -> dict:
    own = [r for r in rulings if r.country == code]
    return build_context(code=code, locale="en", instruments=[], rulings=own, all_rulings=rulings,
                         public_cases=[], figures=[], people={}, chamber=None)  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "grounds", "cited"),
    [
        ("refused", "human-rights", True),
        ("violation-found", "fair-trial", True),
        ("quashed", "human-rights", True),
        ("refused", "health", False),
        ("refused", "procedure", False),
        ("refused", "not-stated", False),
        ("granted", "human-rights", False),
    ],
)
def test_refusals_elsewhere_need_rights_grounds(outcome, grounds, cited):
    facts = context("GB", [ruling("a", "FR", outcome, grounds)])
    assert bool(facts["refusals_elsewhere"]) is cited


@pytest.mark.parametrize(("grounds", "listed"), [("health", False), ("procedure", False),
                                                 ("not-stated", True), ("human-rights", True)])  # fmt: skip
def test_own_rulings_on_other_grounds_are_not_said_to_weigh_the_risks(grounds, listed):
    facts = context("FR", [ruling("a", "FR", "refused", grounds)])
    assert bool(facts["rulings"]) is listed


def test_every_refusal_cited_in_the_bundled_data_has_rights_grounds():
    with open(DATA_DIR / "rulings.csv", encoding="utf-8") as file:
        rows = {r["id"]: r for r in csv.DictReader(file)}
    as_objects = [
        ruling(r["id"], r["country"], r["outcome"], r["grounds"], r["verified"] == "true")
        for r in rows.values()
    ]
    cited = {r["court"] for r in context("GB", as_objects)["refusals_elsewhere"]}
    assert cited, "no ruling cited at all"
    assert all(
        rows[name.removeprefix("Court ")]["grounds"] in {"human-rights", "fair-trial"} for name in cited
    )
    assert "Court fr-2019-1" not in cited  # Nouméa: refused on health grounds


def test_the_letter_no_longer_cites_noumea_on_human_rights_grounds(app):
    """Rendered through the letter service, as campaigners get it."""
    from advocacy.core.extensions import db
    from advocacy.letters.service import letter_people, prepare

    with app.app_context():
        for code in ("FR", "ES", "IT"):  # treaties in force: the letter fits
            prepared = prepare(db.session, PROJECT_ROOT / "templates" / "letters", code,
                               "suspend-extradition-treaty", "en")  # fmt: skip
            body = prepared.render(letter_people(sender_name="Ada Example")).letter.body
            assert "Nouméa" not in body, code
