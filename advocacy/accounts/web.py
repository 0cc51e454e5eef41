"""Who may see what: sign-in sessions, secure cookies and the workspace blueprints."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, g, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, negotiate

MAX_NEXT = 2000  # a longer destination is not one of our pages
login_manager = LoginManager()
login_manager.session_protection = "strong"  # a session moved to another browser is dropped


class SessionInterface(SecureCookieSessionInterface):
    """Mark the session cookie Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def init_app(app: Flask) -> None:
    """Attach sign-in to the app."""
    app.session_interface = SessionInterface()
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page says why on its own


@login_manager.user_loader
def _load_user(token: str):
    from advocacy.accounts.models import load_session_user

    return load_session_user(db.session, token)


class WorkspaceBlueprint(Blueprint):
    """A blueprint made by workspace_blueprint; `area` says who may enter (tests find them by it)."""

    area: str | None = None


def workspace_blueprint(name: str, import_name: str, url_prefix: str, area: str | None) -> Blueprint:
    """Create a blueprint whose every route needs a signed-in account allowed in `area`.

    Checking in before_request rather than per view means a route added later cannot
    forget it. area None: any signed-in account (its own password, say).
    """
    blueprint = WorkspaceBlueprint(name, import_name, url_prefix=url_prefix)
    blueprint.area = area

    @blueprint.before_request
    def _require_access() -> Any:
        if not current_user.is_authenticated:
            return redirect(
                url_for("auth.login", next=request.full_path if request.method == "GET" else None)
            )
        if area is not None and not current_user.may_enter(area):
            abort(403)
        g.lang = workspace_lang()
        return None

    return blueprint


def workspace_lang() -> str:
    """The interface language for workspace pages: the account's choice, else the browser's."""
    if current_user.is_authenticated and current_user.interface_locale in LOCALES:
        return current_user.interface_locale
    return negotiate(request.accept_languages.values())


def safe_next(target: str | None) -> str | None:
    """Accept a post-sign-in destination only if it is a path on this site.

    Parsed, not string-matched: browsers drop tabs and line breaks and read a backslash
    as a slash, so a tab between two slashes would leave the site; any such character refuses it.
    """
    if not target or len(target) > MAX_NEXT or any(ord(ch) < 33 or ch in "\\\x7f" for ch in target):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return target


# The workspace menu: (area, endpoint, label). An endpoint not (yet) registered is left out.
WORKSPACE_LINKS = [
    ("staff", "staff.home", _l("Data")),
    ("staff", "reports.counts", _l("Campaign counts")),
    ("staff", "exports.exports", _l("Briefing exports")),
    ("translate", "translate.dashboard", _l("Translations")),
    ("admin", "admin.users", _l("Accounts")),
]


def workspace_links() -> list[tuple[str, str, str]]:
    """The menu entries whose pages exist, with labels in the interface language."""
    return [
        (area, endpoint, str(label))
        for area, endpoint, label in WORKSPACE_LINKS
        if endpoint in current_app.view_functions
    ]
