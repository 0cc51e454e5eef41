"""The `advocacy` command: Flask's group around the app, whose commands each feature adds."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup


def _create_app() -> Flask:
    from advocacy import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def cli() -> None:
    """Advocacy toolkit against transnational repression."""
