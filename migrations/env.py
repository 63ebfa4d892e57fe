"""Alembic environment. The app runs it in-process (sitcentre.db.migrate) with a live connection."""

from __future__ import annotations

from alembic import context

from sitcentre.db.engine import make_engine
from sitcentre.db.tables import Base
from sitcentre.settings import load_settings

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"), load_settings())  # alembic's own start-up
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported: run `sitcentre db upgrade`.")
run_online()
