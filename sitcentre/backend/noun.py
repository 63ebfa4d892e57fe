"""The base of the desk's nouns: the desk's actor, engine and settings, and database errors in our words.

Every public method of a Noun subclass is wrapped so that a driver or SQLAlchemy error leaves the backend
as one of the project's own errors (sitcentre.domain.errors, through sitcentre.db.errors.describe), the
original chained for the log. Domain errors (validation, permission, conflict) pass through unchanged.
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from sitcentre.db.errors import describe
from sitcentre.domain.permissions import Actor
from sitcentre.settings import Settings

if TYPE_CHECKING:
    from sitcentre.backend.core import Desk


def _database_errors_in_words(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if not _from_database(exc):
                raise
            raise describe(exc) from exc

    return wrapper


def _from_database(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.startswith(("sqlalchemy", "psycopg", "sqlite3"))


class Noun:
    def __init__(self, desk: Desk):
        self._desk = desk

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(cls, name, _database_errors_in_words(member))

    @property
    def actor(self) -> Actor:
        return self._desk.actor

    @property
    def engine(self) -> Engine:
        return self._desk.engine

    @property
    def settings(self) -> Settings:
        return self._desk.settings
