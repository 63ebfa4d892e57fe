"""Engines for SQLite (embedded, offline at a post) and PostgreSQL (shared by a situation centre)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from sitcentre.db import sqlite_functions
from sitcentre.db.errors import BadDatabaseUrl, DatabaseUnavailable
from sitcentre.output_paths import protect_database
from sitcentre.settings import Settings

SQLITE_BEGIN_OPTION = "sqlite_begin"
OPEN_CREATE, OPEN_EXISTING, OPEN_READ_ONLY = "create", "existing", "read-only"


def parse_url(url: str) -> URL:
    """Check a database URL and pin the driver; an unusable one raises BadDatabaseUrl."""
    try:
        parsed = make_url(url)
    except ValueError:  # e.g. port "abc": SQLAlchemy's own words would be "invalid literal for int()"
        raise BadDatabaseUrl(f"'{_without_password(url)}' has a port that is not a number, e.g. "
                             "postgresql://user@host:5432/database.") from None
    except ArgumentError:
        raise BadDatabaseUrl(
            f"'{url}' is not a database address. Use sqlite:///path/to/file.sqlite "
            "or postgresql://user@host:5432/database."
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BadDatabaseUrl("An SQLite address needs a file path, e.g. sqlite:///C:/data/post.sqlite.")
        # `~` is the home folder in every open mode (sqlite3 itself would take it literally when creating)
        return parsed.set(drivername="sqlite+pysqlite", database=str(Path(parsed.database).expanduser()))
    if backend in ("postgresql", "postgres"):
        if not parsed.database:
            raise BadDatabaseUrl("A PostgreSQL address needs a database name, e.g. postgresql://host/sitcentre.")
        return parsed.set(drivername="postgresql+psycopg")
    raise BadDatabaseUrl(f"'{backend}' databases are not supported: use SQLite or PostgreSQL.")


def make_engine(url: str, settings: Settings, open_mode: str = OPEN_CREATE) -> Engine:
    """An engine; statement parameters are never part of an error's text (they can hold password hashes).

    `open_mode` (SQLite only): OPEN_CREATE makes a missing file and switches it to WAL (the app, upgrade,
    demo); OPEN_EXISTING and OPEN_READ_ONLY never create a file nor change its journal mode, and a missing
    file is DatabaseUnavailable "no database at PATH"; OPEN_READ_ONLY also opens it read-only.
    `settings` (timeouts) are the ones built at start-up: there is no fallback."""
    if not isinstance(settings, Settings):
        raise TypeError("make_engine needs the Settings built at start-up")
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, poolclass=NullPool, hide_parameters=True,
                               **_sqlite_connect_args(parsed, settings, open_mode))
        protect_database(parsed.database)
        _configure_sqlite(engine, settings, wal=open_mode == OPEN_CREATE)
        return engine
    return create_engine(
        parsed,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=4,
        connect_args={"connect_timeout": settings.pg_connect_timeout_s, "application_name": "sitcentre"},
    )


def _sqlite_connect_args(parsed: URL, settings: Settings, open_mode: str) -> dict:
    """A plain file open for OPEN_CREATE; a `file:` URI with mode=rw or mode=ro otherwise."""
    if open_mode == OPEN_CREATE:
        return {"connect_args": {"timeout": settings.sqlite_busy_timeout_s}}
    path = Path(parsed.database).expanduser().absolute()
    if not path.is_file():
        raise DatabaseUnavailable(f"no database at {path}" + (" (it is a folder)" if path.is_dir() else
                                                              "; run 'sitcentre db upgrade' to create one"))
    uri = f"{path.as_uri()}?mode={'ro' if open_mode == OPEN_READ_ONLY else 'rw'}"
    timeout = settings.sqlite_busy_timeout_s
    return {"creator": lambda: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)}


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def _configure_sqlite(engine: Engine, settings: Settings, wal: bool = True) -> None:
    """WAL, foreign keys and a busy timeout on every connection; BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's "begin" event decides how
    a transaction starts (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL").
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        sqlite_functions.register(dbapi_conn)  # sc_casefold: search folds case in every script, as PostgreSQL does
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(settings.sqlite_busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:  # never switch a file we only read (maybe not even ours) to WAL
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def describe_url(engine: Engine) -> str:
    """The database as shown to a user: a file path or host/database, never a password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    return f"PostgreSQL {url.host or 'localhost'}:{url.port or 5432}/{url.database}"
