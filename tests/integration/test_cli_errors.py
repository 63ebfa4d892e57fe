"""Issue 9, defect 11: the `sitcentre` command under bad conditions is one plain line and the right exit code,
and commands that only read never create a database file nor change one (not even its journal mode)."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from sitcentre.settings import sqlite_url

from .test_cli import assert_fails_plainly, run_cli, stamp

READ_ONLY_COMMANDS = [["db", "current"], ["db", "check"], ["stats"], ["report", "--date", "2025-01-01"],
                      ["user", "list"], ["audit", "verify"]]
READ_ONLY_IDS = ["db-current", "db-check", "stats", "report", "user-list", "audit-verify"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def foreign_sqlite(tmp_path: Path) -> Path:
    """Another program's SQLite file, in the default rollback-journal mode."""
    path = tmp_path / "inventory.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE stock (item TEXT, count INTEGER)")
        conn.execute("INSERT INTO stock VALUES ('radio', 4)")
    conn.close()
    return path


@pytest.fixture
def small_filesystem(tmp_path: Path):
    """A 1 MB tmpfs, so that a full disk is real; skipped where mounting is not allowed."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_data_folder_that_cannot_be_created_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    result = run_cli(tmp_path, "stats", SITCENTRE_DATA_DIR=str(blocker / "data"))
    assert_fails_plainly(result, 2, "cannot create the data folder")


def test_without_a_data_folder_a_command_on_a_named_database_still_works(tmp_path, foreign_sqlite):
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    result = run_cli(tmp_path, "--db", sqlite_url(tmp_path / "new.sqlite"), "db", "upgrade",
                     SITCENTRE_DATA_DIR=str(blocker / "data"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"x" * 512):
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


@pytest.mark.parametrize("args", [["demo", "--incidents", "20000"], ["db", "upgrade"]], ids=["filling", "full"])
def test_a_full_disk_is_one_line_not_a_traceback(tmp_path, small_filesystem, args):
    (small_filesystem / "data" / "logs").mkdir(parents=True)
    (small_filesystem / "data" / "logs" / "sitcentre.log").write_text("")
    if args[0] == "db":
        _fill(small_filesystem)
    result = run_cli(tmp_path, "--db", sqlite_url(small_filesystem / "post.sqlite"), *args,
                     SITCENTRE_DATA_DIR=str(small_filesystem / "data"))
    assert_fails_plainly(result, 2, "full")


def test_a_day_too_long_ago_for_the_report_is_bad_usage(tmp_path):
    result = run_cli(tmp_path, "--db", sqlite_url(tmp_path / "post.sqlite"), "report", "--date", "0001-01-01")
    assert_fails_plainly(result, 3, "0001-01-01")
    assert not (tmp_path / "post.sqlite").exists()


def test_a_negative_or_huge_negative_seed_is_bad_usage(tmp_path):
    result = run_cli(tmp_path, "--db", sqlite_url(tmp_path / "post.sqlite"), "demo", "--seed",
                     "-99999999999999999999")
    assert_fails_plainly(result, 3, "negative")
    assert not (tmp_path / "post.sqlite").exists()


def test_db_check_on_a_newer_schema_is_a_database_problem(tmp_path, db_url):
    stamp(db_url, tmp_path, "9999")
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert_fails_plainly(result, 2, "newer")


@pytest.mark.parametrize("args", READ_ONLY_COMMANDS, ids=READ_ONLY_IDS)
def test_a_read_only_command_does_not_create_a_missing_database(tmp_path, args):
    missing = tmp_path / "post.sqlite"
    result = run_cli(tmp_path, "--db", sqlite_url(missing), *args)
    assert_fails_plainly(result, 2, f"no database at {missing}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.mark.parametrize("args", READ_ONLY_COMMANDS, ids=READ_ONLY_IDS)
def test_a_read_only_command_leaves_a_foreign_sqlite_file_as_it_was(tmp_path, foreign_sqlite, args):
    before = _digest(foreign_sqlite)
    result = run_cli(tmp_path, "--db", sqlite_url(foreign_sqlite), *args)
    assert "Traceback" not in result.stdout + result.stderr  # `db current` says "empty database", the rest fail
    assert _digest(foreign_sqlite) == before
    assert not Path(f"{foreign_sqlite}-wal").exists()
    with sqlite3.connect(foreign_sqlite) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_a_port_that_is_not_a_number_is_a_plain_message(tmp_path):
    result = run_cli(tmp_path, "--db", "postgresql://postgres:s3cret@127.0.0.1:abc/x", "db", "current")
    line = assert_fails_plainly(result, 2, "port")
    assert "invalid literal" not in line and "s3cret" not in line
