"""PostgreSQL roles of a secured database (issue 14): their names, SCRAM verifiers, and who may do what.

Names are derived from the database name D, so several databases share one server and each test database
gets roles of its own (they are cluster-wide):
  D_owner                   owns every object of the schema; used only by `sitcentre db upgrade` and
                            `sitcentre db secure` (never for daily work)
  D_operators, D_supervisors, D_admins
                            group roles (NOLOGIN) that hold the privileges (`GRANTS` below)
  D.<username>              a person's login (username as stored: NFKC casefolded), member of one group
This module is the only place those names are built.

`GRANTS` is the privilege set each group gets on each table; `grant_statements` turns it into SQL
(`sitcentre db secure` and `sitcentre db upgrade` as the owner run it). Rules a grant cannot express (who
may verify; an operator's own post) are in migration 0009: triggers, row-level security and the
`sitcentre_*` SQL functions.
"""

from __future__ import annotations

from typing import Any

from sitcentre.domain.enums import Role

MAX_IDENTIFIER_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: a longer name would be cut, so it is refused
GROUPS = {Role.OPERATOR: "operators", Role.SUPERVISOR: "supervisors", Role.ADMIN: "admins"}


class LoginNameTooLong(ValueError):
    """The login D.<username> would not fit in a PostgreSQL identifier."""


def owner_name(database: str) -> str:
    return _checked(f"{database}_owner")


def group_name(database: str, role: Role | str) -> str:
    return _checked(f"{database}_{GROUPS[Role(role)]}")


def login_name(database: str, username: str) -> str:
    """`D.<username>`; LoginNameTooLong when longer than 63 bytes ("too long for a database login")."""
    name = f"{database}.{username}"
    if len(name.encode("utf-8")) > MAX_IDENTIFIER_BYTES:
        raise LoginNameTooLong(
            f"The user name '{username}' is too long for a database login on '{database}' "
            f"(at most {MAX_IDENTIFIER_BYTES - len(database.encode('utf-8')) - 1} bytes)."
        )
    return name


def _checked(name: str) -> str:
    if len(name.encode("utf-8")) > MAX_IDENTIFIER_BYTES:
        raise LoginNameTooLong(f"The database name makes the role name '{name}' longer than 63 bytes.")
    return name


def scram_verifier(connection: Any, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of `password` for `login`, computed here so the plain password never
    reaches the server (nor its logs). `connection`: a psycopg connection, an SQLAlchemy Connection or
    Session bound to PostgreSQL."""
    raw = _psycopg_connection(connection)
    return raw.pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"),
                                       b"scram-sha-256").decode("ascii")


def _psycopg_connection(connection: Any) -> Any:
    if hasattr(connection, "pgconn"):
        return connection
    if hasattr(connection, "get_bind"):  # SQLAlchemy Session
        return connection.connection().connection.dbapi_connection
    if hasattr(connection, "connection"):  # SQLAlchemy Connection
        return connection.connection.dbapi_connection
    raise TypeError("scram_verifier needs a PostgreSQL connection")


OPERATORS, SUPERVISORS, ADMINS = "operators", "supervisors", "admins"
_EXCHANGE_WRITE = {OPERATORS: "INSERT, UPDATE, DELETE", SUPERVISORS: "INSERT, UPDATE, DELETE"}
_RECORD_WRITE = {OPERATORS: "INSERT, UPDATE", SUPERVISORS: "INSERT, UPDATE, DELETE"}
# table -> group -> privileges beyond SELECT (every group reads every table). Tables kept by triggers
# (daily_*, change_log, posts' last report) need none: their trigger functions run as the owner.
GRANTS: dict[str, dict[str, str]] = {
    "countries": {ADMINS: "INSERT, UPDATE"},
    "posts": {SUPERVISORS: "UPDATE", ADMINS: "INSERT, UPDATE"},
    "substances": {ADMINS: "INSERT, UPDATE"},
    "substance_aliases": {ADMINS: "INSERT, UPDATE, DELETE"},
    "users": {ADMINS: "INSERT, UPDATE"},
    "incidents": _RECORD_WRITE,
    "seizure_lines": {OPERATORS: "INSERT, UPDATE, DELETE", SUPERVISORS: "INSERT, UPDATE, DELETE"},
    "incident_counters": {OPERATORS: "INSERT, UPDATE", SUPERVISORS: "INSERT, UPDATE"},
    "daily_seizures": {},
    "daily_incidents": {},
    "change_log": {},
    "audit_log": {OPERATORS: "INSERT", SUPERVISORS: "INSERT", ADMINS: "INSERT"},
    "post_status_history": {SUPERVISORS: "INSERT"},
    "alerts": {OPERATORS: "INSERT, UPDATE", SUPERVISORS: "INSERT, UPDATE"},
    "installation": {},
    "trusted_keys": {SUPERVISORS: "INSERT, UPDATE, DELETE", ADMINS: "INSERT, UPDATE, DELETE"},
    "record_versions": _EXCHANGE_WRITE,
    "pending_deletes": _EXCHANGE_WRITE,
    "feed_entries": _EXCHANGE_WRITE,
    "feed_cursors": _EXCHANGE_WRITE,
    "bundles_received": _EXCHANGE_WRITE,
    "conflicts": _EXCHANGE_WRITE,
    "audit_remote": _EXCHANGE_WRITE,
    "exchange_links": {SUPERVISORS: "INSERT, UPDATE, DELETE", ADMINS: "INSERT, UPDATE, DELETE"},
    "site_settings": {ADMINS: "INSERT, UPDATE, DELETE"},  # DELETE: a setting reset to its default
    "sheet_imports": {OPERATORS: "INSERT", SUPERVISORS: "INSERT"},  # 0010: operators import logs
    "published_statistics": {SUPERVISORS: "INSERT"},  # supervisors import published statistics
    "alembic_version": {},
}


def grant_statements(database: str, schema: str, tables: list[str], sequences: dict[str, list[str]]) -> list[str]:
    """SQL that leaves each group exactly the privileges of `GRANTS` on `tables` (those of the schema) and
    USAGE on the sequences of the tables it inserts into (`sequences`: table -> its sequences). PUBLIC and
    every other role keep none. A table missing from GRANTS (added by a later migration) is readable only."""
    groups = [_quote(group_name(database, role)) for role in GROUPS]
    everyone = ", ".join(groups)
    sql = [f"REVOKE ALL ON ALL TABLES IN SCHEMA {_quote(schema)} FROM PUBLIC, {everyone}",
           f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_quote(schema)} FROM PUBLIC, {everyone}",
           f"GRANT USAGE ON SCHEMA {_quote(schema)} TO {everyone}",
           f"GRANT CONNECT ON DATABASE {_quote(database)} TO {everyone}",  # a server may refuse it to PUBLIC
           f"REVOKE CREATE ON SCHEMA {_quote(schema)} FROM PUBLIC"]
    for table in sorted(tables):
        target = f"{_quote(schema)}.{_quote(table)}"
        sql.append(f"GRANT SELECT ON {target} TO {everyone}")
        for group, privileges in GRANTS.get(table, {}).items():
            grantee = _quote(f"{database}_{group}")
            sql.append(f"GRANT {privileges} ON {target} TO {grantee}")
            if "INSERT" in privileges:
                sql.extend(f"GRANT USAGE ON SEQUENCE {_quote(schema)}.{_quote(seq)} TO {grantee}"
                           for seq in sequences.get(table, []))
    return sql


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


# ------------------------------------------------------------------------------ ownership and privileges
# (run by `sitcentre db secure` and by `sitcentre db upgrade` on a secured database; `conn`: an SQLAlchemy
# Connection or Session on PostgreSQL, inside the caller's transaction)

def secured_prefix(conn: Any) -> str | None:
    """D when the database is secured (site_settings.db_role_prefix), else None (also before 0009, on SQLite)."""
    from sqlalchemy import text

    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    if bind.dialect.name != "postgresql":
        return None
    if conn.execute(text("SELECT to_regclass('site_settings')")).scalar() is None:
        return None
    return conn.execute(text("SELECT value FROM site_settings WHERE key = 'db_role_prefix'")).scalar()


def may_migrate(conn: Any, prefix: str) -> bool:
    """Only the schema's owner D_owner (or a superuser) changes the schema of a secured database."""
    from sqlalchemy import text

    return bool(conn.execute(text("SELECT session_user = :owner OR rolsuper FROM pg_roles "
                                  "WHERE rolname = session_user"), {"owner": owner_name(prefix)}).scalar())


def schema_objects(conn: Any) -> tuple[str, list[str], dict[str, list[str]]]:
    """(schema, its tables, table -> the sequences its columns own) of the current schema."""
    from sqlalchemy import text

    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    tables = list(conn.execute(text("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') ORDER BY 1"),
                               {"s": schema}).scalars())
    sequences: dict[str, list[str]] = {}
    for table, seq in conn.execute(text(
            "SELECT t.relname, s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
            "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = s.relnamespace "
            "WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') AND n.nspname = :s ORDER BY 1, 2"), {"s": schema}):
        sequences.setdefault(table, []).append(seq)
    return schema, tables, sequences


def move_ownership(conn: Any, database: str) -> int:
    """Make D_owner own the database, the schema and its tables, free sequences, views and functions (the
    sequences of a table follow it). Needs a superuser. Returns how many objects changed hands."""
    from sqlalchemy import text

    owner = owner_name(database)
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    moved = 0
    if conn.execute(text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
                    ).scalar_one() != owner:
        conn.execute(text(f"ALTER DATABASE {_quote(database)} OWNER TO {_quote(owner)}"))
        moved += 1
    if conn.execute(text("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = :s"),
                    {"s": schema}).scalar_one() != owner:
        conn.execute(text(f"ALTER SCHEMA {_quote(schema)} OWNER TO {_quote(owner)}"))
        moved += 1
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    rows = conn.execute(text(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = :s AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> :o "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass "
        "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND c.relkind = 'S') "
        "ORDER BY c.relkind DESC, c.relname"), {"s": schema, "o": owner}).all()
    for name, kind in rows:
        conn.execute(text(f"ALTER {kinds[kind]} {_quote(schema)}.{_quote(name)} OWNER TO {_quote(owner)}"))
        moved += 1
    functions = conn.execute(text(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = :s AND pg_get_userbyid(p.proowner) <> :o ORDER BY 1"), {"s": schema, "o": owner}).scalars()
    for signature in list(functions):
        conn.execute(text(f"ALTER FUNCTION {signature} OWNER TO {_quote(owner)}"))
        moved += 1
    return moved


def privileges_snapshot(conn: Any) -> str:
    """The access lists of the schema and its objects (to tell whether granting changed anything)."""
    from sqlalchemy import text

    return conn.execute(text(
        "SELECT coalesce(n.nspacl::text, '') || (SELECT string_agg(c.relname || '=' || coalesce(c.relacl::text, ''), "
        "';' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = n.oid) "
        "FROM pg_namespace n WHERE n.nspname = current_schema()")).scalar_one()


def apply_grants(conn: Any, database: str) -> None:
    """Run grant_statements over the schema as it is now (new tables of a later migration included)."""
    from sqlalchemy import text

    schema, tables, sequences = schema_objects(conn)
    for sql in grant_statements(database, schema, tables, sequences):
        conn.execute(text(sql))
