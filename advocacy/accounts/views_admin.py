"""Admins: invite people, set their role and languages, deactivate them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from advocacy.accounts import models as accounts
from advocacy.accounts.forms import AccountForm, ActiveForm, InviteForm
from advocacy.accounts.models import User
from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db

bp = workspace_blueprint("admin", __name__, "/admin", area="admin")


def _fields(form: AccountForm) -> dict[str, str]:
    return {
        "name": form.name.data,
        "role": form.role.data,
        "edit_locales": ",".join(form.edit_locales.data or []),
        "approve_locales": ",".join(form.approve_locales.data or []),
        "interface_locale": form.interface_locale.data,
    }


@bp.route("/users", methods=["GET", "POST"])
def users():
    """List the accounts and invite someone new (the invitation link is shown once)."""
    form = InviteForm()
    link = None
    if form.validate_on_submit():
        try:
            user = accounts.create_user(db.session, form.email.data, **_fields(form))
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            token = accounts.invite(user)
            db.session.commit()
            link = url_for("auth.invitation", token=token, _external=True)
            form = InviteForm(formdata=None)
    people = db.session.scalars(select(User).order_by(User.active.desc(), User.email)).all()
    return render_template("accounts/users.html", form=form, people=people, link=link, toggle=ActiveForm())


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    """Change an account's role, languages and name."""
    person = db.session.get(User, user_id) or abort(404)
    form = AccountForm(obj=None if request.method == "POST" else _as_form_data(person))
    if form.validate_on_submit():
        if person.id == current_user.id and form.role.data != "admin":
            form.role.errors.append(_("You cannot take away your own admin role."))
        else:
            for key, value in _fields(form).items():
                setattr(person, key, value)
            db.session.commit()
            flash(_("Saved."))
    return render_template("accounts/user.html", form=form, person=person, link=None, toggle=ActiveForm())


@bp.post("/users/<int:user_id>/active")
def toggle_active(user_id: int):
    """Deactivate (signing them out everywhere) or reactivate an account."""
    person = db.session.get(User, user_id) or abort(404)
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400)
    if person.id == current_user.id:
        flash(_("You cannot deactivate your own account."))
    else:
        accounts.set_active(person, bool(form.active.data))
        db.session.commit()
        flash(
            _("Account reactivated.") if person.active else _("Account deactivated; its sessions have ended.")
        )
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/invite")
def reinvite(user_id: int):
    """Make a fresh invitation link (the old one stops working), e.g. for a forgotten password."""
    person = db.session.get(User, user_id) or abort(404)
    if not ActiveForm().validate_on_submit() or not person.active:
        abort(400)
    token = accounts.invite(person)
    db.session.commit()
    link = url_for("auth.invitation", token=token, _external=True)
    form = AccountForm(obj=_as_form_data(person))
    return render_template("accounts/user.html", form=form, person=person, link=link, toggle=ActiveForm())


class _as_form_data:
    """Present an account's comma-separated locales as lists for the form."""

    def __init__(self, person: User) -> None:
        self.name = person.name
        self.role = person.role
        self.edit_locales = [t for t in person.edit_locales.split(",") if t]
        self.approve_locales = [t for t in person.approve_locales.split(",") if t]
        self.interface_locale = person.interface_locale
