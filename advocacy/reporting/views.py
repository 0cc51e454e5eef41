"""Where to report: /<lang>/report (the international channels and a country chooser), one page per
country, and its one-page PDF.

These pages are for people who may be watched: they record nothing. No page cache (its keys would
show which countries were looked at), no stored PDF, no count, no log line naming a country, no
cookie, no-store for the browser; only the web server's ordinary access log sees the request.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, text_direction
from advocacy.core.web import localized_blueprint, settings
from advocacy.countries.names import country_codes, country_name, is_country
from advocacy.countries.repository import load_dossier
from advocacy.reporting.repository import countries_with_reporting_data, where_to_report
from advocacy.reporting.web import template_helpers

bp = localized_blueprint("report", __name__)


@bp.after_request
def never_store(response: Response) -> Response:
    """Keep the page out of every cache, the browser's included."""
    response.headers["Cache-Control"] = "no-store"
    return response


def register(app: Flask) -> None:
    """Attach the where-to-report pages, their API and staff list, and the country pages' section."""
    from advocacy.reporting import views_api, views_staff

    app.register_blueprint(bp)
    app.register_blueprint(views_api.bp)
    app.register_blueprint(views_staff.bp)
    app.jinja_env.globals.update(template_helpers())
    app.jinja_env.globals["where_to_report"] = lambda code: where_to_report(db.session, code)


@bp.get("/report")
def index():
    """The international channels, and a choice of country (a plain GET form, no script)."""
    chosen = request.args.get("country", "").strip().upper()
    if chosen and is_country(chosen):
        return redirect(url_for("report.page", code=chosen))
    locale = LOCALES[g.lang]
    everyone = sorted(country_codes(), key=lambda code: country_name(code, locale))
    with_data = countries_with_reporting_data(db.session)
    known = [code for code in everyone if code in with_data]
    return render_template(
        "reporting/index.html", r=where_to_report(db.session, ""), countries=everyone, known=known
    )


@bp.get("/report/<code>")
def page(code: str):
    """Where to report in one country: emergency numbers, its channels, international ones."""
    if code != code.upper():
        return redirect(url_for("report.page", code=code.upper()), code=301)
    if not is_country(code):
        abort(404)
    return render_template("reporting/page.html", **_page_context(code))


@bp.get("/report/<code>/report.pdf")
def pdf(code: str):
    """The country's page as a one-page PDF in the page's language, printed afresh (never stored)."""
    if code != code.upper() or not is_country(code):
        abort(404)
    context = _page_context(code)
    title = gettext("Where to report in %(country)s", country=context["name"])
    html = render_template("reporting/print.html", title=title, direction=text_direction(g.lang), **context)
    data = _print(html, title)
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="where-to-report-{code}-{g.lang}.pdf"'
    return response


def _page_context(code: str) -> dict:
    return {
        "code": code,
        "name": country_name(code, LOCALES[g.lang]),
        "r": where_to_report(db.session, code),
        "has_letter": load_dossier(db.session, code) is not None,
    }


def _print(html: str, title: str) -> bytes:
    """Print through the renderer pool; a failure is a 503 that says so (logged without the country)."""
    from advocacy.core.workers import WorkerError, get_pool
    from advocacy.pdf import ASSETS_DIR, RENDER_TASK
    from advocacy.pdf.fonts import checks_once

    if settings().check_fonts and checks_once()["fonts"]:
        current_app.logger.error("report PDF refused: fonts are missing (see `advocacy doctor`)")
        abort(503)
    try:
        data: bytes = get_pool().run(RENDER_TASK, html, assets_dir=ASSETS_DIR, title=title, lang=g.lang)
    except WorkerError as error:
        current_app.logger.error("report PDF failed: %s", getattr(error, "type_name", type(error).__name__))
        abort(503)
    return data
