"""Database checks and figures for the CLI: integrity, schema status, row counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select, text

from sitcentre.db.engine import is_sqlite
from sitcentre.db.migrate import schema_status
from sitcentre.db.schema_check import SchemaDifference, compare
from sitcentre.db.tables import Base, kg_mg_sql

COUNTED_TABLES = ("countries", "posts", "substances", "users", "incidents", "seizure_lines", "daily_seizures",
                  "daily_incidents", "audit_log", "change_log")


@dataclass(frozen=True)
class CheckReport:
    schema: str
    schema_ok: bool
    integrity: str  # "ok" or what the database reported
    integrity_ok: bool
    rollups_ok: bool | None  # None when the schema is not there to check
    # Missing, changed and extra tables, columns, indexes, triggers, functions; None when the schema is not
    # current (an older one lacks the newer objects by design).
    schema_objects: tuple[SchemaDifference, ...] | None = None
    rollups_skipped: str = field(default="schema not current")  # why rollups_ok is None

    @property
    def schema_objects_ok(self) -> bool:
        return not any(d.failure for d in self.schema_objects or ())

    @property
    def ok(self) -> bool:
        return self.schema_ok and self.integrity_ok and self.rollups_ok is not False and self.schema_objects_ok


def prune_change_log(engine: Engine, keep: int) -> int:
    """Keep the newest `keep` change_log rows (run at start): the log must not grow without bound."""
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.repositories.changes import ChangeRepository

    with UnitOfWork(engine, write=True) as uow:
        deleted = ChangeRepository(uow.session).prune(keep)
        uow.commit()
    return deleted


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
                for name in COUNTED_TABLES}


def check(engine: Engine) -> CheckReport:
    status = schema_status(engine)
    integrity = _integrity(engine)
    objects = tuple(compare(engine, status.current)) if status.up_to_date else None
    unreadable = any(d.failure and d.kind in ("table", "column") for d in objects or ())
    rollups = _rollups_match(engine) if status.up_to_date and not unreadable else None
    skipped = "tables or columns missing" if unreadable else "schema not current"
    return CheckReport(status.describe(), status.up_to_date, integrity, integrity == "ok", rollups, objects, skipped)


def schema_objects_lines(report: CheckReport) -> list[str]:
    """`db check`'s "schema objects:" line, then one indented line per problem and per note."""
    if report.schema_objects is None:
        return ["schema objects: not checked (schema not current)"]
    failures = [d for d in report.schema_objects if d.failure]
    notes = [d for d in report.schema_objects if not d.failure]
    head = "ok" if not failures else f"{len(failures)} MISSING OR CHANGED"
    return [f"schema objects: {head}", *(f"  - {d.sentence}" for d in failures),
            *(f"  note: {d.sentence}" for d in notes)]


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


def posts_with_wrong_last_report(engine: Engine) -> list[int]:
    """Ids of the posts whose last_report_at is not the latest reported_at of their incidents (it is derived
    by triggers, like the rollups: a hand edit or a lost update shows a silent post as reporting)."""
    differs = "IS DISTINCT FROM" if engine.dialect.name == "postgresql" else "IS NOT"
    sql = (f"SELECT p.id FROM posts p WHERE p.last_report_at {differs} "
           "(SELECT max(i.reported_at) FROM incidents i WHERE i.post_id = p.id) ORDER BY p.id")
    with engine.connect() as conn:
        return list(conn.exec_driver_sql(sql).scalars())


def _rollups_match(engine: Engine) -> bool:
    """The derived data equals a fresh aggregate of the incidents and their seizure lines: the daily rollups,
    and each post's last report (posts_with_wrong_last_report).

    Compared exactly: the rollup keeps whole milligrams (integers), so any difference is a wrong rollup.
    """
    mg = kg_mg_sql("kg_equivalent", engine.dialect.name)
    fresh_seizures = (f"SELECT local_date, substance_id, post_id, status, sum({mg}) AS kg_mg, count(*) AS n "
                      "FROM seizure_lines WHERE local_date IS NOT NULL "
                      "GROUP BY local_date, substance_id, post_id, status")
    seizure_key = "r.day = f.local_date AND r.substance_id = f.substance_id AND r.post_id = f.post_id " \
                  "AND r.status = f.status"
    fresh_incidents = ("SELECT local_date, post_id, status, count(*) AS n FROM incidents "
                       "WHERE local_date IS NOT NULL GROUP BY local_date, post_id, status")
    incident_key = "r.day = f.local_date AND r.post_id = f.post_id AND r.status = f.status"
    checks = [
        f"SELECT count(*) FROM ({fresh_seizures}) f LEFT JOIN daily_seizures r ON {seizure_key} "
        "WHERE r.day IS NULL OR r.lines <> f.n OR r.kg_mg <> f.kg_mg",
        f"SELECT count(*) FROM daily_seizures r LEFT JOIN ({fresh_seizures}) f ON {seizure_key} "
        "WHERE f.local_date IS NULL",
        f"SELECT count(*) FROM ({fresh_incidents}) f LEFT JOIN daily_incidents r ON {incident_key} "
        "WHERE r.day IS NULL OR r.incidents <> f.n",
        f"SELECT count(*) FROM daily_incidents r LEFT JOIN ({fresh_incidents}) f ON {incident_key} "
        "WHERE f.local_date IS NULL",
    ]
    with engine.connect() as conn:
        rollups_ok = all(conn.exec_driver_sql(sql).scalar() == 0 for sql in checks)
    return rollups_ok and not posts_with_wrong_last_report(engine)
