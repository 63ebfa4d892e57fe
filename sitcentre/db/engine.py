"""Engines for SQLite (embedded, offline at a post) and PostgreSQL (shared by a situation centre)."""

from __future__ import annotations

import ipaddress
import re
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from sitcentre.db import sqlite_functions
from sitcentre.db.errors import BadDatabaseUrl, DatabaseUnavailable
from sitcentre.domain.i18n import _t
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


def signs_in_to_server(url: str) -> bool:
    """A PostgreSQL address without a user name: each person signs in to the server with their own login."""
    parsed = parse_url(url)
    return parsed.get_backend_name() == "postgresql" and not parsed.username and "user" not in parsed.query


def person_url(url: str, login: str, password: str) -> URL:
    """The user-less address with a person's login and password: kept in memory by the engine, never written
    anywhere or logged (SQLAlchemy's URL hides the password in str() and repr())."""
    return parse_url(url).set(username=login, password=password)


LOCAL_HOSTS = ("localhost", "localhost.localdomain")
CHECKED_TLS = ("verify-full", "verify-ca")


def tls_warning(url: str | URL) -> str | None:
    """Words for the status bar (and the log, and the CLI's stderr) when the connection to a server on another
    machine goes without a checked TLS certificate; None for SQLite, a local server or a unix socket, and for
    sslmode=verify-full (or verify-ca)."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    sslmode = str(parsed.query.get("sslmode") or "").lower()
    remote = [host for host in _hosts(parsed) if not _is_local(host)]
    if not remote or sslmode in CHECKED_TLS:
        return None
    return _t("The connection to the database server {servers} is not protected by a checked TLS certificate: "
              "passwords and data could be read or changed on the network. Ask the administrator for the server's "
              "CA file and add ?sslmode=verify-full&sslrootcert=/path/to/ca.pem to the address.").format(
                  servers=", ".join(remote))


def _hosts(parsed: URL) -> list[str]:
    """The host names of the address (the host part, or libpq's host= parameter, which may list several)."""
    return [host for host, _port in _host_ports(parsed)]


_HOST_PORT = re.compile(r"(\[[^\]]*\]|[^:/\[\]]+):(\d+)")


def _host_ports(parsed: URL) -> list[tuple[str, str | None]]:
    """(host, port or None) for each host; SQLAlchemy's multi-host form host=db1:5432&host=db2:5433 included."""
    found: list[tuple[str, str | None]] = [(parsed.host, None)] if parsed.host else []
    for item in _query_values(parsed, "host"):
        match = _HOST_PORT.fullmatch(item)
        found.append((match.group(1), match.group(2)) if match else (item, None))
    return found


def _query_values(parsed: URL, key: str) -> list[str]:
    """A query parameter's values: given once, several times, or as a comma-separated list."""
    value = parsed.query.get(key)
    items = [value] if isinstance(value, str) else list(value or ())
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _is_local(host: str) -> bool:
    if host.startswith("/") or host.startswith("@") or host.lower() in LOCAL_HOSTS:  # a unix socket, or this machine
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_engine(url: str | URL, settings: Settings, open_mode: str = OPEN_CREATE) -> Engine:
    """An engine; statement parameters are never part of an error's text (they can hold password hashes).

    `open_mode` (SQLite only): OPEN_CREATE makes a missing file and switches it to WAL (the app, upgrade,
    demo); OPEN_EXISTING and OPEN_READ_ONLY never create a file nor change its journal mode, and a missing
    file is DatabaseUnavailable "no database at PATH"; OPEN_READ_ONLY also opens it read-only.
    `settings` (timeouts) are the ones built at start-up: there is no fallback."""
    if not isinstance(settings, Settings):
        raise TypeError("make_engine needs the Settings built at start-up")
    parsed = url if isinstance(url, URL) else parse_url(url)
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
        if path.is_dir():
            raise DatabaseUnavailable(_t("no database at {path} (it is a folder)").format(path=path))
        raise DatabaseUnavailable(_t("no database at {path}; run 'sitcentre db upgrade' to create one").format(
            path=path))
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
    return describe_address(engine.url)


def describe_address(url: str | URL) -> str:
    """An address as shown to a user: every host of a multi-host address (libpq's host=a&host=b or host=a,b,
    with port= beside it), a unix socket folder as it is, localhost only when no host is given."""
    url = url if isinstance(url, URL) else parse_url(url)
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database}"
    hosts = _host_ports(url) or [("localhost", None)]
    ports = _query_values(url, "port") or [str(url.port or 5432)]
    ports += [ports[-1]] * (len(hosts) - len(ports))  # libpq: one port for all, or one per host
    where = ", ".join(f"{host}:{own or port}" for (host, own), port in zip(hosts, ports))
    return f"PostgreSQL {where}/{url.database}"
