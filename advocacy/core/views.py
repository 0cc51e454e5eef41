"""Friendly error pages (HTML for people, JSON for the API)."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException


def register(app: Flask) -> None:
    """Attach the error pages."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            return {"error": error.name, "status": error.code}, error.code
        return render_template("error.html", error=error), error.code
