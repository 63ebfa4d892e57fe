"""Unit of work: a context manager around one transaction that rolls back unless commit() is called."""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import sqlalchemy.exc
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.engine import SQLITE_BEGIN_OPTION, is_sqlite
from sitcentre.db.errors import WRITE_CONFLICT_MESSAGE, WRITE_CONFLICT_SQLSTATES, WriteConflict, sqlstate
from sitcentre.domain.i18n import _t

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 4
PAUSE_S = 0.05  # the longest random pause before the second attempt; it grows with each attempt
# Work every writing unit of work does just before it commits, in its transaction. sitcentre.repositories
# registers the sealing of record revisions here (repositories.revisions.seal_pending: a change to an incident
# gets its revision id and its kept version in the same commit); db/ cannot import repositories itself.
BEFORE_COMMIT: list[Callable[[Session], None]] = []


class UnitOfWork:
    """`with UnitOfWork(engine, write=True) as uow: ...; uow.commit()`.

    Writers on SQLite start with BEGIN IMMEDIATE, so that a second writer waits for the lock up front
    (busy_timeout) instead of failing half-way through with "database is locked".
    """

    def __init__(self, engine: Engine, write: bool = False):
        self.engine = engine
        self.write = write
        self.session: Session | None = None
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        conn = self.engine.connect()
        if self.write and is_sqlite(self.engine):
            conn = conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._conn = conn
        self.session = Session(bind=conn, expire_on_commit=False, autoflush=False)
        self._committed = False
        return self

    def commit(self) -> None:
        if self.write:
            for hook in BEFORE_COMMIT:
                hook(self.session)
        self.session.commit()
        self._committed = True

    def rollback(self) -> None:
        self.session.rollback()

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()
            self._conn.close()


def retry_write_conflicts(work: Callable[P, R] | None = None, *, attempts: int = ATTEMPTS,
                          pause_s: float = PAUSE_S) -> Callable[P, R]:
    """Decorator for a function that runs one whole unit of work: when PostgreSQL aborts it to break a
    deadlock or a serialization conflict (SQLSTATE 40P01, 40001) nothing of it was kept, so it is run again,
    after a short random pause, up to `attempts` times in all; then WriteConflict, in plain words.

    The function must start its own transaction (a retry inside a transaction that already failed would
    only fail again). Other errors pass through at once.
    """
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except sqlalchemy.exc.DBAPIError as exc:
                    code = sqlstate(exc)
                    if code not in WRITE_CONFLICT_SQLSTATES:
                        raise
                    if attempt == attempts:
                        raise WriteConflict(_t(WRITE_CONFLICT_MESSAGE)) from exc
                    log.warning("%s: PostgreSQL aborted the transaction (SQLSTATE %s); attempt %d of %d follows",
                                getattr(fn, "__qualname__", "a unit of work"), code, attempt + 1, attempts)
                    time.sleep(random.uniform(0, pause_s * attempt))
            raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

        return run

    return decorate if work is None else decorate(work)
