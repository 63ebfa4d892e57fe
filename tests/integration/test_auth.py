"""Sign-in: Argon2id hashes, one refusal for every wrong part, lock-out, first admin, demo supervisor."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from sqlalchemy import select, text

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import utcnow
from sitcentre.services import auth
from sitcentre.services.audit import verify_chain
from sitcentre.services.auth import AccountError, LoginRefused, authenticate
from sitcentre.services.users import UserService
from tests.integration.people import PASSWORD, add_user, audit_rows, test_settings


def stored_hash(engine, username: str) -> str:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(UserRow.password_hash).where(UserRow.username == username))


def refusal_of(engine, settings, username: str, password: str, **kw) -> str:
    with pytest.raises(LoginRefused) as refused:
        authenticate(engine, username, password, settings, **kw)
    return str(refused.value)


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path, login_max_failures=3, login_lockout_minutes=10)


# --- hashing --------------------------------------------------------------------------------------------------

def test_passwords_are_stored_as_argon2id_with_at_least_the_owasp_minimum(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    stored = stored_hash(engine, "olga")
    assert PASSWORD not in stored
    variant, version, params, salt, digest = stored.split("$")[1:]
    assert variant == "argon2id" and version == "v=19"
    values = dict(part.split("=") for part in params.split(","))
    assert int(values["m"]) >= 19456 and int(values["t"]) >= 2 and int(values["p"]) == 1
    parsed = extract_parameters(stored)
    assert parsed.type is Type.ID and parsed.memory_cost >= 19456 and parsed.time_cost >= 2
    assert parsed.parallelism == 1 and parsed.salt_len >= 16 and parsed.hash_len >= 32


def test_the_same_password_hashes_differently_each_time():
    assert auth.hash_password(PASSWORD) != auth.hash_password(PASSWORD)


def test_a_hash_made_with_weaker_parameters_is_upgraded_at_the_next_sign_in(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash(PASSWORD)
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET password_hash = :h WHERE username = 'olga'"), {"h": weak})
    authenticate(engine, "olga", PASSWORD, settings)
    assert extract_parameters(stored_hash(engine, "olga")).memory_cost == auth.ARGON2_MEMORY_KIB


# --- signing in -----------------------------------------------------------------------------------------------

def test_the_right_password_signs_in_and_is_audited(engine, settings):
    made = add_user(engine, settings, " Olga ", Role.OPERATOR, post_code="KG-KSU", password=PASSWORD)
    actor = authenticate(engine, "OLGA", PASSWORD, settings)
    assert (actor.id, actor.username, actor.role, actor.post_id) == (made.id, "olga", Role.OPERATOR, made.post_id)
    assert not actor.system and not actor.demo
    login = audit_rows(engine, action="login")
    assert [(r.username, r.user_id, r.entity, r.entity_id) for r in login] == [("olga", made.id, "user", str(made.id))]


def test_every_refusal_says_the_same_thing_whatever_was_wrong(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    add_user(engine, settings, "gone", Role.OPERATOR, password=PASSWORD)
    add_user(engine, settings, "nopass", Role.OPERATOR)
    UserService(engine, settings).disable("gone", actor=SYSTEM)
    messages = {
        "wrong_password": refusal_of(engine, settings, "olga", "not the password"),
        "unknown_user": refusal_of(engine, settings, "nobody", PASSWORD),
        "disabled": refusal_of(engine, settings, "gone", PASSWORD),
        "no_password": refusal_of(engine, settings, "nopass", ""),
        "empty": refusal_of(engine, settings, "", ""),
    }
    assert set(messages.values()) == {auth.REFUSED_MESSAGE}
    for word in ("user name", "password"):
        assert word in auth.REFUSED_MESSAGE
    reasons = [json.loads(r.after_json)["reason"] for r in audit_rows(engine, action="login_failed")]
    assert reasons == ["wrong_password", "unknown_user", "disabled", "no_password", "unknown_user"]


def test_repeated_failures_lock_the_account_for_the_configured_time(engine, settings):
    made = add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    now = utcnow()
    for _ in range(settings.login_max_failures):
        refusal_of(engine, settings, "olga", "guess", now=now)
    # Locked: the right password is refused too, with the very same words.
    assert refusal_of(engine, settings, "olga", PASSWORD, now=now + timedelta(minutes=9)) == auth.REFUSED_MESSAGE
    failed = [json.loads(r.after_json) for r in audit_rows(engine, action="login_failed")]
    assert [f["failed_logins"] for f in failed[:2]] == [1, 2]
    assert failed[2]["locked_until"] is not None and failed[2]["reason"] == "wrong_password"
    assert failed[3] == {"reason": "locked", "locked_until": failed[2]["locked_until"]}
    assert all(r.user_id == made.id for r in audit_rows(engine, action="login_failed"))
    # After the lock-out the right password works again and clears the count.
    actor = authenticate(engine, "olga", PASSWORD, settings, now=now + timedelta(minutes=11))
    assert actor.id == made.id
    with UnitOfWork(engine) as uow:
        row = uow.session.get(UserRow, made.id)
        assert (row.failed_logins, row.locked_until) == (0, None)


def test_the_lock_out_threshold_is_a_setting(engine, tmp_path):
    strict = test_settings(tmp_path, login_max_failures=1, login_lockout_minutes=60)
    add_user(engine, strict, "olga", Role.OPERATOR, password=PASSWORD)
    refusal_of(engine, strict, "olga", "guess")
    refusal_of(engine, strict, "olga", PASSWORD)
    assert [json.loads(r.after_json)["reason"] for r in audit_rows(engine, action="login_failed")] == \
        ["wrong_password", "locked"]


def test_a_success_before_the_limit_starts_the_count_again(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    for _ in range(settings.login_max_failures - 1):
        refusal_of(engine, settings, "olga", "guess")
    authenticate(engine, "olga", PASSWORD, settings)
    for _ in range(settings.login_max_failures - 1):
        refusal_of(engine, settings, "olga", "guess")
    assert authenticate(engine, "olga", PASSWORD, settings).username == "olga"


def test_an_administrator_unlocks_an_account(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    for _ in range(settings.login_max_failures):
        refusal_of(engine, settings, "olga", "guess")
    UserService(engine, settings).unlock("olga", actor=SYSTEM)
    assert authenticate(engine, "olga", PASSWORD, settings).username == "olga"
    assert len(audit_rows(engine, action="unlock")) == 1


# --- first start and demo -------------------------------------------------------------------------------------

def test_the_first_start_creates_the_first_administrator_once(engine, settings):
    assert not auth.has_users(engine)
    admin = auth.create_first_admin(engine, "Chief", PASSWORD, "Chief of the centre", settings=settings)
    assert admin.role == Role.ADMIN and admin.username == "chief" and admin.id is not None
    assert auth.has_users(engine)
    assert authenticate(engine, "chief", PASSWORD, settings).id == admin.id
    with pytest.raises(AccountError, match="already exists"):
        auth.create_first_admin(engine, "intruder", PASSWORD, settings=settings)
    assert [r.action for r in audit_rows(engine)][:2] == ["create", "login"]
    assert "password" not in audit_rows(engine, action="create")[0].after_json


@pytest.mark.parametrize("password, words", [("short", "too short"), ("chief", "too short"),
                                             ("          x", ""), ("Chief     ", "user name")])
def test_a_weak_first_password_is_refused_with_the_reason(engine, settings, password, words):
    if not words:  # long enough, not blank, not the name: accepted
        auth.create_first_admin(engine, "chief", password, settings=test_settings(settings.data_dir,
                                                                                   password_min_length=5))
        return
    with pytest.raises(AccountError, match=words):
        auth.create_first_admin(engine, "chief", password,
                                settings=test_settings(settings.data_dir, password_min_length=6))
    assert not auth.has_users(engine)


@pytest.mark.parametrize("name", ["a", "two words", "x" * 65, "semi;colon"])
def test_a_user_name_must_be_plain(engine, settings, name):
    with pytest.raises(AccountError, match="cannot be a user name"):
        auth.create_first_admin(engine, name, PASSWORD, settings=settings)


def test_the_demo_supervisor_signs_in_without_a_password_and_only_on_a_demo_database(engine, settings):
    first = auth.ensure_demo_user(engine)
    again = auth.ensure_demo_user(engine)
    assert first == again and first.role == Role.SUPERVISOR and first.demo and first.username == "demo"
    assert stored_hash(engine, "demo") is None
    assert refusal_of(engine, settings, "demo", "") == auth.REFUSED_MESSAGE  # no password sign-in for it
    assert [r.action for r in audit_rows(engine, username="demo")] == ["create", "login", "login", "login_failed"]
    add_user(engine, settings, "olga", Role.OPERATOR)
    with pytest.raises(AccountError, match="only for a demo database"):
        auth.ensure_demo_user(engine)


def test_a_user_changes_their_own_password_giving_the_current_one(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    olga = authenticate(engine, "olga", PASSWORD, settings)
    users = UserService(engine, settings)
    with pytest.raises(AccountError, match="current password"):
        users.change_own_password("wrong", "another long secret", actor=olga)
    users.change_own_password(PASSWORD, "another long secret", actor=olga)
    assert authenticate(engine, "olga", "another long secret", settings).id == olga.id
    refusal_of(engine, settings, "olga", PASSWORD)
    assert verify_chain(engine) is None
