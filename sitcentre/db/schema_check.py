"""Compare the live schema with the one this app expects: tables, columns, indexes, unique rules, triggers
and (PostgreSQL) plpgsql functions. Cheap enough for every start: a few catalogue queries, no data read.

Expected tables, columns, indexes and unique rules come from the ORM metadata (sitcentre.db.tables; a test
keeps it equal to the migrated schema). Triggers and functions are not in the metadata: they come from the
manifest sitcentre.db.expected_schema, generated from freshly migrated databases (a test keeps it equal).
A manifest written for another revision is not used (its triggers would be wrong): the check says so in a
note instead of failing a database that is fine.

Only meaningful when the database is at this app's head revision (an older one lacks newer objects).
Missing or changed objects are failures; objects a site added (an extra index) are notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import CheckConstraint, Engine, UniqueConstraint

from sitcentre.db import catalogue
from sitcentre.db.catalogue import LiveSchema, current_revision, rough_type
from sitcentre.db.tables import Base

IGNORED_TABLES = {"alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


@dataclass(frozen=True)
class SchemaDifference:
    """One way the live schema differs. `kind` and `problem` are the message code, the rest its parameters.

    kind: table, column, index, unique, check, trigger, function, manifest
    problem: missing, extra, changed, disabled, type, nullable, not_null, unchecked
    """

    kind: str
    problem: str
    name: str
    table: str = ""
    revision: str = ""
    detail: str = ""  # the expected and found values for 'type' and 'changed' index columns

    @property
    def failure(self) -> bool:
        return self.problem not in ("extra", "unchecked")

    @property
    def subject(self) -> str:
        """'table seizure_lines', 'index ix_x on incidents', 'column incidents.narrative'."""
        if self.kind == "column":
            return f"column {self.table}.{self.name}"
        if self.kind == "unique":
            return f"the unique rule on {self.table}.{self.name}"
        if self.kind == "check":
            return f"the check rule {self.name} on {self.table}"
        if self.kind in ("index", "trigger"):
            return f"{self.kind} {self.name} on {self.table}"
        return f"{self.kind} {self.name}"

    @property
    def sentence(self) -> str:
        schema = f"schema {self.revision}"
        return {
            "missing": f"{self.subject} is missing",
            "extra": f"extra {self.subject} (not part of {schema}; added at this site, left as it is)",
            "changed": f"{self.subject} differs from the one {schema} installs{self.detail}",
            "disabled": f"{self.subject} is disabled",
            "type": f"{self.subject} has the wrong type{self.detail}",
            "nullable": f"{self.subject} accepts empty values but must always be filled in",
            "not_null": f"{self.subject} refuses empty values but must accept them",
            "unchecked": f"triggers and functions not checked: the list of them describes schema {self.detail}, "
                         f"the database is at {schema}",
        }[self.problem]


def compare(engine: Engine, revision: str | None = None) -> list[SchemaDifference]:
    """Differences between the live schema and this app's, failures first. Empty when all is as expected."""
    from sitcentre.db import expected_schema
    revision = revision or current_revision(engine)
    with engine.connect() as conn:
        live = catalogue.read(conn)
    found = _compare_tables(live, revision, lambda type_: str(type_.compile(dialect=engine.dialect)))
    missing_tables = {d.name for d in found if d.kind == "table" and d.problem == "missing"}
    if expected_schema.REVISION == revision:
        dialect = engine.dialect.name
        found += _compare_triggers(live, expected_schema.TRIGGERS.get(dialect, {}), missing_tables, revision)
        found += _compare_functions(live, expected_schema.FUNCTIONS.get(dialect, {}), revision)
    else:
        found.append(SchemaDifference("manifest", "unchecked", "", revision=revision or "",
                                      detail=expected_schema.REVISION))
    return sorted(found, key=lambda d: not d.failure)


def read_live_schema(engine: Engine) -> LiveSchema:
    with engine.connect() as conn:
        return catalogue.read(conn)


# Parts of the schema that exist on PostgreSQL only and that the ORM does not map (migration 0007: the writing
# transaction of each change_log row, for reading below the xmin watermark): never reported as extra.
PG_ONLY_COLUMNS = {("change_log", "txid")}
PG_ONLY_INDEXES = {("change_log", "ix_change_log_txid")}


def _compare_tables(live: LiveSchema, revision: str | None, ddl_type) -> list[SchemaDifference]:
    rev = revision or ""
    found: list[SchemaDifference] = []
    expected = Base.metadata.tables
    for name in sorted(live.tables - set(expected) - IGNORED_TABLES):
        found.append(SchemaDifference("table", "extra", name, revision=rev))
    expected_indexes: set[tuple[str, str]] = set()
    for name, table in sorted(expected.items()):
        if name not in live.tables:
            found.append(SchemaDifference("table", "missing", name, revision=rev))
            continue
        found += _compare_columns(table, live.columns.get(name, {}), ddl_type, rev)
        for index in sorted(table.indexes, key=lambda i: i.name):
            expected_indexes.add((name, index.name))
            columns = tuple(c.name for c in index.columns)
            got = live.indexes.get((name, index.name))
            if got is None:
                found.append(SchemaDifference("index", "missing", index.name, name, rev))
            elif got != columns:
                found.append(SchemaDifference("index", "changed", index.name, name, rev,
                                              f": it covers ({', '.join(got)}), not ({', '.join(columns)})"))
        found += _compare_rules(table, live, rev)
    for table, index in sorted(set(live.indexes) - expected_indexes - PG_ONLY_INDEXES):
        if table in expected:
            found.append(SchemaDifference("index", "extra", index, table, rev))
    expected_checks = {(t.name, c.name) for t in expected.values() for c in t.constraints
                       if isinstance(c, CheckConstraint) and isinstance(c.name, str)}
    for table, check in sorted(live.checks - expected_checks):
        if table in expected:
            found.append(SchemaDifference("check", "extra", check, table, rev))
    return found


def _compare_rules(table, live: LiveSchema, rev: str) -> list[SchemaDifference]:
    """Unique rules by their columns (whatever index enforces them), named CHECK constraints by name."""
    found = []
    for rule in sorted(table.constraints, key=lambda r: str(r.name)):
        if isinstance(rule, UniqueConstraint):
            columns = tuple(c.name for c in rule.columns)
            if (table.name, columns) not in live.unique:
                found.append(SchemaDifference("unique", "missing", ", ".join(columns), table.name, rev))
        elif isinstance(rule, CheckConstraint) and isinstance(rule.name, str):
            if (table.name, rule.name) not in live.checks:
                found.append(SchemaDifference("check", "missing", rule.name, table.name, rev))
    return found


def _compare_columns(table, live_columns: dict[str, tuple[str, bool]], ddl_type, rev: str):
    found = []
    for column in table.columns:
        got = live_columns.get(column.name)
        if got is None:
            found.append(SchemaDifference("column", "missing", column.name, table.name, rev))
            continue
        family, not_null = got
        expected_family = rough_type(ddl_type(column.type))
        if family != expected_family:
            found.append(SchemaDifference("column", "type", column.name, table.name, rev,
                                          f": {family}, not {expected_family}"))
        if not_null != (not column.nullable):
            found.append(SchemaDifference("column", "nullable" if column.nullable is False else "not_null",
                                          column.name, table.name, rev))
    for name in sorted(set(live_columns) - {c.name for c in table.columns}):
        if (table.name, name) in PG_ONLY_COLUMNS:
            continue
        found.append(SchemaDifference("column", "extra", name, table.name, rev))
    return found


def _compare_triggers(live: LiveSchema, expected: dict[str, tuple[str, str]], missing_tables: set[str],
                      rev: str) -> list[SchemaDifference]:
    found = []
    for name, (table, print_) in sorted(expected.items()):
        got = live.triggers.get(name)
        if got is None:
            if table not in missing_tables:  # a dropped table takes its triggers with it: said once
                found.append(SchemaDifference("trigger", "missing", name, table, rev))
        elif got != (table, print_):
            found.append(SchemaDifference("trigger", "changed", name, table, rev))
        elif name in live.disabled_triggers:
            found.append(SchemaDifference("trigger", "disabled", name, table, rev))
    for name in sorted(set(live.triggers) - set(expected)):
        found.append(SchemaDifference("trigger", "extra", name, live.triggers[name][0], rev))
    return found


def _compare_functions(live: LiveSchema, expected: dict[str, str], rev: str) -> list[SchemaDifference]:
    found = []
    for name, print_ in sorted(expected.items()):
        got = live.functions.get(name)
        if got is None:
            found.append(SchemaDifference("function", "missing", name, revision=rev))
        elif got != print_:
            found.append(SchemaDifference("function", "changed", name, revision=rev))
    for name in sorted(set(live.functions) - set(expected)):
        found.append(SchemaDifference("function", "extra", name, revision=rev))
    return found


def damage_message(failures: list[SchemaDifference], revision: str, backups: str) -> str:
    """One message for the operator: what is missing or wrong, and what to do about it."""
    shown = failures[:4]
    more = f"; and {len(failures) - len(shown)} more (run 'sitcentre db check' for the list)" \
        if len(failures) > len(shown) else ""
    if all(d.problem == "missing" for d in shown):
        them = "it" if len(failures) == 1 else "them"
        what = (f"The database is missing {', '.join(d.subject for d in shown)}{more} "
                f"(schema {revision} expects {them}).")
    else:
        what = f"The database does not match schema {revision}: {'; '.join(d.sentence for d in shown)}{more}."
    return f"{what} Restore it from a backup ({backups}) or ask an administrator."
