"""Engines for SQLite (embedded, offline at a post) and PostgreSQL (shared by a situation centre)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from sitcentre.db.errors import BadDatabaseUrl
from sitcentre.settings import Settings, load_settings

SQLITE_BEGIN_OPTION = "sqlite_begin"


def parse_url(url: str) -> URL:
    """Check a database URL and pin the driver; an unusable one raises BadDatabaseUrl."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadDatabaseUrl(
            f"'{url}' is not a database address. Use sqlite:///path/to/file.sqlite "
            "or postgresql://user@host:5432/database."
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BadDatabaseUrl("An SQLite address needs a file path, e.g. sqlite:///C:/data/post.sqlite.")
        return parsed.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        if not parsed.database:
            raise BadDatabaseUrl("A PostgreSQL address needs a database name, e.g. postgresql://host/sitcentre.")
        return parsed.set(drivername="postgresql+psycopg")
    raise BadDatabaseUrl(f"'{backend}' databases are not supported: use SQLite or PostgreSQL.")


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    settings = settings or load_settings()
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed, poolclass=NullPool, connect_args={"timeout": settings.sqlite_busy_timeout_s}
        )
        _configure_sqlite(engine, settings)
        return engine
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=4,
        connect_args={"connect_timeout": settings.pg_connect_timeout_s, "application_name": "sitcentre"},
    )


def _configure_sqlite(engine: Engine, settings: Settings) -> None:
    """WAL, foreign keys and a busy timeout on every connection; BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's "begin" event decides how
    a transaction starts (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL").
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(settings.sqlite_busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
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
