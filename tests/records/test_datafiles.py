"""Checking data files: the shipped data passes, broken files fail whole with located errors."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.records.datafiles import is_partial_date, read_package
from tests.helpers import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def rewrite_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (line counts the header as 1)."""
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    fields = list(rows[0].keys())
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def messages(directory: Path) -> list[str]:
    return [str(p) for p in read_package(directory).problems]


def test_shipped_data_passes():
    package = read_package(DATA_DIR)
    assert package.problems == []
    assert {name: len(rows) > 0 for name, rows in package.rows.items()} == dict.fromkeys(package.rows, True)


def test_shipped_data_is_a_valid_frictionless_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "expected"),
    [
        (
            "treaties.csv",
            3,
            "signed",
            "2015-02-30",
            "treaties.csv:3: signed: '2015-02-30' is not a real date",
        ),
        ("treaties.csv", 2, "in_force", "17/07/2015", "treaties.csv:2: in_force: '17/07/2015' is not a date"),
        ("treaties.csv", 4, "country", "XQ", "treaties.csv:4: country: unknown country code 'XQ'"),
        ("treaties.csv", 4, "country", "France", "treaties.csv:4: country: 'France' is not a country code"),
        ("treaties.csv", 5, "status", "active", "treaties.csv:5: status: unknown value 'active'"),
        ("treaties.csv", 6, "source_title", "", "treaties.csv:6: source_title: is required"),
        ("treaties.csv", 7, "confidence", "certain", "treaties.csv:7: confidence: unknown value 'certain'"),
        ("treaties.csv", 8, "verified", "yes", "treaties.csv:8: verified: 'yes' is not a boolean"),
        (
            "treaties.csv",
            9,
            "source_url",
            "not a url",
            "treaties.csv:9: source_url: 'not a url' does not match",
        ),
        ("cases.csv", 2, "year", "twenty", "cases.csv:2: year: 'twenty' is not a whole number"),
        ("cases.csv", 3, "method", "abduction", "cases.csv:3: method: unknown value 'abduction'"),
        ("figures.csv", 2, "value", "10,105", "figures.csv:2: value: '10,105' is not a number"),
        ("chambers.csv", 2, "serves", "FR ZZ", "chambers.csv:2: serves: unknown country code 'ZZ'"),
        ("cases.csv", 2, "summary", "A \u202etext", "cases.csv:2: summary: contains a bidirectional control"),
        ("treaties.csv", 3, "notes", "\u2067x\u2069 y", "treaties.csv:3: notes: contains a bidirectional"),
    ],
)
def test_broken_cell_is_located(data_copy, file, line, column, value, expected):
    rewrite_cell(data_copy / file, line, column, value)
    found = messages(data_copy)
    assert any(m.startswith(expected) for m in found), found
    assert read_package(data_copy).rows == {}


def test_duplicate_key_names_both_lines(data_copy):
    path = data_copy / "treaties.csv"
    first_id = next(iter(csv.DictReader(path.open(encoding="utf-8"))))["id"]
    rewrite_cell(path, 5, "id", first_id)
    assert f"treaties.csv:5: id: duplicate key '{first_id}' (first on line 2)" in messages(data_copy)


def test_every_error_in_every_file_is_listed(data_copy):
    rewrite_cell(data_copy / "treaties.csv", 2, "status", "bogus")
    rewrite_cell(data_copy / "treaties.csv", 3, "confidence", "bogus")
    rewrite_cell(data_copy / "rulings.csv", 2, "date", "bogus")
    found = messages(data_copy)
    assert len([m for m in found if m.startswith("treaties.csv")]) == 2
    assert any(m.startswith("rulings.csv:2: date") for m in found)


def test_wrong_encoding_is_located(data_copy):
    path = data_copy / "rulings.csv"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[2] = text[2].replace(",", ",Malmö ", 1)
    path.write_bytes("".join(text).encode("latin-1", errors="replace"))
    assert any(m.startswith("rulings.csv:3: not UTF-8") for m in messages(data_copy))


def test_empty_file(data_copy):
    (data_copy / "figures.csv").write_bytes(b"")
    assert "figures.csv: file is empty" in messages(data_copy)


def test_header_only_file(data_copy):
    path = data_copy / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "figures.csv: has a header but no rows" in messages(data_copy)


def test_missing_and_unknown_columns(data_copy):
    path = data_copy / "chambers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("answer_due", "deadline")
    path.write_text("".join(lines), encoding="utf-8")
    found = messages(data_copy)
    assert "chambers.csv:1: missing column(s): answer_due" in found
    assert "chambers.csv:1: unknown column(s): deadline" in found


def test_ragged_row(data_copy):
    path = data_copy / "rulings.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("se-2099-1,SE\n")
    assert any("has 2 cells, the header has" in m for m in messages(data_copy))


def test_unclosed_quote(data_copy):
    path = data_copy / "rulings.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('se-2099-1,SE,"2019\n')
    assert any("malformed CSV" in m or "has " in m for m in messages(data_copy))


def test_missing_file(data_copy):
    (data_copy / "cases.csv").unlink()
    assert "cases.csv: file is missing" in messages(data_copy)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2015", True),
        ("2015-07", True),
        ("2015-07-17", True),
        ("2015-13", False),
        ("2015-02-29", False),
        ("2016-02-29", True),
        ("15-07-17", False),
        ("2015-7-17", False),
        ("1850", False),
    ],
)
def test_partial_dates(text, ok):
    assert is_partial_date(text) is ok


def _treaties_text() -> str:
    return (DATA_DIR / "treaties.csv").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_damage_is_always_caught(tmp_path_factory, data):
    """Replace any one cell with arbitrary text: the file is accepted only if the cell is still valid."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATA_DIR, folder, dirs_exist_ok=True)
    rows = list(csv.reader(io.StringIO(_treaties_text())))
    line = data.draw(st.integers(min_value=1, max_value=len(rows) - 1))
    column = data.draw(st.integers(min_value=0, max_value=len(rows[0]) - 1))
    value = data.draw(st.text(max_size=30))
    rows[line][column] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "treaties.csv").write_text(buffer.getvalue(), encoding="utf-8")
    package = read_package(folder)
    if not package.ok:
        assert package.rows == {}
        assert all(p.file == "treaties.csv" for p in package.problems)
        return
    # Accepted: the new value must be one the schema allows, and read back unchanged.
    header = rows[0]
    row = next(r for r in package.rows["treaties"] if str(r["id"]) == (rows[line][0]))
    from advocacy.records.datafiles import format_cell

    assert format_cell(row[header[column]]) == value


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path_factory, blob):
    folder = tmp_path_factory.mktemp("bytes")
    shutil.copytree(DATA_DIR, folder, dirs_exist_ok=True)
    (folder / "rulings.csv").write_bytes(blob)
    package = read_package(folder)
    assert not package.ok
    assert package.rows == {}
