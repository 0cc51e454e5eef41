"""The country briefing download: /<lang>/countries/<code>/briefing.pdf (route in views.public).

Printed once per (data version, layout version, locale) and then served from the instance
folder; a printing failure is a 503 page that says so, never a 500.
"""

from __future__ import annotations

import re

from flask import Flask, Response, abort, current_app, g, redirect, render_template, send_file, url_for
from werkzeug.wrappers import Response as BaseResponse

from advocacy.briefings.service import Sources, briefing_store, current_version, sources, stored_briefing
from advocacy.briefings.store import BriefingStore, StoredBriefing
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import localized_blueprint, settings
from advocacy.countries.names import country_name
from advocacy.countries.web_cache import data_version

RETRY_SECONDS = 120
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


bp = localized_blueprint("briefings", __name__)


def register(app: Flask) -> None:
    """Attach the public briefing download and the staff export pages."""
    from advocacy.briefings import views_exports

    app.register_blueprint(bp)
    app.register_blueprint(views_exports.bp)


@bp.get("/countries/<code>/briefing.pdf")
def briefing(code: str) -> BaseResponse:
    """Download the country's briefing PDF in the page's language (printed once, then stored)."""
    return serve_briefing(code)


def serve_briefing(code: str) -> BaseResponse:
    """Send the country's briefing PDF in the URL's locale, printing it on first request."""
    if code != code.upper():
        return redirect(url_for("briefings.briefing", code=code.upper()), code=301)
    if not _COUNTRY_CODE.fullmatch(code):
        abort(404)
    lang, store, made_of = g.lang, briefing_store(settings()), sources(settings())
    version = data_version()
    stored = store.get(code, lang, current_version(db.session, version, lang, **made_of))
    if stored is None:
        stored = _print(code, lang, store, version, made_of)
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


def _print(code: str, lang: str, store: BriefingStore, version: str, made_of: Sources) -> StoredBriefing:
    """Print and store the briefing, or abort with the 503 page (404 when there is no data)."""
    from advocacy.core.workers import WorkerError
    from advocacy.pdf.fonts import checks_once

    if settings().check_fonts and checks_once()["fonts"]:
        current_app.logger.error("briefing PDF refused: fonts are missing (see `advocacy doctor`)")
        abort(_unavailable(code))
    try:
        stored = stored_briefing(db.session, store, code, lang, data_version=version, **made_of)
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
