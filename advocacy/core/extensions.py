"""Flask extensions, created unbound and attached in create_app."""

from typing import TYPE_CHECKING, Any

import click
from flask import Flask
from flask_babel import Babel
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base for every model."""


class _MigrateWhenUsed:
    """Flask-Migrate's place in app.extensions, importing it (and Alembic) on first use only.

    Alembic is a third of the command line's start-up, and only `advocacy init`, `advocacy db`
    and tests migrate. `directory` is known without importing; anything else sets up the real
    Flask-Migrate, which then takes this object's place.
    """

    def __init__(self, app: Flask, database: Any, directory: str) -> None:
        self._app, self._db, self.directory = app, database, directory

    def __getattr__(self, name: str) -> Any:
        from flask_migrate import Migrate

        Migrate().init_app(self._app, self._db, directory=self.directory)  # replaces this object
        return getattr(self._app.extensions["migrate"], name)


class _DbCommands(click.Group):
    """`advocacy db`: Flask-Migrate's command group, imported when it is used."""

    def _real(self, ctx: click.Context | None) -> click.Group:
        from flask.cli import ScriptInfo
        from flask_migrate.cli import db as commands

        info = (ctx or click.get_current_context()).ensure_object(ScriptInfo)
        info.load_app().extensions["migrate"].migrate  # noqa: B018 - sets Flask-Migrate up
        return commands

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:  # fmt: skip
        # The real group's context: its options and callback run, and its subcommands.
        return self._real(parent).make_context(info_name, args, parent=parent, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._real(ctx).list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._real(ctx).get_command(ctx, name)


class LazyMigrate:
    """Flask-Migrate, set up for an app without importing it until it is used."""

    def init_app(self, app: Flask, database: Any, directory: str) -> None:
        app.extensions["migrate"] = _MigrateWhenUsed(app, database, directory)
        app.cli.add_command(_DbCommands("db", help="Database migrations (Flask-Migrate)."))


db = SQLAlchemy(model_class=Base)
migrate = LazyMigrate()
csrf = CSRFProtect()
babel = Babel()

# The models' base class: db.Model, which mypy cannot take as a base (python/mypy#8603).
if TYPE_CHECKING:
    from flask_sqlalchemy.model import Model as _FlaskModel

    class Model(_FlaskModel, DeclarativeBase):
        """What db.Model is made of: Flask-SQLAlchemy's Model and Base's declarative base."""

else:
    Model = db.Model
