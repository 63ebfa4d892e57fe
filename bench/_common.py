"""Helpers shared by the benchmark scripts: the bench database, interleaved median timing, JSON output.

Every bench script prints exactly one JSON line on stdout (its figures) and writes progress to stderr,
so that `python bench/x.py ... >> results.jsonl` collects a history.

The bench database
  SQLite: bench/.data/bench-<rows>.sqlite (gitignored), one file per size. It is reused when it is at
  the schema head and holds exactly <rows> incidents; otherwise (an interrupted build, a schema that
  moved on, an unreadable file) it is deleted and built again, because a fresh seed at head is both
  quicker than migrating a million rows and the only way to get a seed time that means something.
  PostgreSQL (--pg URL): that server database. Empty: it is migrated and seeded. At the head revision
  with <rows> incidents: reused. Older schema: upgraded in place. Any other number of incidents: the
  script stops and asks for --rebuild, which removes sitcentre's tables and functions from that
  database (alembic downgrade to base, or DROP ... CASCADE of the known objects if that fails).

seed_s (the seconds `seed_incidents` took) is kept in a sidecar JSON next to the SQLite file
(bench-<rows>.json) or, for PostgreSQL, bench/.data/pg-<host>-<port>-<db>.json. A reused database
reports the sidecar's figure only when the sidecar names the same row count and schema revision;
otherwise seed_s is null (unknown), never a guess.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/x.py` puts bench/ on the path, not the project root
    sys.path.insert(0, str(ROOT))

from alembic.util import CommandError
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from sitcentre.backend import Backend, Desk
from sitcentre.db import migrate
from sitcentre.db.engine import is_sqlite, make_engine
from sitcentre.db.errors import SitcentreDbError
from sitcentre.db.tables import Base
from sitcentre.services.demo import seed_incidents
from sitcentre.settings import Settings

DB_ERRORS = (SQLAlchemyError, CommandError, SitcentreDbError)

DATA_DIR = Path(__file__).resolve().parent / ".data"
SETTINGS = Settings(data_dir=DATA_DIR)  # the defaults, as the app builds them once at start-up
RUNS = 7
WARMUP = 1


# ------------------------------------------------------------------------------------------- output

def log(message: str) -> None:
    """Progress for the person watching; stdout is kept for the one JSON line."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def emit(figures: dict) -> None:
    print(json.dumps(figures, separators=(", ", ": ")), flush=True)


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--rows", type=int, default=1_000_000, help="incidents in the bench database")
    p.add_argument("--pg", metavar="URL", help="use this PostgreSQL database instead of an SQLite file")
    p.add_argument("--rebuild", action="store_true",
                   help="build the database again even if it could be reused (with --pg: removes "
                        "sitcentre's tables and functions from that database first)")
    p.add_argument("--runs", type=int, default=RUNS, help="timed runs per figure (the median is reported)")
    p.add_argument("--seed", type=int, default=1, help="random seed of the demo data")
    return p


# ------------------------------------------------------------------------------------------- timing

def time_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000.0


def compare(repo_fn: Callable[[], object], sql_fn: Callable[[], object], runs: int = RUNS,
            warmup: int = WARMUP) -> tuple[float, float]:
    """Median ms of the repository call and of its hand-written SQL, interleaved in this process.

    After `warmup` untimed calls of each, the two alternate (repo first on even runs, SQL first on odd
    runs) so that neither always profits from the other having just warmed a cache.
    """
    for _ in range(warmup):
        repo_fn()
        sql_fn()
    repo, sql = [], []
    for i in range(runs):
        pair = ((repo_fn, repo), (sql_fn, sql))
        for fn, out in (pair if i % 2 == 0 else pair[::-1]):
            out.append(time_ms(fn))
    return statistics.median(repo), statistics.median(sql)


def figures(name: str, repo_ms: float, sql_ms: float) -> dict:
    """{name}_ms, {name}_sql_ms and {name}_ratio (repository / hand-written SQL)."""
    return {
        f"{name}_ms": round(repo_ms, 3),
        f"{name}_sql_ms": round(sql_ms, 3),
        f"{name}_ratio": round(repo_ms / sql_ms, 2) if sql_ms > 0 else None,
    }


# ------------------------------------------------------------------------------------ raw SQL helpers

def qmark(engine: Engine, sql: str) -> str:
    """SQL written with `?` placeholders, in the driver's own paramstyle (psycopg wants %s)."""
    return sql if is_sqlite(engine) else sql.replace("%", "%%").replace("?", "%s")


def placeholders(n: int) -> str:
    return ", ".join("?" * n)

# The 5-year daily kg series by substance as a skilled hand would write it: one GROUP BY over the rollup,
# then the same dense (substance x day) numpy array the repository returns. Shared by data.py and charts.py.
SERIES_SQL = (
    "SELECT day, substance_id, CAST(sum(kg_mg) AS DOUBLE PRECISION) / 1e6 FROM daily_seizures "
    "WHERE day BETWEEN ? AND ? AND status IN ({statuses}) GROUP BY day, substance_id"
)


def hand_written_series(sql: Callable, engine: Engine, req):
    """`sql(statement, params)` runs a qmark statement on the raw driver connection and returns all rows."""
    import numpy as np

    from sitcentre.db.engine import is_sqlite
    from sitcentre.domain.series import COUNTED_STATUSES, period_starts

    day = (lambda d: d.isoformat()) if is_sqlite(engine) else (lambda d: d)
    statement = SERIES_SQL.format(statuses=placeholders(len(COUNTED_STATUSES)))
    rows = sql(statement, (day(req.date_from), day(req.date_to), *COUNTED_STATUSES))
    names = dict(sql("SELECT id, name FROM substances"))
    periods = period_starts(req.date_from, req.date_to, "day")
    if not rows:
        return periods, (), np.zeros((0, len(periods)))
    days, keys, kg = zip(*rows)
    keys = np.array(keys)
    present = sorted(set(keys.tolist()), key=lambda k: names.get(k, str(k)))
    slot = np.full(max(present) + 1, -1)
    slot[present] = np.arange(len(present))
    values = np.zeros((len(present), len(periods)))
    cols = (np.array(days, dtype="datetime64[D]") - periods[0]).astype(np.int64)
    values[slot[keys], cols] = np.array(kg, dtype=float)
    return periods, tuple(names.get(k, str(k)) for k in present), values



# ------------------------------------------------------------------------------------- the database

@dataclass
class BenchDb:
    engine: Engine
    rows: int
    seed_s: float | None  # None: built before and the sidecar does not vouch for it
    reused: bool
    where: str


def sqlite_path(rows: int) -> Path:
    return DATA_DIR / f"bench-{rows}.sqlite"


def _sidecar(engine: Engine, rows: int) -> Path:
    if is_sqlite(engine):
        return sqlite_path(rows).with_suffix(".json")
    url = engine.url
    return DATA_DIR / f"pg-{url.host or 'localhost'}-{url.port or 5432}-{url.database}.json"


def _read_seed_s(engine: Engine, rows: int, revision: str | None) -> float | None:
    try:
        info = json.loads(_sidecar(engine, rows).read_text())
    except (OSError, ValueError):
        return None
    if info.get("rows") == rows and info.get("revision") == revision:
        return info.get("seed_s")
    return None


def _write_seed_s(engine: Engine, rows: int, seed_s: float, seed: int) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    info = {"rows": rows, "seed_s": round(seed_s, 2), "seed": seed, "revision": migrate.head_revision(),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds")}
    _sidecar(engine, rows).write_text(json.dumps(info) + "\n")


def bench_desk(engine: Engine, name: str = "bench") -> Desk:
    """What ui/ is given: a desk of the backend over the bench engine, acting as an explicit system actor."""
    return Backend(engine, SETTINGS, schema=migrate.head_revision()).system_desk(name)


def incident_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM incidents").scalar_one()


def open_bench_db(rows: int, pg_url: str | None = None, rebuild: bool = False, seed: int = 1) -> BenchDb:
    """The bench database with `rows` incidents: reused when it already holds them, else built."""
    if pg_url:
        return _open_pg(pg_url, rows, rebuild, seed)
    return _open_sqlite(rows, rebuild, seed)


def _open_sqlite(rows: int, rebuild: bool, seed: int) -> BenchDb:
    path = sqlite_path(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not rebuild:
        engine = make_engine(f"sqlite:///{path}", SETTINGS)
        reason = _sqlite_reuse_problem(engine, rows)
        if reason is None:
            log(f"reusing {path} ({rows} incidents)")
            return BenchDb(engine, rows, _read_seed_s(engine, rows, migrate.head_revision()), True, str(path))
        engine.dispose()
        log(f"rebuilding {path}: {reason}")
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                  path.with_suffix(".json")):
        stale.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}", SETTINGS)
    migrate.upgrade(engine, backup=False)
    return BenchDb(engine, rows, _seed(engine, rows, seed), False, str(path))


def _sqlite_reuse_problem(engine: Engine, rows: int) -> str | None:
    try:
        status = migrate.schema_status(engine)
        if not status.up_to_date:
            return status.describe()
        found = incident_count(engine)
    except DB_ERRORS as exc:  # a file from an older, since rewritten schema: not worth diagnosing
        return f"unreadable ({type(exc).__name__}: {exc})"
    return None if found == rows else f"it holds {found} incidents, not {rows}"


def _open_pg(url: str, rows: int, rebuild: bool, seed: int) -> BenchDb:
    engine = make_engine(url, SETTINGS)
    where = f"{engine.url.host}:{engine.url.port or 5432}/{engine.url.database}"
    if rebuild:
        log(f"--rebuild: removing sitcentre's schema from {where}")
        _drop_pg_schema(engine)
        _sidecar(engine, rows).unlink(missing_ok=True)
    try:
        migrate.upgrade(engine, backup=False)
        found = incident_count(engine)
    except DB_ERRORS as exc:
        raise SystemExit(f"bench: cannot use {where} ({type(exc).__name__}: {exc}); run again with --rebuild") from None
    if found == rows:
        log(f"reusing {where} ({rows} incidents)")
        return BenchDb(engine, rows, _read_seed_s(engine, rows, migrate.head_revision()), True, where)
    if found:
        raise SystemExit(f"bench: {where} holds {found} incidents, not {rows}; run again with --rebuild")
    return BenchDb(engine, rows, _seed(engine, rows, seed), False, where)


def _drop_pg_schema(engine: Engine) -> None:
    try:
        if migrate.current_revision(engine) is not None:
            migrate.downgrade(engine, "base")
            return
    except DB_ERRORS as exc:
        log(f"downgrade failed ({type(exc).__name__}); dropping the known tables and functions instead")
    known = {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
    with engine.begin() as conn:
        for name in sorted(known & set(inspect(conn).get_table_names())):
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        functions = conn.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname LIKE 'sitcentre\\_%'")).scalars().all()
        for signature in functions:
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {signature} CASCADE")


def _seed(engine: Engine, rows: int, seed: int) -> float:
    """Seed `rows` incidents; returns the seconds `seed_incidents` took (reference data and ANALYZE included)."""
    log(f"seeding {rows} incidents (seed {seed}) ...")
    step, shown = max(rows // 10, 1), [0]

    def progress(done: int, total: int) -> None:  # about every 10 %, whatever the batch size
        if done == total or done - shown[0] >= step:
            shown[0] = done
            log(f"  {done}/{total} ({time.perf_counter() - started:.1f} s)")

    started = time.perf_counter()
    seed_incidents(engine, rows, seed=seed, progress=progress)
    seed_s = time.perf_counter() - started
    log(f"seeded {rows} incidents in {seed_s:.1f} s")
    _write_seed_s(engine, rows, seed_s, seed)
    return seed_s
