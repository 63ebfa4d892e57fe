"""Inserting many rows into a table with triggers, in the caller's transaction.

On SQLite, Python's executemany into a table with triggers pays for the trigger programs on every row's
statement (tens of microseconds a row here), while one INSERT ... SELECT runs the same triggers per row for
about one microsecond (services.demo measured the same for its seed). So the rows go, with SQLAlchemy's own
conversion of each value, into a TEMP table with the same columns and no constraint or trigger, then over in one
INSERT ... SELECT: every trigger and constraint of the real table still applies to every row, and a constraint
that fails aborts that statement only (the caller's SAVEPOINT then decides). On PostgreSQL, SQLAlchemy's
executemany (batched multi-row INSERT) is used as is.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, Table, insert, text
from sqlalchemy.orm import Session

STAGE_PREFIX = "stage_"
_STAGES = "sitcentre.bulk_stages"  # the DBAPI connection's info: TEMP tables made on it (name -> Table)


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, table column names) into `table`."""
    if not rows:
        return
    if session.get_bind().dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    stage = _stage(session, table, names)
    session.execute(insert(stage), rows)
    listed = ", ".join(f'"{name}"' for name in names)
    session.execute(text(f'INSERT INTO main."{table.name}" ({listed}) SELECT {listed} FROM temp."{stage.name}"'))
    session.execute(text(f'DELETE FROM temp."{stage.name}"'))


def _stage(session: Session, table: Table, names: list[str]) -> Table:
    """An empty TEMP table with these columns of `table` (their types: the same affinity, so the same stored
    values). Made in the caller's transaction, so it is made again if needed after a rollback."""
    stages = session.connection().connection.info.setdefault(_STAGES, {})
    key = (table.name, tuple(names))
    stage = stages.get(key)
    if stage is None:
        name = f"{STAGE_PREFIX}{table.name}_{len(stages)}"
        stage = stages[key] = Table(name, MetaData(), *(Column(n, table.c[n].type) for n in names), schema="temp")
    listed = ", ".join(f'"{n}"' for n in names)
    session.execute(text(f'CREATE TEMP TABLE IF NOT EXISTS "{stage.name}" AS '
                         f'SELECT {listed} FROM main."{table.name}" WHERE 0'))
    session.execute(text(f'DELETE FROM temp."{stage.name}"'))  # left over by a statement that failed
    return stage


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
