"""Fixtures for the records tests: the small real data set, and a signed-in staff client."""

from __future__ import annotations

import pytest

from tests.records.staff_forms import signed_in


@pytest.fixture
def app(small_app):
    """A few countries' real data (tests/data_small) is all these tests need."""
    return small_app


@pytest.fixture
def staff(app, people):
    """A test client signed in as staff."""
    return signed_in(app, people["staff"])
