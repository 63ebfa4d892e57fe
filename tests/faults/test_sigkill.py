"""SIGKILL in the middle of demo seeding, of service writes and of a schema upgrade, on SQLite (the database a
killed workstation takes down with it): what is left is always a state that was committed, whole.

Kill points are drawn from a seeded generator, so a failure can be replayed with the same points.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db import migrate
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.demo import seed_incidents, seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import sqlite_url
from tests.faults.child import SEED_END
from tests.faults.harness import (
    acks_reached,
    assert_acknowledged_writes_present,
    assert_consistent,
    assert_every_change_audited,
    assert_sqlite_integrity,
    open_engine,
    run_child,
)
from tests.integration.helpers import SETTINGS, ids, incident, utc

KILLS = 5
SEED = 20261130


def _fresh_database(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "post.sqlite"
    engine = open_engine(sqlite_url(path), folder)
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A migrated database with the reference data, closed: copied for each kill."""
    return _fresh_database(tmp_path_factory.mktemp("template") / "db")


def _copy(template: Path, folder: Path) -> str:
    folder.mkdir(parents=True)
    shutil.copy(template, folder / "post.sqlite")
    return sqlite_url(folder / "post.sqlite")


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    return [r.revision for r in reversed(list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()))]


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


ROUNDS, PER_ROUND = 5, 400  # a round takes 0.2-0.3 s here


@pytest.fixture(scope="module")
def after_rounds(template, tmp_path_factory) -> list[tuple[int, int]]:
    """(incidents, seizure lines) after 0, 1, ... ROUNDS rounds of seeding, run here without a kill."""
    url = _copy(template, tmp_path_factory.mktemp("reference") / "db")
    engine = open_engine(url, Path(url.removeprefix("sqlite:///")).parent)
    counts = [(0, 0)]
    for n in range(1, ROUNDS + 1):
        seed_incidents(engine, PER_ROUND, seed=n, end=SEED_END)
        counts.append((_count(engine, "incidents"), _count(engine, "seizure_lines")))
    engine.dispose()
    return counts


@pytest.mark.parametrize("point", range(KILLS))
def test_a_kill_during_demo_seeding_leaves_whole_rounds_only(template, after_rounds, tmp_path, point):
    rng = random.Random(SEED + point)
    url = _copy(template, tmp_path / "db")
    acked_rounds = rng.randrange(ROUNDS - 1)
    run = run_child("seed", url, str(ROUNDS), str(PER_ROUND), kill_when=acks_reached("seed", acked_rounds)
                    if acked_rounds else (lambda lines: "ready" in lines), delay=rng.uniform(0, 0.12))
    assert run.killed_midway, run.lines
    engine = open_engine(url, tmp_path / "db")
    try:
        assert_consistent(engine)
        stored = (_count(engine, "incidents"), _count(engine, "seizure_lines"))
        acked = int(run.acks("seed")[-1][1]) // PER_ROUND if run.acks("seed") else 0
        assert stored in after_rounds[acked:], (stored, acked)  # whole rounds, at least those acknowledged
    finally:
        engine.dispose()


def test_kills_during_service_writes_lose_nothing_acknowledged_and_leave_nothing_half_written(template, tmp_path):
    rng = random.Random(SEED)
    url = _copy(template, tmp_path / "db")
    runs = []
    for point in range(KILLS):
        run = run_child("writes", url, str(SEED + point), "60",
                        kill_when=acks_reached("", rng.randint(1, 40)), delay=rng.uniform(0, 0.05))
        assert run.killed_midway, run.lines
        runs.append(run)
        engine = open_engine(url, tmp_path / "db")
        try:
            assert_consistent(engine)
            assert_acknowledged_writes_present(engine, runs)
            assert_every_change_audited(engine)
        finally:
            engine.dispose()
    assert sum(len(r.acks()) for r in runs) >= KILLS


@pytest.fixture(scope="module")
def at_first_revision(tmp_path_factory) -> tuple[Path, int, int]:
    """A database with incidents, lines and audit rows, taken back to revision 0001."""
    path = _fresh_database(tmp_path_factory.mktemp("at-0001") / "db")
    engine = open_engine(sqlite_url(path), path.parent)
    seed_incidents(engine, 1500, seed=3, end=utc(2026, 6, 30))
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    for hour in range(5):
        service.record(incident(posts["KG-KSU"], utc(2026, 6, 1, hour), (subs["heroin"], 1 + hour, "kg")), actor=SYSTEM)
    counts = _count(engine, "incidents"), _count(engine, "seizure_lines")
    migrate.downgrade(engine, "0001")
    engine.dispose()
    return path, *counts


@pytest.mark.parametrize("point", range(KILLS))
def test_a_kill_during_an_upgrade_from_0001_leaves_a_database_that_upgrades_whole(at_first_revision, tmp_path,
                                                                                    point):
    template, incidents, lines = at_first_revision
    rng = random.Random(SEED + 100 + point)
    url = _copy(template, tmp_path / "db")
    revisions = _revisions()
    # Point 0 kills during the backup before the first revision; point n inside the n-th revision (or a later
    # one when there are fewer), a random few milliseconds after alembic started it.
    steps = min(point, len(revisions) - 1)
    when = (lambda got: sum(1 for line in got if line.startswith("step")) >= steps) if steps else \
        (lambda got: "ready" in got)
    run = run_child("upgrade", url, kill_when=when, delay=rng.uniform(0, 0.02 if steps else 0.05))
    assert run.killed_midway, run.lines
    engine = open_engine(url, tmp_path / "db")
    try:
        assert_sqlite_integrity(engine)
        assert migrate.current_revision(engine) in revisions
        migrate.upgrade(engine)  # what the next start does
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert_consistent(engine)
        assert (_count(engine, "incidents"), _count(engine, "seizure_lines")) == (incidents, lines)
    finally:
        engine.dispose()
