"""Fixtures for the records tests: the small real data set (the staff client is the root conftest's)."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(small_app):
    """A few countries' real data (tests/data_small) is all these tests need."""
    return small_app
