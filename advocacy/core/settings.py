"""Configuration: embedded defaults, overridden by environment variables, frozen into Settings."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PAGE_TEMPLATES_DIR = PACKAGE_DIR / "templates"
PROJECT_ROOT = PACKAGE_DIR.parent

ENVIRONMENT_VARIABLES = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "ADVOCACY_DATA_DIR": "DATA_DIR",
    "ADVOCACY_LETTERS_DIR": "LETTER_TEMPLATES_DIR",
    "ADVOCACY_TRANSLATIONS_DIR": "BABEL_TRANSLATION_DIRECTORIES",
    "REDIS_URL": "REDIS_URL",
    "ADVOCACY_QUEUE": "HUEY_NAME",
    "ADVOCACY_EXPORT_RETRY_DELAY": "EXPORT_RETRY_DELAY",
    "ADVOCACY_PROXY_HOPS": "PROXY_HOPS",
    "ADVOCACY_PRINT_AHEAD": "PRINT_AHEAD",
}


def defaults(instance_path: str) -> dict[str, Any]:
    """Return the embedded defaults: SQLite in the instance folder, bundled data."""
    return {
        "SECRET_KEY": _instance_secret(Path(instance_path)),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'advocacy.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "DATA_DIR": str(PROJECT_ROOT / "data"),
        "LETTER_TEMPLATES_DIR": str(PROJECT_ROOT / "templates" / "letters"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Sessions marked Secure whenever the request is HTTPS (advocacy.accounts.web); behind a
        # TLS-terminating proxy set PROXY_HOPS so X-Forwarded-Proto/-For are believed.
        "PROXY_HOPS": 0,
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,  # a workspace session lasts a working day
        "JSON_SORT_KEYS": False,
        # Every form and API body is far smaller (the data import raises its own limit for its
        # uploads): a bigger request is refused with 413 before it is read.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "MAX_FORM_PARTS": 1000,
        # Background jobs (advocacy.briefings.tasks): Redis when REDIS_URL is set, else this SQLite file.
        "REDIS_URL": None,
        "HUEY_BACKEND": None,  # "sqlite" or "redis"; None chooses by REDIS_URL
        "HUEY_NAME": "advocacy",  # the queue's name: sites sharing a Redis server need their own
        "HUEY_SQLITE_PATH": str(Path(instance_path) / "queue.sqlite"),
        "EXPORT_ATTEMPTS": 3,  # tries per briefing in an export before it is reported as failed
        "EXPORT_RETRY_DELAY": 30.0,  # seconds before a failed briefing is tried again
        # The queue prints every missing briefing at start and after each change (off: only those
        # readers ask for; "0", "false" or "no" in the environment).
        "PRINT_AHEAD": True,
    }


def from_environment() -> dict[str, Any]:
    """Read the documented environment variables that are set."""
    settings = {key: os.environ[var] for var, key in ENVIRONMENT_VARIABLES.items() if var in os.environ}
    if "SQLALCHEMY_DATABASE_URI" in settings:
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings["SQLALCHEMY_DATABASE_URI"])
    return settings


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance: Path) -> str:
    """Keep a random secret key in the instance folder so sessions survive restarts."""
    path = instance / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        instance.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        path.write_text(key)
        path.chmod(0o600)
        return key


@dataclass(frozen=True)
class Settings:
    """The folders and limits services need, fixed when the app is made and passed to them."""

    instance_dir: Path
    data_dir: Path
    letter_templates_dir: Path
    translations_dirs: tuple[Path, ...]
    check_fonts: bool = True
    export_attempts: int = 3
    export_retry_delay: float = 30.0
    page_cache: bool = True  # public pages kept per data version and URL (off to measure rendering)
    # Seconds a worker trusts the data version it last read: an import shows on every worker
    # within this time (tests set 0).
    data_version_ttl: float = 2.0
    print_ahead: bool = True  # the queue prints every missing briefing, not only those asked for

    @classmethod
    def from_config(cls, config: Mapping[str, Any], instance_path: str, root_path: str) -> Settings:
        """Read them from a Flask config; relative translation folders are relative to the app."""
        folders = str(config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")
        return cls(
            instance_dir=Path(instance_path),
            data_dir=Path(config["DATA_DIR"]),
            letter_templates_dir=Path(config["LETTER_TEMPLATES_DIR"]),
            translations_dirs=tuple(Path(root_path, folder) for folder in folders if folder),
            check_fonts=bool(config.get("CHECK_FONTS", True)),
            export_attempts=int(config["EXPORT_ATTEMPTS"]),
            export_retry_delay=float(config["EXPORT_RETRY_DELAY"]),
            page_cache=config.get("PAGE_CACHE") is not False,
            data_version_ttl=float(config.get("DATA_VERSION_TTL", 2.0)),
            print_ahead=str(config.get("PRINT_AHEAD", True)).strip().lower()
            not in ("0", "false", "no", "off"),
        )

    @property
    def catalogs_dir(self) -> Path:
        """Where the interface catalogs are written (the first translation folder)."""
        return self.translations_dirs[0]

    @property
    def briefings_dir(self) -> Path:
        """Where printed briefings are stored."""
        return self.instance_dir / "briefings"

    @property
    def exports_dir(self) -> Path:
        """Where export jobs write their PDFs and zips."""
        return self.instance_dir / "exports"
