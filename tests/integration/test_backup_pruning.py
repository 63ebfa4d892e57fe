"""Issue 9, defect 1 follow-up: keeping the newest backups of one SQLite file never deletes (or names) the
backups of another database in the same folder, whatever characters its name holds: `post[1].sqlite` is not
a glob pattern that matches `post1.sqlite`, and `post.sqlite` does not own `post.sqlite.old`'s backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.errors import SchemaDamaged
from sitcentre.settings import Settings, sqlite_url

OLD_STAMPS = ("20240101T000000Z", "20240102T000000Z", "20240103T000000Z")


def _old_backups(folder: Path, database: str) -> list[Path]:
    """Backups as an earlier `db upgrade` left them (their content does not matter here)."""
    paths = [folder / f"{database}.{stamp}.rev-0004.bak" for stamp in OLD_STAMPS]
    for path in paths:
        path.write_bytes(b"an older backup")
    return paths


@pytest.fixture
def migrated(tmp_path: Path):
    def make(name: str):
        engine = make_engine(sqlite_url(tmp_path / name), Settings(data_dir=tmp_path / "data"))
        migrate.upgrade(engine, backup=False)
        return engine
    return make


@pytest.mark.parametrize(("mine", "other"), [("post[1].sqlite", "post1.sqlite"), ("post.sqlite", "post.sqlite.old"),
                                             ("post*.sqlite", "post1.sqlite")],
                         ids=["brackets", "longer-name", "wildcards"])
def test_pruning_keeps_the_backups_of_another_database_in_the_folder(tmp_path, migrated, mine, other):
    theirs = _old_backups(tmp_path, other)
    _old_backups(tmp_path, mine)
    engine = migrated(mine)
    try:
        newest = migrate.backup_sqlite(engine, label="0005", keep=2)
    finally:
        engine.dispose()
    kept_of_mine = [f"{mine}.{OLD_STAMPS[-1]}.rev-0004.bak", newest.name]  # its own, pruned to the newest 2
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == sorted([p.name for p in theirs] + kept_of_mine)


def test_a_damaged_schema_names_the_newest_backup_of_this_database_only(tmp_path, migrated):
    _old_backups(tmp_path, "post[1].sqlite")
    (tmp_path / "post1.sqlite.20991231T000000Z.rev-0004.bak").write_bytes(b"another database's backup")
    engine = migrated("post[1].sqlite")
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE seizure_lines"))
        with pytest.raises(SchemaDamaged) as caught:
            migrate.refuse_damaged_schema(engine, migrate.schema_status(engine))
    finally:
        engine.dispose()
    assert f"post[1].sqlite.{OLD_STAMPS[-1]}.rev-0004.bak" in str(caught.value)
    assert "post1.sqlite" not in str(caught.value)
