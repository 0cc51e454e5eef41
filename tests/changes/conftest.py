"""Fixtures for the changes tests: the small real data set (the staff client is the root conftest's)."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(small_app):
    return small_app
