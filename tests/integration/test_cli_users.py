"""`sitcentre user add|passwd|disable|list` and `sitcentre audit verify`, run as real processes: plain
one-line errors, exit codes 0 done, 1 audit trail broken, 2 database problem, 3 cannot be done as asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.domain.enums import Role
from sitcentre.services.auth import LoginRefused, authenticate
from tests.integration.people import audit_rows, test_settings
from tests.integration.test_cli import assert_fails_plainly, cli_env

SECRET = "a long enough secret"


def cli(tmp_path: Path, db_url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitcentre", "--db", db_url, *args], cwd=tmp_path,
                          env=cli_env(tmp_path), input=stdin if stdin is not None else "", capture_output=True,
                          text=True, timeout=120, check=False)


def add(tmp_path, db_url, name, role="operator", *extra, password=SECRET) -> subprocess.CompletedProcess:
    return cli(tmp_path, db_url, "user", "add", name, "--role", role, *extra, "--password-stdin",
               stdin=password + "\n")


def test_user_add_then_sign_in_with_the_password_from_stdin(tmp_path, engine, db_url):
    result = add(tmp_path, db_url, "Olga", "operator", "--post", "kg-ksu")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "added operator 'olga' at post KG-KSU"
    actor = authenticate(engine, "olga", SECRET, test_settings(tmp_path))
    assert actor.role == Role.OPERATOR and actor.post_id is not None
    [created] = audit_rows(engine, action="create")
    assert created.username.startswith("cli:") and created.entity == "user"


def test_user_list_shows_role_post_and_state(tmp_path, engine, db_url):
    assert add(tmp_path, db_url, "olga", "operator", "--post", "KG-KSU").returncode == 0
    assert add(tmp_path, db_url, "sam", "supervisor").returncode == 0
    assert cli(tmp_path, db_url, "user", "disable", "sam").returncode == 0
    listed = cli(tmp_path, db_url, "user", "list")
    assert listed.returncode == 0, listed.stderr
    lines = [line.split() for line in listed.stdout.splitlines()]
    assert lines == [["user", "role", "post", "status"], ["olga", "operator", "KG-KSU", "active"],
                     ["sam", "supervisor", "-", "disabled"]]


def test_user_passwd_changes_the_password(tmp_path, engine, db_url):
    settings = test_settings(tmp_path)
    assert add(tmp_path, db_url, "olga").returncode == 0
    changed = cli(tmp_path, db_url, "user", "passwd", "olga", "--password-stdin", stdin="another long secret\n")
    assert changed.returncode == 0, changed.stderr
    assert authenticate(engine, "olga", "another long secret", settings).username == "olga"
    with pytest.raises(LoginRefused):
        authenticate(engine, "olga", SECRET, settings)


def test_a_disabled_user_cannot_sign_in(tmp_path, engine, db_url):
    assert add(tmp_path, db_url, "olga").returncode == 0
    result = cli(tmp_path, db_url, "user", "disable", "olga")
    assert result.returncode == 0 and "disabled" in result.stdout
    with pytest.raises(LoginRefused):
        authenticate(engine, "olga", SECRET, test_settings(tmp_path))


@pytest.mark.parametrize("args, stdin, words", [
    (["user", "passwd", "nobody", "--password-stdin"], SECRET + "\n", "no account named 'nobody'"),
    (["user", "disable", "nobody"], "", "no account named 'nobody'"),
    (["user", "add", "olga", "--role", "operator", "--password-stdin"], "short\n", "too short"),
    (["user", "add", "olga", "--role", "operator", "--password-stdin"], "\n", "no password was given"),
    (["user", "add", "olga", "--role", "operator", "--post", "XX-NOPE", "--password-stdin"], SECRET + "\n",
     "no post with the code 'XX-NOPE'"),
    (["user", "add", "olga", "--role", "operator"], "", "--password-stdin"),  # no terminal to ask on
    (["user", "add", "bad name", "--role", "operator", "--password-stdin"], SECRET + "\n", "cannot be a user name"),
], ids=["passwd-unknown", "disable-unknown", "weak-password", "empty-password", "unknown-post", "no-terminal",
        "bad-name"])
def test_requests_that_cannot_be_done_are_one_line_and_exit_code_3(tmp_path, engine, db_url, args, stdin, words):
    assert_fails_plainly(cli(tmp_path, db_url, *args, stdin=stdin), 3, words)


def test_adding_an_existing_user_is_refused(tmp_path, engine, db_url):
    assert add(tmp_path, db_url, "olga").returncode == 0
    assert_fails_plainly(add(tmp_path, db_url, "OLGA"), 3, "already an account named 'olga'")


def test_a_look_alike_of_an_existing_name_is_refused_with_exit_code_3(tmp_path, engine, db_url):
    assert add(tmp_path, db_url, "admin", "admin").returncode == 0
    assert_fails_plainly(add(tmp_path, db_url, "\u0430dmin", "admin"), 3, "looks like the existing account 'admin'")


def test_disable_names_the_account_it_found_under_another_spelling(tmp_path, engine, db_url):
    assert add(tmp_path, db_url, "admin", "admin").returncode == 0
    assert add(tmp_path, db_url, "olga").returncode == 0
    result = cli(tmp_path, db_url, "user", "disable", "\uff2f\uff2c\uff27\uff21")  # fullwidth OLGA
    assert (result.returncode, result.stdout.strip()) == (0, "'olga' disabled"), result.stderr


@pytest.mark.parametrize("args", [["user", "add", "olga", "--role", "boss"], ["user", "add", "olga"],
                                  ["user", "frobnicate"], ["audit"]], ids=["bad-role", "no-role", "bad-action",
                                                                          "no-action"])
def test_bad_usage_of_the_new_commands_is_exit_code_3(tmp_path, args):
    result = cli(tmp_path, "sqlite:///" + str(tmp_path / "never.sqlite"), *args)
    assert_fails_plainly(result, 3, "sitcentre --help")


def test_the_commands_need_a_current_schema(tmp_path):
    empty = "sqlite:///" + str(tmp_path / "empty.sqlite")
    assert_fails_plainly(cli(tmp_path, empty, "user", "list"), 2, "run 'sitcentre db upgrade'")
    assert_fails_plainly(cli(tmp_path, empty, "audit", "verify"), 2, "run 'sitcentre db upgrade'")


def test_audit_verify_passes_then_finds_the_row_edited_behind_the_triggers_back(tmp_path, engine, db_url):
    for name in ("olga", "sam", "ivan"):
        assert add(tmp_path, db_url, name).returncode == 0
    intact = cli(tmp_path, db_url, "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert intact.stdout.startswith("audit trail intact: 3 rows")
    target = audit_rows(engine)[1].id
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER trg_audit_log_no_upd"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only"))
        conn.execute(text("UPDATE audit_log SET username = 'someone else' WHERE id = :id"), {"id": target})
    broken = cli(tmp_path, db_url, "audit", "verify")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"BROKEN at row {target}" in broken.stdout and "Traceback" not in broken.stdout + broken.stderr
