"""Fixtures: apps on a real SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set.

On SQLite a loaded app's database is a copy of a file migrated and loaded once per session;
on PostgreSQL each app gets a schema of its own, migrated and loaded by `advocacy init`.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from advocacy import create_app
from tests.databases import BACKENDS, empty_database
from tests.helpers import DATA_DIR, SMALL_DATA_DIR, add_people


def _make_app(database_url: str, folder: Path, data_dir: Path = DATA_DIR):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(folder / "instance"),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DATA_DIR": str(data_dir),
            "DATA_VERSION_TTL": 0,
            # Briefing prints queued by requests go to a queue of the app's own (Redis is shared).
            "HUEY_NAME": f"test_{uuid.uuid4().hex[:12]}",
        }
    )


def _init(app) -> None:
    """Migrate the app's database and load its data folder, as `advocacy init` does."""
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output


def _dispose(app) -> None:
    tasks = app.extensions.get("advocacy_tasks")
    if tasks is not None:
        with contextlib.suppress(Exception):  # a test may point the app at a Redis that is not there
            tasks.huey.flush()  # Redis keeps queues between runs: leave nothing behind
    with app.app_context():
        from advocacy.core.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> Callable[[Path], Path]:
    """SQLite files migrated and loaded once per session and data folder, copied for each app."""
    made: dict[Path, Path] = {}

    def template(data_dir: Path) -> Path:
        if data_dir not in made:
            folder = tmp_path_factory.mktemp("template")
            app = _make_app(f"sqlite:///{folder / 'template.sqlite'}", folder, data_dir)
            _init(app)
            _dispose(app)
            made[data_dir] = folder / "template.sqlite"
        return made[data_dir]

    return template


def _loaded_apps(backend: str, folder: Path, data_dir: Path, templates) -> Iterator:
    """Yield an app migrated and loaded with data_dir: a copy of the template on SQLite."""
    for url in empty_database(backend, folder):
        if backend == "sqlite":
            shutil.copyfile(templates(data_dir), folder / "test.sqlite")
        app = _make_app(url, folder, data_dir)
        if backend != "sqlite":
            _init(app)
        yield app
        _dispose(app)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_app(backend, tmp_path):
    """An app on an empty database (nothing migrated)."""
    for url in empty_database(backend, tmp_path):
        app = _make_app(url, tmp_path)
        yield app
        _dispose(app)


@pytest.fixture
def app(backend, tmp_path, sqlite_templates):
    """An app migrated and loaded with the bundled data, fresh for each test."""
    yield from _loaded_apps(backend, tmp_path, DATA_DIR, sqlite_templates)


@pytest.fixture
def small_app(backend, tmp_path, sqlite_templates):
    """An app loaded with the few countries of tests/data_small, fresh for each test.

    A module whose tests need no more overrides `app` with it, so `people` and `runner` follow.
    """
    yield from _loaded_apps(backend, tmp_path, SMALL_DATA_DIR, sqlite_templates)


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory, sqlite_templates):
    """A loaded app shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("site")
    yield from _loaded_apps(request.param, folder, DATA_DIR, sqlite_templates)


@pytest.fixture(scope="module", params=BACKENDS)
def small_site(request, tmp_path_factory, sqlite_templates):
    """An app loaded with tests/data_small, shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("site")
    yield from _loaded_apps(request.param, folder, SMALL_DATA_DIR, sqlite_templates)


@pytest.fixture
def client(site):
    return site.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def staff(app, people):
    """A test client signed in as staff, on whichever app the module uses."""
    from tests.records.staff_forms import signed_in

    return signed_in(app, people["staff"])


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
