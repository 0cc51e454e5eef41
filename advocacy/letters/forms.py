"""Composer forms: every field validated, with messages in the page's language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, Regexp, ValidationError

from advocacy.core.web import settings
from advocacy.countries.labels import ACTIONS
from advocacy.letters.people import (
    ADDRESS_MAX,
    BODY_MAX,
    FORBIDDEN,
    FORBIDDEN_IN_TEXT,
    NAME_MAX,
    PARAGRAPH_MAX,
    SIMPLE_EMAIL,
)
from advocacy.letters.template import available_languages

SUBJECT_MAX = 300

# FORBIDDEN (control and bidirectional-override characters), SIMPLE_EMAIL and the lengths
# live in advocacy.letters.people: the mail merge checks its people files with the same rules.


def no_hidden_characters(form: FlaskForm, field: StringField) -> None:
    """Refuse control characters and bidirectional overrides."""
    if field.data and FORBIDDEN.search(field.data):
        raise ValidationError(_l("This field contains invisible control characters; please retype it."))


def no_hidden_characters_in_text(form: FlaskForm, field: StringField) -> None:
    """Refuse what no_hidden_characters does, but the isolates of the letter's own text."""
    if field.data and FORBIDDEN_IN_TEXT.search(field.data):
        raise ValidationError(_l("This field contains invisible control characters; please retype it."))


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def text_field(
    label: Any, *validators: Any, area: bool = False, maximum: int = NAME_MAX, letter_text: bool = False
) -> UnboundField:
    """Build a text field with the length and hidden-character checks every field needs."""
    field = TextAreaField if area else StringField
    message = _l("Please keep this under %(max)d characters.", max=maximum)
    hidden = no_hidden_characters_in_text if letter_text else no_hidden_characters
    return field(label, [*validators, Length(max=maximum, message=message), hidden], filters=[strip])


class PeopleForm(FlaskForm):
    """Who writes to whom; shared by every step of the composer."""

    class Meta:
        # The app-wide CSRFProtect checks every post before a view runs, and a refused token
        # shows the page again with what was typed (letters.web), so the form does not check
        # it a second time; the pages write the token with csrf_token().
        csrf = False

    sender_name = text_field(_l("Your name"), DataRequired(message=_l("Please give your name.")))
    sender_town = text_field(_l("Your town or constituency"), Optional())
    recipient_name = text_field(_l("Recipient's name"), Optional())
    recipient_title = text_field(_l("Recipient's title"), Optional())
    # A European Parliament question names the member's political group; the chooser fills it in.
    recipient_group = text_field(_l("Their party or political group"), Optional())
    recipient_email = text_field(
        _l("Recipient's e-mail address"),
        Optional(),
        Regexp(SIMPLE_EMAIL, message=_l("This is not an e-mail address.")),
    )
    recipient_address = text_field(
        _l("Recipient's postal address"), Optional(), area=True, maximum=ADDRESS_MAX
    )
    # "chamber:id" of a member chosen from a chamber's list (public), for the reply code.
    recipient_id = HiddenField(validators=[Optional(), Length(max=170), Regexp(r"^[^\s:]+:\S+$")])


FORMS_OF_ADDRESS = [
    SelectChoice("neutral", _l("Neutral (no gendered title)")),
    SelectChoice("feminine", _l("Feminine forms (e.g. Madame la Députée)")),
    SelectChoice("masculine", _l("Masculine forms (e.g. Monsieur le Député)")),
]


class CarriedDraft:
    """The letter's text as edited, carried back through the earlier steps (never stored)."""

    subject = HiddenField(validators=[Optional(), Length(max=SUBJECT_MAX), no_hidden_characters_in_text])
    body = HiddenField(validators=[Optional(), Length(max=BODY_MAX), no_hidden_characters_in_text])
    question = HiddenField(validators=[Optional(), Length(max=BODY_MAX), no_hidden_characters_in_text])
    # A digest of the text as first made from these details (advocacy.letters.drafts).
    draft_digest = HiddenField(validators=[Optional(), Regexp(r"^[0-9a-f]{64}$")])


class ComposeForm(PeopleForm, CarriedDraft):
    """The first step: people, a personal paragraph and the letter's language."""

    form_of_address = SelectField(
        _l("How to address them"), choices=FORMS_OF_ADDRESS, default="neutral", validate_choice=True
    )
    recipient_chamber = SelectField(_l("Where they sit"), validate_choice=True, default="")
    rep_query = text_field(_l("Name or constituency"), Optional())
    personal = text_field(
        _l("A paragraph of your own (optional)"), Optional(), area=True, maximum=PARAGRAPH_MAX
    )
    letter_locale = SelectField(_l("Language of the letter"), validate_choice=True)


class QuestionForm(ComposeForm):
    """The first step of a written question: the member, the campaigner and the language."""

    letter_locale = SelectField(_l("Language of the question"), validate_choice=True)


class LetterForm(PeopleForm):
    """The edited letter, posted back for the finished outputs and downloads."""

    # Carried so that the campaigner can go back a step and change it (never stored).
    personal = HiddenField(validators=[Optional(), Length(max=PARAGRAPH_MAX), no_hidden_characters])
    draft_digest = HiddenField(validators=[Optional(), Regexp(r"^[0-9a-f]{64}$")])

    letter_locale = HiddenField()
    # Where the letter is from, for the downloads' names: never personal, checked all the same.
    country = HiddenField(validators=[Optional(), Regexp(r"^[A-Z]{2}$")])
    action = HiddenField(validators=[Optional(), AnyOf(list(ACTIONS))])
    chamber = HiddenField()
    form_of_address = HiddenField(default="neutral")
    # The data version the letter's facts came from, named in its PDF's metadata.
    data_version = HiddenField(validators=[Optional(), Regexp(r"^[0-9a-f]{1,64}$")])
    subject = text_field(
        _l("Subject"), DataRequired(message=_l("The letter needs a subject.")), maximum=SUBJECT_MAX,
        letter_text=True,
    )  # fmt: skip
    body = text_field(
        _l("Letter"), DataRequired(message=_l("The letter is empty.")), area=True, maximum=BODY_MAX,
        letter_text=True,
    )  # fmt: skip

    question = text_field(_l("Draft question"), Optional(), area=True, maximum=BODY_MAX, letter_text=True)

    def validate_form_of_address(self, field: HiddenField) -> None:
        if field.data not in {choice.value for choice in FORMS_OF_ADDRESS}:
            raise ValidationError(_l("Unknown form of address."))

    def validate_letter_locale(self, field: HiddenField) -> None:
        if field.data not in available_languages(settings().letter_templates_dir):
            raise ValidationError(_l("Unknown language."))

    def validate_body(self, field: TextAreaField) -> None:
        _not_too_many_lines(field)

    def validate_question(self, field: TextAreaField) -> None:
        _not_too_many_lines(field)


def _not_too_many_lines(field: TextAreaField) -> None:
    """Refuse a text of LINES_MAX lines or more: each is laid out, and thousands take seconds to print."""
    from advocacy.letters.people import LINES_MAX

    if field.data and field.data.count("\n") >= LINES_MAX:
        raise ValidationError(_l("Please keep this under %(max)d lines.", max=LINES_MAX))
