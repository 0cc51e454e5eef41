"""The staff form that starts a briefing export."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired

from advocacy.accounts.forms import LocaleChecklist, locale_choices


class ExportForm(FlaskForm):
    """Start an export of every country's briefing in the chosen languages."""

    locales = LocaleChecklist(
        _l("Languages"),
        [DataRequired(message=_l("Choose at least one language."))],
        choices=locale_choices,
        default=["en"],
    )
