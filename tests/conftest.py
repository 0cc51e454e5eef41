"""Fixtures: apps on a real SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from advocacy import create_app
from advocacy.core.settings import normalise_database_url
from tests.helpers import DATA_DIR, add_people

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _database(backend: str, folder: Path) -> Iterator[str]:
    """Yield a URL for an empty database; PostgreSQL gets a schema of its own."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.sqlite'}"
        return
    base = normalise_database_url(os.environ["TEST_DATABASE_URL"])
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _make_app(database_url: str, folder: Path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(folder / "instance"),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DATA_DIR": str(DATA_DIR),
            "DATA_VERSION_TTL": 0,
        }
    )


@pytest.fixture(params=BACKENDS)
def empty_app(request, tmp_path):
    """An app on an empty database (nothing migrated)."""
    for url in _database(request.param, tmp_path):
        app = _make_app(url, tmp_path)
        yield app
        with app.app_context():
            from advocacy.core.extensions import db

            db.engine.dispose()


@pytest.fixture
def app(empty_app):
    """An app migrated and loaded with the bundled data, fresh for each test."""
    result = empty_app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    return empty_app


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory):
    """A loaded app shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("site")
    for url in _database(request.param, folder):
        app = _make_app(url, folder)
        result = app.test_cli_runner().invoke(args=["init"])
        assert result.exit_code == 0, result.output
        yield app
        with app.app_context():
            from advocacy.core.extensions import db

            db.engine.dispose()


@pytest.fixture
def client(site):
    return site.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def people(app) -> dict[str, str]:
    """Accounts for every role on the fresh app."""
    return add_people(app)


@pytest.fixture(scope="module")
def base_url(site):
    """The module's loaded app served over real HTTP, for the browser tests."""
    from tests.browsing import serving

    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from tests.browsing import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
