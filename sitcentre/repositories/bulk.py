"""Inserting many rows in the caller's transaction, with every trigger and constraint of the table.

On SQLite, Python's executemany into a table with triggers pays for the trigger programs on every row's
statement (tens of microseconds a row here), while one INSERT ... SELECT runs the same triggers per row for
about one microsecond (services.demo measured the same for its seed). So the rows go into a TEMP table with the
same columns and no constraint or trigger, then over in one INSERT ... SELECT: every trigger and constraint of the
real table still applies to every row, and a constraint that fails aborts that statement only (the caller's
SAVEPOINT then decides). The values are converted once by each column type's own SQLAlchemy bind processor (the
same text SQLAlchemy would write) and passed to the driver's executemany, without a compiled statement's
per-row overhead. On PostgreSQL, SQLAlchemy's executemany (batched multi-row INSERT) is used as is.
"""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session

STAGE_PREFIX = "stage_"
_STAGES = "sitcentre.bulk_stages"  # the DBAPI connection's info: TEMP tables made on it, by table and columns


def insert_rows(session: Session, table: Table, rows: list[dict], *, stage: bool = True) -> None:
    """Insert `rows` (dicts with the same keys, table column names) into `table`. stage=False on SQLite: straight
    into the table by executemany (for a table without triggers, where staging saves nothing)."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    values = _values(rows, names, [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names])
    listed = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" * len(names))
    conn = session.connection()
    if not stage:
        conn.exec_driver_sql(f'INSERT INTO main."{table.name}" ({listed}) VALUES ({marks})', values)
        return
    staged = _stage(session, table, names)
    conn.exec_driver_sql(f'INSERT INTO temp."{staged}" ({listed}) VALUES ({marks})', values)
    conn.exec_driver_sql(f'INSERT INTO main."{table.name}" ({listed}) SELECT {listed} FROM temp."{staged}"')
    conn.exec_driver_sql(f'DELETE FROM temp."{staged}"')


def _values(rows: list[dict], names: list[str], processors: list) -> list[tuple]:
    """Each row's values in `names` order, converted by the columns that have a processor (most have none)."""
    pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    converted = [(i, p, {}) for i, p in enumerate(processors) if p is not None]
    values = []
    for row in rows:
        value = list(pick(row))
        for i, process, seen in converted:
            v = value[i]
            if v is None:
                continue
            if v.__class__ in _REPEATING:  # days and times repeat down a batch: each converted once
                key = (v.__class__, v, v.utcoffset() if v.__class__ is datetime else None)
                done = seen.get(key)
                if done is None:
                    done = seen[key] = process(v)
                value[i] = done
            else:
                value[i] = process(v)
        values.append(tuple(value))
    return values


_REPEATING = frozenset({date, datetime})  # (equal aware times of other offsets are told apart by the key)


def _stage(session: Session, table: Table, names: list[str]) -> str:
    """The name of an empty TEMP table with these columns of `table` (the same declared affinity, so the same
    stored values). Made in the caller's transaction, so it is made again if needed after a rollback."""
    stages = session.connection().connection.info.setdefault(_STAGES, {})
    name = stages.setdefault((table.name, tuple(names)), f"{STAGE_PREFIX}{table.name}_{len(stages)}")
    listed = ", ".join(f'"{n}"' for n in names)
    session.execute(text(f'CREATE TEMP TABLE IF NOT EXISTS "{name}" AS SELECT {listed} FROM main."{table.name}" '
                         "WHERE 0"))
    session.execute(text(f'DELETE FROM temp."{name}"'))  # left over by a statement that failed
    return name


_CACHE_BEFORE = "sitcentre.bulk_cache_before"  # the DBAPI connection's info: its cache_size before widen_cache
WIDE_CACHE_KIB = 65536


def widen_cache(session: Session, kib: int = WIDE_CACHE_KIB) -> None:
    """SQLite: a page cache of `kib` KiB for this connection while a large transaction writes (with the default
    2 MB, inserts into the indexes on random ids evict and read pages again, and dirty pages spill to the WAL
    before the commit). restore_cache puts the connection's own size back; a connection left wide by a failed
    import is put back by the next restore."""
    if session.get_bind().dialect.name != "sqlite":
        return
    info = session.connection().connection.info
    if _CACHE_BEFORE not in info:
        info[_CACHE_BEFORE] = int(session.execute(text("PRAGMA cache_size")).scalar_one())
    session.execute(text(f"PRAGMA cache_size = {-int(kib)}"))


def restore_cache(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return
    before = session.connection().connection.info.pop(_CACHE_BEFORE, None)
    if before is not None:
        session.execute(text(f"PRAGMA cache_size = {int(before)}"))
