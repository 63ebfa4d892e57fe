"""Issue 9, defect 1 (design rule 13): no writer replaces the open database, its companions or backups, a folder,
a device or a pipe, nor an existing file unless told to; a file appears whole or not at all."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.output_paths import (
    OutputExists,
    UnsafeOutput,
    atomic_write,
    check_target,
    protect_database,
    write_bytes,
)
from sitcentre.services.demo import seed_incidents
from sitcentre.settings import Settings, sqlite_url

from .test_cli import assert_fails_plainly, run_cli
from .test_cli_errors import small_filesystem  # noqa: F401  (fixture)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def post(tmp_path: Path) -> Path:
    """A migrated SQLite database with a backup beside it, as `db upgrade` leaves one."""
    path = tmp_path / "post.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    engine.dispose()
    (tmp_path / "post.sqlite.20250101T000000Z.rev-0003.bak").write_bytes(path.read_bytes())
    return path


def _report(tmp_path: Path, post: Path, out: str | Path, *more: str):
    return run_cli(tmp_path, "--db", sqlite_url(post), "report", "--date", "2025-01-01", "--out", str(out), *more)


@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
def test_report_refuses_to_write_over_the_open_database(tmp_path, post, force):
    before = _digest(post)
    result = _report(tmp_path, post, post, *(["--force"] if force else []))
    assert_fails_plainly(result, 3, "is the open database; choose another file name")
    assert _digest(post) == before
    with sqlite3.connect(post) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)
    conn.close()


@pytest.mark.parametrize("name", ["post.sqlite-wal", "post.sqlite-shm", "post.sqlite-journal",
                                  "post.sqlite.20250101T000000Z.rev-0003.bak"])
def test_report_refuses_the_database_companions_and_backups(tmp_path, post, name):
    target = tmp_path / name
    existed = target.exists()
    before = _digest(target) if existed else None
    result = _report(tmp_path, post, target, "--force")
    assert_fails_plainly(result, 3, "choose another file name")
    assert (_digest(target) if target.exists() else None) == before


def test_report_refuses_a_link_to_the_database(tmp_path, post):
    link = tmp_path / "brief.pdf"
    link.symlink_to(post)
    before = _digest(post)
    assert_fails_plainly(_report(tmp_path, post, link, "--force"), 3, "choose another file name")
    assert _digest(post) == before and link.is_symlink()


@pytest.mark.parametrize("target", ["folder", "/dev/null", "fifo"])
def test_report_refuses_a_folder_a_device_and_a_pipe(tmp_path, post, target):
    if target == "folder":
        path = tmp_path / "out"
        path.mkdir()
    elif target == "fifo":
        path = tmp_path / "pipe.pdf"
        os.mkfifo(path)
    else:
        path = Path(target)
    result = _report(tmp_path, post, path, "--force")
    assert_fails_plainly(result, 3, str(path))
    assert not list(tmp_path.glob("**/*.part")) and not list(tmp_path.glob("**/.*.pdf.*"))


def test_report_replaces_an_existing_file_only_with_force(tmp_path, post):
    engine = make_engine(sqlite_url(post), Settings(data_dir=tmp_path))
    seed_incidents(engine, 300, seed=3)
    engine.dispose()
    old = tmp_path / "brief.pdf"
    old.write_bytes(b"yesterday's brief")
    assert_fails_plainly(_report(tmp_path, post, old), 3, "already exists")
    assert old.read_bytes() == b"yesterday's brief"
    result = _report(tmp_path, post, old, "--force")
    assert result.returncode == 0, result.stderr
    assert old.read_bytes().startswith(b"%PDF")


def test_a_writer_refuses_any_sqlite_database_even_when_told_to_replace(tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UnsafeOutput, match="is a database"):
        check_target(other, replace=True)


def test_a_registered_database_is_refused_under_another_spelling_of_its_path(tmp_path):
    db = tmp_path / "a.sqlite"
    db.write_bytes(b"")
    protect_database(db)
    with pytest.raises(UnsafeOutput, match="open database"):
        check_target(tmp_path / "sub" / ".." / "a.sqlite", replace=True)


def test_an_existing_file_is_refused_unless_replacing_was_agreed(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("old")
    with pytest.raises(OutputExists, match="already exists"):
        check_target(path)
    assert check_target(path, replace=True) == path


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(path, replace=True, text=True) as stream:
        stream.write("half of the new")
        raise RuntimeError("the chart went away")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["numbers.csv"]


def test_a_new_file_appears_whole(tmp_path):
    path = tmp_path / "numbers.csv"
    with atomic_write(path, text=True) as stream:
        stream.write("a,b\r\n1,2\r\n")
    assert path.read_bytes() == b"a,b\r\n1,2\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["numbers.csv"]


def test_a_full_disk_leaves_no_partial_file(small_filesystem):  # noqa: F811
    path = small_filesystem / "big.bin"
    with pytest.raises(UnsafeOutput, match="disk is full"), atomic_write(path) as stream:
        stream.write(b"x" * 4_000_000)
    assert list(small_filesystem.iterdir()) == []


def test_a_failed_backup_leaves_no_file_named_like_a_backup(small_filesystem):  # noqa: F811
    path = small_filesystem / "post.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=small_filesystem))
    try:
        migrate.upgrade(engine, "0001", backup=False)
        with engine.begin() as conn:  # grow the file past half the disk, so a copy cannot fit
            conn.exec_driver_sql("CREATE TABLE ballast (b BLOB)")
            conn.exec_driver_sql("INSERT INTO ballast VALUES (zeroblob(600000))")
        with pytest.raises(sqlite3.OperationalError, match="full"):
            migrate.backup_sqlite(engine, label="0001")
    finally:
        engine.dispose()
    assert not list(small_filesystem.glob("*.bak")), "a failed backup must not look like a real one"
    assert not list(small_filesystem.glob(".*.part"))


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)],
                         ids=["umask-077", "umask-022", "umask-027"])
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, umask, mask, expected):
    umask(mask)
    path = write_bytes(tmp_path / "brief.pdf", b"%PDF-1.4")
    assert stat.S_IMODE(os.stat(path).st_mode) == expected


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664], ids=["0600", "0640", "0664"])
def test_a_replaced_file_keeps_its_permissions(tmp_path, umask, mode):
    umask(0o022)
    path = tmp_path / "numbers.csv"
    path.write_text("old")
    os.chmod(path, mode)
    with atomic_write(path, replace=True, text=True) as stream:
        stream.write("new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


@pytest.mark.parametrize("companion", ["-wal", "-shm", "-journal"])
def test_a_writer_refuses_the_companion_files_of_any_sqlite_database_even_when_told_to_replace(tmp_path, companion):
    other = tmp_path / "other.sqlite"  # not opened by this process: another program's database
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    target = tmp_path / f"other.sqlite{companion}"
    if not target.exists():
        target.write_bytes(b"")
    before = target.read_bytes()
    try:
        with pytest.raises(UnsafeOutput, match="belongs to the database .*other.sqlite; choose another file name"):
            check_target(target, replace=True)
        with pytest.raises(UnsafeOutput, match="belongs to the database"):
            write_bytes(target, b"%PDF-1.4", replace=True)
    finally:
        conn.close()
    if target.exists():
        assert target.read_bytes() == before


def test_a_file_named_like_a_companion_of_something_that_is_not_a_database_may_be_written(tmp_path):
    (tmp_path / "notes.txt").write_text("plain text, not a database")
    target = tmp_path / "notes.txt-wal"
    assert check_target(target) == target
    assert check_target(tmp_path / "nothing-here-journal") == tmp_path / "nothing-here-journal"
    os.mkfifo(tmp_path / "pipe")
    assert check_target(tmp_path / "pipe-shm") == tmp_path / "pipe-shm", "a pipe beside it is not read"


def test_report_with_force_refuses_the_wal_of_another_programs_database(tmp_path, post):
    engine = make_engine(sqlite_url(post), Settings(data_dir=tmp_path))
    seed_incidents(engine, 30, seed=5)  # something to report, so only the path can stop the write
    engine.dispose()
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    wal = tmp_path / "other.sqlite-wal"
    try:
        before = _digest(wal)
        assert_fails_plainly(_report(tmp_path, post, wal, "--force"), 3, "choose another file name")
        assert _digest(wal) == before
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    finally:
        conn.close()
