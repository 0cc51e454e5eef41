"""Staff: briefing exports on the task queue (start one, follow it, download its zip)."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from advocacy.accounts.web import workspace_blueprint
from advocacy.briefings.export import export_countries
from advocacy.briefings.forms import ExportForm
from advocacy.briefings.progress import JobProgress, latest_jobs
from advocacy.core.extensions import db
from advocacy.core.web import language_label

bp = workspace_blueprint("exports", __name__, "/staff", area="staff")

JOB_STATES = {
    "queued": _l("Queued: waiting for a worker"),
    "running": _l("Running"),
    "done": _l("Done"),
    "done with failures": _l("Done, with failures"),
    "failed": _l("Failed: no zip could be written"),
}


def _tasks():
    """The queue's module, imported when a staff page needs it (Huey and Redis stay out of start-up)."""
    from advocacy.briefings import tasks

    return tasks


@bp.route("/exports", methods=["GET", "POST"])
def exports():
    """List the export jobs and start a new one (every country × the chosen languages)."""
    form = ExportForm()
    if form.validate_on_submit():
        try:
            job_id = _tasks().start_export(db.session, form.locales.data)
        except Exception:  # the queue is down: start_export recorded the job as failed
            current_app.logger.exception("could not queue a briefing export")
            flash(_("The task queue could not be reached, so the export was not started."))
        else:
            return redirect(url_for("exports.job", job_id=job_id), code=303)
    jobs = [_tasks().job_progress(db.session, job_id) for job_id in latest_jobs(db.session)]
    return render_template(
        "briefings/exports.html",
        menu="exports.exports",
        form=form,
        jobs=[job for job in jobs if job is not None],
        countries=len(export_countries(db.session)),
        states=JOB_STATES,
    )


def _progress(job_id: int) -> JobProgress:
    return _tasks().job_progress(db.session, job_id) or abort(404)


@bp.get("/exports/<int:job_id>")
def job(job_id: int):
    """One export's progress, its failures and, when done, its zip."""
    progress = _progress(job_id)
    ready = _tasks().job_zip_path(db.session, job_id) is not None
    return render_template(
        "briefings/job.html",
        menu="exports.exports",
        job=progress,
        ready=ready,
        states=JOB_STATES,
        language_label=language_label,
    )


@bp.get("/exports/<int:job_id>/status.json")
def job_status(job_id: int):
    """One export's progress as JSON, for the page's optional polling script."""
    progress = _progress(job_id)
    ready = _tasks().job_zip_path(db.session, job_id) is not None
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
            "download": url_for("exports.download", job_id=job_id) if ready else None,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/exports/<int:job_id>/download")
def download(job_id: int):
    """The finished export's zip."""
    _progress(job_id)
    path = _tasks().job_zip_path(db.session, job_id) or abort(404)
    response = send_file(
        path, mimetype="application/zip", as_attachment=True, download_name=f"briefings-{job_id}.zip"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
