"""Forms of the translation workspace: the editor and the reviewer's decision."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from advocacy.letters.forms import no_hidden_characters
from advocacy.letters.people import FORBIDDEN
from advocacy.translations.tokens import display, restore

SUBJECT_MAX = 500
BODY_MAX = 50_000
REASON_MAX = 500
DISMISS_PREFIX = "dismiss-"
WARNING_CODE = re.compile(r"[a-z][a-z-]{0,39}")
# The buttons of the editor, by the value they post as `action`.
EDITOR_ACTIONS = ("save", "submit", "preview")


class TokenStringField(StringField):
    """A template line shown with its tags as isolated left-to-right tokens when `direction` is rtl."""

    direction = "ltr"

    def _value(self) -> str:
        return display(super()._value(), self.direction)


class TokenTextAreaField(TextAreaField):
    """A template text shown with its tags as isolated left-to-right tokens when `direction` is rtl."""

    direction = "ltr"

    def _value(self) -> str:
        return display(super()._value(), self.direction)


class EditorForm(FlaskForm):
    """A translation's subject and body, and the country whose data previews it."""

    subject = TokenStringField(
        _l("Subject"),
        [DataRequired(message=_l("The subject is empty.")), Length(max=SUBJECT_MAX), no_hidden_characters],
        filters=[restore],
    )
    body = TokenTextAreaField(
        _l("Body"),
        [DataRequired(message=_l("The body is empty.")), Length(max=BODY_MAX), no_hidden_characters],
        filters=[restore],
    )
    country = SelectField(_l("Preview with the data of"), validate_choice=True)


class PreviewForm(FlaskForm):
    """What the live preview posts: the draft and the country (nothing is saved)."""

    subject = StringField(validators=[Length(max=SUBJECT_MAX)], filters=[restore])
    body = TextAreaField(validators=[Length(max=BODY_MAX)], filters=[restore])
    country = StringField(validators=[DataRequired(), Length(max=2)])


class RejectForm(FlaskForm):
    """A reviewer's reason for sending a translation back."""

    note = TextAreaField(
        _l("What needs to change"),
        [DataRequired(message=_l("Say what needs to change.")), Length(max=2000), no_hidden_characters],
    )


class ApproveForm(FlaskForm):
    """Approve a translation; approving one that a newer revision follows needs a tick."""

    despite_newer = BooleanField(_l("Approve this revision although a newer one exists"))


def dismissed_reasons(formdata: Mapping[str, str]) -> dict[str, str]:
    """Read the reasons given to dismiss warnings: fields `dismiss-<code>`, trimmed, non-empty."""
    reasons = {}
    for key, value in formdata.items():
        code = key.removeprefix(DISMISS_PREFIX)
        reason = FORBIDDEN.sub("", value or "").strip()[:REASON_MAX]
        if key.startswith(DISMISS_PREFIX) and WARNING_CODE.fullmatch(code) and reason:
            reasons[code] = reason
    return reasons
