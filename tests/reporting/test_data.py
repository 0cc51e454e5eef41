"""The where-to-report data: every channel of the reference, nothing else, and the rules import enforces."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from advocacy.records.datafiles import read_package
from advocacy.records.fields import check_record
from advocacy.records.schema import load_resources
from advocacy.reporting.rules import row_problems
from tests.helpers import DATA_DIR

REFERENCE = DATA_DIR.parent.parent / "shared" / "reference" / "reporting.md"
RESOURCES = {r.name: r for r in load_resources(DATA_DIR / "datapackage.json")}


def rows(name: str, directory: Path = DATA_DIR) -> list[dict[str, str]]:
    with (directory / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_channels_are_the_references_36_with_its_country_counts():
    """The reference's own tally: 11 host countries plus one EU and three international rows."""
    channels = rows("channels")
    counts = Counter(row["country"] for row in channels)
    assert counts == {
        "US": 4, "GB": 2, "CA": 4, "AU": 5, "NL": 4, "DE": 3, "SE": 2, "FR": 2, "IE": 2, "NZ": 2, "KR": 2,
        "EU": 1, "INT": 3,
    }  # fmt: skip
    emergency = sorted(row["id"] for row in channels if row["emergency_only"] == "true")
    assert emergency == [
        "ca-911",
        "de-110",
        "fr-17-112-114",
        "gb-999",
        "ie-999-112",
        "nl-112",
        "se-112",
        "us-911",
    ]
    assert {row["kind"] for row in channels if row["emergency_only"] == "true"} == {"emergency-police"}


def test_only_the_sources_that_say_so_make_a_channel_anonymous_or_dedicated():
    channels = {row["id"]: row for row in rows("channels")}
    anonymous = {key: row["anonymous"] for key, row in channels.items() if row["anonymous"]}
    assert anonymous == {
        "nl-meld-misdaad-anoniem": "yes",
        "nz-nzsis": "yes",
        "int-un-special-procedures": "no",
    }
    assert [key for key, row in channels.items() if row["dedicated"] == "true"] == ["int-safeguard-defenders"]
    dedicated = [row for row in rows("guidance") if row["dedicated"] == "yes"]
    assert [(row["countries"], row["body"]) for row in dedicated] == [("AU US", "Safeguard Defenders")]


def test_the_recommendations_that_ask_for_a_reporting_channel():
    asking = {row["id"] for row in rows("recommendations") if row["asks"] == "reporting-channel"}
    assert asking == {
        "us-tnr-policy-act", "us-hr-7433", "gb-jchr-report", "ca-hogue-commission", "ca-hrag-secure-canada",
        "ca-parliamentary-testimony", "nl-groenlinks-pvda", "nl-eu-opinion", "sd-pilot-reporting-guide",
    }  # fmt: skip


@pytest.mark.parametrize("name", ["channels", "guidance", "recommendations"])
def test_every_verified_row_names_its_source_and_is_not_low(name):
    for row in rows(name):
        assert row["source_title"], row["id"]
        if row["verified"] == "true":
            assert row["source_url"] and row["confidence"] != "low", row["id"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the team's reference is not beside the project")
def test_every_contact_detail_was_read_in_the_reference():
    """Nothing from memory: each number, address and URL in channels.csv is in the reference's text."""
    text = REFERENCE.read_text(encoding="utf-8")
    digits = re.sub(r"\D", "", text)
    for row in rows("channels"):
        for number in re.findall(r"[+#(]?\d[\d ()+-]{1,}\d", row["phone"] + " " + row["sms"]):
            assert re.sub(r"\D", "", number) in digits, (row["id"], number)
        for value in (row["email"], row["web"].removeprefix("https://"), row["post"]):
            assert value in text, (row["id"], value)
        for url in row["source_url"].split():
            assert url.removeprefix("https://") in text, (row["id"], url)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the team's reference is not beside the project")
def test_each_channel_keeps_the_references_wording():
    """The channel column is the reference's, markup aside."""
    table = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    published = {cells[2].strip().replace("**", "") for cells in (line.split(" | ") for line in table)}
    missing = [row["id"] for row in rows("channels") if row["channel"] not in published]
    assert missing == []


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def set_cells(directory: Path, name: str, record_id: str, **cells: str) -> int:
    """Change one row's cells; return its line number (the header is line 1)."""
    table = rows(name, directory)
    line = next(i for i, row in enumerate(table, start=2) if row["id"] == record_id)
    table[line - 2].update(cells)
    with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return line


@pytest.mark.parametrize(
    ("name", "record_id", "cells", "column", "message"),
    [
        ("channels", "gb-999", {"kind": "police"}, "kind", "never shown as a reporting channel"),
        ("channels", "gb-101", {"kind": "emergency-police"}, "emergency_only", "set emergency_only to true"),
        ("channels", "gb-999", {"dedicated": "true"}, "dedicated", "cannot be dedicated"),
        ("channels", "us-911", {"anonymous": "yes"}, "anonymous", "not a reporting channel"),
        ("channels", "int-interpol-ccf", {"emergency_only": "true", "kind": "emergency-police"},
         "emergency_only", "cannot be emergency numbers"),
        ("channels", "gb-101", {"source_url": ""}, "verified", "a row without a source cannot be verified"),
        ("channels", "gb-101", {"confidence": "low"}, "verified", "confidence is low"),
        ("channels", "gb-101", {"phone": ""}, "phone", "say how to reach it"),
        ("channels", "gb-101", {"country": "XQ"}, "country", "unknown country code 'XQ'"),
        ("guidance", "it-reaction", {"verified": "true"}, "verified", "without a source cannot be verified"),
        ("guidance", "gb-home-office-guidance", {"dedicated": "yes"}, "dedicated", "only an assessment row"),
        ("guidance", "no-channel-found", {"countries": "BE WORLD"}, "countries", "not a country code"),
        ("recommendations", "ca-hogue-commission", {"verified": "true"}, "verified", "without a source"),
        ("recommendations", "gb-jchr-report", {"asks": "yes"}, "asks", "unknown value 'yes'"),
    ],
)  # fmt: skip
def test_a_broken_row_rejects_the_whole_package_with_its_place(
    data_copy, name, record_id, cells, column, message
):
    line = set_cells(data_copy, name, record_id, **cells)
    package = read_package(data_copy)
    assert package.rows == {}
    found = [str(p) for p in package.problems]
    assert len(found) == 1 and found[0].startswith(f"{name}.csv:{line}: {column}: ") and message in found[0]


def test_staff_edits_meet_the_same_rules():
    row = next(r for r in rows("channels") if r["id"] == "gb-999")
    _, problems = check_record({**row, "kind": "police"}, RESOURCES["channels"])
    assert list(problems) == ["kind"] and "never shown as a reporting channel" in problems["kind"]
    _, problems = check_record({**row, "source_url": ""}, RESOURCES["channels"])
    assert list(problems) == ["verified"]
    _, problems = check_record(row, RESOURCES["channels"])
    assert problems == {}


def test_the_rules_leave_other_data_files_alone():
    assert row_problems("cases", {"verified": True, "source_url": None, "confidence": "low"}) == []
