"""Migrations: every revision up and down, ORM metadata equals the migrated schema, newer schema refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.errors import SchemaTooNew
from sitcentre.db.tables import Base
from sitcentre.services import maintenance
from sitcentre.services.demo import seed_incidents
from tests.integration.helpers import SETTINGS


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_every_revision_upgrades_and_downgrades_step_by_step(empty_db_url):
    engine = make_engine(empty_db_url, SETTINGS)
    revisions = _revisions()
    assert len(revisions) >= 2
    for rev in revisions:
        migrate.upgrade(engine, rev, backup=False)
        assert migrate.current_revision(engine) == rev
    for previous in reversed([None, *revisions[:-1]]):
        migrate.downgrade(engine, previous or "base")
        assert migrate.current_revision(engine) == previous
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def _not_pg_only(obj, name, type_, reflected, compare_to) -> bool:
    """change_log.txid (0007) exists on PostgreSQL only (the xmin watermark); the ORM does not map it."""
    return not (name in ("txid", "ix_change_log_txid") and reflected)


def test_orm_metadata_equals_the_migrated_schema(db_url):
    engine = make_engine(db_url, SETTINGS)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _not_pg_only})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_database_newer_than_the_app_is_refused_with_a_clear_message(db_url):
    engine = make_engine(db_url, SETTINGS)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaTooNew, match="newer version of sitcentre"):
        migrate.upgrade(engine)
    assert migrate.schema_status(engine).too_new
    engine.dispose()


def test_an_sqlite_file_is_backed_up_before_an_upgrade(tmp_path: Path):
    path = tmp_path / "post.sqlite"
    engine = make_engine(f"sqlite:///{path}", SETTINGS)
    first = _revisions()[0]
    migrate.upgrade(engine, first)
    assert list(tmp_path.glob("post.sqlite.*.bak")) == []
    migrate.upgrade(engine)
    backups = list(tmp_path.glob(f"post.sqlite.*.rev-{first}.bak"))
    assert len(backups) == 1
    backup_engine = make_engine(f"sqlite:///{backups[0]}", SETTINGS)
    assert migrate.current_revision(backup_engine) == first
    engine.dispose()
    backup_engine.dispose()


def test_upgrading_a_database_with_data_backfills_the_rollups(empty_db_url):
    """Rows written before the rollup revision are counted by its backfill."""
    engine = make_engine(empty_db_url, SETTINGS)
    migrate.upgrade(engine)
    seed_incidents(engine, 300, seed=5)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT sum(kg_mg), sum(lines) FROM daily_seizures")).one()
    migrate.downgrade(engine, _revisions()[0])
    migrate.upgrade(engine)
    with engine.connect() as conn:
        after = conn.execute(text("SELECT sum(kg_mg), sum(lines) FROM daily_seizures")).one()
    assert after == before
    engine.dispose()


def test_upgrading_to_0005_keeps_absurd_old_lines_and_derives_the_last_report(empty_db_url):
    """A 0004 database written before the bounds: a 1e308-tablet line and a post green from a deleted
    incident. The upgrade neither refuses nor drops the line; the rollups check out and the line can go."""
    engine = make_engine(empty_db_url, SETTINGS)
    migrate.upgrade(engine, "0004", backup=False)
    seed_incidents(engine, 50, seed=3)
    with engine.begin() as conn:
        inc_id, post_id = conn.execute(text("SELECT id, post_id FROM incidents ORDER BY id LIMIT 1")).one()
        conn.execute(text("UPDATE seizure_lines SET quantity = 1e308, kg_equivalent = 1e308 "
                          "WHERE incident_id = :i"), {"i": inc_id})
        conn.execute(text("UPDATE posts SET last_report_at = '2062-01-01 00:00:00+00' WHERE id = :p"),
                     {"p": post_id})
    migrate.upgrade(engine, backup=False)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM seizure_lines WHERE kg_equivalent = 1e308")).scalar() >= 1
        latest = conn.execute(text("SELECT max(reported_at) FROM incidents WHERE post_id = :p"), {"p": post_id})
        shown = conn.execute(text("SELECT last_report_at FROM posts WHERE id = :p"), {"p": post_id})
        assert shown.scalar() == latest.scalar()
    assert maintenance.check(engine).rollups_ok is True
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents WHERE id = :i"), {"i": inc_id})
    assert maintenance.check(engine).rollups_ok is True
    engine.dispose()
