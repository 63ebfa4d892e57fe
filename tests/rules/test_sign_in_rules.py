"""Sign-in through backend.accounts, on an in-memory database: who gets a desk, the one refusal message
whatever was wrong, the lock-out, and the first-start and demo ways in refused once real accounts exist.

Argon2 at the app's cost takes a tenth of a second or more per password: these tests swap in a cheap hasher
(the rules do not depend on its cost; tests/integration/test_auth.py signs in with the real one)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from argon2 import PasswordHasher

from sitcentre.backend import Backend
from sitcentre.domain.accounts import AccountError, LoginRefused
from sitcentre.domain.enums import Role
from sitcentre.services import auth
from tests.rules.world import SETUP, World

PASSWORD = "a long enough secret"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    monkeypatch.setattr(auth, "_dummy_hash", None)  # the unknown-name path hashes with the cheap one too


@pytest.fixture
def accounts(world: World, mem_engine, rule_settings):
    """backend.accounts over the world's database; every account of the template gets PASSWORD."""
    for role in world.actors:
        world.users().set_password(role.value, PASSWORD, actor=SETUP)
    return Backend(mem_engine, replace(rule_settings, login_max_failures=3)).accounts


def _last_audit(world: World, mark: int) -> list[tuple[str, dict | None]]:
    return [(r.action, json.loads(r.after_json) if r.after_json else None) for r in world.audit_since(mark)]


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("typed", ["{}", "  {}  ", "{upper}"])
def test_the_right_password_gives_the_person_s_desk(world: World, accounts, role, typed):
    mark = world.last_audit_id()
    desk = accounts.sign_in(typed.format(role.value, upper=role.value.upper()), PASSWORD)
    assert (desk.actor.id, desk.actor.role, desk.actor.post_id) == (
        world.actors[role].id, role, world.actors[role].post_id)
    assert [action for action, _ in _last_audit(world, mark)] == ["login"]


@pytest.mark.parametrize("case", ["wrong password", "unknown name", "disabled", "no password", "empty"])
def test_every_refusal_says_the_same(world: World, accounts, case):
    name, password = "operator", PASSWORD
    if case == "wrong password":
        password = "not the secret at all"
    elif case == "unknown name":
        name = "nobody"
    elif case == "disabled":
        world.users().disable("operator", actor=SETUP)
    elif case == "no password":
        world.users().add("fresh", Role.OPERATOR, None, actor=SETUP)
        name = "fresh"
    else:
        name, password = "", ""
    mark = world.last_audit_id()
    with pytest.raises(LoginRefused) as refused:
        accounts.sign_in(name, password)
    assert str(refused.value) == str(LoginRefused())
    (action, after), = _last_audit(world, mark)
    assert action == "login_failed"
    assert after["reason"] == {"wrong password": "wrong_password", "unknown name": "unknown_user",
                               "disabled": "disabled", "no password": "no_password",
                               "empty": "unknown_user"}[case]


def test_failures_in_a_row_lock_the_account(world: World, accounts):
    for _ in range(3):  # login_max_failures=3
        with pytest.raises(LoginRefused):
            accounts.sign_in("operator", "not the secret at all")
    mark = world.last_audit_id()
    with pytest.raises(LoginRefused):
        accounts.sign_in("operator", PASSWORD)  # the right one, too late
    assert _last_audit(world, mark)[0][1]["reason"] == "locked"
    world.users().unlock("operator", actor=world.actors[Role.ADMIN])
    assert accounts.sign_in("operator", PASSWORD).actor.username == "operator"


def test_a_success_clears_the_count_of_failures(world: World, accounts):
    for _ in range(2):
        with pytest.raises(LoginRefused):
            accounts.sign_in("operator", "not the secret at all")
    accounts.sign_in("operator", PASSWORD)
    for _ in range(2):
        with pytest.raises(LoginRefused):
            accounts.sign_in("operator", "not the secret at all")
    assert accounts.sign_in("operator", PASSWORD).actor.role == Role.OPERATOR  # not locked: 2 + 2, not 4


def test_the_first_start_and_the_demo_are_refused_once_accounts_exist(world: World, accounts):
    assert accounts.has_users()
    with pytest.raises(AccountError):
        accounts.create_first_admin("chief", PASSWORD)
    with pytest.raises(AccountError):
        accounts.demo_desk()


def test_signing_out_is_audited_for_people_only(world: World, accounts, mem_backend):
    desk = accounts.sign_in("supervisor", PASSWORD)
    mark = world.last_audit_id()
    accounts.sign_out(desk)
    accounts.sign_out(mem_backend.system_desk("cli"))
    assert [(r.action, r.username) for r in world.audit_since(mark)] == [("logout", "supervisor")]
