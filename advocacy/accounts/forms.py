"""Forms for signing in and for managing accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from advocacy.accounts import rules
from advocacy.core.i18n import LOCALES, display_name, native_name, translation_tags
from advocacy.core.web import settings
from advocacy.letters.people import SIMPLE_EMAIL

ROLE_CHOICES = [
    SelectChoice("staff", _l("Staff: data, briefings and counts")),
    SelectChoice("translator", _l("Translator: templates and interface strings")),
    SelectChoice("admin", _l("Admin: everything, and accounts")),
]


class LocaleChecklist(SelectMultipleField):
    """Locales as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def locale_choices() -> list[SelectChoice]:
    """The interface languages."""
    return [SelectChoice(tag, f"{native_name(tag)} ({tag})") for tag in LOCALES]


def translation_choices() -> list[SelectChoice]:
    """Every language with templates to translate (chamber languages such as Italian included)."""
    tags = translation_tags(settings().letter_templates_dir)
    return [SelectChoice(tag, f"{display_name(tag)} ({tag})") for tag in tags]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), [DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), [DataRequired(), Length(max=rules.PASSWORD_MAX)])


class PasswordForm(FlaskForm):
    """Choose a password (from an invitation, or to change one's own)."""

    password = PasswordField(
        _l("New password"), [DataRequired()], description=_l("At least 12 characters; a passphrase is fine.")
    )
    confirm = PasswordField(
        _l("The same password again"), [DataRequired(), EqualTo("password", message=_l("The two differ."))]
    )

    def validate_password(self, field: PasswordField) -> None:
        if rules.password_problem(field.data or ""):
            raise ValidationError(_l("The password needs at least 12 characters, with some variety."))


class CurrentPasswordForm(PasswordForm):
    current = PasswordField(_l("Current password"), [DataRequired()])


class AccountForm(FlaskForm):
    """What an admin sets on an account."""

    name = StringField(_l("Name"), [DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    edit_locales = LocaleChecklist(_l("May translate"), choices=translation_choices)
    approve_locales = LocaleChecklist(_l("May approve translations"), choices=translation_choices)
    interface_locale = SelectField(_l("Interface language"), choices=locale_choices, default="en")


class InviteForm(AccountForm):
    email = EmailField(
        _l("E-mail address"),
        [DataRequired(), Regexp(SIMPLE_EMAIL, message=_l("This is not an e-mail address.")), Length(max=254)],
    )


class ActiveForm(FlaskForm):
    """Deactivate or reactivate an account (the button says which)."""

    active = BooleanField()
