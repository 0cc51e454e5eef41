"""A signed-in account changes its own password."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from advocacy.accounts import models as accounts
from advocacy.accounts.forms import CurrentPasswordForm
from advocacy.accounts.rules import check_password
from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db

bp = workspace_blueprint("account", __name__, "/account", area=None)


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change one's own password; every other session of the account ends."""
    form = CurrentPasswordForm()
    if form.validate_on_submit():
        if not check_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("That is not your current password."))
        else:
            accounts.set_password(current_user, form.password.data)
            db.session.commit()
            login_user(current_user)  # the new session token keeps this session signed in
            flash(_("Password changed."))
            return redirect(url_for("auth.home"))
    return render_template("accounts/password.html", form=form)
