"""Representatives from Popolo JSON: current members, located problems."""

from __future__ import annotations

import json

import pytest

from advocacy.representatives.popolo import parse_popolo
from advocacy.representatives.rows import (
    check_rows,
)
from tests.representatives.samples import EU_POPOLO, dumps, popolo, problems_of

# --- Popolo --------------------------------------------------------------------------


def test_sample_popolo_takes_the_current_members_of_the_legislature():
    rows = {row["id"]: row for row in parse_popolo(EU_POPOLO.read_bytes())}
    assert sorted(rows) == [f"sample-person-{n}" for n in range(1, 6)]  # 6 sat only in an earlier term
    avery = rows["sample-person-1"]
    assert (avery["constituency"], avery["party"], avery["form_of_address"]) == (
        "Sampleland North",
        "Example Group",
        "feminine",
    )
    assert avery["email"] == "avery.example@example.org"
    assert avery["postal_address"] == "Sample Building 1\nExample Square\nSampleville"
    assert rows["sample-person-2"]["form_of_address"] == "masculine"
    assert rows["sample-person-5"]["form_of_address"] == "neutral"  # gender "other"
    assert rows["sample-person-3"]["party"] == "Sample Alliance"  # from a party membership
    assert rows["sample-person-5"]["party"] is None
    assert all(row["source_url"] is None for row in rows.values())


def test_popolo_source_url_and_ended_memberships():
    document = popolo()
    document["persons"][0]["sources"] = [
        {"url": "https://example.org/members/1"},
        {"url": "https://x.example"},
    ]
    document["memberships"][5]["end_date"] = "2009-06-30"  # person 5 left during the current term
    rows = {row["id"]: row for row in parse_popolo(dumps(document))}
    assert rows["sample-person-1"]["source_url"] == "https://example.org/members/1"
    assert "sample-person-5" not in rows


def test_popolo_without_periods_or_parties_still_works():
    document = {
        "persons": [
            {"id": "p1", "name": "Alex Example", "gender": "Female"},
            {"id": "p2", "name": "Not A Member"},
        ],
        "organizations": [{"id": "leg", "name": "Sample Assembly", "classification": "legislature"}],
        "memberships": [{"person_id": "p1", "organization_id": "leg"}],
    }
    rows = parse_popolo(json.dumps(document))
    assert [(r["id"], r["form_of_address"], r["constituency"], r["party"]) for r in rows] == [
        ("p1", "feminine", None, None)
    ]


def test_every_problem_in_a_popolo_file_is_located():
    document = popolo()
    document["persons"][1]["email"] = "not-an-address"
    document["persons"][0]["contact_details"][0]["value"] = "avery at example.org"
    document["persons"][2]["name"] = "Morgan\u202dSample"
    document["persons"][3]["gender"] = 1
    document["persons"][4]["sources"] = [{"url": "javascript:alert(1)"}]
    document["persons"][5]["id"] = "sample-person-1"
    document["memberships"][1]["area_id"] = "area/atlantis"
    document["memberships"][4]["on_behalf_of_id"] = "party/none"
    document["memberships"].append({"person_id": "ghost", "organization_id": "sample-legislature"})
    document["persons"].append("not an object")
    assert problems_of(parse_popolo, dumps(document)) == [
        "persons[6]: must be an object",
        "persons[5].id: duplicate id 'sample-person-1' (first at persons[0])",
        "memberships[6].person_id: unknown person 'sample-person-6'",  # its id was changed
        "memberships[7].person_id: unknown person 'ghost'",
        "persons[0].contact_details[0].value: 'avery at example.org' is not an e-mail address",
        "memberships[1].area_id: unknown area 'area/atlantis'",
        "persons[1].email: 'not-an-address' is not an e-mail address",
        "persons[2].name: contains the bidirectional control character U+202D at character 7",
        "persons[3].gender: must be text",
        "memberships[4].on_behalf_of_id: unknown organization 'party/none'",
        "persons[4].sources[0].url: 'javascript:alert(1)' is not an http(s) URL",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("", ["file is empty"]),
        ('{"persons": [', ["line 1: character 14: not valid JSON: Expecting value"]),
        ("[]", ["$: must be a JSON object with persons and memberships"]),
        ("{}", ["persons: is missing", "memberships: is missing"]),
        ('{"persons": {}, "memberships": []}', ["persons: must be a list"]),
        (
            '{"persons": [], "memberships": []}',
            ["organizations: no organization is classified 'legislature'"],
        ),
        (
            '{"persons": [{"id": "p1", "name": "A"}], "memberships": [],'
            ' "organizations": [{"id": "l", "classification": "legislature"}]}',
            ["memberships: no person has a membership of the legislature"],
        ),
        (b'{"persons": "\xff"}', ["line 1: not UTF-8: byte 0xff at character 14; save the file as UTF-8"]),
    ],
)
def test_broken_popolo_files_are_refused(data, expected):
    assert problems_of(parse_popolo, data) == expected


def test_deeply_nested_json_is_refused():
    (problem,) = problems_of(parse_popolo, "[" * 100_000)
    assert problem.startswith("not valid JSON: maximum recursion depth exceeded")


def test_check_rows_locates_problems_in_plain_dicts():
    rows = [
        {"id": "a1", "name": "Alex"},
        {"id": "a2", "name": "Sam", "email": "x", "twitter": "@sam"},
        "nope",
    ]
    assert problems_of(check_rows, rows) == [
        "rows[1]: unknown field(s): twitter",
        "rows[1].email: 'x' is not an e-mail address",
        "rows[2]: must be a mapping of field names to values",
    ]
