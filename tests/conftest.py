"""Shared fixtures: fresh databases built by the real migrations, on SQLite and on PostgreSQL.

PostgreSQL tests run when SITCENTRE_TEST_PG_URL names a server (CI sets it; there they must not skip).
Each test gets its own database, created from a template migrated once per session and dropped after.
"""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless Qt for every test, before any import of Qt

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings, sqlite_url

PG_URL = os.environ.get("SITCENTRE_TEST_PG_URL")

# The private cluster with passwords and TLS (sign-in tests), defined once so one cluster serves the session
from tests.pg_private import pg_private, pg_private_template, secured_db  # noqa: E402, F401


def _admin_conninfo() -> str:
    url = make_url(PG_URL)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_execute(sql: str) -> None:
    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(sql)


def _pg_url_for(name: str) -> str:
    return make_url(PG_URL).set(drivername="postgresql", database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database migrated to head once per session; tests copy it (CREATE DATABASE ... TEMPLATE)."""
    if not PG_URL:
        pytest.skip("SITCENTRE_TEST_PG_URL is not set")
    name = f"sc_tmpl_{os.getpid()}"
    _pg_execute(f'DROP DATABASE IF EXISTS "{name}"')
    _pg_execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(_pg_url_for(name), Settings(data_dir=Path(tempfile.gettempdir()) / "sitcentre-tests"))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_empty_url() -> Iterator[str]:
    """A new, empty PostgreSQL database (no schema), dropped after the test."""
    if not PG_URL:
        pytest.skip("SITCENTRE_TEST_PG_URL is not set")
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(f'CREATE DATABASE "{name}"')
    yield _pg_url_for(name)
    _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path, request) -> str:
    """An empty database of the parametrised backend, with no schema yet."""
    if backend == "sqlite":
        return sqlite_url(tmp_path / "test.sqlite")
    return request.getfixturevalue("pg_empty_url")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite file migrated to head once per session (closed, no -wal left); `db_url` copies it."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    engine = make_engine(sqlite_url(folder / "template.sqlite"), Settings(data_dir=folder))
    with pytest.MonkeyPatch.context() as env:  # not a setting the first test to ask for it has changed
        env.delenv("SITCENTRE_ORIGIN", raising=False)
        migrate.upgrade(engine)
    engine.dispose()
    assert not (folder / "template.sqlite-wal").exists()
    return folder / "template.sqlite"


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request) -> Iterator[str]:
    """A database of the parametrised backend, migrated to head."""
    if backend == "sqlite":
        target = tmp_path / "test.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)  # as PostgreSQL's TEMPLATE copy
        yield sqlite_url(target)
        return
    template = request.getfixturevalue("pg_template")
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield _pg_url_for(name)
    _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def engine(db_url: str, tmp_path: Path):
    """An engine on a migrated database that holds the reference data (countries, posts, substances)."""
    eng = make_engine(db_url, Settings(data_dir=tmp_path))
    seed_reference_data(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def app_backend(engine, tmp_path: Path):
    """The Qt-free backend (sitcentre.backend.Backend) over `engine`, on SQLite and PostgreSQL."""
    from sitcentre.backend import Backend

    return Backend(engine, Settings(data_dir=tmp_path))
