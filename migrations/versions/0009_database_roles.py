"""The database enforces who may do what (issue 14): the columns and functions roles need.

audit_log.db_user   the database login that inserted the row (PostgreSQL: set by a BEFORE INSERT trigger to
                    session_user, whatever the client sent, so a row written outside the app still names who
                    wrote it; NULL on SQLite and on rows written before this revision). Part of the row's
                    hash when not NULL (services.audit_chain.chain_hash), so older rows keep their hashes.
users.db_login      the PostgreSQL login role of the account once the database is secured
                    (`sitcentre db secure`): "<database>.<username>"; NULL on SQLite and before.
users.password_change_required
                    the person must set a new password at the next sign-in (accounts moved from a shared
                    login get a one-time password).
site_settings       policy values kept in the database, so the server can enforce them too (key -> value
                    text): db_role_prefix (set by `sitcentre db secure`; absent: roles are not set up),
                    operators_all_posts ('true'/'false', read by the row-level security policy).

PostgreSQL only, and inert until the database is secured (sitcentre_role_prefix() IS NULL: today's
shared-login databases, whose login owns the tables and so bypasses row-level security, behave as before):
trg_incidents_review_guard
                    refuses an INSERT or UPDATE of incidents that verifies, rejects or links a duplicate
                    (status to verified/rejected/duplicate, a status moved away from duplicate, verified_by,
                    verified_at, rejection_reason set, duplicate_of changed) unless the session's login is a
                    supervisor's or an administrator's (or the owner, or a superuser): SQLSTATE 42501.
                    Clearing a review (an edit sends a verified or rejected incident back to 'reported', as
                    services.incidents does for an operator) stays allowed. The exchange applies other sites'
                    reviewed records with the same statements, so on a secured database a supervisor (or an
                    administrator) runs the sync or the bundle import that carries reviewed records; an
                    operator's is refused by the server.
row-level security  on incidents and seizure_lines: every group reads every row; INSERT, UPDATE and DELETE
                    only where sitcentre_may_edit_post(post_id) (the own-post rule of operators_all_posts).
                    The table owner bypasses it (not FORCEd).
trigger functions   that write tables the groups may not write (rollups, change_log, posts' last report,
                    pending_deletes, incident totals and revisions) are SECURITY DEFINER with a fixed
                    search_path, so an operator's insert still keeps them; their two helpers are not
                    executable by PUBLIC.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_PG_DB_USER = """
CREATE FUNCTION sitcentre_audit_db_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.db_user := session_user;
  RETURN NEW;
END $$"""


GROUP_CHECK = "grp IN ('operators', 'supervisors', 'admins')"
_PG_FUNCTIONS = (
    """
CREATE FUNCTION sitcentre_role_prefix() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
  SELECT value FROM site_settings WHERE key = 'db_role_prefix'
$$""",
    """
CREATE FUNCTION sitcentre_in_group(grp text) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_role_prefix();
BEGIN
  IF prefix IS NULL THEN RETURN true; END IF;
  IF NOT (""" + GROUP_CHECK + """) THEN
    RAISE EXCEPTION 'unknown group %', grp USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF session_user = prefix || '_owner' OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
  THEN RETURN true; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = prefix || '_' || grp) THEN RETURN false; END IF;
  RETURN pg_has_role(session_user, prefix || '_' || grp, 'MEMBER');
END $$""",
    """
CREATE FUNCTION sitcentre_may_edit_post(post integer) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF sitcentre_role_prefix() IS NULL
     OR coalesce((SELECT value FROM site_settings WHERE key = 'operators_all_posts'), 'true') <> 'false'
     OR NOT sitcentre_in_group('operators') OR sitcentre_in_group('supervisors') OR sitcentre_in_group('admins')
  THEN RETURN true; END IF;
  RETURN EXISTS (SELECT 1 FROM users WHERE db_login = session_user AND post_id = post);
END $$""",
    # the checks the login functions share: the database is secured, the caller is an administrator,
    # the login is one of this database's person logins, the password came as a SCRAM verifier
    """
CREATE FUNCTION sitcentre_secured_prefix() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_role_prefix();
BEGIN
  IF prefix IS NULL THEN
    RAISE EXCEPTION 'database logins are not set up here: run sitcentre db secure first'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN prefix;
END $$""",
    """
CREATE FUNCTION sitcentre_admin_prefix() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_secured_prefix();
BEGIN
  IF NOT sitcentre_in_group('admins') THEN
    RAISE EXCEPTION 'only an administrator may manage database logins' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN prefix;
END $$""",
    """
CREATE FUNCTION sitcentre_check_login(prefix text, login text, must_exist boolean) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF login IS NULL OR left(login, length(prefix) + 1) <> prefix || '.' OR length(login) <= length(prefix) + 1 THEN
    RAISE EXCEPTION '% is not a person''s login of this database', login USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF octet_length(login) > 63 THEN
    RAISE EXCEPTION 'the name % is too long for a database login', login USING ERRCODE = 'name_too_long';
  END IF;
  IF must_exist AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND NOT rolsuper) THEN
    RAISE EXCEPTION 'there is no database login %', login USING ERRCODE = 'undefined_object';
  END IF;
END $$""",
    """
CREATE FUNCTION sitcentre_check_verifier(verifier text) RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF verifier IS NULL OR verifier !~ '^SCRAM-SHA-256[$]' THEN
    RAISE EXCEPTION 'a password must come as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
  END IF;
END $$""",
    """
CREATE FUNCTION sitcentre_group_role(prefix text, grp text) RETURNS text LANGUAGE plpgsql IMMUTABLE
SET search_path = {schema}, pg_temp AS $$
BEGIN
  IF grp IS NULL OR NOT (""" + GROUP_CHECK + """) THEN
    RAISE EXCEPTION 'unknown group %', grp USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN prefix || '_' || grp;
END $$""",
    """
CREATE FUNCTION sitcentre_create_login(login text, verifier text, grp text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_admin_prefix();
BEGIN
  PERFORM sitcentre_check_login(prefix, login, false);
  PERFORM sitcentre_check_verifier(verifier);
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier, sitcentre_group_role(prefix, grp));
END $$""",
    """
CREATE FUNCTION sitcentre_set_login_group(login text, grp text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_admin_prefix();
  target text;
  other text;
BEGIN
  PERFORM sitcentre_check_login(prefix, login, true);
  target := sitcentre_group_role(prefix, grp);
  FOR other IN SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
               JOIN pg_roles r ON r.oid = m.member
               WHERE r.rolname = login AND g.rolname <> target LOOP
    EXECUTE format('REVOKE %I FROM %I', other, login);
  END LOOP;
  IF NOT pg_has_role(login, target, 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', target, login);
  END IF;
END $$""",
    """
CREATE FUNCTION sitcentre_set_login_enabled(login text, enabled boolean) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_admin_prefix();
BEGIN
  PERFORM sitcentre_check_login(prefix, login, true);
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
END $$""",
    """
CREATE FUNCTION sitcentre_set_login_password(login text, verifier text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_admin_prefix();
BEGIN
  PERFORM sitcentre_check_login(prefix, login, true);
  PERFORM sitcentre_check_verifier(verifier);
  EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
END $$""",
    """
CREATE FUNCTION sitcentre_end_sessions(login text) RETURNS integer LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_admin_prefix();
  ended integer;
BEGIN
  PERFORM sitcentre_check_login(prefix, login, true);
  SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO ended
    FROM pg_stat_activity WHERE usename = login AND pid <> pg_backend_pid();
  RETURN ended;
END $$""",
    """
CREATE FUNCTION sitcentre_set_own_password(verifier text, argon2_hash text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  prefix text := sitcentre_secured_prefix();
BEGIN
  PERFORM sitcentre_check_login(prefix, session_user, true);
  PERFORM sitcentre_check_verifier(verifier);
  UPDATE users SET password_hash = argon2_hash, password_change_required = false WHERE db_login = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no account uses the database login %', session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, verifier);
END $$""",
)
PG_FUNCTION_NAMES = (
    "sitcentre_role_prefix()", "sitcentre_in_group(text)", "sitcentre_may_edit_post(integer)",
    "sitcentre_secured_prefix()", "sitcentre_admin_prefix()", "sitcentre_check_login(text, text, boolean)",
    "sitcentre_check_verifier(text)", "sitcentre_group_role(text, text)",
    "sitcentre_create_login(text, text, text)", "sitcentre_set_login_group(text, text)",
    "sitcentre_set_login_enabled(text, boolean)", "sitcentre_set_login_password(text, text)",
    "sitcentre_end_sessions(text)", "sitcentre_set_own_password(text, text)",
)


_PG_REVIEW_GUARD = """
CREATE FUNCTION sitcentre_incident_review_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = {schema}, pg_temp AS $$
DECLARE
  reviewed CONSTANT text[] := ARRAY['verified', 'rejected', 'duplicate'];
  changes boolean;
BEGIN
  IF sitcentre_role_prefix() IS NULL OR sitcentre_in_group('supervisors') OR sitcentre_in_group('admins') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    changes := NEW.status = ANY (reviewed) OR NEW.verified_by IS NOT NULL OR NEW.verified_at IS NOT NULL
               OR coalesce(NEW.rejection_reason, '') <> '' OR NEW.duplicate_of IS NOT NULL;
  ELSE
    changes := (NEW.status IS DISTINCT FROM OLD.status
                AND (NEW.status = ANY (reviewed) OR OLD.status = 'duplicate'))
               OR (NEW.verified_by IS DISTINCT FROM OLD.verified_by AND NEW.verified_by IS NOT NULL)
               OR (NEW.verified_at IS DISTINCT FROM OLD.verified_at AND NEW.verified_at IS NOT NULL)
               OR (NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason
                   AND coalesce(NEW.rejection_reason, '') <> '')
               OR NEW.duplicate_of IS DISTINCT FROM OLD.duplicate_of;
  END IF;
  IF changes THEN
    RAISE EXCEPTION 'only a supervisor or an administrator may verify or reject an incident or link a duplicate'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$"""
_PG_REVIEW_TRIGGER = ("CREATE TRIGGER trg_incidents_review_guard BEFORE INSERT OR UPDATE ON incidents "
                      "FOR EACH ROW EXECUTE FUNCTION sitcentre_incident_review_guard()")
RLS_TABLES = ("incidents", "seizure_lines")
_PG_POLICIES = (
    "CREATE POLICY p_{table}_read ON {table} FOR SELECT USING (true)",
    "CREATE POLICY p_{table}_insert ON {table} FOR INSERT WITH CHECK (sitcentre_may_edit_post(post_id))",
    "CREATE POLICY p_{table}_update ON {table} FOR UPDATE USING (sitcentre_may_edit_post(post_id)) "
    "WITH CHECK (sitcentre_may_edit_post(post_id))",
    "CREATE POLICY p_{table}_delete ON {table} FOR DELETE USING (sitcentre_may_edit_post(post_id))",
)
# trigger functions (and their helpers) that write tables the groups cannot write: run as their owner
DEFINER_FUNCTIONS = (
    "sitcentre_log_change()", "sitcentre_incident_after()", "sitcentre_line_after()",
    "sitcentre_incident_rev_del()", "sitcentre_line_rev_after()",
    "sitcentre_refresh_incident_totals(uuid)", "sitcentre_refresh_last_report(integer, timestamp with time zone)",
)
NOT_PUBLIC_FUNCTIONS = DEFINER_FUNCTIONS[-2:]  # helpers: called by the triggers only


def _pg_upgrade_enforcement(schema: str) -> None:
    op.execute(_PG_REVIEW_GUARD.replace("{schema}", schema))
    op.execute(_PG_REVIEW_TRIGGER)
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for sql in _PG_POLICIES:
            op.execute(sql.format(table=table))
    for name in DEFINER_FUNCTIONS:
        op.execute(f"ALTER FUNCTION {name} SECURITY DEFINER SET search_path = {schema}, pg_temp")
    for name in NOT_PUBLIC_FUNCTIONS:
        op.execute(f"REVOKE EXECUTE ON FUNCTION {name} FROM PUBLIC")


def _pg_downgrade_enforcement() -> None:
    for name in NOT_PUBLIC_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO PUBLIC")
    for name in DEFINER_FUNCTIONS:
        op.execute(f"ALTER FUNCTION {name} SECURITY INVOKER RESET search_path")
    for table in RLS_TABLES:
        for kind in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY IF EXISTS p_{table}_{kind} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP TRIGGER IF EXISTS trg_incidents_review_guard ON incidents")
    op.execute("DROP FUNCTION IF EXISTS sitcentre_incident_review_guard()")


def _schema() -> str:
    return op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()


def upgrade() -> None:
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.add_column(sa.Column("db_user", sa.String(63)))
    with op.batch_alter_table("users", recreate="never") as batch:
        batch.add_column(sa.Column("db_login", sa.String(63)))
        batch.add_column(sa.Column("password_change_required", sa.Boolean(), nullable=False,
                                   server_default=sa.text("false")))
    op.create_index("ix_users_db_login", "users", ["db_login"], unique=True)
    op.create_table(
        "site_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_DB_USER)
        op.execute("CREATE TRIGGER trg_audit_log_db_user BEFORE INSERT ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION sitcentre_audit_db_user()")
        schema = _schema()
        for sql in _PG_FUNCTIONS:
            op.execute(sql.replace("{schema}", schema))
        _pg_upgrade_enforcement(schema)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade_enforcement()
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_db_user ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS sitcentre_audit_db_user()")
        for name in reversed(PG_FUNCTION_NAMES):
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.drop_table("site_settings")
    op.drop_index("ix_users_db_login", table_name="users")
    with op.batch_alter_table("users", recreate="never") as batch:
        batch.drop_column("password_change_required")
        batch.drop_column("db_login")
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.drop_column("db_user")
