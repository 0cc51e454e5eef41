"""Fixtures for the translation tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advocacy.core.settings import PROJECT_ROOT
from tests.helpers import change_settings


@pytest.fixture
def letters(app, tmp_path) -> Path:
    """A copy of the template files the app uses, so tests can change the English sources."""
    root = tmp_path / "letters"
    shutil.copytree(PROJECT_ROOT / "templates" / "letters", root)
    change_settings(app, letter_templates_dir=root)
    return root
