"""Demo data: reference data plus N synthetic incidents over the last 5 years, reproducible by seed.

Bulk rows go straight to the driver (executemany on SQLite, COPY on PostgreSQL): the SQLAlchemy ORM
would spend more time than the database. Seizure lines are written before their incidents (the foreign
key is deferred) with the incident's totals already computed, so the triggers that keep totals and
rollups right only confirm them instead of rewriting each incident once per line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, insert, or_, select, update

from sitcentre.db.engine import is_sqlite
from sitcentre.db.tables import CountryRow, IncidentRow, PostRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import border_of
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.services.demo_generator import DemoPost, DemoSubstance, IncidentGenerator
from sitcentre.services.numbering import fill_number_prefixes, number_unnumbered
from sitcentre.services.reference_data import COUNTRIES, POSTS, SUBSTANCES

log = logging.getLogger(__name__)
INCIDENT_COLS = ("id", "post_id", "occurred_at", "reported_at", "local_date", "incident_type", "direction",
                 "transport_mode", "concealment", "route_departure", "route_transit", "route_destination",
                 "persons_detained", "detainee_nationalities", "joint_operation", "narrative", "status", "version",
                 "total_kg", "substance_sort", "substances")
LINE_COLS = ("id", "incident_id", "substance_id", "quantity", "unit", "basis", "kg_equivalent", "conversion",
             "local_date", "post_id", "status")
# A demo should show what the panels are for: a post that is quiet, one with limited operation.
DEMO_STATUS = {
    "TJ-ISH": ("offline", "Power line down after a landslide; radio contact only"),
    "KZ-KAR": ("limited", "Scanner under repair; manual inspection only"),
}

Progress = Callable[[int, int], None]


def seed_reference_data(engine: Engine) -> None:
    """Countries, substances and posts, when the database has none yet."""
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        if s.scalar(select(func.count()).select_from(CountryRow)) == 0:
            s.add_all(CountryRow(code=c, name=n, utc_offset_minutes=o) for c, n, o in COUNTRIES)
            s.flush()
        if s.scalar(select(func.count()).select_from(SubstanceRow)) == 0:
            s.add_all(SubstanceRow(code=c, name=n, group=g.value, default_unit=u.value, mass_per_tablet_mg=m)
                      for c, n, g, u, m in SUBSTANCES)
        if s.scalar(select(func.count()).select_from(PostRow)) == 0:
            offsets = {c: o for c, _, o in COUNTRIES}
            now = datetime.now(UTC)
            # Named columns only (not ORM objects, which write every column): tests seed databases at older
            # revisions too, without posts.number_prefix (0006), which fill_number_prefixes sets where it exists.
            s.execute(insert(PostRow), [
                dict(code=code, name=name, crossing=crossing, country_code=own, counterpart_country_code=other,
                     border=border_of(own, other), latitude=lat, longitude=lon, utc_offset_minutes=offsets[own],
                     status=DEMO_STATUS.get(code, ("operational", ""))[0],
                     status_reason=DEMO_STATUS.get(code, ("", ""))[1], status_since=now - timedelta(days=2))
                for code, name, crossing, own, other, lat, lon in POSTS
            ])
        fill_number_prefixes(s)
        uow.commit()


def has_incidents(engine: Engine) -> bool:
    with UnitOfWork(engine) as uow:
        return uow.session.execute(select(IncidentRow.id).limit(1)).first() is not None


def ensure_demo_data(engine: Engine, incidents: int = 20_000, seed: int = 1) -> int:
    """Seed an empty database for `--demo`; returns how many incidents were added (0 if it had data)."""
    seed_reference_data(engine)
    if has_incidents(engine):
        return 0
    written = seed_incidents(engine, incidents, seed)
    from sitcentre.services.alerts import seed_demo_alerts  # the alerts tab should have something to show

    seed_demo_alerts(engine)
    return written


def seed_incidents(engine: Engine, count: int, seed: int = 1, end: datetime | None = None,
                   progress: Progress | None = None, keep_changes: int = 100_000) -> int:
    seed_reference_data(engine)
    posts, substances = _load_reference(engine)
    generator = IncidentGenerator(posts, substances, seed, end or datetime.now(UTC),
                                  quiet={"TJ-ISH": 4})
    started, written = time.perf_counter(), 0
    writer = _write_sqlite if is_sqlite(engine) else _write_pg
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        if is_sqlite(engine):  # the load touches every index: give this connection a large page cache
            conn.connection.driver_connection.execute("PRAGMA cache_size = -262144")
        for incidents, lines in generator.batches(count):
            with conn.begin():
                _advance_last_report(conn, incidents)
                writer(conn.connection.driver_connection, incidents, lines)
            written += len(incidents)
            if progress:
                progress(written, count)
    with UnitOfWork(engine, write=True) as uow:  # the loaded incidents get readable numbers, as old ones do
        number_unnumbered(uow.session)
        uow.commit()
    _after_bulk_load(engine, keep_changes)
    log.info("seeded %d incidents in %.1f s", written, time.perf_counter() - started)
    return written


def _advance_last_report(conn, incidents) -> None:
    """Each post's last report moved to the latest of this batch first, in the batch's own transaction.

    The insert trigger moves a post's last report forward only when an incident is later than it: during a
    load in time order that would be one UPDATE of the post (and one change_log row) per incident. Done
    per batch, the last report is right after every commit, so a load killed half-way leaves no post
    looking as if it had reported when it had not.
    """
    post_at, reported_at = INCIDENT_COLS.index("post_id"), INCIDENT_COLS.index("reported_at")
    latest: dict[int, datetime] = {}
    for row in incidents:
        post_id, at = row[post_at], row[reported_at]
        if post_id not in latest or at > latest[post_id]:
            latest[post_id] = at
    for post_id, at in latest.items():
        conn.execute(update(PostRow).where(PostRow.id == post_id,
                                           or_(PostRow.last_report_at.is_(None), PostRow.last_report_at < at))
                     .values(last_report_at=at))


def _load_reference(engine: Engine):
    with UnitOfWork(engine) as uow:
        columns = (PostRow.id, PostRow.code, PostRow.border, PostRow.country_code, PostRow.counterpart_country_code,
                   PostRow.utc_offset_minutes)  # named: a database at an older revision lacks later columns
        posts = [DemoPost(*p) for p in uow.session.execute(select(*columns).order_by(PostRow.id))]
        subs = [DemoSubstance(s.id, s.code, s.name, s.default_unit, s.mass_per_tablet_mg)
                for s in uow.session.scalars(select(SubstanceRow).order_by(SubstanceRow.id))]
    return posts, subs


def _sqlite_value(v):
    if isinstance(v, datetime):
        return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if hasattr(v, "hex") and hasattr(v, "int"):  # uuid.UUID: SQLAlchemy's Uuid stores 32 hex digits
        return v.hex
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _write_sqlite(dbapi_conn, incidents, lines) -> None:
    """Rows go to TEMP staging tables first, then over in one INSERT ... SELECT per table.

    Python's sqlite3 executemany pays about 35 us a row on a table with triggers, against about 1 us for
    the same triggers under INSERT ... SELECT (measured on this machine); staging avoids that cost.
    """
    for table, cols, rows in (("seizure_lines", LINE_COLS, lines), ("incidents", INCIDENT_COLS, incidents)):
        stage = f"temp.stage_{table}"
        dbapi_conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS stage_{table} AS "
                           f"SELECT {', '.join(cols)} FROM main.{table} WHERE 0")
        dbapi_conn.executemany(f"INSERT INTO {stage} VALUES ({', '.join('?' * len(cols))})",
                               ([_sqlite_value(v) for v in row] for row in rows))
        dbapi_conn.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) SELECT * FROM {stage}")
        dbapi_conn.execute(f"DELETE FROM {stage}")


def _write_pg(dbapi_conn, incidents, lines) -> None:
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, cols, rows in (("seizure_lines", LINE_COLS, lines), ("incidents", INCIDENT_COLS, incidents)):
            with cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def _after_bulk_load(engine: Engine, keep_changes: int) -> None:
    """Prune the change log the load filled, and refresh the planner's statistics."""
    with UnitOfWork(engine, write=True) as uow:
        ChangeRepository(uow.session).prune(keep_changes)
        uow.commit()
    if is_sqlite(engine):
        with engine.connect() as conn:
            raw = conn.connection.driver_connection  # outside any transaction: ANALYZE, checkpoint
            # A full ANALYZE (about 1 s at 1M rows): sampled statistics led the planner to scan posts
            # first and sort every incident of each post for a window sorted by substance.
            for pragma in ("ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"):
                raw.execute(pragma)
        return
    # Through SQLAlchemy, so the pooled connection gets its transaction mode back afterwards (a raw
    # `autocommit = True` stayed on it and silently undid SET CONSTRAINTS ... DEFERRED of the next load).
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")  # the load's trigger updates leave dead rollup rows behind
