"""Fixtures for the open data tests: the small real data set and a signed-in staff client."""

from __future__ import annotations

import pytest

from tests.records.staff_forms import signed_in


@pytest.fixture
def app(small_app):
    return small_app


@pytest.fixture
def staff(app, people):
    """A test client signed in as staff."""
    return signed_in(app, people["staff"])
