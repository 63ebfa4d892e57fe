"""deploy/setup_centre.sh on the local server (a superuser, trust): a unique database name, the real sitcentre
command. The owner, the groups, the database and the first administrator's login exist and that login works;
a second run changes nothing; a missing password file is refused in words. Everything made is dropped."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.pg

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "setup_centre.sh"


def _su_url(database: str = "postgres") -> str:
    url = os.environ.get("SITCENTRE_TEST_PG_URL")
    if not url:
        pytest.skip("SITCENTRE_TEST_PG_URL is not set")
    return make_url(url).set(drivername="postgresql", database=database).render_as_string(hide_password=False)


def _run(tmp_path: Path, database: str, *extra: str) -> subprocess.CompletedProcess:
    owner_pw, admin_pw = tmp_path / "owner.pw", tmp_path / "admin.pw"
    owner_pw.write_text("owner-password-for-tests\n")
    admin_pw.write_text("admin-password-for-tests\n")
    args = ["bash", str(SCRIPT), "--database", database, "--superuser-url", _su_url(),
            "--owner-password-file", str(owner_pw), "--admin-username", "chief",
            "--admin-password-file", str(admin_pw), "--passwords-out", str(tmp_path / "first.txt"),
            "--sitcentre", f"{sys.executable} -m sitcentre", *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=SCRIPT.parents[1])


@pytest.fixture
def database() -> str:
    name = f"sc_setup_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(_su_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        roles = [r for (r,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s OR rolname LIKE %s",
                                            (f"{name}\\_%", f"{name}.%"))]
        for role in roles:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_script_makes_the_owner_the_groups_the_database_and_a_working_administrator_login(tmp_path, database):
    first = _run(tmp_path, database)
    assert first.returncode == 0, first.stderr + first.stdout
    with psycopg.connect(_su_url(), autocommit=True) as conn:
        roles = dict(conn.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE %s",
                                  (f"{database}%",)).fetchall())
        owner = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
                             (database,)).fetchone()
    assert owner == (f"{database}_owner",)
    assert roles[f"{database}_owner"] is True
    for group in ("operators", "supervisors", "admins"):
        assert roles[f"{database}_{group}"] is False
    login = f"{database}.chief"
    assert roles[login] is True
    with psycopg.connect(_su_url(database), user=login, password="admin-password-for-tests") as conn:
        assert conn.execute("SELECT session_user, sitcentre_in_group('admins')").fetchone() == (login, True)
        assert conn.execute("SELECT role FROM users WHERE db_login = session_user").fetchone() == ("admin",)
    again = _run(tmp_path, database)
    assert again.returncode == 0, again.stderr + again.stdout
    assert "exists" in again.stdout and "made the" not in again.stdout


def test_a_missing_password_file_is_refused_in_words(tmp_path, database):
    done = subprocess.run(["bash", str(SCRIPT), "--database", database, "--superuser-url", _su_url(),
                           "--owner-password-file", str(tmp_path / "none.pw"), "--admin-username", "chief",
                           "--admin-password-file", str(tmp_path / "none.pw"),
                           "--sitcentre", f"{sys.executable} -m sitcentre"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "setup_centre:" in done.stderr and "Traceback" not in done.stderr
    with psycopg.connect(_su_url(), autocommit=True) as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone() is None
