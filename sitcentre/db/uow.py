"""Unit of work: a context manager around one transaction that rolls back unless commit() is called."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.engine import SQLITE_BEGIN_OPTION, is_sqlite


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
