"""The reply pages' forms: the code, and the report (did they reply, how long, what they said)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from advocacy.replies.service import Answer

REPLIED = [
    SelectChoice("not-yet", _l("Not yet")),
    SelectChoice("yes", _l("Yes, they replied")),
    SelectChoice("form-letter", _l("Only a form letter")),
]
TOOK = [
    SelectChoice("1", _l("Within a week")),
    SelectChoice("2", _l("One to two weeks")),
    SelectChoice("4", _l("Two to four weeks")),
    SelectChoice("8", _l("One to two months")),
    SelectChoice("13", _l("Two to three months")),
    SelectChoice("more", _l("Longer")),
]
STANCES = [
    SelectChoice("support", _l("They would support the ask")),
    SelectChoice("non-committal", _l("Non-committal")),
    SelectChoice("refuse", _l("They refused")),
    SelectChoice("tabled", _l("They tabled the question")),
]

UNKNOWN_CODE = _l(
    "We cannot take a report for this code. Check that it is typed as it was given, or note that a "
    "code can only be used for three months."
)


class CodeForm(FlaskForm):
    """A reply code typed in (it travels in the body of a POST, never in an address)."""

    class Meta:
        csrf = False  # the app-wide CSRFProtect checks every post

    code = StringField(
        _l("Your reply code"),
        [DataRequired(message=UNKNOWN_CODE), Length(max=60, message=UNKNOWN_CODE)],
        description=_l(
            "Twenty letters and digits, as on the page where you got it, e.g. K7QM-2XHD-9PRF-T4WB-ZN6C"
        ),
    )


class ReportForm(FlaskForm):
    """One report per code: made or corrected for three months."""

    class Meta:
        csrf = False

    code = HiddenField(validators=[DataRequired(message=UNKNOWN_CODE), Length(max=60, message=UNKNOWN_CODE)])
    replied = RadioField(
        _l("Did they reply?"), choices=REPLIED, validators=[Optional()], validate_choice=True
    )
    took = RadioField(
        _l("How long did it take?"), choices=TOOK, validators=[Optional()], validate_choice=True
    )
    stance = RadioField(
        _l("What did they say they would do?"), choices=STANCES, validators=[Optional()], validate_choice=True
    )

    def answer(self) -> Answer:
        answered = self.replied.data in ("yes", "form-letter")
        return Answer(
            self.replied.data or "",
            (self.took.data or "") if answered else "",
            (self.stance.data or "") if answered else "",
        )

    def validate(self, extra_validators: object = None) -> bool:
        if not super().validate(extra_validators):
            return False
        problems = self.answer().problems()
        messages = {
            "replied": _l("Please say whether they replied."),
            "took": _l("Please say how long it took."),
            "stance": _l("Please say what they said they would do."),
        }
        for name in problems:
            if name in messages:
                self[name].errors = [*self[name].errors, messages[name]]
        return not problems
