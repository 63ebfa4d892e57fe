"""Start-up as a user meets it: `python main.py ...` run as a separate process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sitcentre.db import migrate
from sitcentre.db.errors import BadDatabaseUrl
from sitcentre.settings import Settings
from tests.ui.conftest import REPO_ROOT
from ui.shell.bootstrap import open_database

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_one_plain_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("sitcentre: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_screenshot_writes_a_png_and_exits_zero(run_main, sqlite_db_url, tmp_path: Path):
    out = tmp_path / "out.png"
    result = run_main("--db", sqlite_db_url, "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(PNG_SIGNATURE)
    assert out.stat().st_size > 1000
    assert "Traceback" not in result.stderr


def test_screenshot_works_without_any_display(run_main, sqlite_db_url, tmp_path: Path):
    out = tmp_path / "headless.png"
    no_display = {"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None}
    result = run_main("--db", sqlite_db_url, "--screenshot", str(out), env=no_display)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(PNG_SIGNATURE)


def test_first_start_migrates_the_new_database_to_head(run_main, sqlite_db_url, tmp_path: Path):
    result = run_main("--db", sqlite_db_url, "--screenshot", str(tmp_path / "out.png"))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "post.sqlite") as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == migrate.head_revision()


def test_bad_database_url_exits_two_with_one_plain_line(run_main, tmp_path: Path):
    result = run_main("--db", "nonsense://x", "--screenshot", str(tmp_path / "out.png"))
    assert result.returncode == 2
    assert "nonsense" in assert_one_plain_line(result.stderr)
    assert not (tmp_path / "out.png").exists()


def test_bad_database_url_without_screenshot_also_exits_quietly(run_main):
    result = run_main("--db", "nonsense://x")  # headless: no message box may block the process
    assert result.returncode == 2
    assert_one_plain_line(result.stderr)


def test_traceback_goes_to_the_log_file_not_the_terminal(run_main, tmp_path: Path):
    run_main("--db", "nonsense://x")
    log_text = (tmp_path / "data" / "logs" / "sitcentre.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "BadDatabaseUrl" in log_text


def test_database_newer_than_the_app_exits_two(run_main, migrated_engine, sqlite_db_url, tmp_path: Path):
    migrated_engine.dispose()
    with sqlite3.connect(tmp_path / "post.sqlite") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    result = run_main("--db", sqlite_db_url, "--screenshot", str(tmp_path / "out.png"))
    assert result.returncode == 2
    assert "newer version" in assert_one_plain_line(result.stderr)


def test_damaged_database_file_exits_two(run_main, tmp_path: Path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not an sqlite file" * 100)
    result = run_main("--db", f"sqlite:///{damaged}", "--screenshot", str(tmp_path / "out.png"))
    assert result.returncode == 2
    assert "damaged" in assert_one_plain_line(result.stderr)


def test_unwritable_screenshot_path_is_a_clear_error(run_main, sqlite_db_url, tmp_path: Path):
    target = tmp_path / "no such folder" / "out.png"
    result = run_main("--db", sqlite_db_url, "--screenshot", str(target))
    assert result.returncode == 1
    assert "does not exist" in assert_one_plain_line(result.stderr)


def test_open_database_maps_a_bad_address_to_a_plain_error(tmp_path: Path):
    with pytest.raises(BadDatabaseUrl):
        open_database("nonsense://x", Settings(data_dir=tmp_path))


def test_open_database_reports_description_and_revision(sqlite_db_url, tmp_path: Path):
    opened = open_database(sqlite_db_url, Settings(data_dir=tmp_path))
    try:
        assert opened.description == f"SQLite {tmp_path / 'post.sqlite'}"
        assert opened.schema == migrate.head_revision()
    finally:
        opened.close()


def test_demo_start_seeds_its_own_database_once(run_main, tmp_path: Path):
    first = run_main("--demo", "--screenshot", str(tmp_path / "demo.png"))
    second = run_main("--demo", "--screenshot", str(tmp_path / "demo.png"))
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    log_text = (tmp_path / "data" / "logs" / "sitcentre.log").read_text(encoding="utf-8")
    seeded = [line for line in log_text.splitlines() if "demo database:" in line]
    counts = [int(line.split("demo database:")[1].split()[0]) for line in seeded]
    assert len(counts) == 2 and counts[0] > 0 and counts[1] == 0
    assert (tmp_path / "data" / "demo.sqlite").exists()
    # The app's load is audited as demo data, so `sitcentre demo` adds to it without --force (issue 9, defect 10).
    more = subprocess.run([sys.executable, "-m", "sitcentre", "--db", f"sqlite:///{tmp_path / 'data' / 'demo.sqlite'}",
                           "demo", "--incidents", "5"], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "SITCENTRE_DATA_DIR": str(tmp_path / "data")})
    assert more.returncode == 0, more.stderr


# The app as started on a Linux desktop that lacks libxcb-cursor0: ctypes finds every other library.
WITHOUT_XCB_CURSOR = r"""
import ctypes.util, sys
ctypes.util.find_library = lambda name: None if name == "xcb-cursor" else "lib" + name + ".so"
sys.path.insert(0, sys.argv[1])
import main
sys.exit(main.main(sys.argv[2:]))
"""


def test_missing_qt_libraries_are_named_before_the_database_is_touched(tmp_path: Path):
    """Issue 9, defect 11: one line naming the package; the database is neither created nor migrated first."""
    database = tmp_path / "post.sqlite"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "SITCENTRE_DB")}
    env.update(DISPLAY=":99", SITCENTRE_DATA_DIR=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_XCB_CURSOR, str(REPO_ROOT), "--db", f"sqlite:///{database}"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr
    line = assert_one_plain_line(result.stderr)
    assert "libxcb-cursor0" in line and "apt-get install libxcb-cursor0" in line
    assert not database.exists()
