"""Issue 9, defect 9 (the logging half): statement parameters never reach the log (they can hold Argon2id
hashes), and the log file and its rotated copies are readable by their owner only."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db.engine import make_engine
from sitcentre.db.errors import describe
from sitcentre.logs import LOG_FILE_NAME, setup_logging
from sitcentre.settings import Settings

SECRET_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$TOPSECRETHASHVALUE"
INSERT_USER = text("INSERT INTO users (username, display_name, role, password_hash) "
                   "VALUES (:name, '', 'operator', :hash)")


@pytest.fixture
def log_file(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data")
    path = setup_logging(settings)
    assert path is not None
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_sitcentre", False)]:
        root.removeHandler(handler)
        handler.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_duplicate_user_error_is_logged_without_the_password_hash(db_url, tmp_path, log_file):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        with engine.begin() as conn:
            conn.execute(INSERT_USER, {"name": "bob", "hash": "first"})
        with pytest.raises(Exception) as caught, engine.begin() as conn:
            conn.execute(INSERT_USER, {"name": "bob", "hash": SECRET_HASH})
    finally:
        engine.dispose()
    error = caught.value
    assert type(error).__name__ == "IntegrityError"
    logging.getLogger("sitcentre.cli").error("%s", describe(error), exc_info=error)  # what the CLI does
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in logged, "the failure itself is in the log"
    assert "TOPSECRETHASHVALUE" not in logged
    assert "TOPSECRETHASHVALUE" not in str(describe(error))


def test_the_log_file_is_created_readable_by_its_owner_only(log_file):
    logging.getLogger("sitcentre.test").warning("first line")
    assert log_file.name == LOG_FILE_NAME
    assert _mode(log_file) == 0o600


def test_an_existing_world_readable_log_file_and_its_rotated_copies_are_made_private(tmp_path):
    logs = tmp_path / "data" / "logs"
    logs.mkdir(parents=True)
    old_files = [logs / LOG_FILE_NAME, logs / f"{LOG_FILE_NAME}.1", logs / f"{LOG_FILE_NAME}.5"]
    for old in old_files:  # left by an older version, which logged hashes and made files 0644
        old.write_text("old lines\n")
        os.chmod(old, 0o644)
    outside = tmp_path / "not-a-log.txt"
    outside.write_text("someone else's file\n")
    os.chmod(outside, 0o644)
    (logs / f"{LOG_FILE_NAME}.2").symlink_to(outside)
    path = setup_logging(Settings(data_dir=tmp_path / "data"))
    try:
        assert path == old_files[0]
        assert {old.name: _mode(old) for old in old_files} == {old.name: 0o600 for old in old_files}
        assert _mode(outside) == 0o644, "a link in the log folder is not followed"
    finally:
        _remove_our_handlers()


def test_rotated_log_files_are_readable_by_their_owner_only(log_file):
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log_file))
    logging.getLogger("sitcentre.test").warning("before rotation")
    handler.doRollover()
    logging.getLogger("sitcentre.test").warning("after rotation")
    rotated = log_file.with_name(LOG_FILE_NAME + ".1")
    assert rotated.exists() and "before rotation" in rotated.read_text(encoding="utf-8")
    assert _mode(rotated) == 0o600
    assert _mode(log_file) == 0o600


def _remove_our_handlers() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_sitcentre", False)]:
        root.removeHandler(handler)
        handler.close()
