"""Rollups and triggers: change_log, denormalised incident columns, daily rollups, last report.

Everything is done by triggers so that rows written by psql, the sqlite3 shell or another workstation
are logged and counted exactly like the app's own. Both dialects reach the same state; PostgreSQL fills
missing values in BEFORE triggers, SQLite (which cannot change NEW) by an UPDATE in an AFTER trigger.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WATCHED = ("incidents", "seizure_lines", "posts")
STATUS_NEW = "NEW.status"
STATUS_OLD = "OLD.status"


def upgrade() -> None:
    op.create_table(
        "daily_seizures",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("substance_id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(12), primary_key=True),
        sa.Column("kg", sa.Float(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,  # the key is the storage order: a day range is one contiguous read
    )
    op.create_table(
        "daily_incidents",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("post_id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(12), primary_key=True),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,
    )
    statements = _sqlite_triggers() if op.get_bind().dialect.name == "sqlite" else _pg_triggers()
    for statement in statements:
        op.execute(statement)
    _backfill()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        names = bind.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars().all()
        for name in names:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_log ON {table}")
        op.execute("DROP TRIGGER IF EXISTS trg_incidents_before ON incidents")
        op.execute("DROP TRIGGER IF EXISTS trg_incidents_after ON incidents")
        op.execute("DROP TRIGGER IF EXISTS trg_lines_before ON seizure_lines")
        op.execute("DROP TRIGGER IF EXISTS trg_lines_after ON seizure_lines")
        for fn in ("log_change", "incident_before", "incident_after", "line_before", "line_after",
                   "refresh_incident_totals"):
            op.execute(f"DROP FUNCTION IF EXISTS sitcentre_{fn} CASCADE")
    op.drop_table("daily_incidents")
    op.drop_table("daily_seizures")


def _backfill() -> None:
    """Rows that existed before this revision: fill the rollups from a fresh aggregate."""
    op.execute(
        "INSERT INTO daily_incidents(day, post_id, status, incidents) "
        "SELECT local_date, post_id, status, count(*) FROM incidents "
        "WHERE local_date IS NOT NULL GROUP BY local_date, post_id, status"
    )
    op.execute(
        "INSERT INTO daily_seizures(day, post_id, substance_id, status, kg, lines) "
        "SELECT local_date, post_id, substance_id, status, sum(kg_equivalent), count(*) FROM seizure_lines "
        "WHERE local_date IS NOT NULL GROUP BY local_date, post_id, substance_id, status"
    )


# --------------------------------------------------------------------------------------------- SQLite

def _sqlite_refresh_totals(ref: str) -> str:
    return f"""
    UPDATE incidents SET
      total_kg = (SELECT coalesce(sum(kg_equivalent), 0) FROM seizure_lines WHERE incident_id = {ref}),
      substance_sort = coalesce((SELECT s.name FROM seizure_lines l JOIN substances s ON s.id = l.substance_id
                                 WHERE l.incident_id = {ref} ORDER BY l.kg_equivalent DESC, s.name LIMIT 1), ''),
      substances = coalesce((SELECT group_concat(name, ', ') FROM (
                               SELECT DISTINCT s.name AS name FROM seizure_lines l
                               JOIN substances s ON s.id = l.substance_id
                               WHERE l.incident_id = {ref} ORDER BY s.name)), '')
    WHERE id = {ref};"""


def _sqlite_seizure_add(row: str) -> str:
    return f"""
    INSERT INTO daily_seizures(day, post_id, substance_id, status, kg, lines)
    SELECT {row}.local_date, {row}.post_id, {row}.substance_id, coalesce({row}.status, 'reported'),
           {row}.kg_equivalent, 1
    WHERE {row}.local_date IS NOT NULL
    ON CONFLICT(day, substance_id, post_id, status) DO UPDATE SET kg = kg + excluded.kg, lines = lines + 1;"""


def _sqlite_seizure_sub(row: str) -> str:
    key = (f"day = {row}.local_date AND post_id = {row}.post_id AND substance_id = {row}.substance_id "
           f"AND status = coalesce({row}.status, 'reported')")
    return f"""
    UPDATE daily_seizures SET kg = kg - {row}.kg_equivalent, lines = lines - 1 WHERE {key};
    DELETE FROM daily_seizures WHERE {key} AND lines <= 0;"""


def _sqlite_incident_add() -> str:
    return f"""
    INSERT INTO daily_incidents(day, post_id, status, incidents)
    SELECT NEW.local_date, NEW.post_id, {STATUS_NEW}, 1 WHERE NEW.local_date IS NOT NULL
    ON CONFLICT(day, post_id, status) DO UPDATE SET incidents = incidents + 1;"""


def _sqlite_incident_sub() -> str:
    key = f"day = OLD.local_date AND post_id = OLD.post_id AND status = {STATUS_OLD}"
    return f"""
    UPDATE daily_incidents SET incidents = incidents - 1 WHERE {key};
    DELETE FROM daily_incidents WHERE {key} AND incidents <= 0;"""


def _sqlite_triggers() -> list[str]:
    local_date = "date(NEW.occurred_at, (SELECT utc_offset_minutes FROM posts WHERE id = NEW.post_id) || ' minutes')"
    copies = f"local_date = NEW.local_date, post_id = NEW.post_id, status = {STATUS_NEW}"
    out = []
    for table in WATCHED:
        for op_name, code, row in (("INSERT", "I", "NEW"), ("UPDATE", "U", "NEW"), ("DELETE", "D", "OLD")):
            out.append(f"""
            CREATE TRIGGER trg_{table}_log_{code.lower()} AFTER {op_name} ON {table} BEGIN
              INSERT INTO change_log(table_name, row_id, op) VALUES ('{table}', {row}.id, '{code}');
            END""")
    out += [
        f"""CREATE TRIGGER trg_incidents_local_date_ins AFTER INSERT ON incidents WHEN NEW.local_date IS NULL BEGIN
              UPDATE incidents SET local_date = {local_date} WHERE id = NEW.id;
            END""",
        f"""CREATE TRIGGER trg_incidents_local_date_upd AFTER UPDATE OF occurred_at, post_id ON incidents
            WHEN NEW.local_date IS OLD.local_date BEGIN
              UPDATE incidents SET local_date = {local_date} WHERE id = NEW.id;
            END""",
        f"""CREATE TRIGGER trg_incidents_after_ins AFTER INSERT ON incidents BEGIN
              {_sqlite_incident_add()}
              UPDATE posts SET last_report_at = NEW.reported_at
              WHERE id = NEW.post_id AND (last_report_at IS NULL OR last_report_at < NEW.reported_at);
              UPDATE seizure_lines SET {copies} WHERE incident_id = NEW.id AND local_date IS NULL
                AND NEW.local_date IS NOT NULL;
            END""",
        f"""CREATE TRIGGER trg_incidents_after_upd AFTER UPDATE OF local_date, post_id, status ON incidents
            WHEN OLD.local_date IS NOT NEW.local_date OR OLD.post_id IS NOT NEW.post_id
              OR {STATUS_OLD} IS NOT {STATUS_NEW} BEGIN
              {_sqlite_incident_sub()}
              {_sqlite_incident_add()}
              UPDATE seizure_lines SET {copies} WHERE incident_id = NEW.id;
            END""",
        f"""CREATE TRIGGER trg_incidents_after_del AFTER DELETE ON incidents BEGIN
              {_sqlite_incident_sub()}
            END""",
        """CREATE TRIGGER trg_lines_fill AFTER INSERT ON seizure_lines WHEN NEW.local_date IS NULL BEGIN
              UPDATE seizure_lines SET (local_date, post_id, status) =
                (SELECT i.local_date, i.post_id, i.status FROM incidents i WHERE i.id = NEW.incident_id)
              WHERE id = NEW.id;
            END""",
        f"""CREATE TRIGGER trg_lines_after_ins AFTER INSERT ON seizure_lines BEGIN
              {_sqlite_seizure_add("NEW")}
              {_sqlite_refresh_totals("NEW.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_after_del AFTER DELETE ON seizure_lines BEGIN
              {_sqlite_seizure_sub("OLD")}
              {_sqlite_refresh_totals("OLD.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_rollup_upd
            AFTER UPDATE OF local_date, post_id, substance_id, status, kg_equivalent ON seizure_lines BEGIN
              {_sqlite_seizure_sub("OLD")}
              {_sqlite_seizure_add("NEW")}
            END""",
        f"""CREATE TRIGGER trg_lines_totals_upd AFTER UPDATE OF incident_id, substance_id, kg_equivalent
            ON seizure_lines BEGIN
              {_sqlite_refresh_totals("NEW.incident_id")}
              {_sqlite_refresh_totals("OLD.incident_id")}
            END""",
    ]
    return out


# ------------------------------------------------------------------------------------------ PostgreSQL

_PG_TOTALS = """
CREATE FUNCTION sitcentre_refresh_incident_totals(incident uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- plpgsql caches the plan; a LANGUAGE sql function was planned again on every call.
  UPDATE incidents SET
    total_kg = (SELECT coalesce(sum(kg_equivalent), 0) FROM seizure_lines WHERE incident_id = incident),
    substance_sort = coalesce((SELECT s.name FROM seizure_lines l JOIN substances s ON s.id = l.substance_id
                               WHERE l.incident_id = incident
                               ORDER BY l.kg_equivalent DESC, s.name COLLATE "C" LIMIT 1), ''),
    substances = coalesce((SELECT string_agg(d.name, ', ' ORDER BY d.name) FROM (
                             SELECT DISTINCT s.name COLLATE "C" AS name FROM seizure_lines l
                             JOIN substances s ON s.id = l.substance_id WHERE l.incident_id = incident) d), '')
  WHERE id = incident;
END $$"""

_PG_LOG = """
CREATE FUNCTION sitcentre_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_log(table_name, row_id, op) VALUES (TG_TABLE_NAME, replace(OLD.id::text, '-', ''), 'D');
  ELSE
    INSERT INTO change_log(table_name, row_id, op)
    VALUES (TG_TABLE_NAME, replace(NEW.id::text, '-', ''), left(TG_OP, 1));
  END IF;
  PERFORM pg_notify('sitcentre_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$"""

_PG_INCIDENT_BEFORE = """
CREATE FUNCTION sitcentre_incident_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.local_date IS NULL OR (TG_OP = 'UPDATE' AND NEW.local_date IS NOT DISTINCT FROM OLD.local_date
      AND (NEW.occurred_at IS DISTINCT FROM OLD.occurred_at OR NEW.post_id IS DISTINCT FROM OLD.post_id)) THEN
    NEW.local_date := ((NEW.occurred_at AT TIME ZONE 'UTC')
      + make_interval(mins => (SELECT utc_offset_minutes FROM posts WHERE id = NEW.post_id)))::date;
  END IF;
  RETURN NEW;
END $$"""

_PG_INCIDENT_AFTER = """
CREATE FUNCTION sitcentre_incident_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.local_date IS NOT DISTINCT FROM NEW.local_date AND OLD.post_id = NEW.post_id
       AND OLD.status = NEW.status THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.local_date IS NOT NULL THEN
    UPDATE daily_incidents SET incidents = incidents - 1
      WHERE day = OLD.local_date AND post_id = OLD.post_id AND status = OLD.status;
    DELETE FROM daily_incidents
      WHERE day = OLD.local_date AND post_id = OLD.post_id AND status = OLD.status
        AND incidents <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.local_date IS NOT NULL THEN
    INSERT INTO daily_incidents(day, post_id, status, incidents)
      VALUES (NEW.local_date, NEW.post_id, NEW.status, 1)
      ON CONFLICT (day, post_id, status) DO UPDATE SET incidents = daily_incidents.incidents + 1;
    UPDATE seizure_lines SET local_date = NEW.local_date, post_id = NEW.post_id, status = NEW.status
      WHERE incident_id = NEW.id AND (TG_OP = 'UPDATE' OR local_date IS NULL);
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE posts SET last_report_at = NEW.reported_at
      WHERE id = NEW.post_id AND (last_report_at IS NULL OR last_report_at < NEW.reported_at);
  END IF;
  RETURN NULL;
END $$"""

_PG_LINE_BEFORE = """
CREATE FUNCTION sitcentre_line_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.local_date IS NULL THEN
    SELECT i.local_date, i.post_id, i.status INTO NEW.local_date, NEW.post_id, NEW.status
      FROM incidents i WHERE i.id = NEW.incident_id;
  END IF;
  RETURN NEW;
END $$"""

_PG_LINE_AFTER = """
CREATE FUNCTION sitcentre_line_after() RETURNS trigger LANGUAGE plpgsql AS $$
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
      UPDATE daily_seizures SET kg = kg - OLD.kg_equivalent, lines = lines - 1
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
      INSERT INTO daily_seizures(day, post_id, substance_id, status, kg, lines)
        VALUES (NEW.local_date, NEW.post_id, NEW.substance_id, coalesce(NEW.status, 'reported'), NEW.kg_equivalent, 1)
        ON CONFLICT (day, substance_id, post_id, status)
        DO UPDATE SET kg = daily_seizures.kg + EXCLUDED.kg, lines = daily_seizures.lines + 1;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.incident_id <> NEW.incident_id OR OLD.kg_equivalent <> NEW.kg_equivalent
       OR OLD.substance_id <> NEW.substance_id THEN
      PERFORM sitcentre_refresh_incident_totals(NEW.incident_id);
    END IF;
  END IF;
  RETURN NULL;
END $$"""


def _pg_triggers() -> list[str]:
    out = [_PG_TOTALS, _PG_LOG, _PG_INCIDENT_BEFORE, _PG_INCIDENT_AFTER, _PG_LINE_BEFORE, _PG_LINE_AFTER]
    for table in WATCHED:
        out.append(f"CREATE TRIGGER trg_{table}_log AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION sitcentre_log_change()")
    out += [
        "CREATE TRIGGER trg_incidents_before BEFORE INSERT OR UPDATE ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_incident_before()",
        "CREATE TRIGGER trg_incidents_after AFTER INSERT OR UPDATE OR DELETE ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_incident_after()",
        "CREATE TRIGGER trg_lines_before BEFORE INSERT ON seizure_lines "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_line_before()",
        "CREATE TRIGGER trg_lines_after AFTER INSERT OR UPDATE OR DELETE ON seizure_lines "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_line_after()",
    ]
    return out
