"""Representatives: parsing CSV and Popolo with located problems, import, search, the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.representatives.models import Representative
from advocacy.representatives.popolo import parse_popolo
from advocacy.representatives.rows import (
    FIELDS,
    Problem,
    RepresentativesError,
    check_rows,
    fold,
    parse_csv,
)
from advocacy.representatives.store import (
    UnknownChamber,
    import_representatives,
    list_representatives,
    search_representatives,
)
from tests.helpers import DATA_DIR, SMALL_DATA_DIR

SAMPLES = DATA_DIR / "samples"
GB_CSV = SAMPLES / "representatives-gb-commons.csv"
EU_POPOLO = SAMPLES / "representatives-eu-parliament.popolo.json"
HEADER = ",".join(FIELDS)


def problems_of(parse, data) -> list[str]:
    with pytest.raises(RepresentativesError) as caught:
        parse(data)
    return [str(problem) for problem in caught.value.problems]


def popolo() -> dict:
    return json.loads(EU_POPOLO.read_text(encoding="utf-8"))


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1)


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


# --- nothing but RepresentativesError, whatever the input ----------------------------

KEYS = ["id", "name", "person_id", "organization_id", "classification", "area_id", "on_behalf_of_id",
        "gender", "email", "contact_details", "type", "value", "sources", "url", "start_date", "end_date",
        "legislative_period_id"]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["p1", "leg", "legislature", "party", "female", "email", "address", "a@example.org"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=6),
    max_leaves=30,
)  # fmt: skip
POPOLO_DOCUMENTS = (
    st.dictionaries(
        st.sampled_from(["persons", "memberships", "organizations", "areas", "events"]), JSON_VALUES
    )
    | JSON_VALUES
)


def _parses_or_refuses(parse, data) -> None:
    try:
        rows = parse(data)
    except RepresentativesError as error:
        assert error.problems
        assert all(str(problem) for problem in error.problems)
    else:
        assert rows and all(set(row) == set(FIELDS) and row["id"] and row["name"] for row in rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.text() | st.binary())
def test_random_garbage_never_crashes(data):
    _parses_or_refuses(parse_csv, data)
    _parses_or_refuses(parse_popolo, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=12), max_size=5))
def test_random_csv_rows_never_crash(cells):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([list(FIELDS), *cells])
    _parses_or_refuses(parse_csv, buffer.getvalue())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=POPOLO_DOCUMENTS)
def test_random_popolo_structures_never_crash(document):
    _parses_or_refuses(parse_popolo, json.dumps(document))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_damaged_sample_popolo_never_crashes(data):
    document = popolo()
    for _ in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(["persons", "memberships", "organizations", "areas", "events"]))
        item = data.draw(st.sampled_from(document[section]))
        key = data.draw(st.sampled_from(sorted(item)))
        item[key] = data.draw(JSON_VALUES)
    _parses_or_refuses(parse_popolo, json.dumps(document))


def test_fold():
    assert fold("  ZOË  Specimen ") == "zoe specimen"
    assert fold("Łukasz Przykład") == "lukasz przyklad"
    assert fold("Straße") == "strasse"
    assert fold(None) == ""


# --- the database --------------------------------------------------------------------


def count(app, chamber_id: str | None = None) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Representative)
        if chamber_id:
            query = query.where(Representative.chamber_id == chamber_id)
        return db.session.scalar(query)


def snapshot(app) -> list[tuple]:
    with app.app_context():
        reps = db.session.scalars(
            select(Representative).order_by(Representative.chamber_id, Representative.id)
        )
        return [tuple(getattr(rep, field) for field in ("chamber_id", *FIELDS)) for rep in reps]


@pytest.fixture
def app(small_app):
    """A few countries' real data (tests/data_small) is all these tests need."""
    return small_app


@pytest.fixture
def loaded(app, runner):
    """The app with both samples imported through the CLI."""
    for path, chamber in ((GB_CSV, "gb-commons"), (EU_POPOLO, "eu-parliament")):
        result = runner.invoke(args=["reps", "import", str(path), "--chamber", chamber])
        assert result.exit_code == 0, result.output
    return app


def test_cli_imports_both_samples(app, runner):
    result = runner.invoke(args=["reps", "import", str(GB_CSV), "--chamber", "gb-commons"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Imported 6 representative(s) for gb-commons."
    result = runner.invoke(args=["reps", "import", str(EU_POPOLO), "--chamber", "eu-parliament"])
    assert result.exit_code == 0, result.output
    assert "Imported 5 representative(s) for eu-parliament." in result.output
    assert (count(app, "gb-commons"), count(app, "eu-parliament")) == (6, 5)
    with app.app_context():
        zoe = db.session.get(Representative, ("gb-commons", "sample-004"))
        assert (zoe.name, zoe.form_of_address, zoe.constituency) == (
            "Zoë Specimen",
            "feminine",
            "Fictionford and Démoville",
        )
        assert (
            db.session.get(Representative, ("eu-parliament", "sample-person-1")).postal_address.count("\n")
            == 2
        )


def test_cli_list(loaded, runner):
    result = runner.invoke(args=["reps", "list", "--chamber", "gb-commons"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "sample-006\tChris Demo\tExampleshire West\tExample Party\tchris.demo@example.org"
    assert [line.split("\t")[1] for line in lines[:6]] == [
        "Chris Demo", "Alex Example", "Robin Fictional", "Jordan Placeholder", "Sam Sample", "Zoë Specimen",
    ]  # fmt: skip
    assert lines[-1] == "6 representative(s) for gb-commons."
    result = runner.invoke(args=["reps", "list", "--chamber", "xx-nowhere"])
    assert result.exit_code == 1 and "unknown chamber 'xx-nowhere'" in result.output


def test_cli_format_option_and_extension(loaded, runner, tmp_path):
    renamed = tmp_path / "members.txt"
    shutil.copy(EU_POPOLO, renamed)
    result = runner.invoke(args=["reps", "import", str(renamed), "--chamber", "eu-parliament"])
    assert result.exit_code == 2 and "use a .csv or .json file" in result.output
    result = runner.invoke(
        args=["reps", "import", str(renamed), "--chamber", "eu-parliament", "--format", "popolo"]
    )
    assert result.exit_code == 0, result.output


def test_cli_bad_file_changes_nothing(loaded, runner, tmp_path):
    before = snapshot(loaded)
    bad = tmp_path / "commons.csv"
    bad.write_text(
        f"{HEADER}\nn1,New Person,,,,,,,,,\nn2,Other Person,,,,,,bad-address,,,\nn1,,,,sir,,,,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["reps", "import", str(bad), "--chamber", "gb-commons"])
    assert result.exit_code == 1
    assert "4 problem(s); the database was not changed:" in result.output
    for expected in (
        "commons.csv:3: email: 'bad-address' is not an e-mail address",
        "commons.csv:4: name: is required",
        "commons.csv:4: form_of_address: unknown value 'sir'",
        "commons.csv:4: id: duplicate id 'n1' (first at line 2)",
    ):
        assert expected in result.output
    bad.write_bytes(b"id,name\nn1,Caf\xe9\n")
    result = runner.invoke(args=["reps", "import", str(bad), "--chamber", "gb-commons"])
    assert result.exit_code == 1 and "commons.csv:2: not UTF-8" in result.output
    broken_json = tmp_path / "eu.json"
    broken_json.write_text('{"persons": [}', encoding="utf-8")
    result = runner.invoke(args=["reps", "import", str(broken_json), "--chamber", "eu-parliament"])
    assert result.exit_code == 1 and "eu.json:1: character 14: not valid JSON" in result.output
    assert snapshot(loaded) == before


def test_unknown_chamber_is_refused(loaded, runner):
    before = snapshot(loaded)
    result = runner.invoke(args=["reps", "import", str(GB_CSV), "--chamber", "gb-parliament"])
    assert result.exit_code == 1
    assert "unknown chamber 'gb-parliament'" in result.output
    with loaded.app_context(), pytest.raises(UnknownChamber):
        import_representatives(db.session, "gb-parliament", [{"id": "a", "name": "Alex Example"}])
    assert snapshot(loaded) == before


def test_import_replaces_the_chamber_list_only(loaded):
    eu_before = [row for row in snapshot(loaded) if row[0] == "eu-parliament"]
    rows = [
        {"id": "sample-001", "name": "Alex Example", "constituency": "Sampletown Central"},
        {"id": "sample-100", "name": "Kim Newcomer", "family_name": "Newcomer"},
    ]
    with loaded.app_context():
        assert len(list_representatives(db.session, "gb-commons")) == 6  # loads them into the session
        assert import_representatives(db.session, "gb-commons", rows) == 2
    assert count(loaded, "gb-commons") == 2
    with loaded.app_context():
        alex = db.session.get(Representative, ("gb-commons", "sample-001"))
        assert (alex.constituency, alex.email, alex.form_of_address) == (
            "Sampletown Central",
            None,
            "neutral",
        )
        assert search_representatives(db.session, ["gb-commons"], "central")[0].id == "sample-001"
    assert [row for row in snapshot(loaded) if row[0] == "eu-parliament"] == eu_before


def test_import_without_replace_adds_and_updates(loaded, runner, tmp_path):
    with loaded.app_context():
        rows = [
            {"id": "sample-002", "name": "Sam Sample", "email": "office@example.org"},
            {"id": "x9", "name": "Kim New"},
        ]
        assert import_representatives(db.session, "gb-commons", rows, replace=False) == 2
        assert db.session.get(Representative, ("gb-commons", "sample-002")).email == "office@example.org"
    assert count(loaded, "gb-commons") == 7
    extra = tmp_path / "extra.csv"
    extra.write_text("id,name\nx10,Lee Extra\n", encoding="utf-8")
    result = runner.invoke(args=["reps", "import", str(extra), "--chamber", "gb-commons", "--add"])
    assert result.exit_code == 0 and "Added or updated 1 representative(s)" in result.output
    assert count(loaded, "gb-commons") == 8


def test_import_refuses_unchecked_rows_and_changes_nothing(loaded):
    before = snapshot(loaded)
    with loaded.app_context(), pytest.raises(RepresentativesError) as caught:
        import_representatives(db.session, "gb-commons", [{"id": "a", "name": "A", "email": "nope"}])
    assert [str(p) for p in caught.value.problems] == ["rows[0].email: 'nope' is not an e-mail address"]
    assert snapshot(loaded) == before


def test_the_same_id_may_sit_in_two_chambers(loaded):
    with loaded.app_context():
        import_representatives(db.session, "gb-lords", [{"id": "sample-001", "name": "Alex Example"}])
    assert (count(loaded, "gb-commons"), count(loaded, "gb-lords")) == (6, 1)


def test_reloading_the_data_files_keeps_the_representatives(loaded, runner, tmp_path):
    """`data import` deletes and re-inserts the chambers; the deferred foreign key allows it."""
    before = snapshot(loaded)
    result = runner.invoke(args=["data", "import", str(SMALL_DATA_DIR)])
    assert result.exit_code == 0, result.output
    assert snapshot(loaded) == before


def search(app, query, chambers=("gb-commons", "eu-parliament"), **kwargs) -> list[str]:
    with app.app_context():
        return [rep.name for rep in search_representatives(db.session, list(chambers), query, **kwargs)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alex", ["Alex Example"]),
        (
            "EXAMPLE",
            [
                "Chris Demo",
                "Alex Example",
                "Avery Example",
                "Inès Fictive",
                "Jordan Placeholder",
                "Morgan Sample",
            ],
        ),
        ("sampletown", ["Alex Example", "Sam Sample"]),
        ("Sampletown  north", ["Alex Example"]),
        ("exampleshire", ["Chris Demo", "Inès Fictive", "Jordan Placeholder", "Morgan Sample"]),
        ("zoe", ["Zoë Specimen"]),
        ("ZOË SPEC", ["Zoë Specimen"]),
        ("demoville", ["Zoë Specimen"]),
        ("Démoville", ["Zoë Specimen"]),
        ("lukasz przyklad", ["Łukasz Przykład"]),
        ("ines", ["Inès Fictive"]),
        ("", []),
        ("   ", []),
        ("%", []),
        ("_", []),
        ("nobody", []),
    ],
)
def test_search(loaded, query, expected):
    assert search(loaded, query) == expected


def test_search_orders_by_family_name_and_limits(loaded):
    assert search(loaded, "e", chambers=["gb-commons"]) == [
        "Chris Demo", "Alex Example", "Robin Fictional", "Jordan Placeholder", "Sam Sample", "Zoë Specimen",
    ]  # fmt: skip
    assert search(loaded, "e", chambers=["gb-commons"], limit=2) == ["Chris Demo", "Alex Example"]
    assert search(loaded, "alex", chambers=["eu-parliament"]) == []
    assert search(loaded, "alex", chambers=[]) == []


def test_search_keys_follow_edits(loaded):
    with loaded.app_context():
        rep = db.session.get(Representative, ("gb-commons", "sample-003"))
        rep.constituency = "Île Nouvelle"
        db.session.commit()
    assert search(loaded, "ile nouvelle") == ["Jordan Placeholder"]
    assert search(loaded, "exampleshire east") == []


def test_migration_matches_the_model(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diffs if "representative" in repr(d)] == []


def test_samples_are_clearly_fictional():
    rows = parse_csv(GB_CSV.read_bytes()) + parse_popolo(EU_POPOLO.read_bytes())
    assert all(row["email"] is None or row["email"].endswith("@example.org") for row in rows)
    assert all(row["source_url"] is None for row in rows)
    assert "fictional" in (SAMPLES / "README.md").read_text(encoding="utf-8").split("\n\n")[1]


def test_dropping_a_chamber_that_has_representatives_is_refused_clearly(loaded, runner, tmp_path):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(SMALL_DATA_DIR, copy)
    chambers = (copy / "chambers.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "chambers.csv").write_text(
        "".join(line for line in chambers if not line.startswith("gb-commons,")), encoding="utf-8"
    )
    before = snapshot(loaded)
    result = runner.invoke(args=["data", "import", str(copy)])
    assert result.exit_code == 1
    assert "still have representatives: gb-commons" in result.output
    assert "database was not changed" in result.output
    assert snapshot(loaded) == before
    cleared = runner.invoke(args=["reps", "clear", "--chamber", "gb-commons"])
    assert cleared.exit_code == 0 and "Removed 6 representative(s)" in cleared.output
    assert runner.invoke(args=["data", "import", str(copy)]).exit_code == 0
