"""Advocacy toolkit against transnational repression: the Flask application factory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from advocacy import access, config
from advocacy.extensions import babel, csrf, db, migrate
from advocacy.i18n import select_locale
from advocacy.security import add_security_headers

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the application."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("ADVOCACY_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path)
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config.get("CHECK_FONTS", True):
        _warn_about_fonts(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(add_security_headers)
    access.init_app(app)

    from advocacy.views import (
        admin,
        api,
        auth,
        compose,
        errors,
        public,
        reports,
        staff,
        translate,
        translate_review,  # noqa: F401 - adds the review routes to translate.bp
    )

    app.register_blueprint(public.root)
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(compose.bp)
    for blueprint in (auth.bp, auth.own, admin.bp, staff.bp, reports.bp, translate.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    app.jinja_env.globals.update(public.template_globals(), workspace_links=access.workspace_links)

    from advocacy.cli import register_commands

    register_commands(app)
    return app


def _warn_about_fonts(app: Flask) -> None:
    """Log what would spoil PDF letters (checked once per process); pages are served regardless."""
    from advocacy.pdf.fonts import checks_once

    for check, problems in checks_once().items():
        for problem in problems:
            app.logger.warning("PDF letters: %s check failed: %s (see `advocacy doctor`)", check, problem)
