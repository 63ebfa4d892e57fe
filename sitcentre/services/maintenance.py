"""Database checks and figures for the CLI: integrity, schema status, row counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select, text

from sitcentre.db.engine import is_sqlite
from sitcentre.db.migrate import schema_status
from sitcentre.db.tables import Base

COUNTED_TABLES = ("countries", "posts", "substances", "users", "incidents", "seizure_lines", "daily_seizures",
                  "daily_incidents", "audit_log", "change_log")


@dataclass(frozen=True)
class CheckReport:
    schema: str
    schema_ok: bool
    integrity: str  # "ok" or what the database reported
    integrity_ok: bool
    rollups_ok: bool | None  # None when the schema is not there to check

    @property
    def ok(self) -> bool:
        return self.schema_ok and self.integrity_ok and self.rollups_ok is not False


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
                for name in COUNTED_TABLES}


def check(engine: Engine) -> CheckReport:
    status = schema_status(engine)
    integrity = _integrity(engine)
    rollups = _rollups_match(engine) if status.up_to_date else None
    return CheckReport(status.describe(), status.up_to_date, integrity, integrity == "ok", rollups)


def _integrity(engine: Engine) -> str:
    with engine.connect() as conn:
        if is_sqlite(engine):
            problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if fk:
                problems.append(f"{len(fk)} rows point to missing records")
            return "ok" if problems == ["ok"] else "; ".join(p for p in problems if p != "ok")
        conn.execute(text("SELECT count(*) FROM pg_catalog.pg_class"))  # the server answers queries
        return "ok"


def _rollups_match(engine: Engine) -> bool:
    """The daily rollups equal a fresh aggregate of the incidents and their seizure lines."""
    fresh_seizures = ("SELECT local_date, substance_id, post_id, status, round(sum(kg_equivalent), 6) AS kg, "
                      "count(*) AS n FROM seizure_lines WHERE local_date IS NOT NULL "
                      "GROUP BY local_date, substance_id, post_id, status")
    rollup_seizures = "SELECT day, substance_id, post_id, status, round(kg, 6), lines FROM daily_seizures"
    fresh_incidents = ("SELECT local_date, post_id, status, count(*) FROM incidents WHERE local_date IS NOT NULL "
                       "GROUP BY local_date, post_id, status")
    rollup_incidents = "SELECT day, post_id, status, incidents FROM daily_incidents"
    with engine.connect() as conn:
        for fresh, rollup in ((fresh_seizures, rollup_seizures), (fresh_incidents, rollup_incidents)):
            diff = f"SELECT count(*) FROM ({fresh} EXCEPT {rollup}) a"
            diff_back = f"SELECT count(*) FROM ({rollup} EXCEPT {fresh}) b"
            if conn.exec_driver_sql(diff).scalar() or conn.exec_driver_sql(diff_back).scalar():
                return False
    return True
