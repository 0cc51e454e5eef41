"""Public pages: the country index and the country pages, under /<locale>/."""

from __future__ import annotations

import datetime
from typing import Any

from flask import Flask, abort, g, redirect, render_template, request, url_for

from advocacy.core.extensions import db
from advocacy.core.formatting import format_number, format_partial_date
from advocacy.core.i18n import DEFAULT_TAG, LOCALES, native_name, negotiate, text_direction
from advocacy.core.web import localized_blueprint
from advocacy.countries import labels, views_api
from advocacy.countries.evidence import age_in_years
from advocacy.countries.names import country_name
from advocacy.countries.repository import country_badges, load_dossier, world_figures
from advocacy.countries.rules import PRC_TERRITORIES
from advocacy.countries.status import BADGES
from advocacy.countries.web_cache import cached
from advocacy.countries.web_chambers import chamber_label

bp = localized_blueprint("public", __name__)


def home():
    """Send visitors to their language: the URL decides, then Accept-Language."""
    return redirect(url_for("public.index", lang=negotiate(request.accept_languages.values())))


@bp.get("/")
@cached
def index():
    """List every country with data, with its status badges, filtered by status."""
    wanted = request.args.get("status", "")
    if wanted and wanted not in BADGES:
        wanted = ""
    entries = country_badges(db.session)
    rows = [
        {"code": code, "name": country_name(code, LOCALES[g.lang]), "badges": found}
        for code, found in entries.items()
        if not wanted or wanted in found
    ]
    rows.sort(key=lambda r: r["name"])
    counts = {badge: sum(badge in found for found in entries.values()) for badge in BADGES}
    return render_template(
        "countries/index.html", rows=rows, wanted=wanted, counts=counts, figures=world_figures(db.session)
    )


@bp.get("/countries/<code>")
@cached
def country(code: str):
    """Show one country's instruments, rulings, cases, figures and actions."""
    if code != code.upper():
        return redirect(url_for("public.country", code=code.upper()), code=301)
    dossier = load_dossier(db.session, code)
    if dossier is None:
        abort(404)
    return render_template(
        "countries/country.html",
        d=dossier,
        name=country_name(code, LOCALES[g.lang]),
        prc_territory=code in PRC_TERRITORIES,
    )


def register(app: Flask) -> None:
    """Attach the public pages and the helpers every page template may call."""
    app.add_url_rule("/", "home", home)  # the site root: no blueprint, no locale yet
    app.register_blueprint(bp)
    app.register_blueprint(views_api.bp)
    app.jinja_env.globals.update(template_globals())


def template_globals() -> dict[str, Any]:
    """Helpers every page template may call."""
    return {
        "labels": labels,
        "chamber_name": chamber_label,
        "locales": LOCALES,
        "native_name": native_name,
        "text_direction": text_direction,
        "pdate": lambda value: format_partial_date(value, LOCALES[g.get("lang", DEFAULT_TAG)]),
        "number": lambda value: format_number(value, LOCALES[g.get("lang", DEFAULT_TAG)]),
        "reason_text": lambda reason: labels.reason_text(reason, LOCALES[g.get("lang", DEFAULT_TAG)]),
        "current_lang": lambda: g.get("lang", DEFAULT_TAG),
        "country_name": lambda code: country_name(code, LOCALES[g.get("lang", DEFAULT_TAG)]),
        "split_urls": lambda value: (value or "").split(),
        "evidence_age": lambda as_of: age_in_years(as_of, datetime.date.today()),
    }
