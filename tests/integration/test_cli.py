"""The `sitcentre` command, run as a real process: every failure is one plain line on stderr and an exit
code (1 check failed, 2 database problem, 3 usage), never a traceback; details go to the log file."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.services.demo import seed_incidents
from sitcentre.settings import Settings, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
HEAD = migrate.head_revision()
BUSY_TIMEOUT_S = Settings(data_dir=Path(".")).sqlite_busy_timeout_s
END = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)


def cli_env(tmp_path: Path, **changes: str) -> dict[str, str]:
    """The data folder (and so the log) under tmp_path, no SITCENTRE_DB, this checkout importable."""
    env = {k: v for k, v in os.environ.items() if k != "SITCENTRE_DB"}
    env["SITCENTRE_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env.update(changes)
    return env


def run_cli(tmp_path: Path, *args: str, **env_changes: str) -> subprocess.CompletedProcess:
    """`python -m sitcentre ARGS`, waited for."""
    return subprocess.run([sys.executable, "-m", "sitcentre", *args], cwd=tmp_path,
                          env=cli_env(tmp_path, **env_changes), capture_output=True, text=True, timeout=120,
                          check=False)


def start_cli(tmp_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitcentre", *args], cwd=tmp_path, env=cli_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def assert_fails_plainly(result: subprocess.CompletedProcess, exit_code: int, words: str) -> str:
    """Exit code, exactly one 'sitcentre:' line on stderr saying `words`, no traceback anywhere."""
    output = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr, output
    assert result.returncode == exit_code, output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitcentre: "), output
    assert words.lower() in lines[0].lower(), output
    return lines[0]


def stats_of(result: subprocess.CompletedProcess) -> dict[str, int]:
    assert result.returncode == 0, result.stderr
    pairs = (re.fullmatch(r"(\w+)\s+([\d,]+)", line.strip()) for line in result.stdout.splitlines())
    return {m[1]: int(m[2].replace(",", "")) for m in pairs if m}


def stamp(url: str, tmp_path: Path, revision: str) -> None:
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :rev"), {"rev": revision})
    finally:
        engine.dispose()


def revision_of(url: str, tmp_path: Path) -> str | None:
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        return migrate.current_revision(engine)
    finally:
        engine.dispose()


@pytest.fixture
def migrated_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "post.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def exclusive_lock():
    """Hold `BEGIN EXCLUSIVE` on an SQLite file from another connection for the length of the test."""
    held: list[sqlite3.Connection] = []

    def lock(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        held.append(conn)

    yield lock
    for conn in held:
        conn.execute("ROLLBACK")
        conn.close()


# --- bad usage and bad addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["frobnicate"], ["db", "drop"], ["demo", "--incidents", "many"]],
                         ids=["unknown-command", "unknown-db-action", "not-a-number"])
def test_bad_usage_is_one_line_and_exit_code_3_without_touching_a_database(tmp_path, args):
    result = run_cli(tmp_path, *args)
    assert_fails_plainly(result, 3, "sitcentre --help")
    assert not (tmp_path / "data" / "sitcentre.sqlite").exists()


def test_a_malformed_address_is_a_database_problem(tmp_path):
    result = run_cli(tmp_path, "--db", "nonsense", "db", "upgrade")
    assert_fails_plainly(result, 2, "'nonsense' is not a database address")


def test_an_unreachable_server_is_a_database_problem_and_the_password_is_not_shown(tmp_path):
    started = time.monotonic()
    result = run_cli(tmp_path, "--db", "postgresql://postgres:s3cretpw@127.0.0.1:1/x", "db", "upgrade")
    assert_fails_plainly(result, 2, "cannot reach the database (PostgreSQL 127.0.0.1:1/x)")
    assert time.monotonic() - started < 30
    log = (tmp_path / "data" / "logs" / "sitcentre.log").read_text(encoding="utf-8")
    assert "s3cretpw" not in result.stdout + result.stderr + log


def test_a_server_on_the_network_without_a_checked_certificate_is_warned_of_on_stderr(tmp_path):
    """Issue 14: the warning comes before the command's own outcome (here: the server cannot be reached)."""
    result = run_cli(tmp_path, "--db", "postgresql://postgres@192.0.2.1:5432/x?connect_timeout=1", "db", "current")
    assert result.returncode == 2, result.stderr
    first, *rest = result.stderr.splitlines()
    assert first.startswith("sitcentre: warning: ") and "192.0.2.1" in first and "sslmode=verify-full" in first
    assert [line for line in rest if line.startswith("sitcentre: ")] == [rest[-1]] and "reach" in rest[-1]
    assert "Traceback" not in result.stderr


def test_this_machine_and_a_file_get_no_tls_warning(tmp_path, empty_db_url):
    result = run_cli(tmp_path, "--db", empty_db_url, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_an_empty_address_is_refused_rather_than_replaced_by_the_default_database(tmp_path):
    result = run_cli(tmp_path, "--db", "", "db", "upgrade")
    assert not (tmp_path / "data" / "sitcentre.sqlite").exists()
    assert_fails_plainly(result, 2, "--db was given an empty address")


@pytest.mark.parametrize("args", [["db", "upgrade"], ["stats"]])
def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_was(tmp_path, args):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Shift notes: radio check at 06:00.\n" * 50)
    before = notes.read_bytes()
    result = run_cli(tmp_path, "--db", sqlite_url(notes), *args)
    assert_fails_plainly(result, 2, "is not a sitcentre database or is damaged")
    assert notes.read_bytes() == before


def test_the_details_of_a_failure_go_to_the_log_file(tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database\n" * 100)
    run_cli(tmp_path, "--db", sqlite_url(notes), "db", "upgrade")
    log = (tmp_path / "data" / "logs" / "sitcentre.log").read_text(encoding="utf-8")
    assert "is not a sitcentre database or is damaged" in log
    assert "Traceback" in log


def test_a_missing_folder_is_reported_and_not_created(tmp_path):
    missing = tmp_path / "no such folder" / "post.sqlite"
    result = run_cli(tmp_path, "--db", sqlite_url(missing), "db", "upgrade")
    assert_fails_plainly(result, 2, "check that the folder exists")
    assert not missing.parent.exists()


# --- a locked SQLite file -----------------------------------------------------------------------------------


def test_a_locked_file_makes_upgrade_and_demo_give_up_after_the_busy_timeout(tmp_path, migrated_sqlite,
                                                                             exclusive_lock):
    """Both run at once (each on its own locked file) so that the test waits for one busy timeout, not two."""
    fresh = tmp_path / "new.sqlite"
    sqlite3.connect(fresh).close()
    exclusive_lock(fresh)
    exclusive_lock(migrated_sqlite)
    started = time.monotonic()
    upgrading = start_cli(tmp_path, "--db", sqlite_url(fresh), "db", "upgrade")
    seeding = start_cli(tmp_path, "--db", sqlite_url(migrated_sqlite), "demo", "--incidents", "20")
    results = [finish(upgrading), finish(seeding)]
    waited = time.monotonic() - started
    for result in results:
        assert_fails_plainly(result, 2, "is busy: another program is writing to it")
    assert BUSY_TIMEOUT_S * 0.8 <= waited < BUSY_TIMEOUT_S + 15
    with sqlite3.connect(migrated_sqlite) as conn:  # the demo wrote nothing, not even reference data
        assert conn.execute("SELECT count(*) FROM countries").fetchone() == (0,)


# --- a schema newer than this sitcentre (both backends) ------------------------------------------------------


@pytest.mark.parametrize("args", [["db", "upgrade"], ["demo", "--incidents", "10"]])
def test_a_newer_schema_is_refused_and_left_untouched(tmp_path, db_url, args):
    stamp(db_url, tmp_path, "9999")
    result = run_cli(tmp_path, "--db", db_url, *args)
    assert_fails_plainly(result, 2, "written by a newer version of sitcentre")
    assert revision_of(db_url, tmp_path) == "9999"


def test_stats_on_a_newer_schema_does_not_advise_an_upgrade(tmp_path, db_url):
    stamp(db_url, tmp_path, "9999")
    result = run_cli(tmp_path, "--db", db_url, "stats")
    line = assert_fails_plainly(result, 2, "newer")
    assert "db upgrade" not in line


# --- happy paths (both backends) -----------------------------------------------------------------------------


def test_upgrade_then_current_shows_the_head_revision(tmp_path, empty_db_url):
    first = run_cli(tmp_path, "--db", empty_db_url, "db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert f"upgraded from empty to {HEAD}" in first.stdout
    current = run_cli(tmp_path, "--db", empty_db_url, "db", "current")
    assert current.returncode == 0, current.stderr
    assert f"schema {HEAD} (up to date)" in current.stdout
    again = run_cli(tmp_path, "--db", empty_db_url, "db", "upgrade")
    assert again.returncode == 0 and f"already at schema {HEAD}" in again.stdout
    assert current.stderr == again.stderr == ""


def test_demo_then_stats_counts_the_incidents(tmp_path, empty_db_url):
    demo = run_cli(tmp_path, "--db", empty_db_url, "demo", "--incidents", "500", "--seed", "3")
    assert demo.returncode == 0, demo.stderr
    assert "500 demo incidents added" in demo.stdout
    counts = stats_of(run_cli(tmp_path, "--db", empty_db_url, "stats"))
    assert counts["incidents"] == 500
    assert (counts["countries"], counts["posts"], counts["substances"]) == (6, 15, 13)
    assert counts["daily_incidents"] > 0 and counts["seizure_lines"] > 0


def test_check_passes_on_a_consistent_database(tmp_path, engine, db_url):
    seed_incidents(engine, 150, seed=5, end=END)
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rollups:   ok" in result.stdout.splitlines()
    assert "integrity: ok" in result.stdout.splitlines()
    assert f"schema:    schema {HEAD} (up to date)" in result.stdout.splitlines()


@pytest.mark.parametrize("edit", [
    "UPDATE daily_seizures SET kg_mg = kg_mg * 2",
    "INSERT INTO daily_incidents (day, post_id, status, incidents) VALUES ('2001-01-01', 1, 'verified', 3)",
], ids=["kg-doubled", "row-invented"])
def test_check_fails_when_a_rollup_was_edited_by_hand(tmp_path, engine, db_url, edit):
    seed_incidents(engine, 150, seed=5, end=END)
    with engine.begin() as conn:
        conn.execute(text(edit))
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "rollups:   DIFFER from the incidents" in result.stdout.splitlines()
    assert "Traceback" not in result.stdout + result.stderr


def test_upgrade_backs_up_an_sqlite_file_before_changing_it(tmp_path):
    path = tmp_path / "post.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=tmp_path))
    migrate.upgrade(engine, "0001", backup=False)
    engine.dispose()
    result = run_cli(tmp_path, "--db", sqlite_url(path), "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert f"upgraded from 0001 to {HEAD}" in result.stdout
    backups = list(tmp_path.glob("post.sqlite.*.rev-0001.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_without_an_address_the_file_in_the_data_folder_is_used(tmp_path):
    result = run_cli(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "sitcentre.sqlite").exists()


def test_sitcentre_db_names_the_database_when_no_address_is_given(tmp_path):
    chosen = tmp_path / "chosen.sqlite"
    result = run_cli(tmp_path, "db", "upgrade", SITCENTRE_DB=sqlite_url(chosen))
    assert result.returncode == 0, result.stderr
    assert chosen.exists() and not (tmp_path / "data" / "sitcentre.sqlite").exists()
