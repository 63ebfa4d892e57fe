"""A full disk under a SQLite database: writing through the service until there is no space left ends in a
message in plain words, every write acknowledged before is kept whole, and once space is freed writing resumes.

Needs a small filesystem: a 1 MB tmpfs mounted for the test (root only); skipped where mounting is not allowed.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitcentre.db import migrate
from sitcentre.db.errors import SitcentreDbError, describe
from sitcentre.domain.permissions import Actor
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import sqlite_url
from tests.faults.child import new_incident
from tests.faults.harness import assert_consistent, open_engine, stored_incidents
from tests.integration.helpers import SETTINGS

BALLAST = 320 * 1024  # freed after the disk is full, to show that writing resumes (a write adds ~100 KB of WAL)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this machine: cannot make a small filesystem for the full-disk test")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a 1 MB tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_writing_until_the_disk_is_full_fails_in_plain_words_and_keeps_the_database_whole(small_disk):
    path = small_disk / "post.sqlite"
    engine = open_engine(sqlite_url(path), small_disk)
    try:
        migrate.upgrade(engine, backup=False)
        seed_reference_data(engine)
        (small_disk / "ballast").write_bytes(b"\0" * BALLAST)
        service, rng, acknowledged = IncidentService(engine, SETTINGS), random.Random(5), {}
        with pytest.raises(Exception) as full:
            for _ in range(20_000):
                saved = service.record(new_incident(rng), actor=Actor.system_actor("fault-test"))
                acknowledged[saved.id.hex] = len(saved.lines)
        message = str(describe(full.value))
        assert isinstance(describe(full.value), SitcentreDbError)
        assert "full" in message and "sqlite3" not in message and "Error" not in message, message
        assert len(acknowledged) > 10

        engine.dispose()
        engine = open_engine(sqlite_url(path), small_disk)
        assert_consistent(engine)
        stored = stored_incidents(engine)
        assert {k: stored[k][0] for k in acknowledged if k in stored} == acknowledged
        assert len(stored) in (len(acknowledged), len(acknowledged) + 1) and stored.keys() >= acknowledged.keys()

        (small_disk / "ballast").unlink()
        again = IncidentService(engine, SETTINGS).record(new_incident(rng), actor=Actor.system_actor("fault-test"))
        assert again.id.hex in stored_incidents(engine)
        assert_consistent(engine)
    finally:
        engine.dispose()
