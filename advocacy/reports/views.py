"""Staff reports: campaign counts as a table, a chart and a CSV."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import (
    Flask,
    Response,
    abort,
    g,
    render_template,
    request,
)
from flask_babel import gettext as _

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import language_label
from advocacy.countries.labels import ACTIONS
from advocacy.countries.models import Chamber
from advocacy.countries.names import country_name
from advocacy.countries.web_chambers import chamber_text
from advocacy.reports import counts
from advocacy.reports.forms import CountFilterForm

bp = workspace_blueprint("reports", __name__, "/staff", area="staff")


def register(app: Flask) -> None:
    """Attach the campaign counts pages."""
    app.register_blueprint(bp)


MOST_ROWS = 500  # rows listed on the page; the CSV has them all


def _ui() -> str:
    """The Babel locale of the interface language."""
    return LOCALES[g.lang]


def _labels() -> dict:
    """Readable names for the codes the counts use, for the template."""
    return {
        "country": lambda code: country_name(code, _ui()),
        "action": lambda action: str(ACTIONS.get(action, action)),
        "locale": language_label,
        "chamber": _chamber_name,
    }


def _chamber_name(chamber_id: str) -> str:
    """The chamber's name as the data gives it, or its id if it has left the data."""
    chamber = db.session.get(Chamber, chamber_id) if chamber_id else None
    return chamber_text(chamber.id, chamber.name) if chamber else chamber_id


def _filter_form() -> CountFilterForm:
    form = CountFilterForm(formdata=request.args)
    recorded, names = counts.recorded_values(db.session), _labels()
    everything = {
        "country": _("All countries"),
        "action": _("All actions"),
        "chamber": _("All chambers"),
        "locale": _("All languages"),
    }
    for key, values in recorded.items():
        options = sorted(((value, names[key](value)) for value in values), key=lambda item: item[1])
        form[key].choices = [("", everything[key]), *options]
    return form


def _filtered() -> tuple[CountFilterForm, counts.CountFilter | None]:
    """The filter form and its filter (None when the form has errors)."""
    form = _filter_form()
    return form, (form.wanted() if form.validate() else None)


@bp.get("/counts", endpoint="counts")
def counts_page():
    """The campaign counts that match the filter: totals, a chart and every row."""
    form, wanted = _filtered()
    totals = counts.count_totals(db.session, wanted) if wanted else None
    rows = counts.count_rows(db.session, wanted, limit=MOST_ROWS + 1) if wanted else []
    # The chart and the CSV get the same filter: the fields given, nothing else.
    query = urlencode([(key, value) for key, value in request.args.items() if value and key in form])
    return render_template(
        "reports/counts.html",
        menu="reports.counts",
        form=form,
        totals=totals,
        rows=rows[:MOST_ROWS],
        more_rows=len(rows) > MOST_ROWS,
        names=_labels(),
        query=f"?{query}" if query else "",
    )


@bp.get("/counts.csv")
def counts_csv():
    """The matching counts as a CSV file."""
    wanted = _filtered()[1] or abort(400)
    response = Response(counts.csv_text(counts.count_rows(db.session, wanted)), mimetype="text/csv")
    period = "-".join(day.isoformat() for day in (wanted.start, wanted.end) if day)
    name = f"campaign-counts-{period}.csv" if period else "campaign-counts.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/counts/chart.svg")
def counts_chart():
    """The matching counts per day (or month, or year) as an SVG bar chart."""
    from advocacy.reports.chart import counts_svg  # matplotlib: loaded when a chart is first asked for

    wanted = _filtered()[1] or abort(400)
    totals = counts.count_totals(db.session, wanted)
    data = counts.series(totals.by_day, wanted.start, wanted.end)
    titles = {
        "day": _("Letters and questions per day"),
        "month": _("Letters and questions per month"),
        "year": _("Letters and questions per year"),
    }
    svg = counts_svg(data, locale=_ui(), title=titles[data.grain], empty=_("Nothing counted in this period"))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response
