"""Defect 9 of issue 9 (the race half): two `user add` of one name at once both passed the name check on
PostgreSQL, and the loser's IntegrityError went to the log with its parameters, the Argon2id hash included.
Whoever loses must hear "that account already exists" (exit code 3 on the command line), nothing else."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.auth import AccountError
from sitcentre.services.users import UserService
from tests.integration.people import test_settings
from tests.integration.test_cli import cli_env

SECRET = "a long enough secret"


def accounts_named(engine, name: str) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(UserRow).where(UserRow.username == name))


def start_add(tmp_path: Path, db_url: str, name: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "sitcentre", "--db", db_url, "user", "add", name, "--role",
                                "admin", "--password-stdin"], cwd=tmp_path, env=cli_env(tmp_path),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process


def test_two_processes_adding_one_name_at_once_make_one_account_and_one_plain_refusal(tmp_path, engine, db_url):
    racers = [start_add(tmp_path, db_url, name) for name in ("olga", "OLGA")]
    for process in racers:  # both are started (interpreter up, connecting) before either gets its password
        process.stdin.write(SECRET + "\n")
        process.stdin.flush()
    results = [(p.wait(timeout=120), *p.communicate(timeout=10)) for p in racers]

    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 3], results
    _, _, loser_err = next(r for r in results if r[0] == 3)
    assert loser_err.strip() == "sitcentre: There is already an account named 'olga'.", results
    assert accounts_named(engine, "olga") == 1
    logged = "".join(p.read_text(errors="replace") for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert "IntegrityError" not in logged and "$argon2" not in logged


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_a_name_committed_by_another_connection_during_the_add_is_reported_as_taken(tmp_path, engine):
    """The other connection inserts the name before the add's check and commits after it: the add's INSERT
    waits on the unique index, then meets the unique violation, which must read as "already exists"."""
    settings = test_settings(tmp_path)
    outcome: list[BaseException | object] = []

    def add() -> None:
        try:
            outcome.append(UserService(engine, settings).add("olga", Role.OPERATOR, None, actor=SYSTEM))
        except BaseException as exc:  # handed to the test thread to assert on
            outcome.append(exc)

    with engine.connect() as other, engine.connect() as watcher:
        other.execute(text("INSERT INTO users (username, role) VALUES ('olga', 'supervisor')"))
        adding = threading.Thread(target=add, daemon=True)
        adding.start()
        _wait_until_an_insert_waits_for_a_lock(watcher)
        other.commit()
        adding.join(timeout=30)
    assert not adding.is_alive()
    [result] = outcome
    assert isinstance(result, AccountError), repr(result)
    assert str(result) == "There is already an account named 'olga'."
    assert accounts_named(engine, "olga") == 1


def _wait_until_an_insert_waits_for_a_lock(watcher, limit_s: float = 20.0) -> None:
    deadline = time.monotonic() + limit_s
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND query LIKE 'INSERT INTO users%' AND datname = current_database()")
    while time.monotonic() < deadline:
        if watcher.execute(query).scalar():
            watcher.rollback()
            return
        watcher.rollback()  # a fresh snapshot of pg_stat_activity on the next look
        time.sleep(0.02)
    raise AssertionError(f"the add never reached its INSERT within {limit_s} s")
