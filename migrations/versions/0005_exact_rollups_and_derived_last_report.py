"""Exact rollups, derived last report, lock order, amount bounds (issue 9, defects 2, 4 and 5).

daily_seizures.kg (float) becomes kg_mg (BIGINT): the sum of each line's kg-equivalent in whole milligrams,
round(kg_equivalent * 1e6). Integer sums cancel exactly, so adding then deleting a huge line leaves the
rollup exactly as it was (as floats, 0.001 + 9e7 - 9e7 is not 0.001) and `db check` compares by equality.
Readers divide by 1e6 (tables.MG_PER_KG). The table is rebuilt and refilled from a fresh aggregate.

seizure_lines gets the amount rule ck_seizure_lines_amount: quantity and kg_equivalent are finite, not
negative and below bounds far above the domain's own limits (a raw SQL writer cannot store 1e308 tablets or
NaN kg). It is enforced by BEFORE INSERT and BEFORE UPDATE OF quantity, kg_equivalent triggers on both
databases, not by a CHECK: rows stored before 0005 may break it (an upgrade never refuses to start over old
data), and a CHECK treated them differently on each side. PostgreSQL applies even a NOT VALID CHECK to every
row an UPDATE writes, so the incident trigger's copy of day, post and status onto the lines refused to
verify, reject or move an incident holding such a line; SQLite skipped it, but its PRAGMA integrity_check
(`db check`) reported the old row as damage. The triggers judge a line whenever a statement writes its
amount (as SQLite does a CHECK), and only then, alike on both. Legacy rows count 0 mg in the rollup (the
same expression in the triggers and in `db check`), so they can still be reviewed, moved, corrected or
deleted.

posts.last_report_at is derived: the latest reported_at of the post's incidents (every status: a post that
phoned in an incident later rejected did report). Inserting moves it forward as before; deleting an
incident, correcting its reported_at or moving it to another post recomputes it, from the new index
ix_incidents_post_reported, only when the changed row could have been the latest, and writes the post row
only when the value changes (no change_log churn). On PostgreSQL every insert, delete, correction and move
locks the post row before it reads or writes last_report_at, so two workstations changing one post's
incidents at once take turns and the second's max(reported_at) sees the first's committed rows.

PostgreSQL lock order: moving an incident between (day, post, status) buckets locked the old then the new
rollup rows, so two workstations moving incidents A->B and B->A deadlocked. The incident trigger now takes
every rollup row it will touch in key order before changing any: daily_incidents (old and new key sorted),
then the posts (by id), then daily_seizures (all keys of the incident's lines, old and new, sorted, created
empty if missing, in one INSERT ... ON CONFLICT pass).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHECK_NAME = "ck_seizure_lines_amount"
AMOUNT_CHECK = ("quantity >= 0 AND quantity <= 1000000000000.0 "
                "AND kg_equivalent >= 0 AND kg_equivalent <= 100000000.0")
AMOUNT_MESSAGE = (f"{CHECK_NAME}: a seizure line needs a quantity from 0 to 1,000,000,000,000 and a "
                  "kg-equivalent from 0 to 100,000,000 kg")
INDEX = ("ix_incidents_post_reported", "incidents", ["post_id", "reported_at"])


def _mg(value: str, dialect: str) -> str:
    """A line's kg-equivalent in whole milligrams; 0 for a legacy row outside the CHECK's bounds.
    Written out here (a migration does not change after release); tables.kg_mg_sql must say the same."""
    rounded = f"round({value} * 1000000.0)::bigint" if dialect == "postgresql" else \
        f"CAST(round({value} * 1000000.0) AS INTEGER)"
    return f"(CASE WHEN {value} >= 0 AND {value} <= 100000000.0 THEN {rounded} ELSE 0 END)"


def _v2():
    """Revision 0002, whose trigger definitions this revision keeps in part and restores on downgrade."""
    path = Path(__file__).with_name("0002_rollups_and_triggers.py")
    spec = importlib.util.spec_from_file_location("sitcentre_migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trigger_name(statement: str) -> str:
    return re.search(r"CREATE TRIGGER (\w+)", statement).group(1)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_FROM_0002:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    _rebuild_daily_seizures(exact=True, dialect=dialect)
    op.create_index(INDEX[0], INDEX[1], INDEX[2])
    if dialect == "sqlite":
        kept = [s for s in _v2()._sqlite_triggers() if _trigger_name(s) in SQLITE_FROM_0002]
        for statement in [s for s in kept if _trigger_name(s) not in SQLITE_REPLACED] + _sqlite_triggers():
            op.execute(statement)
    else:
        for statement in (*PG_FUNCTIONS, *PG_AMOUNT):
            op.execute(statement)
    _derive_last_report()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in (*SQLITE_FROM_0002, *SQLITE_NEW):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_lines_amount ON seizure_lines")
        op.execute("DROP FUNCTION IF EXISTS sitcentre_line_amount()")
    op.drop_index(INDEX[0], table_name=INDEX[1])
    _rebuild_daily_seizures(exact=False, dialect=dialect)
    if dialect == "sqlite":
        for statement in _v2()._sqlite_triggers():
            if _trigger_name(statement) in SQLITE_FROM_0002:
                op.execute(statement)
    else:
        v2 = _v2()
        for text in (v2._PG_INCIDENT_AFTER, v2._PG_LINE_AFTER):
            op.execute(text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
        op.execute("DROP FUNCTION IF EXISTS sitcentre_refresh_last_report(integer, timestamptz)")


# ----------------------------------------------------------------------------------------- schema

def _rebuild_daily_seizures(exact: bool, dialect: str) -> None:
    """The rollup is derived data: drop it and fill the new shape from a fresh aggregate of the lines."""
    op.drop_table("daily_seizures")
    amount = sa.Column("kg_mg", sa.BigInteger(), nullable=False) if exact else \
        sa.Column("kg", sa.Float(), nullable=False)
    op.create_table(
        "daily_seizures",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("substance_id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(12), primary_key=True),
        amount,
        sa.Column("lines", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,
    )
    total = f"sum({_mg('kg_equivalent', dialect)})" if exact else "sum(kg_equivalent)"
    op.execute(
        f"INSERT INTO daily_seizures(day, post_id, substance_id, status, {amount.name}, lines) "
        f"SELECT local_date, post_id, substance_id, coalesce(status, 'reported'), {total}, count(*) "
        "FROM seizure_lines WHERE local_date IS NOT NULL "
        "GROUP BY local_date, post_id, substance_id, coalesce(status, 'reported')"
    )


def _amount_ok(row: str) -> str:
    """The amount rule for the line `row` (NEW). NaN fails the upper bound on PostgreSQL and is stored as NULL
    by SQLite (refused by NOT NULL); NULL is left to NOT NULL on both, as a CHECK would."""
    return AMOUNT_CHECK.replace("quantity", f"{row}.quantity").replace("kg_equivalent", f"{row}.kg_equivalent")


def _derive_last_report() -> None:
    """Posts whose last report was moved forward by an incident since deleted or corrected."""
    op.execute(
        "UPDATE posts SET last_report_at = (SELECT max(reported_at) FROM incidents WHERE post_id = posts.id) "
        "WHERE last_report_at IS DISTINCT FROM (SELECT max(reported_at) FROM incidents WHERE post_id = posts.id)"
        if op.get_bind().dialect.name == "postgresql" else
        "UPDATE posts SET last_report_at = (SELECT max(reported_at) FROM incidents WHERE post_id = posts.id) "
        "WHERE last_report_at IS NOT (SELECT max(reported_at) FROM incidents WHERE post_id = posts.id)"
    )


# --------------------------------------------------------------------------------------------- SQLite

# Dropped before daily_seizures is rebuilt (they name it in their body, or were dropped with the rebuild of
# seizure_lines by an earlier draft of this revision), made again after.
SQLITE_FROM_0002 = (
    "trg_seizure_lines_log_i", "trg_seizure_lines_log_u", "trg_seizure_lines_log_d",
    "trg_incidents_after_ins", "trg_incidents_after_upd", "trg_incidents_after_del",
    "trg_lines_fill", "trg_lines_after_ins", "trg_lines_after_del", "trg_lines_rollup_upd", "trg_lines_totals_upd",
)
SQLITE_REPLACED = ("trg_incidents_after_del", "trg_lines_after_ins", "trg_lines_after_del", "trg_lines_rollup_upd")
SQLITE_NEW = ("trg_incidents_last_report_upd", "trg_lines_amount_ins", "trg_lines_amount_upd")
_SEIZURE_KEY = "day = {r}.local_date AND post_id = {r}.post_id AND substance_id = {r}.substance_id " \
               "AND status = coalesce({r}.status, 'reported')"
_LATEST = "(SELECT max(reported_at) FROM incidents WHERE post_id = posts.id)"


def _sqlite_seizure_add(row: str) -> str:
    return f"""
    INSERT INTO daily_seizures(day, post_id, substance_id, status, kg_mg, lines)
    SELECT {row}.local_date, {row}.post_id, {row}.substance_id, coalesce({row}.status, 'reported'),
           {_mg(f"{row}.kg_equivalent", "sqlite")}, 1
    WHERE {row}.local_date IS NOT NULL
    ON CONFLICT(day, substance_id, post_id, status) DO UPDATE SET kg_mg = kg_mg + excluded.kg_mg, lines = lines + 1;"""


def _sqlite_seizure_sub(row: str) -> str:
    key = _SEIZURE_KEY.format(r=row)
    return f"""
    UPDATE daily_seizures SET kg_mg = kg_mg - {_mg(f"{row}.kg_equivalent", "sqlite")}, lines = lines - 1 WHERE {key};
    DELETE FROM daily_seizures WHERE {key} AND lines <= 0;"""


def _sqlite_triggers() -> list[str]:
    v2 = _v2()
    line_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}"
                               for c in ("local_date", "post_id", "substance_id", "status", "kg_equivalent"))
    return [
        f"""CREATE TRIGGER trg_incidents_after_del AFTER DELETE ON incidents BEGIN
              {v2._sqlite_incident_sub()}
              UPDATE posts SET last_report_at = {_LATEST}
              WHERE id = OLD.post_id AND (last_report_at IS NULL OR last_report_at <= OLD.reported_at)
                AND last_report_at IS NOT {_LATEST};
            END""",
        f"""CREATE TRIGGER trg_incidents_last_report_upd AFTER UPDATE OF post_id, reported_at ON incidents
            WHEN OLD.post_id IS NOT NEW.post_id OR OLD.reported_at IS NOT NEW.reported_at BEGIN
              UPDATE posts SET last_report_at = {_LATEST}
              WHERE id IN (OLD.post_id, NEW.post_id)
                AND (last_report_at IS NULL OR last_report_at <= max(OLD.reported_at, NEW.reported_at))
                AND last_report_at IS NOT {_LATEST};
            END""",
        f"""CREATE TRIGGER trg_lines_after_ins AFTER INSERT ON seizure_lines BEGIN
              {_sqlite_seizure_add("NEW")}
              {v2._sqlite_refresh_totals("NEW.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_after_del AFTER DELETE ON seizure_lines BEGIN
              {_sqlite_seizure_sub("OLD")}
              {v2._sqlite_refresh_totals("OLD.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_amount_ins BEFORE INSERT ON seizure_lines
            WHEN NOT ({_amount_ok("NEW")}) BEGIN
              SELECT RAISE(ABORT, '{AMOUNT_MESSAGE}');
            END""",
        f"""CREATE TRIGGER trg_lines_amount_upd BEFORE UPDATE OF quantity, kg_equivalent ON seizure_lines
            WHEN NOT ({_amount_ok("NEW")}) BEGIN
              SELECT RAISE(ABORT, '{AMOUNT_MESSAGE}');
            END""",
        f"""CREATE TRIGGER trg_lines_rollup_upd
            AFTER UPDATE OF local_date, post_id, substance_id, status, kg_equivalent ON seizure_lines
            WHEN {line_changed} BEGIN
              {_sqlite_seizure_sub("OLD")}
              {_sqlite_seizure_add("NEW")}
            END""",
    ]


# ------------------------------------------------------------------------------------------ PostgreSQL

_PG_LAST_REPORT = """
CREATE FUNCTION sitcentre_refresh_last_report(post integer, could_be timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The post row is locked first, always: a concurrent insert, delete or correction of the post's incidents
  -- holds the same lock until it commits, and the max() below (a new statement: under READ COMMITTED a new
  -- snapshot) then sees its work. Without it, each read a snapshot that missed the other's uncommitted row.
  -- NO KEY UPDATE is the lock an UPDATE of last_report_at takes; it does not block foreign-key checks.
  PERFORM 1 FROM posts WHERE id = post FOR NO KEY UPDATE;
  -- Recompute only when the changed row could have been the latest (last_report_at <= could_be), write
  -- only when the value changes.
  UPDATE posts p SET last_report_at = m.latest
    FROM (SELECT max(reported_at) AS latest FROM incidents WHERE post_id = post) m
    WHERE p.id = post AND (p.last_report_at IS NULL OR p.last_report_at <= could_be)
      AND p.last_report_at IS DISTINCT FROM m.latest;
END $$"""

_PG_INCIDENT_AFTER = """
CREATE OR REPLACE FUNCTION sitcentre_incident_after() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.local_date IS NOT NULL THEN
      INSERT INTO daily_incidents(day, post_id, status, incidents)
        VALUES (NEW.local_date, NEW.post_id, NEW.status, 1)
        ON CONFLICT (day, post_id, status) DO UPDATE SET incidents = daily_incidents.incidents + 1;
    END IF;
    -- Locked before it is read, also when this is not the post's latest report: a delete or correction
    -- recomputing max(reported_at) at the same moment waits for this insert (sitcentre_refresh_last_report).
    -- Locking after a skipped UPDATE would be too late: that UPDATE read the row before the other committed.
    PERFORM 1 FROM posts WHERE id = NEW.post_id FOR NO KEY UPDATE;
    UPDATE posts SET last_report_at = NEW.reported_at
      WHERE id = NEW.post_id AND (last_report_at IS NULL OR last_report_at < NEW.reported_at);
    IF NEW.local_date IS NOT NULL THEN
      UPDATE seizure_lines SET local_date = NEW.local_date, post_id = NEW.post_id, status = NEW.status
        WHERE incident_id = NEW.id AND local_date IS NULL;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.local_date IS NOT NULL THEN
      UPDATE daily_incidents SET incidents = incidents - 1
        WHERE day = OLD.local_date AND post_id = OLD.post_id AND status = OLD.status;
      DELETE FROM daily_incidents
        WHERE day = OLD.local_date AND post_id = OLD.post_id AND status = OLD.status AND incidents <= 0;
    END IF;
    PERFORM sitcentre_refresh_last_report(OLD.post_id, OLD.reported_at);
    RETURN NULL;  -- the seizure lines go by ON DELETE CASCADE, after this: their rollup rows come last
  END IF;
  -- UPDATE. Every lock in one order: daily_incidents by key, posts by id, daily_seizures by key.
  IF OLD.local_date IS DISTINCT FROM NEW.local_date OR OLD.post_id <> NEW.post_id OR OLD.status <> NEW.status THEN
    FOR k IN SELECT * FROM (VALUES (OLD.local_date, OLD.post_id, OLD.status, -1),
                                   (NEW.local_date, NEW.post_id, NEW.status, 1)) v(day, post_id, status, delta)
             WHERE v.day IS NOT NULL ORDER BY v.day, v.post_id, v.status LOOP
      IF k.delta > 0 THEN
        INSERT INTO daily_incidents(day, post_id, status, incidents) VALUES (k.day, k.post_id, k.status, 1)
          ON CONFLICT (day, post_id, status) DO UPDATE SET incidents = daily_incidents.incidents + 1;
      ELSE
        UPDATE daily_incidents SET incidents = incidents - 1
          WHERE day = k.day AND post_id = k.post_id AND status = k.status;
        DELETE FROM daily_incidents
          WHERE day = k.day AND post_id = k.post_id AND status = k.status AND incidents <= 0;
      END IF;
    END LOOP;
  END IF;
  IF OLD.post_id <> NEW.post_id OR OLD.reported_at IS DISTINCT FROM NEW.reported_at THEN
    FOR k IN SELECT DISTINCT p FROM unnest(ARRAY[OLD.post_id, NEW.post_id]) p ORDER BY p LOOP
      PERFORM sitcentre_refresh_last_report(k.p, greatest(OLD.reported_at, NEW.reported_at));
    END LOOP;
  END IF;
  IF OLD.local_date IS NOT DISTINCT FROM NEW.local_date AND OLD.post_id = NEW.post_id
     AND OLD.status = NEW.status THEN
    RETURN NULL;
  END IF;
  -- The rollup rows of the lines' old and new keys, locked (created empty if missing) in key order,
  -- then the lines follow the incident and their own trigger moves their amounts.
  INSERT INTO daily_seizures(day, substance_id, post_id, status, kg_mg, lines)
    SELECT day, substance_id, post_id, status, 0, 0 FROM (
      SELECT local_date AS day, substance_id, post_id, coalesce(status, 'reported') AS status
        FROM seizure_lines WHERE incident_id = NEW.id AND local_date IS NOT NULL
      UNION
      SELECT NEW.local_date, substance_id, NEW.post_id, NEW.status
        FROM seizure_lines WHERE incident_id = NEW.id AND NEW.local_date IS NOT NULL) keys
    ORDER BY day, substance_id, post_id, status
    ON CONFLICT (day, substance_id, post_id, status) DO UPDATE SET lines = daily_seizures.lines;
  UPDATE seizure_lines SET local_date = NEW.local_date, post_id = NEW.post_id, status = NEW.status
    WHERE incident_id = NEW.id;
  DELETE FROM daily_seizures WHERE lines <= 0 AND (day, post_id, status) = (NEW.local_date, NEW.post_id, NEW.status);
  RETURN NULL;
END $$"""


def _pg_line_after() -> str:
    old_mg, new_mg = _mg("OLD.kg_equivalent", "postgresql"), _mg("NEW.kg_equivalent", "postgresql")
    return f"""
CREATE OR REPLACE FUNCTION sitcentre_line_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.local_date IS NOT DISTINCT FROM NEW.local_date AND OLD.post_id IS NOT DISTINCT FROM NEW.post_id
       AND OLD.substance_id = NEW.substance_id AND OLD.status IS NOT DISTINCT FROM NEW.status
       AND OLD.kg_equivalent = NEW.kg_equivalent AND OLD.incident_id = NEW.incident_id THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.local_date IS NOT NULL THEN
      UPDATE daily_seizures SET kg_mg = kg_mg - {old_mg}, lines = lines - 1
        WHERE day = OLD.local_date AND post_id = OLD.post_id AND substance_id = OLD.substance_id
          AND status = coalesce(OLD.status, 'reported');
      DELETE FROM daily_seizures
        WHERE day = OLD.local_date AND post_id = OLD.post_id AND substance_id = OLD.substance_id
          AND status = coalesce(OLD.status, 'reported') AND lines <= 0;
    END IF;
    PERFORM sitcentre_refresh_incident_totals(OLD.incident_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.local_date IS NOT NULL THEN
      INSERT INTO daily_seizures(day, post_id, substance_id, status, kg_mg, lines)
        VALUES (NEW.local_date, NEW.post_id, NEW.substance_id, coalesce(NEW.status, 'reported'), {new_mg}, 1)
        ON CONFLICT (day, substance_id, post_id, status)
        DO UPDATE SET kg_mg = daily_seizures.kg_mg + EXCLUDED.kg_mg, lines = daily_seizures.lines + 1;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.incident_id <> NEW.incident_id OR OLD.kg_equivalent <> NEW.kg_equivalent
       OR OLD.substance_id <> NEW.substance_id THEN
      PERFORM sitcentre_refresh_incident_totals(NEW.incident_id);
    END IF;
  END IF;
  RETURN NULL;
END $$"""


PG_FUNCTIONS = (_PG_LAST_REPORT, _PG_INCIDENT_AFTER, _pg_line_after())

# The amount rule (see the docstring): judged when a statement writes a line's quantity or kg-equivalent.
_PG_LINE_AMOUNT = f"""
CREATE FUNCTION sitcentre_line_amount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ({_amount_ok("NEW")}) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = '{CHECK_NAME}', TABLE = 'seizure_lines',
      MESSAGE = '{AMOUNT_MESSAGE}';
  END IF;
  RETURN NEW;
END $$"""

PG_AMOUNT = (_PG_LINE_AMOUNT, "CREATE TRIGGER trg_lines_amount BEFORE INSERT OR UPDATE OF quantity, kg_equivalent "
             "ON seizure_lines FOR EACH ROW EXECUTE FUNCTION sitcentre_line_amount()")
