"""Read what a database holds from its catalogue: one query per kind of object, no data rows read.

Used by sitcentre.db.schema_check (compare with the expected schema) and sitcentre.db.expected_schema
(write the manifest of triggers and functions). Definitions are reduced to fingerprints that do not depend
on the server's version: SQLite keeps each trigger's CREATE text as written; PostgreSQL's trigger is its
timing/events bits (tgtype), function and UPDATE OF columns, and a plpgsql function its body (prosrc).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine
from sqlalchemy.engine import Connection


def current_revision(engine: Engine) -> str | None:
    """The schema revision alembic recorded in the database (None for an empty one)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass
class LiveSchema:
    """What a database holds, reduced to what is compared."""

    tables: set[str] = field(default_factory=set)
    columns: dict[str, dict[str, tuple[str, bool]]] = field(default_factory=dict)  # table -> column -> (type, notnull)
    indexes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (table, name) -> columns
    unique: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)  # (table, columns) of unique indexes
    checks: set[tuple[str, str]] = field(default_factory=set)  # (table, name) of named CHECK constraints
    triggers: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (table, fingerprint)
    disabled_triggers: set[str] = field(default_factory=set)
    functions: dict[str, str] = field(default_factory=dict)  # signature -> fingerprint


def fingerprint(definition: str) -> str:
    """A short hash of a definition with its white space normalised."""
    return hashlib.sha256(" ".join(definition.split()).encode()).hexdigest()[:16]


def rough_type(declared: str) -> str:
    """The family of a declared column type, the same on both dialects ('VARCHAR(16)' -> 'text')."""
    text = declared.lower()
    for family, words in (("timestamp", ("timestamp", "datetime")), ("date", ("date",)), ("boolean", ("bool",)),
                          ("uuid", ("uuid",)), ("integer", ("int",)), ("text", ("char", "text", "clob")),
                          ("number", ("double", "float", "real", "numeric", "decimal"))):
        if any(word in text for word in words):
            return family
    return text


def read(conn: Connection) -> LiveSchema:
    return read_sqlite(conn) if conn.dialect.name == "sqlite" else read_postgresql(conn)


SQLITE_OBJECTS = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')"
SQLITE_CHECK_NAME = re.compile(r'CONSTRAINT\s+["`\[]?(\w+)["`\]]?\s+CHECK\b', re.IGNORECASE)
SQLITE_COLUMNS = ('SELECT m.name, c.name, c.type, c."notnull" FROM sqlite_master m '
                  "JOIN pragma_table_info(m.name) c WHERE m.type = 'table'")
SQLITE_INDEXES = ('SELECT m.name, l.name, l."unique", l.origin, i.name FROM sqlite_master m '
                  "JOIN pragma_index_list(m.name) l JOIN pragma_index_info(l.name) i "
                  "WHERE m.type = 'table' ORDER BY m.name, l.name, i.seqno")


def read_sqlite(conn: Connection) -> LiveSchema:
    live = LiveSchema()
    for kind, name, table, sql in conn.exec_driver_sql(SQLITE_OBJECTS):
        if kind == "table":
            live.tables.add(name)
            live.checks.update((name, check) for check in SQLITE_CHECK_NAME.findall(sql or ""))
        else:
            live.triggers[name] = (table, fingerprint(sql or ""))
    for table, name, declared, not_null in conn.exec_driver_sql(SQLITE_COLUMNS):
        live.columns.setdefault(table, {})[name] = (rough_type(declared or ""), bool(not_null))
    grouped: dict[tuple[str, str], tuple[bool, str, list[str]]] = {}
    for table, index, unique, origin, column in conn.exec_driver_sql(SQLITE_INDEXES):
        grouped.setdefault((table, index), (bool(unique), origin, []))[2].append(column)
    for key, (unique, origin, columns) in grouped.items():
        _add_index(live, key, tuple(columns), unique, primary=origin == "pk", backs_constraint=origin != "c")
    return live


PG_TABLES = ("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')")
PG_COLUMNS = ("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
              "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
              "JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 "
              "AND NOT a.attisdropped")
PG_INDEXES = ("SELECT t.relname, i.relname, x.indisunique, x.indisprimary, "
              "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid), "
              "ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
              "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord) "
              "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
              "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()")
PG_CHECKS = ("SELECT c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND k.contype = 'c'")
PG_TRIGGERS = ("SELECT t.tgname, c.relname, t.tgtype, p.proname, t.tgenabled::text, "
               "ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.tgrelid "
               "AND a.attnum = ANY(t.tgattr::int2[]) ORDER BY a.attname) "
               "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
               "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
               "WHERE NOT t.tgisinternal AND n.nspname = current_schema()")
PG_FUNCTIONS = ("SELECT p.oid::regprocedure::text, p.prosrc FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
                "WHERE n.nspname = current_schema() AND l.lanname = 'plpgsql'")


def read_postgresql(conn: Connection) -> LiveSchema:
    live = LiveSchema(tables=set(conn.exec_driver_sql(PG_TABLES).scalars()))
    for table, name, declared, not_null in conn.exec_driver_sql(PG_COLUMNS):
        live.columns.setdefault(table, {})[name] = (rough_type(declared), bool(not_null))
    for table, index, unique, primary, backs_constraint, columns in conn.exec_driver_sql(PG_INDEXES):
        _add_index(live, (table, index), tuple(columns), unique, primary, backs_constraint)
    live.checks = {(table, name) for table, name in conn.exec_driver_sql(PG_CHECKS)}
    for name, table, kind, function, enabled, columns in conn.exec_driver_sql(PG_TRIGGERS):
        live.triggers[name] = (table, fingerprint(f"{kind} {function} {','.join(columns)}"))
        if enabled == "D":
            live.disabled_triggers.add(name)
    for signature, body in conn.exec_driver_sql(PG_FUNCTIONS):
        live.functions[signature] = fingerprint(body)
    return live


def _add_index(live: LiveSchema, key: tuple[str, str], columns: tuple[str, ...], unique: bool, primary: bool,
               backs_constraint: bool) -> None:
    """Named indexes are compared by name; unique rules by their columns, whatever enforces them."""
    if unique and not primary:
        live.unique.add((key[0], columns))
    if not backs_constraint:
        live.indexes[key] = columns
