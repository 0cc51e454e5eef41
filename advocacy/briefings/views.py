"""The country briefing download: /<lang>/countries/<code>/briefing.pdf.

Printed on the task queue once per (data version, layout version, locale), ahead of readers
(advocacy.briefings.prints), and served from the instance folder. A request never waits for
a print: a briefing not printed yet is a 202 page that says it is being prepared and
refreshes itself; one that could not be printed (or fonts missing) is a 503 page that says so.
"""

from __future__ import annotations

import os
import re
from typing import BinaryIO

from flask import Flask, Response, abort, current_app, g, redirect, render_template, send_file, url_for
from werkzeug.wrappers import Response as BaseResponse

from advocacy.briefings.service import briefing_store, current_version, sources
from advocacy.briefings.store import BriefingStore, StoredBriefing
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import localized_blueprint, on_withdrawn, settings
from advocacy.countries.names import country_name
from advocacy.countries.repository import countries_with_data
from advocacy.countries.web_cache import data_version

RETRY_SECONDS = 120
PREPARING_SECONDS = 5  # a briefing prints in well under a second once its turn comes
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


bp = localized_blueprint("briefings", __name__)


def register(app: Flask) -> None:
    """Attach the public briefing download and the staff export pages."""
    from advocacy.briefings import views_exports

    app.register_blueprint(bp)
    app.register_blueprint(views_exports.bp)
    # A case withdrawn from the public (restricted, deleted, changed) must not stay readable in
    # a briefing printed before: those countries' briefings go, and are printed again.
    on_withdrawn(app, lambda codes: briefing_store(settings()).forget(codes))


@bp.get("/countries/<code>/briefing.pdf")
def briefing(code: str) -> BaseResponse:
    """Download the country's briefing PDF in the page's language (printed ahead, on the queue)."""
    return serve_briefing(code)


def serve_briefing(code: str) -> BaseResponse:
    """Send the country's briefing PDF in the URL's locale from the store; never print it here.

    The current version when it is printed; else the newest older one while the new one is
    printed on the queue; else, at once, a page saying it is being prepared (202, refreshing
    itself every PREPARING_SECONDS), and the print is queued ahead of the others.
    """
    if code != code.upper():
        return redirect(url_for("briefings.briefing", code=code.upper()), code=301)
    if not _COUNTRY_CODE.fullmatch(code):
        abort(404)
    lang, store, made_of = g.lang, briefing_store(settings()), sources(settings())
    version = current_version(db.session, data_version(), lang, **made_of)
    for _ in range(3):
        stored = store.get(code, lang, version)
        if stored is None:
            stored = _not_printed(code, lang, store, version)
            if isinstance(stored, BaseResponse):
                return stored
        try:
            file = stored.path.open("rb")
        except FileNotFoundError:
            continue  # an older version, removed just now: its replacement is stored
        return _pdf(file, stored, code, lang)
    abort(_unavailable(code))


def _pdf(file: BinaryIO, stored: StoredBriefing, code: str, lang: str) -> BaseResponse:
    """Send an open briefing file (a file open here stays readable when a new version replaces it)."""
    response = send_file(
        file,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"briefing-{code}-{lang}.pdf",
        etag=stored.etag,
        conditional=True,
        max_age=0,
        last_modified=os.fstat(file.fileno()).st_mtime,
    )
    # Public data: any cache may keep it, but must ask again (the ETag makes that cheap).
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def _not_printed(code: str, lang: str, store: BriefingStore, version: str) -> StoredBriefing | BaseResponse:
    """Queue the print; return the older briefing to serve meanwhile, or the page to show."""
    from advocacy.briefings.tasks import app_tasks
    from advocacy.pdf.fonts import checks_once

    if code not in countries_with_data(db.session):
        abort(404)
    if settings().check_fonts and checks_once()["fonts"]:
        current_app.logger.error("briefing PDF refused: fonts are missing (see `advocacy doctor`)")
        return _unavailable(code)
    if store.failed(code, lang, version):
        return _unavailable(code)
    try:
        app_tasks().prints.request_print(code, lang, version)
    except Exception as error:  # the queue is away: say so rather than promise a PDF
        current_app.logger.error("briefing print could not be queued (%s, %s): %s", code, lang, error)
        return store.latest(code, lang) or _unavailable(code)
    return store.latest(code, lang) or _preparing(code)


def _page(template: str, code: str, status: int, retry: int) -> Response:
    name = country_name(code, LOCALES[g.lang])
    page = render_template(template, code=code, name=name, refresh=retry)
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Retry-After"] = str(retry)
    response.headers["Cache-Control"] = "no-store"
    return response


def _preparing(code: str) -> Response:
    """202: the briefing is being printed; the page (meta refresh, no JavaScript) asks again soon."""
    return _page("briefings/preparing.html", code, 202, PREPARING_SECONDS)


def _unavailable(code: str) -> Response:
    """503: the briefing cannot be printed now, with the way back."""
    return _page("briefings/unavailable.html", code, 503, RETRY_SECONDS)
