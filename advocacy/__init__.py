"""Advocacy toolkit against transnational repression: the Flask application factory."""

from __future__ import annotations

import os
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask

from advocacy.commands import register_commands
from advocacy.core import settings as config
from advocacy.core.extensions import babel, csrf, db, migrate
from advocacy.core.web import SETTINGS_KEY, add_security_headers, limit_requests, select_locale

PACKAGE_DIR = Path(__file__).resolve().parent
# Each feature is a package; its views module (if any) has register(app), its cli module COMMANDS.
FEATURES = (
    "core",
    "countries",
    "changes",
    "opendata",
    "records",
    "representatives",
    "letters",
    "translations",
    "briefings",
    "reports",
    "reporting",
    "replies",
    "accounts",
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the application."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("ADVOCACY_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path)
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.extensions[SETTINGS_KEY] = config.Settings.from_config(app.config, app.instance_path, app.root_path)
    if app.config.get("CHECK_FONTS", True):
        _warn_about_fonts(app)

    limit_requests(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(add_security_headers)

    for feature in FEATURES:
        _import_if_present(f"advocacy.{feature}.models")  # so migrations know every table
        views = _import_if_present(f"advocacy.{feature}.views")
        if views is not None:
            views.register(app)

    register_commands(app, FEATURES)
    return app


def _warn_about_fonts(app: Flask) -> None:
    """Log what would spoil PDF letters (checked once per process); pages are served regardless."""
    from advocacy.pdf.fonts import checks_once

    for check, problems in checks_once().items():
        for problem in problems:
            app.logger.warning("PDF letters: %s check failed: %s (see `advocacy doctor`)", check, problem)


def _import_if_present(name: str) -> ModuleType | None:
    """Import a feature's module if the feature has one."""
    return import_module(name) if find_spec(name) is not None else None
