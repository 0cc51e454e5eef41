"""Flask extensions, created unbound and attached in create_app."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base for every model."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()

# The models' base class: db.Model, which mypy cannot take as a base (python/mypy#8603).
if TYPE_CHECKING:
    from flask_sqlalchemy.model import Model as _FlaskModel

    class Model(_FlaskModel, DeclarativeBase):
        """What db.Model is made of: Flask-SQLAlchemy's Model and Base's declarative base."""

else:
    Model = db.Model
