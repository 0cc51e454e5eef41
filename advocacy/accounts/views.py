"""Signing in and out, accepting an invitation; the feature's blueprints registered."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from advocacy.accounts import models as accounts
from advocacy.accounts.forms import LoginForm, PasswordForm
from advocacy.accounts.rules import client_key
from advocacy.accounts.web import safe_next, workspace_lang, workspace_links
from advocacy.core.extensions import db

bp = Blueprint("auth", __name__, url_prefix="/account")


def register(app: Flask) -> None:
    """Attach sign-in, the account's own pages and the admin pages."""
    from advocacy.accounts import views_admin, views_password, web

    web.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(views_password.bp)
    app.register_blueprint(views_admin.bp)
    app.jinja_env.globals.update(workspace_links=web.workspace_links)


@bp.before_request
def _lang() -> None:
    g.lang = workspace_lang()


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with e-mail and password; failures are throttled per account and per client."""
    form = LoginForm()
    if form.validate_on_submit():
        client = client_key(request.remote_addr, current_app.secret_key)
        try:
            user = accounts.authenticate(db.session, form.email.data, form.password.data, client)
        except accounts.Throttled as error:
            return render_template("accounts/login.html", form=form, error=str(error)), 429
        except accounts.AccountError as error:
            return render_template("accounts/login.html", form=form, error=str(error)), 401
        session.clear()  # a fresh session: nothing from before signing in carries over
        session.permanent = True  # so it ends after PERMANENT_SESSION_LIFETIME (a working day)
        login_user(user)
        return redirect(safe_next(request.args.get("next")) or url_for("auth.home"))
    return render_template("accounts/login.html", form=form, error=None)


@bp.post("/logout")
def logout():
    """Sign out (a POST with the form's token, so no link can sign anyone out)."""
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.get("/")
def home():
    """Send a signed-in person to the first area their role opens."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    for area, endpoint, _label in workspace_links():
        if current_user.may_enter(area):
            return redirect(url_for(endpoint))
    return redirect(url_for("account.password"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def invitation(token: str):
    """Choose a password from an invitation link (valid once, for a week)."""
    user = accounts.find_invited(db.session, token)
    if user is None:
        return render_template("accounts/invitation.html", form=None, user=None), 404
    form = PasswordForm()
    if form.validate_on_submit():
        accounts.set_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password is set. Please sign in."))
        return redirect(url_for("auth.login"))
    return render_template("accounts/invitation.html", form=form, user=user)
