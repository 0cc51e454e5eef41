"""The data page, the whole-data downloads and the API's OpenAPI description."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify, redirect, render_template, request, url_for

from advocacy.core.extensions import db
from advocacy.core.web import localized_blueprint, settings
from advocacy.opendata.openapi import openapi_document
from advocacy.opendata.release import public_json, public_zip, release
from advocacy.records.dataset import SCHEMA_FILE
from advocacy.records.schema import load_resources

bp = localized_blueprint("opendata", __name__)
files = Blueprint("downloads", __name__)

CACHE = "public, max-age=300"
KINDS = {"zip": ("application/zip", public_zip), "json": ("application/json", public_json)}


@bp.get("/data")
def data_page():
    """Say what the data is, how it is sourced, its licence, schema, downloads, citation and API."""
    about = release(db.session, settings().data_dir)
    resources = load_resources(settings().data_dir / SCHEMA_FILE)
    page = url_for("opendata.data_page", lang="en", _external=True)
    html = render_template(
        "opendata/data.html", about=about, resources=resources, citation=about.citation(page)
    )
    return _conditional(Response(html))


@files.get("/data/<name>")
def download(name: str):
    """Send the public data as CSV files (zip) or JSON, named with its version and date."""
    about = release(db.session, settings().data_dir)
    extension = name.rsplit(".", 1)[-1]
    if extension not in KINDS:
        return jsonify({"error": "Not Found", "status": 404}), 404
    if name != about.filename(extension):  # an older version's name: send the current one
        return redirect(url_for("downloads.download", name=about.filename(extension)))
    mimetype, make = KINDS[extension]
    response = Response(make(db.session, settings().data_dir), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return _conditional(response)


@files.get("/data/datapackage.json")
def schema():
    """The data package descriptor: every file's fields, types and constraints."""
    body = (settings().data_dir / SCHEMA_FILE).read_bytes()
    return _conditional(Response(body, mimetype="application/json"))


@files.get("/api/v1/openapi.json")
def openapi():
    """The API's OpenAPI 3.1 description."""
    about = release(db.session, settings().data_dir)
    return _conditional(jsonify(openapi_document(settings().data_dir, about.version or "unversioned")))


def _conditional(response: Response) -> Response:
    response.headers["Cache-Control"] = CACHE
    response.add_etag()
    return response.make_conditional(request)


def register(app: Flask) -> None:
    """Attach the data page and the downloads."""
    app.register_blueprint(bp)
    app.register_blueprint(files)
