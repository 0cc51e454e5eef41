"""Staff: keep the data true. Browse, add, edit and delete records with an audit trail; import and export."""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path

from flask import Flask, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import csrf, db
from advocacy.core.web import settings, withdrawn
from advocacy.countries.evidence import oldest_first
from advocacy.records import editing
from advocacy.records.datafiles import format_cell
from advocacy.records.dataset import SCHEMA_FILE, current_version
from advocacy.records.editing import COUNTRY_COLUMN, EDITABLE, Conflict, Duplicate, Editor
from advocacy.records.fields import check_record, decode_row, encode_row
from advocacy.records.forms import (
    BOOLEAN_LABELS,
    FIELD_LABELS,
    LIST_COLUMNS,
    RESOURCE_TITLES,
    SOURCE_FIELDS,
    VALUE_LABELS,
    DeleteForm,
    ImportForm,
    PublicForm,
    record_form,
)
from advocacy.records.schema import Resource, load_resources
from advocacy.records.transfer import export_zip, gather, import_upload
from advocacy.reporting import rules as reporting_rules

bp = workspace_blueprint("staff", __name__, "/staff", area="staff")


def register(app: Flask) -> None:
    """Attach the staff data pages."""
    app.register_blueprint(bp)


UPLOAD_LIMIT = 16 * 1024 * 1024  # bytes in one import request; the bundled data is under 300 kB
_FILTER = re.compile(r"[A-Z]{2}|WORLD|INT")


@bp.context_processor
def _wording() -> dict:
    return {
        "titles": RESOURCE_TITLES, "field_labels": FIELD_LABELS, "value_labels": VALUE_LABELS,
        "boolean_labels": BOOLEAN_LABELS, "list_columns": LIST_COLUMNS, "source_fields": SOURCE_FIELDS,
    }  # fmt: skip


def _schema_dir() -> Path:
    return settings().data_dir


@functools.cache
def _resources(folder: str) -> dict[str, Resource]:
    return {resource.name: resource for resource in load_resources(Path(folder) / SCHEMA_FILE)}


def _resource(name: str) -> Resource:
    if name not in EDITABLE:
        abort(404)
    return _resources(str(_schema_dir()))[name]


def _editor() -> Editor:
    return Editor(current_user.id, current_user.email)


@bp.get("/")
def home():
    """The data overview: every editable resource's records, filtered by country."""
    wanted = request.args.get("country", "").strip().upper()
    wanted = wanted if _FILTER.fullmatch(wanted) else ""
    oldest = request.args.get("order") == "oldest"  # undated and oldest evidence first
    tables, codes = {}, set()
    for name in EDITABLE:
        rows = editing.list_rows(db.session, _resource(name))
        codes.update(code for row in rows for code in editing.row_countries(name, row))
        tables[name] = [row for row in rows if not wanted or wanted in editing.row_countries(name, row)]
        if oldest:
            tables[name].sort(key=oldest_first)
    version = current_version(db.session)
    return render_template(
        "records/home.html", tables=tables, codes=sorted(codes), wanted=wanted, version=version, oldest=oldest
    )


@bp.get("/changes")
def changes():
    """The newest audited changes, imports included."""
    return render_template("records/changes.html", entries=editing.recent(db.session))


@bp.route("/<resource>/new", methods=["GET", "POST"])
def create(resource: str):
    """Add a record; it must pass the same checks as a row of an imported file."""
    found = _resource(resource)
    form = record_form(found)(data=_new_record_data(found) if request.method == "GET" else None)
    if form.validate_on_submit():
        row, problems = check_record(_cells(form, found), found)
        if not problems:
            try:
                editing.create_record(db.session, found, row, _editor(), _schema_dir())
            except Duplicate:
                problems["id"] = _("This identifier is taken; choose another.")
            else:
                flash(_("Saved."))
                return redirect(url_for(".edit", resource=resource, record_id=row["id"]))
        _show(form, problems)
    return _record_page(form, found, None, status=422 if form.errors else 200)


@bp.route("/<resource>/<record_id>", methods=["GET", "POST"])
def edit(resource: str, record_id: str):
    """Edit a record; refused with what changed meanwhile when someone else saved first."""
    found = _resource(resource)
    if request.method == "GET":
        current = editing.read_row(db.session, found, record_id) or abort(404)
        form = record_form(found)(data=_form_data(current, found))
        return _record_page(form, found, current)
    form = record_form(found)()
    base = decode_row(form.base.data, found)
    if not form.validate_on_submit() or base is None or base["id"] != record_id:
        abort(400)
    row, problems = check_record({**_cells(form, found), "id": record_id}, found)
    if problems:
        _show(form, problems)
        return _record_page(form, found, base, status=422)
    try:
        entry = editing.update_record(db.session, found, base, row, _editor(), _schema_dir())
    except Conflict as conflict:
        if conflict.current is not None:  # a second save, having seen the changes, may go ahead
            form.base.data = encode_row(conflict.current, found)
        return _record_page(form, found, conflict.current, conflict=conflict, status=409)
    if entry:
        withdrawn(editing.withdrawn_by_change(resource, base))
    flash(_("Saved.") if entry else _("Nothing was changed, so nothing was saved."))
    return redirect(url_for(".edit", resource=resource, record_id=record_id))


@bp.post("/<resource>/<record_id>/delete")
def delete(resource: str, record_id: str):
    """Delete a record (audited with every value it had), if it is still as loaded."""
    found = _resource(resource)
    form = DeleteForm()
    base = decode_row(form.base.data, found)
    if base is None or base["id"] != record_id or not form.csrf_token.validate(form):
        abort(400)
    if not form.confirm.data:
        flash(_("Nothing was deleted: tick the box to confirm."))
        return redirect(url_for(".edit", resource=resource, record_id=record_id))
    try:
        editing.delete_record(db.session, found, base, _editor(), _schema_dir())
    except Conflict:
        flash(_("Nothing was deleted: the record changed since you opened it. Check it and try again."))
        return redirect(url_for(".edit", resource=resource, record_id=record_id))
    withdrawn(editing.withdrawn_by_change(resource, base))
    flash(_("Deleted %(id)s. Its values stay in the audit trail.", id=record_id))
    return redirect(url_for(".home"))


@bp.post("/cases/<record_id>/public")
def publish(record_id: str):
    """Make a case public, or restrict it to staff."""
    found = _resource("cases")
    form = PublicForm()
    base = decode_row(form.base.data, found)
    valid = form.validate_on_submit() and form.public.data in ("true", "false")
    if not valid or base is None or base["id"] != record_id:
        abort(400)
    try:
        editing.update_record(
            db.session, found, base, {**base, "public": form.public.data == "true"}, _editor(), _schema_dir()
        )
    except Conflict:
        flash(_("Nothing was changed: the case changed since you opened it. Check it and try again."))
    else:
        withdrawn(editing.withdrawn_by_change("cases", base))
        flash(
            _("The case is now public.")
            if form.public.data == "true"
            else _("The case is now restricted to staff.")
        )
    return redirect(url_for(".edit", resource="cases", record_id=record_id))


@bp.get("/<resource>/<record_id>/history")
def history(resource: str, record_id: str):
    """Every audited change to one record: who, when, each field from what to what."""
    found = _resource(resource)
    entries = editing.history(db.session, resource, record_id)
    exists = editing.read_row(db.session, found, record_id) is not None
    if not entries and not exists:
        abort(404)
    return render_template(
        "records/history.html", resource=found, record_id=record_id, entries=entries, exists=exists
    )


@csrf.exempt  # the form checks its token itself, after the size limit below is in place
@bp.route("/import", methods=["GET", "POST"])
def import_data():
    """Replace data files from uploaded CSV files or a zip, all or nothing, as `advocacy data import`."""
    request.max_content_length = UPLOAD_LIMIT
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        uploads = [(item.filename or "", item.read()) for item in form.files.data or [] if item.filename]
        cases = _resource("cases")
        before = editing.list_rows(db.session, cases)
        result = import_upload(db.session, gather(uploads, _schema_dir()), _schema_dir(), _editor())
        if result.ok:
            withdrawn(editing.withdrawn_cases(before, editing.list_rows(db.session, cases)))
    elif request.method == "POST":
        abort(400)
    status = 422 if result is not None and not result.ok else 200
    return render_template("records/import.html", form=form, result=result, limit=UPLOAD_LIMIT), status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    message = _("The upload is larger than %(mb)d MB; nothing was imported.", mb=UPLOAD_LIMIT // 1024 // 1024)
    page = render_template(
        "records/import.html",
        form=ImportForm(formdata=None),
        result=None,
        too_large=message,
        limit=UPLOAD_LIMIT,
    )
    return page, 413


@bp.get("/export.zip")
def export_data():
    """Download the current data files and their schema as a zip."""
    version = current_version(db.session) or "empty"
    response = Response(export_zip(db.session, _schema_dir()), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="advocacy-data-{version}.zip"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _cells(form, resource: Resource) -> dict[str, str]:
    return {name: form[name].data or "" for name in resource.field_names}


def _form_data(row: dict, resource: Resource) -> dict[str, str]:
    return {
        **{name: format_cell(row[name]) for name in resource.field_names},
        "base": encode_row(row, resource),
    }


def _new_record_data(resource: Resource) -> dict[str, str]:
    """Start a new record from the country in the URL.

    A reporting row's as_of is the day it was checked, so today; a fact's as_of is the date
    of its evidence, which only the person typing it knows.
    """
    country = request.args.get("country", "").strip().upper()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    as_of = today if resource.name in reporting_rules.RESOURCES else ""
    return {COUNTRY_COLUMN[resource.name]: country if _FILTER.fullmatch(country) else "", "as_of": as_of}


def _show(form, problems: dict[str, str]) -> None:
    for name, message in problems.items():
        form[name].errors = [message]


def _record_page(
    form, resource: Resource, current: dict | None, *, conflict: Conflict | None = None, status: int = 200
):
    extra = {}
    if current is not None and resource.name == "cases":
        extra["public_form"] = PublicForm(
            formdata=None, base=encode_row(current, resource), public="false" if current["public"] else "true"
        )
    if current is not None:
        extra["delete_form"] = DeleteForm(formdata=None, base=encode_row(current, resource))
    page = render_template(
        "records/record.html", form=form, resource=resource, current=current, conflict=conflict,
        **extra,
    )  # fmt: skip
    return page, status
