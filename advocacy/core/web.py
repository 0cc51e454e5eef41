"""What every request shares: the locale in the URL, security headers, the app's settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError
from flask import Blueprint, Flask, Response, abort, current_app, g, request
from werkzeug.routing import IntegerConverter

from advocacy.core.i18n import DEFAULT_TAG, LOCALES
from advocacy.core.settings import Settings

SETTINGS_KEY = "advocacy_settings"
# Integer keys are 32-bit on PostgreSQL (INTEGER), 64-bit on SQLite: an id in a URL that the
# smaller cannot hold is no page (404), not a 500.
LARGEST_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in a route: a non-negative whole number the database can hold."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # werkzeug's name
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


def limit_requests(app: Flask) -> None:
    """Bound ids in URLs and fields in forms (called before any route or CSRF check is added)."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_count_fields)
    app.before_request(_refuse_nul)


def _refuse_nul() -> None:
    # No text anyone types holds a NUL character, and PostgreSQL cannot store or even compare
    # one (a NUL in /api/v1/countries/%00 was a 500 there): refuse it wherever it can come in.
    raw = [request.query_string]
    if request.mimetype == "application/x-www-form-urlencoded":
        raw.append(request.get_data(cache=True))
    if "\x00" in request.path or any(b"%00" in part or b"\x00" in part for part in raw):
        abort(400)


def _count_fields() -> None:
    # MAX_FORM_PARTS bounds multipart forms only; an urlencoded body (already capped in
    # bytes by MAX_CONTENT_LENGTH) is counted here before anything parses it.
    if request.mimetype == "application/x-www-form-urlencoded":
        limit = current_app.config.get("MAX_FORM_PARTS") or 0
        if limit and request.get_data(cache=True).count(b"&") >= limit:
            abort(413)


def settings() -> Settings:
    """The running app's settings (built once in create_app)."""
    return current_app.extensions[SETTINGS_KEY]


WITHDRAWN_KEY = "advocacy_withdrawn_hooks"


def on_withdrawn(app: Flask, hook: Callable[[set[str]], None]) -> None:
    """Call hook(countries) when something the public could see of those countries is withdrawn."""
    app.extensions.setdefault(WITHDRAWN_KEY, []).append(hook)


def withdrawn(countries: set[str]) -> None:
    """Tell the features that keep public copies (stored briefings) to drop those countries' copies."""
    if countries:
        for hook in current_app.extensions.get(WITHDRAWN_KEY, []):
            hook(countries)


def select_locale() -> str:
    """Give Flask-Babel the locale chosen from the URL (English outside it)."""
    return LOCALES.get(g.get("lang", DEFAULT_TAG), "en")


def localized_blueprint(name: str, import_name: str) -> Blueprint:
    """Create a blueprint under /<lang>/ that sets g.lang and fills it into url_for."""
    blueprint = Blueprint(name, import_name, url_prefix="/<lang>")
    blueprint.url_value_preprocessor(_pull_lang)
    blueprint.url_defaults(_add_lang)
    return blueprint


def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.lang = (values or {}).pop("lang", DEFAULT_TAG)
    if g.lang not in LOCALES:
        g.lang = DEFAULT_TAG
        abort(404)


def _add_lang(endpoint: str, values: dict[str, Any]) -> None:
    values.setdefault("lang", g.get("lang", DEFAULT_TAG))


def language_label(code: str) -> str:
    """A letter's language named in the interface language (the code when Babel has no name)."""
    try:
        return Locale.parse(code).get_display_name(LOCALES[g.get("lang", DEFAULT_TAG)]) or code
    except (ValueError, UnknownLocaleError):
        return code


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def add_security_headers(response: Response) -> Response:
    """Set the security headers, keeping any a view set more strictly."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
