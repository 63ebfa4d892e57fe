"""Fixtures for the Qt tests: headless platform, a fresh migrated SQLite file, a way to run main.py."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.settings import Settings, sqlite_url

REPO_ROOT = Path(__file__).resolve().parents[2]
MAIN_PY = REPO_ROOT / "main.py"


@pytest.fixture
def sqlite_db_url(tmp_path: Path) -> str:
    """The address of a database file that does not exist yet."""
    return sqlite_url(tmp_path / "post.sqlite")


@pytest.fixture
def migrated_engine(sqlite_db_url: str, tmp_path: Path) -> Iterator[object]:
    """A fresh temporary SQLite file brought to the head revision by the real migrations."""
    engine = make_engine(sqlite_db_url, Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def ui_backend(migrated_engine, tmp_path: Path):
    """The Qt-free backend over `migrated_engine`, as ui.shell.app opens it (one Settings value)."""
    from sitcentre.backend import Backend

    return Backend(migrated_engine, Settings(data_dir=tmp_path))


@pytest.fixture
def system_desk(ui_backend):
    """A desk acting as the system (tests that are not about who may do what)."""
    return ui_backend.system_desk("tests")


@pytest.fixture
def run_main(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python main.py ARGS` as a user would, with its data folder (logs) inside tmp_path."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = dict(os.environ)
        full_env.pop("SITCENTRE_DB", None)
        full_env["SITCENTRE_DATA_DIR"] = str(tmp_path / "data")
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # QSettings never touches the real home
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, str(MAIN_PY), *args],
            check=False,  # the tests assert on the exit code
            cwd=REPO_ROOT,
            env={k: v for k, v in full_env.items() if v is not None},
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture(autouse=True)
def english_plurals(qapp):
    """As ui.shell.app does at start: Qt's %n texts read "1 problem", "5 problems" in every UI test, whatever
    ran first."""
    from ui.shell.plurals import install_english_plurals

    install_english_plurals(qapp)
