"""Forms for the staff reports: the campaign counts filter and starting a briefing export."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from advocacy.reports.counts import CountFilter


class CountFilterForm(FlaskForm):
    """What to count: read from the query string (a GET form changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), [Optional()], description=_l("First day, included."))
    end = DateField(_l("To"), [Optional()], description=_l("Last day, included."))
    country = SelectField(_l("Country"), validate_choice=False)
    action = SelectField(_l("Action"), validate_choice=False)
    chamber = SelectField(_l("Chamber (written questions)"), validate_choice=False)
    locale = SelectField(_l("Language"), validate_choice=False)

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The last day comes before the first."))

    def wanted(self) -> CountFilter:
        """The filter the fields describe (call after validate())."""
        return CountFilter(
            start=self.start.data,
            end=self.end.data,
            country=self.country.data or None,
            action=self.action.data or None,
            chamber=self.chamber.data or None,
            locale=self.locale.data or None,
        )
