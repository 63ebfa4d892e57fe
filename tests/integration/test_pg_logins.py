"""Accounts on a secured PostgreSQL database are server logins (issue 14): `user add` makes the login `D.<name>`
in its role's group in the account's transaction; a role change moves it; disable makes it NOLOGIN and ends
its open sessions; enable gives LOGIN back; `user passwd` sets its SCRAM-SHA-256 verifier; and the server
itself refuses account management to a login that is not an administrator's.

The local test server trusts every local connection, so a login "can connect" here whatever its password
(password checks are in test_db_login.py, on a private cluster), but NOLOGIN is refused even under trust.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, select, text

from sitcentre.db.engine import make_engine
from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.services.auth import AccountError, actor_of, authenticate
from sitcentre.services.users import UserService
from tests.integration.people import audit_rows, test_settings
from tests.integration.test_cli import cli_env

pytestmark = pytest.mark.pg
SECRET = "a long enough secret"


# ----------------------------------------------------------------------------------------------- fixture

@dataclass
class SecuredDatabase:
    database: str
    admin_url: str  # the superuser's address of the secured copy

    def url(self, login: str | None = None) -> str:
        url = make_url(self.admin_url)
        return (url if login is None else url.set(username=login, password=None)).render_as_string(False)

    def conninfo(self, login: str | None = None) -> str:
        return make_url(self.url(login)).set(drivername="postgresql").render_as_string(False)

    @contextmanager
    def engine(self, login: str | None = None):
        engine = make_engine(self.url(login), test_settings(Path("/nonexistent")))
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture
def secured_db(pg_template) -> Iterator[SecuredDatabase]:
    """A copy of the migrated test database with reference data, secured by `sitcentre db secure`'s service
    (owner, groups, ownership, grants, db_role_prefix); dropped with every role it made."""
    from sitcentre.services.db_secure import secure
    from sitcentre.services.demo import seed_reference_data
    from tests.conftest import _pg_execute, _pg_url_for

    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    db = SecuredDatabase(name, _pg_url_for(name))
    try:
        with db.engine() as engine:
            seed_reference_data(engine)
            assert secure(engine).changed
        yield db
    finally:
        _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with psycopg.connect(make_url(db.conninfo()).set(database="postgres").render_as_string(False),
                             autocommit=True) as conn:
            made = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)",
                                               (name,))]
            for role in sorted(made, key=lambda r: r.startswith(name + "_")):  # logins first, then groups
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


# ----------------------------------------------------------------------------------------------- helpers

def cli(tmp_path: Path, url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitcentre", "--db", url, *args], cwd=tmp_path,
                          env=cli_env(tmp_path), input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


def server(db: SecuredDatabase, sql: str, **params):
    """One statement as the superuser, its rows."""
    with psycopg.connect(db.conninfo(), autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def role_state(db: SecuredDatabase, login: str) -> tuple[bool, list[str]] | None:
    """(can log in, the groups it is a member of), or None when there is no such role."""
    rows = server(db, "SELECT r.rolcanlogin, coalesce(array_agg(g.rolname ORDER BY g.rolname) "
                      "FILTER (WHERE g.rolname IS NOT NULL), '{}') FROM pg_roles r "
                      "LEFT JOIN pg_auth_members m ON m.member = r.oid LEFT JOIN pg_roles g ON g.oid = m.roleid "
                      "WHERE r.rolname = %(login)s GROUP BY r.rolcanlogin", login=login)
    return None if not rows else (rows[0][0], list(rows[0][1]))


def verifier_of(db: SecuredDatabase, login: str) -> str:
    return server(db, "SELECT rolpassword FROM pg_authid WHERE rolname = %(login)s", login=login)[0][0]


def scram_matches(verifier: str, password: str) -> bool:
    """RFC 5802/7677: the verifier's StoredKey is H(HMAC(SaltedPassword, 'Client Key'))."""
    method, rest = verifier.split("$", 1)
    params, keys = rest.split("$")
    iterations, salt = params.split(":")
    stored_key = keys.split(":")[0]
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return method == "SCRAM-SHA-256" and base64.b64encode(hashlib.sha256(client_key).digest()).decode() == stored_key


def session_user_as(db: SecuredDatabase, login: str) -> str:
    with psycopg.connect(db.conninfo(login)) as conn:
        return conn.execute("SELECT session_user").fetchone()[0]


def account(engine, name: str) -> UserRow:
    with UnitOfWork(engine) as uow:
        row = uow.session.scalars(select(UserRow).where(UserRow.username == name)).one()
        uow.session.expunge(row)
    return row


# ----------------------------------------------------------------------------------------------- tests

def test_user_add_makes_a_login_in_the_role_group_that_can_connect(tmp_path, secured_db):
    db = secured_db
    result = cli(tmp_path, db.url(), "user", "add", "Olga", "--role", "operator", "--post", "KG-KSU",
                 "--password-stdin", stdin=SECRET + "\n")
    assert result.returncode == 0, result.stderr
    login = f"{db.database}.olga"
    assert role_state(db, login) == (True, [f"{db.database}_operators"])
    assert scram_matches(verifier_of(db, login), SECRET) and not scram_matches(verifier_of(db, login), "other")
    assert session_user_as(db, login) == login
    with db.engine() as engine:
        row = account(engine, "olga")
        assert row.db_login == login
        assert row.password_hash.startswith("$argon2id$")  # kept for signing in offline at a post
        [created] = audit_rows(engine, action="create", entity="user")
        assert created.username.startswith("cli:")  # the superuser's command acts as the system


def test_a_user_name_too_long_for_a_login_is_refused_in_words_and_nothing_is_made(secured_db, tmp_path):
    db = secured_db
    name = "a" * (63 - len(db.database))  # with the dot, one byte over
    with db.engine() as engine:
        with pytest.raises(AccountError, match="too long for a database login"):
            UserService(engine, test_settings(tmp_path)).add(name, Role.OPERATOR, SECRET, actor=SYSTEM)
        with UnitOfWork(engine) as uow:
            assert uow.session.scalar(select(UserRow.id).where(UserRow.username == name)) is None


def test_a_login_left_on_the_server_refuses_the_account_and_keeps_no_row(secured_db, tmp_path):
    db = secured_db
    server(db, f'CREATE ROLE "{db.database}.olga" NOLOGIN')
    with db.engine() as engine:
        with pytest.raises(AccountError, match="already has a login named"):
            UserService(engine, test_settings(tmp_path)).add("olga", Role.OPERATOR, SECRET, actor=SYSTEM)
        with UnitOfWork(engine) as uow:  # the row was inserted first, then rolled back with the failed login
            assert uow.session.scalar(select(UserRow.id).where(UserRow.username == "olga")) is None
    assert role_state(db, f"{db.database}.olga") == (False, [])


def test_a_disabled_user_cannot_connect_and_its_open_session_is_ended(secured_db, tmp_path):
    db = secured_db
    login = f"{db.database}.olga"
    with db.engine() as engine:
        users = UserService(engine, test_settings(tmp_path))
        users.add("olga", Role.OPERATOR, SECRET, actor=SYSTEM)
        open_session = psycopg.connect(db.conninfo(login), autocommit=True)
        assert open_session.execute("SELECT session_user").fetchone()[0] == login
        users.disable("olga", actor=SYSTEM)
        assert role_state(db, login) == (False, [f"{db.database}_operators"])
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")  # its backend was terminated
        open_session.close()
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            psycopg.connect(db.conninfo(login)).close()
        users.enable("olga", actor=SYSTEM)
        assert session_user_as(db, login) == login
        assert [r.action for r in audit_rows(engine, entity="user")][-2:] == ["disable", "enable"]


def test_a_role_change_moves_the_login_and_the_server_privileges_follow(secured_db, tmp_path):
    db = secured_db
    login = f"{db.database}.olga"
    with db.engine() as engine:
        users = UserService(engine, test_settings(tmp_path))
        users.add("olga", Role.OPERATOR, SECRET, actor=SYSTEM)
        assert not _server_says_supervisor(db, login)
        users.set_role("olga", Role.SUPERVISOR, actor=SYSTEM)
        assert role_state(db, login) == (True, [f"{db.database}_supervisors"])
        assert _server_says_supervisor(db, login)
        users.set_role("olga", "admin", actor=SYSTEM)
        assert role_state(db, login) == (True, [f"{db.database}_admins"])


def _server_says_supervisor(db: SecuredDatabase, login: str) -> bool:
    """The server's own test of a supervisor (the one its verification trigger uses), asked as the login."""
    with psycopg.connect(db.conninfo(login)) as conn:
        return conn.execute("SELECT sitcentre_in_group('supervisors')").fetchone()[0]


def test_user_passwd_sets_the_server_password_and_the_argon2_hash(secured_db, tmp_path):
    db = secured_db
    login = f"{db.database}.olga"
    settings = test_settings(tmp_path)
    assert cli(tmp_path, db.url(), "user", "add", "olga", "--role", "operator", "--password-stdin",
               stdin=SECRET + "\n").returncode == 0
    changed = cli(tmp_path, db.url(), "user", "passwd", "olga", "--password-stdin", stdin="another long secret\n")
    assert changed.returncode == 0, changed.stderr
    assert scram_matches(verifier_of(db, login), "another long secret")
    assert not scram_matches(verifier_of(db, login), SECRET)
    with db.engine() as engine:
        assert authenticate(engine, "olga", "another long secret", settings).username == "olga"


def test_an_account_without_a_password_gets_a_login_nobody_can_guess(secured_db, tmp_path):
    db = secured_db
    with db.engine() as engine:
        UserService(engine, test_settings(tmp_path)).add("olga", Role.OPERATOR, None, actor=SYSTEM)
        assert account(engine, "olga").password_hash is None
    verifier = verifier_of(db, f"{db.database}.olga")
    assert verifier.startswith("SCRAM-SHA-256$") and not scram_matches(verifier, "")


def test_a_supervisors_login_is_refused_by_the_server_when_the_app_check_is_skipped(secured_db, tmp_path):
    db = secured_db
    settings = test_settings(tmp_path)
    with db.engine() as engine:
        UserService(engine, settings).add("sam", Role.SUPERVISOR, SECRET, actor=SYSTEM)
    with db.engine(f"{db.database}.sam") as as_sam:
        refused = "database server refused this for your database login .permission denied for table users"
        with pytest.raises(PermissionDenied, match=refused):
            # SYSTEM passes every app check: only the server stands in the way
            UserService(as_sam, settings).add("mallory", Role.ADMIN, SECRET, actor=SYSTEM)
        with pytest.raises(PermissionDenied, match=refused):
            UserService(as_sam, settings).set_role("sam", Role.ADMIN, actor=SYSTEM)
        with as_sam.connect() as conn, pytest.raises(Exception, match="only an administrator may manage"):
            conn.execute(text("SELECT sitcentre_create_login(:l, 'SCRAM-SHA-256$4096:x$y:z', 'admins')"),
                         {"l": f"{db.database}.mallory"})
    assert role_state(db, f"{db.database}.mallory") is None
    assert role_state(db, f"{db.database}.sam") == (True, [f"{db.database}_supervisors"])
    with db.engine() as engine:
        with UnitOfWork(engine) as uow:
            assert uow.session.scalar(select(UserRow.id).where(UserRow.username == "mallory")) is None
        refused = audit_rows(engine, action="refused")
        assert refused and refused[-1].db_user == f"{db.database}.sam"


def test_the_cli_acts_as_the_account_of_its_login(secured_db, tmp_path):
    db = secured_db
    with db.engine() as engine:
        UserService(engine, test_settings(tmp_path)).add("anna", Role.ADMIN, SECRET, actor=SYSTEM)
        UserService(engine, test_settings(tmp_path)).add("sam", Role.SUPERVISOR, SECRET, actor=SYSTEM)
    as_anna = db.url(f"{db.database}.anna")
    added = cli(tmp_path, as_anna, "user", "add", "olga", "--role", "operator", "--password-stdin",
                stdin=SECRET + "\n")
    assert added.returncode == 0, added.stderr
    assert role_state(db, f"{db.database}.olga") == (True, [f"{db.database}_operators"])
    with db.engine() as engine:
        created = audit_rows(engine, action="create", entity="user")[-1]
        assert (created.username, created.db_user) == ("anna", f"{db.database}.anna")
    refused = cli(tmp_path, db.url(f"{db.database}.sam"), "user", "add", "ivan", "--role", "operator",
                  "--password-stdin", stdin=SECRET + "\n")
    assert refused.returncode == 3 and "Traceback" not in refused.stderr
    assert "Supervisors cannot" in refused.stderr and "administrator" in refused.stderr
    assert role_state(db, f"{db.database}.ivan") is None


def test_the_cli_refuses_a_login_that_is_no_accounts(secured_db, tmp_path):
    db = secured_db
    stranger = f"{db.database}_stranger"
    server(db, f'CREATE ROLE "{stranger}" LOGIN IN ROLE "{db.database}_admins"')
    try:
        result = cli(tmp_path, db.url(stranger), "user", "list")
    finally:
        server(db, f'DROP ROLE "{stranger}"')
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"'{stranger}' is not the login of any account" in result.stderr


def test_a_person_changes_their_own_password_through_their_login(secured_db, tmp_path):
    db = secured_db
    login = f"{db.database}.olga"
    settings = test_settings(tmp_path)
    with db.engine() as engine:
        UserService(engine, settings).add("olga", Role.OPERATOR, SECRET, actor=SYSTEM)
    with db.engine(login) as as_olga:
        with UnitOfWork(as_olga) as uow:
            me = actor_of(uow.session.scalars(select(UserRow).where(UserRow.db_login == login)).one())
        UserService(as_olga, settings).change_own_password(SECRET, "my very own secret", actor=me)
    assert scram_matches(verifier_of(db, login), "my very own secret")
    with db.engine() as engine:
        assert authenticate(engine, "olga", "my very own secret", settings).username == "olga"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT password_change_required FROM users WHERE db_login = :l"),
                                {"l": login}).scalar() is False
