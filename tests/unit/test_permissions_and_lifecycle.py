"""The roles x actions table and the incident lifecycle rules, without a database."""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import IncidentStatus as St
from sitcentre.domain.enums import Role
from sitcentre.domain.lifecycle import status_after_edit, status_for_new
from sitcentre.domain.permissions import PERMISSIONS, SYSTEM, Action, Actor, PermissionDenied, Policy, require
from sitcentre.domain.validation import ValidationError
from tests.permission_matrix import ADM, EXPECTED_MATRIX, OP, SUP  # written out by hand, not read from PERMISSIONS


def actor(role: Role, post_id: int | None = None) -> Actor:
    return Actor(id=1, username=role.value, role=role, post_id=post_id)




def test_the_matrix_written_out_names_every_action_and_only_those():
    assert set(EXPECTED_MATRIX) == {a.value for a in Action} and set(Role) == {OP, SUP, ADM}


@pytest.mark.parametrize("role", [OP, SUP, ADM])
@pytest.mark.parametrize("action", sorted(EXPECTED_MATRIX))
def test_require_allows_exactly_the_written_out_matrix(role, action):
    who, what = actor(Role(role)), Action(action)
    if role in EXPECTED_MATRIX[action]:
        require(who, what)
        assert who.can(what)
    else:
        with pytest.raises(PermissionDenied) as denied:
            require(who, what)
        assert denied.value.action == what and not who.can(what)


def test_operators_may_not_delete_incidents():
    with pytest.raises(PermissionDenied, match="Operators cannot delete incidents"):
        require(actor(Role.OPERATOR), Action.INCIDENT_DELETE)


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_require_follows_the_table(role, action):
    assert PERMISSIONS[action] == {Role(r) for r in EXPECTED_MATRIX[action.value]}
    if role in PERMISSIONS[action]:
        require(actor(role), action)
        assert actor(role).can(action)
    else:
        with pytest.raises(PermissionDenied) as denied:
            require(actor(role), action)
        assert denied.value.action == action and not actor(role).can(action)


def test_the_system_may_do_everything():
    for action in Action:
        require(SYSTEM, action, post_id=5, policy=Policy(operators_all_posts=False))


def test_the_post_scope_applies_to_operators_incident_actions_only():
    own_post = Policy(operators_all_posts=False)
    operator = actor(Role.OPERATOR, post_id=3)
    require(operator, Action.INCIDENT_CREATE, post_id=3, policy=own_post)
    with pytest.raises(PermissionDenied, match="own post"):
        require(operator, Action.INCIDENT_EDIT, post_id=4, policy=own_post)
    require(operator, Action.ALERT_SEND, post_id=4, policy=own_post)
    require(actor(Role.SUPERVISOR), Action.INCIDENT_EDIT, post_id=4, policy=own_post)
    require(operator, Action.INCIDENT_EDIT, post_id=4)  # the default: every post


@pytest.mark.parametrize("before, requested, can_verify, after", [
    (St.DRAFT, St.REPORTED, False, St.REPORTED),
    (St.REPORTED, St.DRAFT, False, St.DRAFT),
    (St.VERIFIED, St.VERIFIED, False, St.REPORTED),
    (St.VERIFIED, St.VERIFIED, True, St.VERIFIED),
    (St.REJECTED, St.REJECTED, False, St.REPORTED),
    (St.REJECTED, St.REJECTED, True, St.REJECTED),
    (St.DUPLICATE, St.DUPLICATE, False, St.DUPLICATE),
])
def test_what_an_edit_does_to_the_status(before, requested, can_verify, after):
    assert status_after_edit(before, requested, can_verify) == after


@pytest.mark.parametrize("before, requested", [
    (St.REPORTED, St.VERIFIED), (St.DRAFT, St.REJECTED), (St.REPORTED, St.DUPLICATE),
    (St.VERIFIED, St.REPORTED), (St.DUPLICATE, St.REPORTED), (St.REJECTED, St.VERIFIED),
])
def test_an_edit_cannot_do_a_review_s_work(before, requested):
    with pytest.raises(ValidationError):
        status_after_edit(before, requested, can_verify=True)


def test_a_new_incident_is_a_draft_or_reported():
    assert status_for_new(St.DRAFT) == St.DRAFT and status_for_new(St.REPORTED) == St.REPORTED
    for status in (St.VERIFIED, St.REJECTED, St.DUPLICATE):
        with pytest.raises(ValidationError):
            status_for_new(status)
