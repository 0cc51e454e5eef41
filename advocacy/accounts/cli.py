"""`advocacy users`: create, list, invite and deactivate accounts from the command line."""

from __future__ import annotations

import click
from flask import url_for
from flask.cli import with_appcontext
from sqlalchemy import select

from advocacy.accounts import models as accounts
from advocacy.accounts.models import User
from advocacy.accounts.rules import ROLES, parse_locales
from advocacy.core.extensions import db
from advocacy.core.i18n import translation_tags, url_tag
from advocacy.core.web import settings


@click.group("users")
def users_group() -> None:
    """Manage staff, translator and admin accounts."""


def _locales(value: str) -> str:
    known = translation_tags(settings().letter_templates_dir)
    value = ",".join(url_tag(t.strip()) for t in value.split(",") if t.strip())  # zh_Hans -> zh-Hans
    tags = parse_locales(value, known)
    unknown = {t.strip() for t in value.split(",") if t.strip()} - set(tags)
    if unknown:
        raise click.BadParameter(f"unknown locale(s) {', '.join(sorted(unknown))}; known: {', '.join(known)}")
    return ",".join(tags)


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--edit-locales", default="", help="translators: locales they may edit, e.g. fr,de")
@click.option("--approve-locales", default="", help="translators: locales they may approve")
@click.option(
    "--invite", "by_invite", is_flag=True, help="print an invitation link instead of asking for a password"
)
@with_appcontext
def create_command(
    email: str, name: str, role: str, edit_locales: str, approve_locales: str, by_invite: bool
) -> None:
    """Create an account; asks for its password (hidden, twice) unless --invite."""
    fields = {"edit_locales": _locales(edit_locales), "approve_locales": _locales(approve_locales)}
    try:
        user = accounts.create_user(db.session, email, name, role, **fields)
        if by_invite:
            token = accounts.invite(user)
        else:
            accounts.set_password(user, click.prompt("Password", hide_input=True, confirmation_prompt=True))
    except accounts.AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {role} account {user.email}.")
    if by_invite:
        click.echo("Invitation link (valid once, for a week): " + _link(token))


def _link(token: str) -> str:
    try:
        return url_for("auth.invitation", token=token, _external=True)
    except RuntimeError:  # no server name outside a request: give the path
        return f"/account/invitation/{token}"


@users_group.command("list")
@with_appcontext
def list_command() -> None:
    """List the accounts: e-mail, role, languages, state."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        state = "active" if user.active else "deactivated"
        if user.active and not user.password_hash:
            state = "invited"
        extra = (
            f" edit={user.edit_locales or '-'} approve={user.approve_locales or '-'}"
            if user.role == "translator"
            else ""
        )
        click.echo(f"{user.email}\t{user.role}\t{state}{extra}")


@users_group.command("deactivate")
@click.argument("email")
@with_appcontext
def deactivate_command(email: str) -> None:
    """Deactivate an account; its sessions end at once."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no account for {email}")
    accounts.set_active(user, False)
    db.session.commit()
    click.echo(f"Deactivated {user.email}.")


COMMANDS = [users_group]
