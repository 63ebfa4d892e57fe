"""Engines and units of work on real databases: SQLite pragmas, BEGIN IMMEDIATE, rollback by default,
and database addresses checked before anything connects."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from sitcentre.db import migrate
from sitcentre.db.engine import describe_url, make_engine, parse_url
from sitcentre.db.errors import BadDatabaseUrl, DatabaseBusy, DatabaseUnavailable, describe
from sitcentre.db.tables import CountryRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.settings import Settings, sqlite_url

BUSY_TIMEOUT_S = 0.5


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """A migrated SQLite file."""
    path = tmp_path / "post.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    engine.dispose()
    return path


def quick_engine(path: Path, tmp_path: Path):
    """An engine on the file that gives up on a lock after half a second."""
    return make_engine(sqlite_url(path), Settings(data_dir=tmp_path, sqlite_busy_timeout_s=BUSY_TIMEOUT_S))


def country_codes(engine) -> set[str]:
    with UnitOfWork(engine) as uow:
        return set(uow.session.scalars(select(CountryRow.code)))


# --- SQLite connections --------------------------------------------------------------------------------------


def test_every_sqlite_connection_uses_wal_foreign_keys_and_a_busy_timeout(sqlite_path, tmp_path):
    engine = make_engine(sqlite_url(sqlite_path), Settings(data_dir=tmp_path))
    try:
        for _ in range(2):  # NullPool: each connect is a new connection, each must be configured
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        engine.dispose()


def test_the_busy_timeout_follows_the_setting(sqlite_path, tmp_path):
    engine = quick_engine(sqlite_path, tmp_path)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == int(BUSY_TIMEOUT_S * 1000)
    finally:
        engine.dispose()


def test_sqlite_enforces_foreign_keys(sqlite_path, tmp_path):
    engine = make_engine(sqlite_url(sqlite_path), Settings(data_dir=tmp_path))
    try:
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), UnitOfWork(engine, write=True) as uow:
            uow.session.execute(text(
                "INSERT INTO posts (code, name, crossing, country_code, counterpart_country_code, border, "
                "latitude, longitude, utc_offset_minutes) "
                "VALUES ('XX-1', 'x', 'x', 'XX', 'YY', 'XX-YY', 0, 0, 0)"))
            uow.commit()
    finally:
        engine.dispose()


# --- BEGIN IMMEDIATE: a second writer waits up front, then is told the database is busy --------------------


def test_a_second_writer_waits_for_the_busy_timeout_then_is_told_the_database_is_busy(sqlite_path, tmp_path):
    first, second = quick_engine(sqlite_path, tmp_path), quick_engine(sqlite_path, tmp_path)
    try:
        with UnitOfWork(first, write=True) as holder:
            holder.session.execute(text("SELECT 1"))  # the transaction has begun: it holds the write lock
            started = time.monotonic()
            with pytest.raises(OperationalError) as caught, UnitOfWork(second, write=True) as uow:
                uow.session.execute(text("SELECT 1"))
            waited = time.monotonic() - started
        assert BUSY_TIMEOUT_S * 0.8 <= waited < BUSY_TIMEOUT_S + 3
        error = describe(caught.value)
        assert isinstance(error, DatabaseBusy)
        assert "busy" in str(error)
    finally:
        first.dispose()
        second.dispose()


def test_a_reader_is_not_blocked_by_an_open_writer(sqlite_path, tmp_path):
    first, second = quick_engine(sqlite_path, tmp_path), quick_engine(sqlite_path, tmp_path)
    try:
        with UnitOfWork(first, write=True) as holder:
            holder.session.add(CountryRow(code="KZ", name="Kazakhstan", utc_offset_minutes=300))
            holder.session.flush()
            started = time.monotonic()
            assert country_codes(second) == set()  # WAL: readers see the last commit, without waiting
            assert time.monotonic() - started < BUSY_TIMEOUT_S
            holder.commit()
        assert country_codes(second) == {"KZ"}
    finally:
        first.dispose()
        second.dispose()


def test_a_second_writer_proceeds_once_the_first_commits(sqlite_path, tmp_path):
    first = quick_engine(sqlite_path, tmp_path)
    second = make_engine(sqlite_url(sqlite_path), Settings(data_dir=tmp_path, sqlite_busy_timeout_s=10))
    entered = threading.Event()
    errors: list[BaseException] = []

    def write_second():
        try:
            entered.set()
            with UnitOfWork(second, write=True) as uow:
                uow.session.add(CountryRow(code="KG", name="Kyrgyzstan", utc_offset_minutes=360))
                uow.commit()
        except BaseException as exc:
            errors.append(exc)

    try:
        with UnitOfWork(first, write=True) as holder:
            holder.session.add(CountryRow(code="KZ", name="Kazakhstan", utc_offset_minutes=300))
            holder.session.flush()
            worker = threading.Thread(target=write_second)
            worker.start()
            entered.wait(5)
            time.sleep(0.3)  # the second writer is now waiting on the lock
            holder.commit()
        worker.join(15)
        assert not worker.is_alive() and errors == []
        assert country_codes(first) == {"KZ", "KG"}
    finally:
        first.dispose()
        second.dispose()


# --- rollback unless commit() (both backends) ------------------------------------------------------------


def test_rolls_back_uncommitted_work_by_default(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with UnitOfWork(engine, write=True) as uow:
            uow.session.add(CountryRow(code="ZZ", name="Nowhere", utc_offset_minutes=0))
            uow.session.flush()
            assert uow.session.scalar(select(func.count()).select_from(CountryRow)) == 1
        assert country_codes(engine) == set()
    finally:
        engine.dispose()


def test_keeps_work_when_committed(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with UnitOfWork(engine, write=True) as uow:
            uow.session.add(CountryRow(code="ZZ", name="Nowhere", utc_offset_minutes=0))
            uow.commit()
        assert country_codes(engine) == {"ZZ"}
    finally:
        engine.dispose()


def test_rolls_back_when_an_error_escapes_before_commit(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with pytest.raises(RuntimeError, match="operator cancelled"), UnitOfWork(engine, write=True) as uow:
            uow.session.add(CountryRow(code="ZZ", name="Nowhere", utc_offset_minutes=0))
            uow.session.flush()
            raise RuntimeError("operator cancelled")
        assert country_codes(engine) == set()
    finally:
        engine.dispose()


def test_work_after_the_commit_is_not_kept_without_another_commit(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with UnitOfWork(engine, write=True) as uow:
            uow.session.add(CountryRow(code="AA", name="Kept", utc_offset_minutes=0))
            uow.commit()
            uow.session.add(CountryRow(code="BB", name="Not kept", utc_offset_minutes=0))
            uow.session.flush()
        assert country_codes(engine) == {"AA"}
    finally:
        engine.dispose()


def test_an_explicit_rollback_discards_the_work_so_far(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with UnitOfWork(engine, write=True) as uow:
            uow.session.add(CountryRow(code="AA", name="Discarded", utc_offset_minutes=0))
            uow.session.flush()
            uow.rollback()
            uow.session.add(CountryRow(code="BB", name="Kept", utc_offset_minutes=0))
            uow.commit()
        assert country_codes(engine) == {"BB"}
    finally:
        engine.dispose()


# --- database addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, words", [
    ("nonsense", "is not a database address"),
    ("", "is not a database address"),
    ("mysql://user@host/db", "'mysql' databases are not supported"),
    ("oracle+oracledb://user@host/db", "'oracle' databases are not supported"),
    ("sqlite://", "needs a file path"),
    ("sqlite:///:memory:", "needs a file path"),
    ("postgresql://user@host:5432", "needs a database name"),
    ("postgresql://host/", "needs a database name"),
])
def test_an_unusable_address_is_refused_with_a_message_saying_why(url, words, tmp_path):
    with pytest.raises(BadDatabaseUrl, match=words):
        parse_url(url)
    with pytest.raises(BadDatabaseUrl):
        make_engine(url, Settings(data_dir=tmp_path))


@pytest.mark.parametrize("url", ["postgresql://u@db.example:5433/sitcentre", "postgres://u@db.example:5433/sitcentre",
                                 "postgresql+psycopg2://u@db.example:5433/sitcentre"])
def test_postgresql_addresses_are_pinned_to_psycopg_keeping_the_rest(url):
    parsed = parse_url(url)
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.username, parsed.host, parsed.port, parsed.database) == ("u", "db.example", 5433, "sitcentre")


def test_sqlite_addresses_are_pinned_to_pysqlite_keeping_the_path(tmp_path):
    parsed = parse_url(sqlite_url(tmp_path / "post.sqlite"))
    assert parsed.drivername == "sqlite+pysqlite"
    assert parsed.database == str(tmp_path / "post.sqlite")


def test_a_password_never_appears_where_the_database_is_shown(tmp_path):
    engine = make_engine("postgresql://officer:s3cret@db.example/sitcentre", Settings(data_dir=tmp_path))
    try:
        shown = describe_url(engine)
    finally:
        engine.dispose()
    assert shown == "PostgreSQL db.example:5432/sitcentre"


def _pg_connection_error(tmp_path, **url_changes):
    """Connect to the test server with part of its address changed; the failure as described to a user."""
    base = os.environ.get("SITCENTRE_TEST_PG_URL")
    if not base:
        pytest.skip("SITCENTRE_TEST_PG_URL is not set")
    engine = make_engine(parse_url(base).set(**url_changes).render_as_string(hide_password=False),
                         Settings(data_dir=tmp_path))
    try:
        with pytest.raises(OperationalError) as caught, engine.connect():
            pass
    finally:
        engine.dispose()
    return describe(caught.value)


@pytest.mark.pg
def test_a_database_missing_on_the_server_is_described_as_unavailable(tmp_path):
    error = _pg_connection_error(tmp_path, database="sc_does_not_exist_4f1c")
    assert isinstance(error, DatabaseUnavailable)
    assert "does not exist" in str(error)


@pytest.mark.pg
def test_an_unknown_user_is_not_described_as_an_unreachable_server(tmp_path):
    error = _pg_connection_error(tmp_path, username="sc_no_such_officer")
    assert isinstance(error, DatabaseUnavailable)
    assert "Cannot reach" not in str(error)
    assert "user" in str(error).lower()
