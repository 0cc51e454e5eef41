"""tests/data_small: real rows of the bundled data for a few countries, valid as a whole."""

from __future__ import annotations

import pytest

from advocacy.records.datafiles import read_package
from tests.helpers import DATA_DIR, SMALL_DATA_DIR

TABLES = ("treaties", "rulings", "cases", "figures", "chambers", "channels", "guidance", "recommendations")


def test_the_schema_is_the_bundled_one():
    assert (SMALL_DATA_DIR / "datapackage.json").read_bytes() == (DATA_DIR / "datapackage.json").read_bytes()


@pytest.mark.parametrize("table", TABLES)
def test_every_row_is_a_row_of_the_bundled_data(table):
    small = (SMALL_DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bundled = (DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert small[0] == bundled[0]
    invented = [line for line in small[1:] if line not in bundled]
    assert invented == [], f"rows not in {DATA_DIR / table}.csv: refresh tests/data_small from it"
    assert 0 < len(small) - 1 < len(bundled) - 1


def test_the_small_data_passes_the_import_checks():
    package = read_package(SMALL_DATA_DIR)
    assert package.ok, package.problems
    countries = {row["country"] for row in package.rows["treaties"]}
    assert countries == {"AE", "AU", "CY", "DE", "FR", "GB"}
