"""Every role against every action, through the services, on an in-memory database: an allowed action takes
effect and audits no refusal; a refused one raises PermissionDenied in words the person can act on, changes no
row of any table and leaves exactly one 'refused' audit row naming the action, the account and the message.

(tests/integration/test_permissions.py runs the same matrix on SQLite files and PostgreSQL.)"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import update

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import PERMISSIONS, Action, Actor, PermissionDenied
from tests.permission_matrix import EXPECTED_MATRIX  # written out by hand, not read from PERMISSIONS
from tests.rules.world import CALLS, ROLES, World


def test_every_action_has_a_call_under_test():
    assert set(CALLS) == set(Action) == set(PERMISSIONS)
    assert set(EXPECTED_MATRIX) == {a.value for a in Action}


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_each_role_may_or_may_not_take_each_action(world: World, action, role):
    actor, call = world.actors[role], CALLS[action]
    prepared = call.prepare(world)
    mark, before = world.last_audit_id(), world.snapshot()
    if role in EXPECTED_MATRIX[action.value]:
        result = call.act(world, actor, prepared)
        assert call.took_effect(world, prepared, result)
        assert world.refusals_since(mark) == []
        return
    with pytest.raises(PermissionDenied) as denied:
        call.act(world, actor, prepared)
    message = str(denied.value)
    assert message.endswith(".") and "cannot" in message and "ask" in message
    assert denied.value.action == action
    rows = world.audit_since(mark)
    assert [(r.action, r.user_id, r.username) for r in rows] == [("refused", actor.id, actor.username)]
    after = json.loads(rows[0].after_json)
    assert (after["action"], after["message"], after["role"]) == (action.value, message, role.value)
    assert world.snapshot() == before  # no row of any table moved (change_log included)


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_the_desk_offers_what_the_service_allows(desks, action, role):
    assert desks[role].can(action) == (role.value in EXPECTED_MATRIX[action.value])


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_the_system_desk_may_do_everything(desks, action):
    assert desks[None].can(action) and desks[None].actor.system


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_the_system_may_take_every_action(world: World, action):
    call = CALLS[action]
    prepared = call.prepare(world)
    mark = world.last_audit_id()
    result = call.act(world, Actor.system_actor("rules"), prepared)
    assert call.took_effect(world, prepared, result)
    assert world.refusals_since(mark) == []


@pytest.mark.parametrize("action, role, words", [
    (Action.INCIDENT_VERIFY, Role.OPERATOR, "Operators cannot verify or reject incidents: ask a supervisor."),
    (Action.INCIDENT_CREATE, Role.ADMIN, "Administrators cannot record incidents: ask an operator or a supervisor."),
    (Action.INCIDENT_DELETE, Role.OPERATOR, "Operators cannot delete incidents: ask a supervisor."),
    (Action.USER_MANAGE, Role.OPERATOR, "Operators cannot manage user accounts: ask an administrator."),
    (Action.USER_MANAGE, Role.SUPERVISOR, "Supervisors cannot manage user accounts: ask an administrator."),
    (Action.AUDIT_VIEW, Role.OPERATOR, "Operators cannot view the audit trail: ask a supervisor or an "
                                       "administrator."),
    (Action.POST_SET_STATUS, Role.ADMIN, "Administrators cannot change a post's operational status: ask a "
                                         "supervisor."),
    (Action.ALERT_SEND, Role.ADMIN, "Administrators cannot send alerts: ask an operator or a supervisor."),
])
def test_refusal_messages_name_who_may_do_it(world: World, action, role, words):
    call = CALLS[action]
    prepared = call.prepare(world)
    with pytest.raises(PermissionDenied) as denied:
        call.act(world, world.actors[role], prepared)
    assert str(denied.value) == words


def _set_account(world: World, actor: Actor, **values) -> None:
    with UnitOfWork(world.engine, write=True) as uow:
        uow.session.execute(update(UserRow).where(UserRow.id == actor.id).values(**values))
        uow.commit()


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("action", [Action.INCIDENT_CREATE, Action.INCIDENT_EDIT, Action.INCIDENT_VERIFY,
                                    Action.USER_MANAGE, Action.AUDIT_VIEW, Action.POST_SET_STATUS,
                                    Action.ALERT_SEND], ids=str)
def test_an_account_disabled_since_sign_in_can_do_nothing(world: World, action, role):
    actor, call = world.actors[role], CALLS[action]
    prepared = call.prepare(world)
    _set_account(world, actor, disabled=True)
    mark, before = world.last_audit_id(), world.snapshot()
    with pytest.raises(PermissionDenied, match="disabled or removed since you signed in"):
        call.act(world, actor, prepared)
    assert [r.action for r in world.audit_since(mark)] == ["refused"]
    assert world.snapshot() == before


def test_an_account_removed_since_sign_in_can_do_nothing(world: World):
    ghost = Actor(id=999_999, username="ghost", role=Role.SUPERVISOR)
    base = world.saved()
    with pytest.raises(PermissionDenied, match="disabled or removed"):
        world.verify(base, ghost)
    assert world.get(base.id) == base


@pytest.mark.parametrize("action, allowed", [
    (Action.INCIDENT_VERIFY, False), (Action.INCIDENT_DELETE, False), (Action.INCIDENT_EDIT, True),
    (Action.ALERT_SEND, True),
])
def test_the_role_an_account_has_now_decides_not_the_one_at_sign_in(world: World, action, allowed):
    """A supervisor demoted to operator after signing in keeps a supervisor's Actor but an operator's powers."""
    signed_in = world.actors[Role.SUPERVISOR]
    _set_account(world, signed_in, role=Role.OPERATOR.value)
    call = CALLS[action]
    prepared = call.prepare(world)
    if allowed:
        assert call.took_effect(world, prepared, call.act(world, signed_in, prepared))
        return
    with pytest.raises(PermissionDenied, match="^Operators cannot"):
        call.act(world, signed_in, prepared)


def test_an_operator_promoted_since_sign_in_may_verify(world: World):
    signed_in = world.actors[Role.OPERATOR]
    _set_account(world, signed_in, role=Role.SUPERVISOR.value)
    base = world.saved()
    assert world.verify(base, signed_in).verified_by == signed_in.id


def test_a_role_this_version_does_not_know_has_no_powers(world: World):
    signed_in = world.actors[Role.SUPERVISOR]
    _set_account(world, signed_in, role="auditor")
    with pytest.raises(PermissionDenied, match="Accounts without a role cannot"):
        world.verify(world.saved(), signed_in)


def test_an_edit_by_a_refused_actor_leaves_the_incident_as_it_was(world: World):
    base = world.saved()
    with pytest.raises(PermissionDenied):
        world.update(replace(base, narrative="admin was here"), world.actors[Role.ADMIN])
    assert world.get(base.id) == base
