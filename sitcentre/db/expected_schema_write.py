"""Regenerate the manifest of triggers and functions in sitcentre.db.expected_schema (a developer's tool).

    python -m sitcentre.db.expected_schema_write --write --pg postgresql://postgres@127.0.0.1:5432/postgres

Kept apart from the manifest itself: this needs the migrations (sitcentre.db.migrate), which check a
schema against the manifest, so one module holding both would import itself in a circle.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

from sitcentre.db import expected_schema
from sitcentre.db.expected_schema import BEGIN, END
from sitcentre.settings import Settings, load_settings


def generate(pg_server_url: str, settings: Settings) -> str:
    """The generated block, read from a fresh SQLite file and a fresh PostgreSQL database."""
    from sitcentre.db.migrate import head_revision

    triggers, functions = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        live = _migrated_schema(f"sqlite:///{Path(folder) / 'manifest.sqlite'}", settings)
        triggers["sqlite"] = live.triggers
    live = _with_scratch_database(pg_server_url, lambda url: _migrated_schema(url, settings))
    triggers["postgresql"], functions["postgresql"] = live.triggers, live.functions
    return "\n".join([
        BEGIN,
        f'REVISION = "{head_revision()}"',
        f"TRIGGERS: dict[str, dict[str, tuple[str, str]]] = {_literal(triggers)}",
        f"FUNCTIONS: dict[str, dict[str, str]] = {_literal(functions)}",
        END,
    ])


def _literal(value: dict[str, dict]) -> str:
    """One entry a line, sorted, double quotes: a regenerated manifest diffs line by line."""

    def text(item) -> str:
        if isinstance(item, tuple):
            return "(" + ", ".join(text(part) for part in item) + ")"
        return '"' + str(item).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["{"]
    for dialect, entries in sorted(value.items()):
        lines.append(f"    {text(dialect)}: {{")
        lines += [f"        {text(name)}: {text(entry)}," for name, entry in sorted(entries.items())]
        lines.append("    },")
    return "\n".join([*lines, "}"])


def _migrated_schema(url: str, settings: Settings):
    from sitcentre.db import catalogue, migrate
    from sitcentre.db.engine import make_engine

    engine = make_engine(url, settings)
    try:
        migrate.upgrade(engine, backup=False)
        with engine.connect() as conn:
            return catalogue.read(conn)
    finally:
        engine.dispose()


def _with_scratch_database(server_url: str, action):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    server = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"sc_manifest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            return action(server.set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def write(block: str) -> Path:
    """Replace the generated block of this file (temporary file in the same folder, then rename)."""
    path = Path(expected_schema.__file__)
    source = path.read_text(encoding="utf-8")
    start, end = source.index(BEGIN + "\n"), source.index(END + "\n") + len(END)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".expected_schema.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(source[:start] + block + source[end:])
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitcentre.db.expected_schema_write", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", required=True, metavar="URL", help="a PostgreSQL server (any database on it)")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--print", action="store_true", help="print the generated block")
    action.add_argument("--write", action="store_true",
                        help="write the generated block into sitcentre/db/expected_schema.py")
    args = parser.parse_args(argv)
    block = generate(args.pg, load_settings())
    if args.print:
        print(block)
    else:
        print(f"wrote {write(block)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
