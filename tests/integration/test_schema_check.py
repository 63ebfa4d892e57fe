"""Dropped or altered schema objects are noticed: by `db check` (exit 1), by `db upgrade` and by the app's
start-up (exit 2), on SQLite and PostgreSQL (issue 9, defect 8).

Each damage is done the way a careless administrator would do it, with plain SQL on the real database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from sitcentre.db import expected_schema, migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.errors import SchemaDamaged, SitcentreDbError
from sitcentre.db.schema_check import compare, read_live_schema
from sitcentre.settings import Settings, sqlite_url
from tests.integration.test_cli import assert_fails_plainly, run_cli

ROOT = Path(__file__).resolve().parents[2]
HEAD = migrate.head_revision()

# (id, the SQL that damages the database, words that name the damage) per backend
SQLITE_DAMAGE = [
    ("table-seizure_lines", "DROP TABLE seizure_lines", "table seizure_lines"),
    ("table-audit_log", "DROP TABLE audit_log", "table audit_log"),
    ("column", "ALTER TABLE incidents DROP COLUMN joint_operation", "column incidents.joint_operation"),
    ("index", "DROP INDEX ix_incidents_occurred", "index ix_incidents_occurred"),
    ("append-only-trigger", "DROP TRIGGER trg_audit_log_no_upd", "trigger trg_audit_log_no_upd"),
    ("rollup-trigger", "DROP TRIGGER trg_lines_after_del", "trigger trg_lines_after_del"),
    ("amount-rule", "DROP TRIGGER trg_lines_amount_upd", "trigger trg_lines_amount_upd"),
    ("trigger-replaced", "DROP TRIGGER trg_audit_log_no_del\nCREATE TRIGGER trg_audit_log_no_del BEFORE DELETE "
     "ON audit_log BEGIN SELECT 1; END", "trigger trg_audit_log_no_del"),
]
PG_DAMAGE = [
    ("table-seizure_lines", "DROP TABLE seizure_lines", "table seizure_lines"),
    ("table-audit_log", "DROP TABLE audit_log", "table audit_log"),
    # (a content column such as joint_operation is named by 0007's revision trigger: PostgreSQL refuses to drop it)
    ("column", "ALTER TABLE incidents DROP COLUMN substances", "column incidents.substances"),
    ("nullability", "ALTER TABLE incidents ALTER COLUMN narrative DROP NOT NULL", "column incidents.narrative"),
    ("index", "DROP INDEX ix_incidents_occurred", "index ix_incidents_occurred"),
    ("unique-rule", "ALTER TABLE users DROP CONSTRAINT users_username_key", "users.username"),
    ("amount-rule", "DROP TRIGGER trg_lines_amount ON seizure_lines", "trigger trg_lines_amount"),
    ("amount-function", "DROP FUNCTION sitcentre_line_amount() CASCADE", "function sitcentre_line_amount()"),
    ("append-only-trigger", "DROP TRIGGER trg_audit_log_append_only ON audit_log",
     "trigger trg_audit_log_append_only"),
    ("trigger-disabled", "ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only",
     "trigger trg_audit_log_append_only"),
    ("plpgsql-function", "DROP FUNCTION sitcentre_audit_append_only() CASCADE",
     "function sitcentre_audit_append_only()"),
    ("function-replaced", "CREATE OR REPLACE FUNCTION sitcentre_audit_append_only() RETURNS trigger "
     "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$", "function sitcentre_audit_append_only()"),
]
DAMAGE = [pytest.param("sqlite", sql, words, id=f"sqlite-{name}") for name, sql, words in SQLITE_DAMAGE] + [
    pytest.param("postgresql", sql, words, id=f"postgresql-{name}", marks=pytest.mark.pg)
    for name, sql, words in PG_DAMAGE
]


def damage(url: str, tmp_path: Path, sql: str) -> None:
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        with engine.begin() as conn:
            for statement in sql.split("\n"):  # one statement a line
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def run_app(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`python main.py --db URL --screenshot out.png`: the app's real start-up, without any dialog."""
    env = {k: v for k, v in os.environ.items() if k != "SITCENTRE_DB"}
    env.update(SITCENTRE_DATA_DIR=str(tmp_path / "app-data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, "--screenshot",
                           str(tmp_path / "shot.png")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("backend, sql, words", DAMAGE)
def test_db_check_names_a_dropped_or_altered_schema_object_and_exits_1(backend, sql, words, db_url, tmp_path):
    url = db_url
    damage(url, tmp_path, sql)
    result = run_cli(tmp_path, "--db", url, "db", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    objects = _schema_objects_section(result.stdout)
    assert words in objects, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("backend, sql, words", DAMAGE)
def test_db_upgrade_refuses_a_damaged_schema_at_head_with_exit_2(backend, sql, words, db_url, tmp_path):
    url = db_url
    damage(url, tmp_path, sql)
    result = run_cli(tmp_path, "--db", url, "db", "upgrade")
    line = assert_fails_plainly(result, 2, words)
    assert "already at schema" not in result.stdout
    assert f"schema {HEAD}" in line and "backup" in line


@pytest.mark.parametrize("backend, sql, words", DAMAGE)
def test_migrate_on_start_raises_schema_damaged_naming_the_object(backend, sql, words, db_url, tmp_path):
    url = db_url
    damage(url, tmp_path, sql)
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        with pytest.raises(SchemaDamaged, match=words.replace("(", r"\(").replace(")", r"\)")) as raised:
            migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert isinstance(raised.value, SitcentreDbError)
    assert "ask an administrator" in str(raised.value)


def test_the_app_does_not_open_a_database_whose_table_was_dropped(db_url, tmp_path):
    url = db_url
    damage(url, tmp_path, "DROP TABLE seizure_lines")
    result = run_app(tmp_path, url)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "missing table seizure_lines" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "shot.png").exists()


def test_the_sqlite_message_names_the_newest_backup(tmp_path):
    url = f"sqlite:///{tmp_path / 'post.sqlite'}"
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        migrate.upgrade(engine, "0001")
        migrate.upgrade(engine)  # backs the 0001 file up first
        damage(url, tmp_path, "DROP TABLE seizure_lines")
        with pytest.raises(SchemaDamaged) as raised:
            migrate.upgrade(engine)
    finally:
        engine.dispose()
    backups = sorted(tmp_path.glob("post.sqlite.*.bak"))
    assert len(backups) == 1
    assert str(backups[0]) in str(raised.value)


def test_an_intact_database_passes_and_its_check_reads_only_the_catalogue(db_url, tmp_path):
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        differences = compare(engine, HEAD)
        queries = [s for s in statements if not s.startswith("BEGIN")]
        assert migrate.upgrade(engine).current == HEAD
    finally:
        engine.dispose()
    assert [d.sentence for d in differences] == []
    assert 1 <= len(queries) <= 6, queries  # one catalogue query per kind of object
    data_tables = ("incidents", "seizure_lines", "audit_log", "change_log", "daily_", "users", "posts")
    assert not any(f"from {t}" in q.lower() for q in queries for t in data_tables), queries
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "schema objects: ok" in result.stdout


def test_an_index_a_site_added_is_a_note_not_a_failure(db_url, tmp_path):
    damage(db_url, tmp_path, "CREATE INDEX ix_site_narrative ON incidents (narrative)")
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ix_site_narrative" in result.stdout and "note" in result.stdout.lower()
    upgrade = run_cli(tmp_path, "--db", db_url, "db", "upgrade")
    assert upgrade.returncode == 0 and "already at schema" in upgrade.stdout, upgrade.stderr


def test_the_trigger_and_function_manifest_equals_a_freshly_migrated_database(db_url, backend, tmp_path):
    """Fails when a migration changes triggers or functions: regenerate the manifest with
    `python -m sitcentre.db.expected_schema_write --write --pg postgresql://USER@HOST/postgres`."""
    assert expected_schema.REVISION == HEAD
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        live = read_live_schema(engine)
    finally:
        engine.dispose()
    assert live.triggers == expected_schema.TRIGGERS[backend]
    assert live.functions == expected_schema.FUNCTIONS.get(backend, {})


def _schema_objects_section(stdout: str) -> str:
    """The 'schema objects:' line of `db check` and the indented lines under it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("schema objects:"))
    section = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        section.append(line)
    return "\n".join(section)


def test_a_manifest_written_for_another_revision_is_not_used_and_a_note_says_so(db_url, tmp_path, monkeypatch):
    """Between a new migration and the regenerated manifest, triggers are not judged by the old list."""
    monkeypatch.setattr(expected_schema, "REVISION", "0000")
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    try:
        differences = compare(engine, HEAD)
        assert migrate.upgrade(engine).current == HEAD
    finally:
        engine.dispose()
    assert [(d.kind, d.failure) for d in differences] == [("manifest", False)]
    assert "not checked" in differences[0].sentence and "0000" in differences[0].sentence


def _post_without_seizure_lines(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path / "post.sqlite")
    engine = make_engine(url, Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    engine.dispose()
    damage(url, tmp_path, "DROP TABLE seizure_lines")
    return url


@pytest.mark.parametrize("command", [("stats",), ("user", "list")])
def test_other_commands_name_a_dropped_table_instead_of_failing_on_it(command, tmp_path):
    result = run_cli(tmp_path, "--db", _post_without_seizure_lines(tmp_path), *command)
    assert_fails_plainly(result, 2, "table seizure_lines")
    assert "no such table" not in result.stderr


def test_audit_verify_warns_of_a_damaged_schema_and_still_reads_the_chain(tmp_path):
    result = run_cli(tmp_path, "--db", _post_without_seizure_lines(tmp_path), "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "table seizure_lines" in result.stderr
