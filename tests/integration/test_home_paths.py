"""Issue 9, defect 11 follow-up: `~` in an SQLite address means the home folder in every open mode. It was
expanded when opening an existing file or reading, but not when creating one, so `db upgrade` made the file
under a folder literally named "~" in the current folder while `stats` looked in the home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitcentre.db.engine import OPEN_CREATE, OPEN_EXISTING, OPEN_READ_ONLY, make_engine
from sitcentre.settings import Settings

from .test_cli import run_cli, stats_of


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """HOME under tmp_path, and a folder named "~" in the working folder where a literal path would land."""
    folder = tmp_path / "home"
    folder.mkdir()
    (tmp_path / "~").mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def test_db_upgrade_then_stats_use_the_same_file_in_the_home_folder(tmp_path, home):
    url = "sqlite:///~/post.sqlite"
    upgraded = run_cli(tmp_path, "--db", url, "db", "upgrade", HOME=str(home))
    assert upgraded.returncode == 0, upgraded.stderr
    assert (home / "post.sqlite").is_file()
    assert list((tmp_path / "~").iterdir()) == [], "nothing is created under a folder named '~'"
    assert stats_of(run_cli(tmp_path, "--db", url, "stats", HOME=str(home)))["incidents"] == 0


@pytest.mark.parametrize("mode", [OPEN_CREATE, OPEN_EXISTING, OPEN_READ_ONLY])
def test_every_open_mode_reads_the_tilde_as_the_home_folder(tmp_path, home, mode):
    if mode != OPEN_CREATE:
        (home / "post.sqlite").write_bytes(b"")  # an empty file is a valid empty SQLite database
    engine = make_engine("sqlite:///~/post.sqlite", Settings(data_dir=tmp_path / "data"), open_mode=mode)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    finally:
        engine.dispose()
    assert engine.url.database == str(home / "post.sqlite")
    assert (home / "post.sqlite").is_file()
    assert list((tmp_path / "~").iterdir()) == []
