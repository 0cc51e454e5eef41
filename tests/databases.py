"""Empty databases for tests: a SQLite file, or a PostgreSQL schema when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

from advocacy.core.settings import normalise_database_url

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def empty_database(backend: str, folder: Path) -> Iterator[str]:
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
