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
