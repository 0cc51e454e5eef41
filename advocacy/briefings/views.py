"""The country briefing download: /<lang>/countries/<code>/briefing.pdf (route in views.public).

Printed once per (data version, layout version, locale) and then served from the instance
folder; a printing failure is a 503 page that says so, never a 500.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask, Response, abort, current_app, g, redirect, render_template, send_file, url_for

from advocacy.briefings.service import current_version, stored_briefing
from advocacy.briefings.store import BriefingStore
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import localized_blueprint
from advocacy.core.web_cache import _data_version as data_version
from advocacy.countries.names import country_name

STORE_FOLDER = "briefings"
RETRY_SECONDS = 120
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


bp = localized_blueprint("briefings", __name__)


def register(app: Flask) -> None:
    """Attach the public briefing download and the staff export pages."""
    from advocacy.briefings import views_exports

    app.register_blueprint(bp)
    app.register_blueprint(views_exports.bp)


@bp.get("/countries/<code>/briefing.pdf")
def briefing(code: str) -> Response:
    """Download the country's briefing PDF in the page's language (printed once, then stored)."""
    return serve_briefing(code)


def translations_dirs() -> list[str]:
    """The app's catalog folders: Flask-Babel's setting, ';'-separated, relative to the app."""
    folders = current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
    return [str(Path(current_app.root_path, folder)) for folder in folders if folder]


def briefing_store() -> BriefingStore:
    """The app's stored briefings, under its instance folder."""
    stores = current_app.extensions.setdefault("advocacy_briefings", {})
    root = Path(current_app.instance_path) / STORE_FOLDER
    return stores.setdefault(str(root), BriefingStore(root))


def serve_briefing(code: str) -> Response:
    """Send the country's briefing PDF in the URL's locale, printing it on first request."""
    if code != code.upper():
        return redirect(url_for("briefings.briefing", code=code.upper()), code=301)
    if not _COUNTRY_CODE.fullmatch(code):
        abort(404)
    lang, store = g.lang, briefing_store()
    settings = {
        "templates_root": Path(current_app.config["LETTER_TEMPLATES_DIR"]),
        "translations_dirs": translations_dirs(),
    }
    version = data_version()
    stored = store.get(code, lang, current_version(db.session, version, lang, **settings))
    if stored is None:
        stored = _print(code, lang, store, version, settings)
    response = send_file(
        stored.path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"briefing-{code}-{lang}.pdf",
        etag=stored.etag,
        conditional=True,
        max_age=0,
    )
    # Public data: any cache may keep it, but must ask again (the ETag makes that cheap).
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def _print(code: str, lang: str, store: BriefingStore, version: str, settings: dict):
    from advocacy.core.workers import WorkerError
    from advocacy.pdf.fonts import checks_once

    if current_app.config.get("CHECK_FONTS", True) and checks_once()["fonts"]:
        current_app.logger.error("briefing PDF refused: fonts are missing (see `advocacy doctor`)")
        abort(_unavailable(code))
    try:
        stored = stored_briefing(db.session, store, code, lang, data_version=version, **settings)
    except WorkerError as error:
        reason = getattr(error, "type_name", type(error).__name__)
        current_app.logger.error("briefing PDF failed (%s, %s): %s", code, lang, reason)
        abort(_unavailable(code))
    if stored is None:
        abort(404)
    return stored


def _unavailable(code: str) -> Response:
    """A page that says the briefing cannot be printed now, with the way back."""
    page = render_template("briefings/unavailable.html", code=code, name=country_name(code, LOCALES[g.lang]))
    response = Response(page, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
