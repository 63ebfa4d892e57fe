"""The PostgreSQL server itself enforces who may do what on a database secured by `sitcentre db secure` (issue 14).

One database per module is secured with the real service (services.db_secure) and serves as the template of
the databases the writing tests get (a TEMPLATE copy keeps its site_settings, ACLs and policies, and the
roles are cluster-wide, so each copy is secured under the same role names). The local server trusts every
connection: a login connects by putting its name in the address (NOLOGIN is refused even so). Every role
made here is dropped at the end.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, select, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.auth import actor_of
from sitcentre.services.db_secure import DB_SECURED, SecureRefused, SecureResult, secure
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService
from tests.conftest import _pg_execute, _pg_url_for
from tests.integration.helpers import SETTINGS, ids, incident, utc
from tests.integration.people import add_user, audit_rows
from tests.integration.test_cli import cli_env

pytestmark = pytest.mark.pg
INSUFFICIENT_PRIVILEGE = "42501"


@dataclass
class Secured:
    database: str  # the secured database; also the role prefix of every copy
    result: SecureResult
    post_a: int
    post_b: int
    incident_a: uuid.UUID  # reported, at post A (the operator oleg's post)
    incident_b: uuid.UUID  # reported, at post B

    def login(self, username: str) -> str:
        return f"{self.database}.{username}"


def _url(database: str, login: str | None = None) -> str:
    url = make_url(_pg_url_for(database))
    return (url if login is None else url.set(username=login, password=None)).render_as_string(False)


def _drop_roles(prefix: str) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        made = [r for (r,) in conn.execute("SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)",
                                           (prefix + ".",))]
        made += [f"{prefix}_{g}" for g in ("operators", "supervisors", "admins", "owner")]
        for role in made:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture(scope="module")
def secured(pg_template) -> Iterator[Secured]:
    name = f"sc_roles_{uuid.uuid4().hex[:10]}"
    _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        engine = make_engine(_url(name), SETTINGS)
        seed_reference_data(engine)
        posts, subs = ids(engine)
        post_a, post_b = sorted(posts.values())[:2]
        code_a = next(code for code, pid in posts.items() if pid == post_a)
        add_user(engine, SETTINGS, "oleg", Role.OPERATOR, post_code=code_a)
        add_user(engine, SETTINGS, "sasha", Role.SUPERVISOR)
        add_user(engine, SETTINGS, "ada", Role.ADMIN)
        add_user(engine, SETTINGS, "dora", Role.OPERATOR)
        UserService(engine, SETTINGS).disable("dora", actor=SYSTEM)
        sub = next(iter(subs.values()))
        service = IncidentService(engine, SETTINGS)
        a = service.record(incident(post_a, utc(2026, 11, 3, 10), (sub, 2.0, "kg")), actor=SYSTEM)
        b = service.record(incident(post_b, utc(2026, 11, 3, 11), (sub, 3.0, "kg")), actor=SYSTEM)
        result = secure(engine)
        engine.dispose()
        yield Secured(name, result, post_a, post_b, a.id, b.id)
    finally:
        _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _drop_roles(name)


@pytest.fixture
def fresh(secured) -> Iterator[str]:
    """A writable copy of the secured database: its name."""
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{secured.database}"')
    yield name
    _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def as_login(database: str, login: str | None, sql: str, *params) -> list[tuple]:
    with psycopg.connect(make_url(_url(database, login)).render_as_string(False), autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else [(cursor.rowcount,)]


def refused(database: str, login: str, sql: str, *params) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as caught:
        as_login(database, login, sql, *params)
    return caught.value


def cli(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitcentre", "--db", url, *args], cwd=tmp_path,
                          env=cli_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)


def scram_matches(verifier: str, password: str) -> bool:
    """RFC 5802/7677: the verifier's StoredKey is H(HMAC(SaltedPassword, 'Client Key'))."""
    method, rest = verifier.split("$", 1)
    params, keys = rest.split("$")
    iterations, salt = params.split(":")
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return (method == "SCRAM-SHA-256"
            and base64.b64encode(hashlib.sha256(client_key).digest()).decode() == keys.split(":")[0])


# ----------------------------------------------------------------------------------------- what securing made

def test_every_account_got_a_login_in_its_group_with_a_one_time_password(secured):
    db = secured
    assert sorted(db.result.logins_made) == ["ada", "dora", "oleg", "sasha"]
    rows = as_login(db.database, None, """
        SELECT u.username, u.db_login, u.password_change_required, r.rolcanlogin, a.rolpassword,
               (SELECT array_agg(g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                WHERE m.member = r.oid)
        FROM users u JOIN pg_roles r ON r.rolname = u.db_login JOIN pg_authid a ON a.oid = r.oid
        ORDER BY u.username""")
    groups = {"ada": "admins", "dora": "operators", "oleg": "operators", "sasha": "supervisors"}
    for username, login, must_change, can_login, verifier, member_of in rows:
        assert login == db.login(username) and must_change is True
        assert can_login is (username != "dora")  # dora's account is disabled
        assert member_of == [f"{db.database}_{groups[username]}"]
        assert scram_matches(verifier, db.result.logins_made[username])
    owner = as_login(db.database, None, "SELECT r.rolcanlogin, r.rolcreaterole, pg_has_role(r.oid, "
                     "'pg_signal_backend', 'MEMBER'), (SELECT pg_get_userbyid(datdba) FROM pg_database "
                     "WHERE datname = current_database()) FROM pg_roles r WHERE rolname = %s", f"{db.database}_owner")
    assert owner == [(False, True, True, f"{db.database}_owner")]
    not_owned = as_login(db.database, None, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                         "n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> %s",
                         f"{db.database}_owner")
    assert not_owned == [(0,)]


def test_a_second_run_changes_nothing_and_says_so(secured, tmp_path):
    db = secured
    engine = make_engine(_url(db.database), SETTINGS)
    try:
        again = secure(engine)
        assert not again.changed and again.logins_made == {}
        assert [row.action for row in audit_rows(engine, action=DB_SECURED)] == [DB_SECURED]
        [entry] = audit_rows(engine, action=DB_SECURED)
        assert '"logins_made": 4' in entry.after_json and entry.db_user == "postgres"
    finally:
        engine.dispose()
    done = cli(tmp_path, _url(db.database), "db", "secure")
    assert done.returncode == 0, done.stderr
    assert "already secured, nothing changed" in done.stdout and "oleg" not in done.stdout


def test_sqlite_an_existing_passwords_file_and_a_superuser_as_shared_login_are_refused_in_words(secured, tmp_path):
    sqlite = cli(tmp_path, f"sqlite:///{tmp_path / 'post.sqlite'}", "db", "secure")
    assert sqlite.returncode == 3 and "SQLite" in sqlite.stderr and "Traceback" not in sqlite.stderr
    assert not (tmp_path / "post.sqlite").exists()
    existing = tmp_path / "passwords.txt"
    existing.write_text("keep me\n")
    kept = cli(tmp_path, _url(secured.database), "db", "secure", "--passwords-out", str(existing))
    assert kept.returncode == 3 and "exists" in kept.stderr
    assert existing.read_text() == "keep me\n"
    superuser = cli(tmp_path, _url(secured.database), "db", "secure", "--disable-shared-login", "postgres")
    assert superuser.returncode == 3 and "superuser" in superuser.stderr


def test_a_schema_behind_is_refused_and_a_persons_login_never_migrates(fresh, secured, tmp_path):
    as_login(fresh, None, "UPDATE alembic_version SET version_num = '0008'")
    engine = make_engine(_url(fresh), SETTINGS)
    try:
        with pytest.raises(SecureRefused, match="db upgrade"):
            secure(engine)
    finally:
        engine.dispose()
    done = cli(tmp_path, _url(fresh, secured.login("ada")), "db", "upgrade")
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"Only the schema's owner ({secured.database}_owner) upgrades it" in done.stderr
    assert as_login(fresh, None, "SELECT version_num FROM alembic_version") == [("0008",)]


# ------------------------------------------------------------------------------------- an operator's login

@pytest.mark.parametrize("sql", [
    "UPDATE audit_log SET username = 'someone else'",
    "DELETE FROM audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "UPDATE users SET role = 'admin'",
    "CREATE ROLE sitcentre_test_intruder",
])
def test_the_server_refuses_an_operator(secured, sql):
    error = refused(secured.database, secured.login("oleg"), sql)
    assert error.sqlstate == INSUFFICIENT_PRIVILEGE, error


def test_an_operator_cannot_verify_even_with_raw_sql(fresh, secured):
    oleg = secured.login("oleg")
    for sql in ("UPDATE incidents SET status = 'verified' WHERE id = %s",
                "UPDATE incidents SET rejection_reason = 'no' WHERE id = %s",
                "UPDATE incidents SET duplicate_of = id WHERE id = %s"):
        error = refused(fresh, oleg, sql, secured.incident_a)
        assert error.sqlstate == INSUFFICIENT_PRIVILEGE and "supervisor" in str(error)
    assert as_login(fresh, None, "SELECT status FROM incidents WHERE id = %s", secured.incident_a) == [("reported",)]


def test_own_post_rule_an_operator_edits_only_their_posts_incidents(fresh, secured):
    oleg = secured.login("oleg")
    edit = "UPDATE incidents SET narrative = 'edited' WHERE id = %s"
    assert as_login(fresh, oleg, edit, secured.incident_b) == [(1,)]  # every post, while the rule is off
    as_login(fresh, None, "INSERT INTO site_settings (key, value) VALUES ('operators_all_posts', 'false')")
    assert as_login(fresh, oleg, edit, secured.incident_a) == [(1,)]
    as_login(fresh, None, "UPDATE incidents SET narrative = '' WHERE id = %s", secured.incident_b)
    assert as_login(fresh, oleg, edit, secured.incident_b) == [(0,)]  # row-level security hides it from writes
    assert as_login(fresh, oleg, "DELETE FROM seizure_lines WHERE incident_id = %s", secured.incident_b) == [(0,)]
    moved = refused(fresh, oleg, "UPDATE incidents SET post_id = %s WHERE id = %s", secured.post_b,
                    secured.incident_a)
    assert moved.sqlstate == INSUFFICIENT_PRIVILEGE  # new row violates row-level security policy
    assert as_login(fresh, None, "SELECT narrative, post_id FROM incidents WHERE id = %s", secured.incident_b) \
        == [("", secured.post_b)]
    assert as_login(fresh, secured.login("sasha"), edit, secured.incident_b) == [(1,)]  # the rule is operators'


def test_the_own_post_setting_an_administrator_sets_is_the_one_the_server_enforces(fresh, secured, tmp_path):
    """Issue 16 item 3 closes issue 14's gap: `sitcentre settings set operators_all_posts false`, run with an
    administrator's own login, writes the row migration 0009's row-level security reads; an operator's login
    cannot change it (refused, nothing written)."""
    oleg, ada = secured.login("oleg"), secured.login("ada")
    edit = "UPDATE incidents SET narrative = 'edited' WHERE id = %s"
    refusal = cli(tmp_path, _url(fresh, oleg), "settings", "set", "operators_all_posts", "false")
    assert refusal.returncode == 3 and "administrator" in refusal.stderr.lower(), refusal.stderr
    assert as_login(fresh, oleg, edit, secured.incident_b) == [(1,)]  # still every post
    done = cli(tmp_path, _url(fresh, ada), "settings", "set", "operators_all_posts", "false")
    assert done.returncode == 0, done.stderr
    assert as_login(fresh, oleg, edit, secured.incident_b) == [(0,)]  # the server now keeps oleg to his post
    assert as_login(fresh, oleg, edit, secured.incident_a) == [(1,)]
    assert as_login(fresh, None, "SELECT action, db_user FROM audit_log WHERE entity = 'settings' ORDER BY id") \
        == [("refused", oleg), ("update", ada)]  # the refusal is audited too
    back = cli(tmp_path, _url(fresh, ada), "settings", "reset", "operators_all_posts")
    assert back.returncode == 0 and as_login(fresh, oleg, edit, secured.incident_b) == [(1,)]


def test_an_operator_records_an_incident_through_the_service_and_the_rollups_follow(fresh, secured):
    engine = make_engine(_url(fresh, secured.login("oleg")), SETTINGS)
    try:
        with UnitOfWork(engine) as uow:
            oleg = actor_of(uow.session.scalars(select(UserRow).where(UserRow.username == "oleg")).one())
            before = uow.session.execute(text("SELECT coalesce(sum(incidents), 0) FROM daily_incidents "
                                              "WHERE post_id = :p"), {"p": secured.post_a}).scalar_one()
        _, subs = ids(engine)
        saved = IncidentService(engine, SETTINGS).record(
            incident(secured.post_a, utc(2026, 11, 20, 9), (next(iter(subs.values())), 1.5, "kg")), actor=oleg)
        with UnitOfWork(engine) as uow:
            after = uow.session.execute(text("SELECT coalesce(sum(incidents), 0) FROM daily_incidents "
                                             "WHERE post_id = :p"), {"p": secured.post_a}).scalar_one()
            total = uow.session.execute(text("SELECT total_kg FROM incidents WHERE id = :i"),
                                        {"i": saved.id}).scalar_one()
    finally:
        engine.dispose()
    assert after == before + 1 and total == pytest.approx(1.5)
    reader = make_engine(_url(fresh), SETTINGS)
    try:
        [row] = [r for r in audit_rows(reader, action="create", entity="incident") if r.entity_id == str(saved.id)]
    finally:
        reader.dispose()
    assert row.db_user == secured.login("oleg")


def test_a_raw_psql_insert_into_the_audit_trail_names_the_login(fresh, secured):
    login = secured.login("oleg")
    done = subprocess.run(
        ["psql", "-X", "-h", "127.0.0.1", "-U", login, "-d", fresh, "-v", "ON_ERROR_STOP=1", "-Atc",
         "INSERT INTO audit_log (at, username, action, entity, entity_id, before_json, after_json, prev_hash, hash, "
         "db_user) VALUES (now(), 'ada', 'forged', '', '', '', '', '', '', 'someone_else') RETURNING id"],
        capture_output=True, text=True, timeout=30, env={**os.environ, "PGPASSWORD": "unused"})
    assert done.returncode == 0, done.stderr
    row_id = int(done.stdout.split()[0])
    assert as_login(fresh, None, "SELECT db_user FROM audit_log WHERE id = %s", row_id) == [(login,)]


# ------------------------------------------------------------------------------------ supervisor, disabled user

def test_a_supervisor_verifies_through_the_service_but_cannot_manage_users(fresh, secured):
    sasha_login = secured.login("sasha")
    engine = make_engine(_url(fresh, sasha_login), SETTINGS)
    try:
        with UnitOfWork(engine) as uow:
            sasha = actor_of(uow.session.scalars(select(UserRow).where(UserRow.username == "sasha")).one())
        verified = VerificationService(engine, SETTINGS).verify(secured.incident_a, actor=sasha)
    finally:
        engine.dispose()
    assert str(verified.status) == "verified" and verified.verified_by == sasha.id
    for sql in ("CREATE ROLE sitcentre_test_intruder",
                f"SELECT sitcentre_create_login('{secured.database}.x', 'SCRAM-SHA-256$x', 'admins')",
                f"SELECT sitcentre_set_login_group('{secured.login('oleg')}', 'admins')",
                "UPDATE users SET role = 'admin' WHERE username = 'sasha'",
                "UPDATE site_settings SET value = 'x'"):
        assert refused(fresh, sasha_login, sql).sqlstate == INSUFFICIENT_PRIVILEGE, sql


def test_a_disabled_users_login_cannot_connect(secured):
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        as_login(secured.database, secured.login("dora"), "SELECT 1")


# ------------------------------------------------------------------------------------------ the owner migrates

def test_the_owner_downgrades_and_upgrades_the_schema(fresh, secured, tmp_path):
    owner = f"{secured.database}_owner"
    as_login(fresh, None, f'ALTER ROLE "{owner}" LOGIN')
    try:
        engine = make_engine(_url(fresh, owner), SETTINGS)
        try:
            migrate.downgrade(engine, "0008")
            assert migrate.schema_status(engine).current == "0008"
        finally:
            engine.dispose()
        done = cli(tmp_path, _url(fresh, owner), "db", "upgrade")
        assert done.returncode == 0, done.stderr
        assert f"upgraded from 0008 to {migrate.head_revision()}" in done.stdout
        assert as_login(fresh, None, "SELECT count(*) FROM pg_policies WHERE tablename = 'incidents'") == [(4,)]
    finally:
        as_login(fresh, None, f'ALTER ROLE "{owner}" NOLOGIN')


# ----------------------------------------------------------------------- a shared-login database, via the CLI

@pytest.fixture
def shared_login_db(pg_template) -> Iterator[tuple[str, str]]:
    """An unsecured copy whose tables belong to an old shared login (as before issue 14): (database, login)."""
    name = f"sc_shared_{uuid.uuid4().hex[:10]}"
    shared = f"shared_{name}"
    _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        _pg_execute(f'CREATE ROLE "{shared}" LOGIN')
        engine = make_engine(_url(name), SETTINGS)
        seed_reference_data(engine)
        add_user(engine, SETTINGS, "oleg", Role.OPERATOR)
        engine.dispose()
        as_login(name, None, f'ALTER TABLE incidents OWNER TO "{shared}"')
        as_login(name, None, f'GRANT ALL ON users TO "{shared}"')
        yield name, shared
    finally:
        _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _drop_roles(name)
        _pg_execute(f'DROP ROLE IF EXISTS "{shared}"')


def test_the_cli_secures_a_shared_login_database_and_disables_the_shared_login(shared_login_db, tmp_path):
    name, shared = shared_login_db
    out = tmp_path / "first-passwords.txt"
    done = cli(tmp_path, _url(name), "db", "secure", "--passwords-out", str(out), "--disable-shared-login", shared)
    assert done.returncode == 0, done.stderr
    assert f"the shared login {shared} disabled" in done.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [(username, password)] = [line.split(" ") for line in out.read_text().splitlines()]
    assert username == "oleg" and password not in done.stdout
    verifier = as_login(name, None, "SELECT rolpassword FROM pg_authid WHERE rolname = %s", f"{name}.oleg")[0][0]
    assert scram_matches(verifier, password)
    state = as_login(name, None, "SELECT rolcanlogin, (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                     "n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = r.oid), "
                     "has_table_privilege(r.oid, 'users', 'SELECT') FROM pg_roles r WHERE rolname = %s", shared)
    assert state == [(False, 0, False)]
    again = cli(tmp_path, _url(name), "db", "secure", "--disable-shared-login", shared)
    assert again.returncode == 0 and "nothing changed" in again.stdout, again.stdout + again.stderr
