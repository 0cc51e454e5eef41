"""Representatives in the database: import all or nothing, search, the `reps` CLI."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.representatives.models import Representative
from advocacy.representatives.popolo import parse_popolo
from advocacy.representatives.rows import (
    FIELDS,
    RepresentativesError,
    parse_csv,
)
from advocacy.representatives.store import (
    UnknownChamber,
    import_representatives,
    list_representatives,
    search_representatives,
)
from tests.helpers import SMALL_DATA_DIR
from tests.representatives.samples import EU_POPOLO, GB_CSV, HEADER, SAMPLES

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
