"""The editing rules without the web: record checks, diffs, the optimistic lock, the data version."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.records.audit import Change, decode_changes, diff, encode_changes
from advocacy.records.datafiles import read_package
from advocacy.records.dataset import current_version, dataset_version, refresh_version
from advocacy.records.editing import (
    AuditEntry,
    Conflict,
    Duplicate,
    Editor,
    create_record,
    read_row,
    update_record,
)
from advocacy.records.fields import check_record, decode_row, encode_row
from advocacy.records.schema import load_resources
from tests.helpers import DATA_DIR, SMALL_DATA_DIR

RESOURCES = {r.name: r for r in load_resources(DATA_DIR / "datapackage.json")}
CASES = RESOURCES["cases"]
CASE = {
    "id": "zz-test", "country": "FR", "year": "2024", "method": "other", "outcome": "unknown",
    "target_group": "student", "person": "unnamed", "public": "false", "summary": "Line one.\r\nLine two.  ",
    "source_url": "", "source_title": "Test source", "confidence": "medium", "verified": "true",
    "as_of": "2026-11",
}  # fmt: skip
EDITOR = Editor(None, "tester@example.org")


def test_a_form_record_is_typed_and_cleaned_like_an_imported_row():
    row, problems = check_record(CASE, CASES)
    assert problems == {}
    assert row["year"] == 2024 and row["public"] is False and row["source_url"] is None
    assert row["summary"] == "Line one.\nLine two."  # browsers send CRLF and stray spaces


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year", "1989", "below the minimum"),
        ("year", "two", "not a whole number"),
        ("public", "yes", "not a boolean"),
        ("as_of", "2026-13", "not a real date"),
        ("source_title", "", "every fact needs a source"),
        ("country", "", "is required"),
    ],
)
def test_bad_cells_are_named_with_the_import_message(field, value, message):
    _, problems = check_record({**CASE, field: value}, CASES)
    assert list(problems) == [field] and message in problems[field]


def test_verified_needs_more_than_low_confidence():
    _, problems = check_record({**CASE, "confidence": "low"}, CASES)
    assert "cannot be true when confidence is low" in problems["verified"]
    assert check_record({**CASE, "confidence": "low", "verified": "false"}, CASES)[1] == {}


def test_the_loaded_record_round_trips_and_tampering_is_noticed():
    row, _ = check_record(CASE, CASES)
    assert decode_row(encode_row(row, CASES), CASES) == row
    assert decode_row("not json", CASES) is None
    assert decode_row('{"id": "x"}', CASES) is None
    assert decode_row(encode_row({**row, "year": "soon"}, CASES), CASES) is None


def test_diff_lists_changed_fields_in_schema_order_as_data_text():
    row, _ = check_record(CASE, CASES)
    changed = {**row, "public": True, "year": 2025}
    assert diff(row, changed, CASES.field_names) == [
        Change("year", "2024", "2025"),
        Change("public", "false", "true"),
    ]
    created = diff(None, row, CASES.field_names)
    assert Change("source_url", "", "") not in created and Change("id", "", "zz-test") in created
    assert decode_changes(encode_changes(created)) == created and decode_changes("{") == []


def test_the_data_version_after_an_edit_is_what_an_import_of_the_same_files_gives(app):
    package = read_package(SMALL_DATA_DIR)
    with app.app_context():
        assert (
            refresh_version(db.session, SMALL_DATA_DIR)
            == current_version(db.session)
            == dataset_version(package.rows)
        )


def test_a_stale_base_is_refused_in_the_database_itself(app):
    with app.app_context():
        row, _ = check_record(CASE, CASES)
        create_record(db.session, CASES, row, EDITOR, DATA_DIR)
        with pytest.raises(Duplicate):
            create_record(db.session, CASES, row, EDITOR, DATA_DIR)
        loaded = read_row(db.session, CASES, "zz-test")
        update_record(db.session, CASES, loaded, {**loaded, "outcome": "pending"}, EDITOR, DATA_DIR)
        with pytest.raises(Conflict) as refused:
            update_record(db.session, CASES, loaded, {**loaded, "outcome": "returned"}, EDITOR, DATA_DIR)
        assert refused.value.changes == [Change("outcome", "unknown", "pending")]
        assert refused.value.last.user_email == EDITOR.email
        assert read_row(db.session, CASES, "zz-test")["outcome"] == "pending"
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["create", "update"]


def test_the_migration_adds_and_removes_the_audit_table(app):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import inspect

    with app.app_context():
        directory = app.extensions["migrate"].directory
        assert "audit_entry" in inspect(db.engine).get_table_names()
        downgrade(directory=directory, revision="0005")
        assert "audit_entry" not in inspect(db.engine).get_table_names()
        upgrade(directory=directory)
        assert "audit_entry" in inspect(db.engine).get_table_names()


def test_which_changes_withdraw_a_country_s_public_copies():
    from advocacy.records.editing import withdrawn_by_change, withdrawn_cases

    public = {"id": "fr-1", "country": "FR", "public": True, "person": "A"}
    restricted = {"id": "de-1", "country": "DE", "public": False, "person": "B"}
    assert withdrawn_by_change("cases", public) == {"FR"}
    assert withdrawn_by_change("cases", restricted) == set()
    assert withdrawn_by_change("treaties", {"id": "fr-extradition", "country": "FR"}) == set()
    assert withdrawn_cases([public, restricted], [public, restricted]) == set()
    assert withdrawn_cases([public, restricted], [{**public, "public": False}, restricted]) == {"FR"}
    assert withdrawn_cases([public, restricted], [{**public, "person": "A."}, restricted]) == {"FR"}
    assert withdrawn_cases([public, restricted], [restricted]) == {"FR"}
    assert withdrawn_cases([public, restricted], [public]) == set()  # a restricted case was never out
