"""Whatever the input, the parsers answer with rows or RepresentativesError, never a crash."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.representatives.popolo import parse_popolo
from advocacy.representatives.rows import (
    FIELDS,
    RepresentativesError,
    parse_csv,
)
from tests.representatives.samples import popolo

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
