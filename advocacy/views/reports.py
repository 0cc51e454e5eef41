"""Staff reports: campaign counts (table, chart, CSV) and briefing exports on the task queue."""

from __future__ import annotations

from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from advocacy import tasks
from advocacy.access import workspace_blueprint
from advocacy.briefing.export import export_countries
from advocacy.briefing.progress import JobProgress, latest_jobs
from advocacy.domain.countries import country_name
from advocacy.extensions import db
from advocacy.forms_reports import CountFilterForm, ExportForm
from advocacy.i18n import LOCALES
from advocacy.labels import ACTIONS
from advocacy.reports import counts

bp = workspace_blueprint("reports", __name__, "/staff", area="staff")

MOST_ROWS = 500  # rows listed on the page; the CSV has them all
JOB_STATES = {
    "queued": _l("Queued: waiting for a worker"),
    "running": _l("Running"),
    "done": _l("Done"),
    "done with failures": _l("Done, with failures"),
    "failed": _l("Failed: no zip could be written"),
}


def _ui() -> str:
    """The Babel locale of the interface language."""
    return LOCALES[g.lang]


def locale_label(code: str) -> str:
    """A letter's language named in the interface language (the code when Babel has no name)."""
    try:
        return Locale.parse(code).get_display_name(_ui()) or code
    except (ValueError, UnknownLocaleError):
        return code


def _labels() -> dict:
    """Readable names for the codes the counts use, for the template."""
    return {
        "country": lambda code: country_name(code, _ui()),
        "action": lambda action: str(ACTIONS.get(action, action)),
        "locale": locale_label,
    }


def _filter_form() -> CountFilterForm:
    form = CountFilterForm(formdata=request.args)
    recorded, names = counts.recorded_values(db.session), _labels()
    everything = {"country": _("All countries"), "action": _("All actions"), "locale": _("All languages")}
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


# --- briefing exports ----------------------------------------------------------------------


@bp.route("/exports", methods=["GET", "POST"])
def exports():
    """List the export jobs and start a new one (every country × the chosen languages)."""
    form = ExportForm()
    if form.validate_on_submit():
        try:
            job_id = tasks.start_export(db.session, form.locales.data)
        except Exception:  # the queue is down: start_export recorded the job as failed
            current_app.logger.exception("could not queue a briefing export")
            flash(_("The task queue could not be reached, so the export was not started."))
        else:
            return redirect(url_for("reports.job", job_id=job_id), code=303)
    jobs = [tasks.job_progress(db.session, job_id) for job_id in latest_jobs(db.session)]
    return render_template(
        "reports/exports.html",
        menu="reports.exports",
        form=form,
        jobs=[job for job in jobs if job is not None],
        countries=len(export_countries(db.session)),
        states=JOB_STATES,
    )


def _progress(job_id: int) -> JobProgress:
    return tasks.job_progress(db.session, job_id) or abort(404)


@bp.get("/exports/<int:job_id>")
def job(job_id: int):
    """One export's progress, its failures and, when done, its zip."""
    progress = _progress(job_id)
    ready = tasks.job_zip_path(db.session, job_id) is not None
    return render_template(
        "reports/job.html",
        menu="reports.exports",
        job=progress,
        ready=ready,
        states=JOB_STATES,
        locale_label=locale_label,
    )


@bp.get("/exports/<int:job_id>/status.json")
def job_status(job_id: int):
    """One export's progress as JSON, for the page's optional polling script."""
    progress = _progress(job_id)
    ready = tasks.job_zip_path(db.session, job_id) is not None
    response = jsonify(
        {
            "id": progress.id,
            "status": progress.status,
            "state": str(JOB_STATES[progress.state]),
            "finished": progress.is_finished,
            "total": progress.total,
            "done": progress.done,
            "failed": progress.failed,
            "pending": progress.pending,
            "download": url_for("reports.download", job_id=job_id) if ready else None,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/exports/<int:job_id>/download")
def download(job_id: int):
    """The finished export's zip."""
    _progress(job_id)
    path = tasks.job_zip_path(db.session, job_id) or abort(404)
    response = send_file(
        path, mimetype="application/zip", as_attachment=True, download_name=f"briefings-{job_id}.zip"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
