"""Representatives from CSV: every problem located, nothing half-read."""

from __future__ import annotations

import pytest

from advocacy.representatives.rows import (
    FIELDS,
    Problem,
    RepresentativesError,
    fold,
    parse_csv,
)
from tests.representatives.samples import GB_CSV, HEADER, problems_of

# --- CSV -----------------------------------------------------------------------------


def test_sample_csv_parses():
    rows = parse_csv(GB_CSV.read_bytes())
    assert [row["id"] for row in rows] == [f"sample-00{n}" for n in range(1, 7)]
    alex = rows[0]
    assert alex["name"] == "Alex Example" and alex["constituency"] == "Sampletown North"
    assert alex["postal_address"] == "Office of Alex Example\n1 Sample Street\nSampletown"
    assert alex["source_url"] is None and alex["as_of"] == "2026-11-23"
    assert {row["form_of_address"] for row in rows} == {"neutral", "feminine", "masculine"}
    assert all(set(row) == set(FIELDS) for row in rows)
    assert all(row["email"] is None or row["email"].endswith("@example.org") for row in rows)


def test_minimal_csv_fills_defaults_and_trims():
    text = "name,id\r\n  Alex Example , a1 \r\n\r\nSam Sample,a2\r\n"
    rows = parse_csv(text)
    assert [(r["id"], r["name"], r["form_of_address"], r["email"]) for r in rows] == [
        ("a1", "Alex Example", "neutral", None),
        ("a2", "Sam Sample", "neutral", None),
    ]


def test_a_byte_order_mark_is_tolerated():
    assert parse_csv(b"\xef\xbb\xbfid,name\na1,Alex Example\n")[0]["id"] == "a1"


def test_every_problem_in_a_csv_is_located():
    lines = [
        HEADER,
        "a1,Alex Example,Alex,Example,neutral,Sampletown North,,alex@example.org,,,2026-11-23",
        "a2,Sam Sample,,,madam,,,sam.example.org,,ftp://example.org/x,2026-02-30",
        "a1,,,,,,,,,,",
        "a4,Jo\u202eelpmaxE,,,,Sample\x07town,,,,,",
        "a5,Too Few",
        'a 6,"Robin\nFictional",,,,,,,,,',
        "a8,Pat Placeholder,,,,,,,,,",
    ]
    problems = problems_of(parse_csv, "\n".join(lines) + "\n")
    assert problems == [
        "line 3: form_of_address: unknown value 'madam' (allowed: neutral, feminine, masculine)",
        "line 3: email: 'sam.example.org' is not an e-mail address",
        "line 3: source_url: 'ftp://example.org/x' is not an http(s) URL",
        "line 3: as_of: '2026-02-30' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        "line 4: name: is required",
        "line 4: id: duplicate id 'a1' (first at line 2)",
        "line 5: name: contains the bidirectional control character U+202E at character 3",
        "line 5: constituency: contains the control character U+0007 at character 7",
        "line 6: has 2 cells, the header has 11",
        "line 7: id: 'a 6' contains a space",
        "line 7: name: contains a line break at character 6",
    ]


def test_a_line_break_is_refused_outside_the_postal_address():
    text = f'{HEADER}\na1,"Alex\nExample",,,,,,,"1 Sample Street\r\nSampletown",,\n'
    assert problems_of(parse_csv, text) == ["line 2: name: contains a line break at character 5"]
    rows = parse_csv(text.replace("Alex\nExample", "Alex Example"))
    assert rows[0]["postal_address"] == "1 Sample Street\nSampletown"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("", ["file is empty"]),
        (" \n\n", ["file is empty"]),
        (b"", ["file is empty"]),
        ("id,name\n", ["has a header but no rows"]),
        ("name,email\nAlex,a@example.org\n", ["line 1: missing column(s): id"]),
        (
            "id,name,twitter,name\na1,Alex,x,Alex\n",
            [
                f"line 1: unknown column(s): 'twitter' (allowed: {', '.join(FIELDS)})",
                "line 1: repeated column(s): name",
            ],
        ),
        (
            b"id,name\na1,Alex\na2,Ma\xefs\n",
            ["line 3: not UTF-8: byte 0xef at character 6; save the file as UTF-8"],
        ),
        ('id,name\na1,"Alex\n', ["line 2: malformed CSV: unexpected end of data"]),
        (
            "id,name\na1,Alex\u2066x\u2069\n",
            ["line 2: name: contains the bidirectional control character U+2066 at character 5"],
        ),
    ],
)
def test_broken_csv_files_are_refused(data, expected):
    assert problems_of(parse_csv, data) == expected


def test_a_problem_names_its_file():
    with pytest.raises(RepresentativesError) as caught:
        parse_csv("id,name\na1,Alex Example\na1,Sam Sample\n")
    assert (
        caught.value.problems[0].in_file("reps.csv") == "reps.csv:3: id: duplicate id 'a1' (first at line 2)"
    )
    assert Problem("file is empty").in_file("reps.csv") == "reps.csv: file is empty"
    assert (
        Problem("is required", path="persons[2].name").in_file("r.json")
        == "r.json: persons[2].name: is required"
    )


@pytest.mark.parametrize(
    "email",
    ["alex@example.org", "alex.example+pq@sub.example.org", "élise@example.org", "a@xn--bcher-kva.example"],
)
def test_good_email_addresses_pass(email):
    assert parse_csv(f"id,name,email\na1,Alex,{email}\n")[0]["email"] == email


@pytest.mark.parametrize(
    "email",
    ["alex", "alex@", "@example.org", "alex@example", "a b@example.org", "a@b@example.org",
     "a@example.org;b@example.org", "Alex <a@example.org>", "a@-example.org", "a@example..org"],
)  # fmt: skip
def test_bad_email_addresses_are_refused(email):
    problems = problems_of(parse_csv, f'id,name,email\na1,Alex,"{email}"\n')
    assert problems == [f"line 2: email: '{email}' is not an e-mail address"]


def test_fold():
    assert fold("  ZOË  Specimen ") == "zoe specimen"
    assert fold("Łukasz Przykład") == "lukasz przyklad"
    assert fold("Straße") == "strasse"
    assert fold(None) == ""
