"""One confidence scale and one meaning of verified, refused by the check when broken."""

from __future__ import annotations

import shutil

import pytest

from advocacy.core.settings import PROJECT_ROOT
from advocacy.records.confidence import cites_official_record, scale_problems
from advocacy.records.datafiles import read_package

DATA = PROJECT_ROOT / "data"
ROW = {"source_url": "", "confidence": "medium", "verified": False}


@pytest.mark.parametrize(
    ("row", "columns"),
    [
        ({**ROW, "source_title": "Team reference facts (shared/reference/facts.md)"}, ["source_title"]),
        ({**ROW, "source_title": "unsourced", "confidence": "low", "verified": True}, ["verified"]),
        ({**ROW, "source_title": "unsourced"}, ["confidence"]),
        ({**ROW, "source_title": "Le Monde", "confidence": "low", "verified": True}, ["verified"]),
        (
            {**ROW, "source_title": "Taipei Times; Stuff", "confidence": "high", "verified": True},
            ["confidence"],
        ),
        ({**ROW, "source_title": "UN Treaty Series, registration no. 53645", "confidence": "high"}, []),
        ({**ROW, "source_url": "https://www.gov.cn/x", "source_title": "gov.cn", "confidence": "high"}, []),
        ({**ROW, "source_title": "Safeguard Defenders", "verified": True}, []),
    ],
)
def test_scale(row, columns):
    assert [column for column, _ in scale_problems(row)] == columns


def test_hosts_in_the_citation_count():
    assert cites_official_record({"source_url": "", "source_title": "Kenya Law (new.kenyalaw.org)"})
    assert not cites_official_record({"source_url": "https://smh.com.au/x", "source_title": "SMH"})


def test_bundled_data_keeps_the_scale():
    package = read_package(DATA)
    assert package.ok, package.problems


def _edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_refuses_verified_without_a_public_source_and_a_false_high(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("samples"))
    # A row resting on our own notes only (unsourced) may not claim to be verified.
    _edit(folder, "treaties.csv", "unsourced,low,false", "unsourced,low,true")
    # Sweden's ruling cites newspapers and an NGO: not an official record.
    _edit(
        folder,
        "rulings.csv",
        "Safeguard Defenders,medium,true,2019-07-09",
        "Safeguard Defenders,high,true,2019-07-09",
    )
    problems = read_package(folder).problems
    assert any(p.file == "treaties.csv" and p.column == "verified" for p in problems), problems
    assert any(p.file == "rulings.csv" and p.column == "confidence" for p in problems), problems


def test_check_refuses_a_status_that_contradicts_its_dates(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("samples"))
    _edit(
        folder,
        "treaties.csv",
        "extradition-treaty,in-force,2015-04-07,,2019-08-26,2019-12-12",
        "extradition-treaty,ratified,2015-04-07,,2019-08-26,2019-12-12",
    )
    problems = read_package(folder).problems
    assert [p.column for p in problems] == ["status"], problems
