"""Defect 3 of issue 9: a signed-in Actor carries the role it had at sign-in; every action must be judged by
the role (and post) the database holds now, so a demoted user loses their powers at the next action."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sitcentre.domain.enums import IncidentStatus, Role
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.services.audit import AuditFilter, AuditService
from sitcentre.services.auth import AccountError, authenticate
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import change_status
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService
from tests.integration.helpers import SETTINGS, ids, incident, utc
from tests.integration.people import PASSWORD, add_user, audit_rows, audit_since, last_audit_id, test_settings


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path)


def test_a_supervisor_demoted_by_an_admin_is_refused_at_the_next_action(engine, settings):
    posts, _ = ids(engine)
    add_user(engine, settings, "sam", Role.SUPERVISOR, password=PASSWORD)
    sam = authenticate(engine, "sam", PASSWORD, settings)
    change_status(engine, posts["KG-KSU"], "limited", "Scanner broken",
                  actor=sam, settings=SETTINGS)  # still a supervisor: allowed

    UserService(engine, settings).set_role("sam", Role.OPERATOR, actor=SYSTEM)
    with pytest.raises(PermissionDenied, match="Operators cannot change a post's operational status"):
        change_status(engine, posts["KG-KSU"], "operational", "Scanner fixed", actor=sam, settings=SETTINGS)


def test_the_refusal_of_a_demoted_user_is_audited_with_the_role_they_have_now(engine, settings):
    posts, _ = ids(engine)
    sam = add_user(engine, settings, "sam", Role.SUPERVISOR)
    UserService(engine, settings).set_role("sam", Role.OPERATOR, actor=SYSTEM)
    before = last_audit_id(engine)
    with pytest.raises(PermissionDenied):
        change_status(engine, posts["KG-KSU"], "offline", "Flood", actor=sam, settings=SETTINGS)
    (refused,) = audit_since(engine, before)
    assert (refused.action, refused.username, refused.user_id) == ("refused", "sam", sam.id)
    assert json.loads(refused.after_json)["role"] == "operator"


def test_a_demoted_supervisor_can_no_longer_delete_an_incident(engine, settings):
    posts, subs = ids(engine)
    sam = add_user(engine, settings, "sam", Role.SUPERVISOR)
    service = IncidentService(engine, settings)
    saved = service.record(incident(posts["KG-KSU"], utc(2024, 3, 1, 10), (subs["heroin"], 2, "kg")), actor=sam)
    UserService(engine, settings).set_role("sam", Role.OPERATOR, actor=SYSTEM)
    with pytest.raises(PermissionDenied, match="Operators cannot delete incidents"):
        service.delete(saved.id, actor=sam)
    assert [r.entity_id for r in audit_rows(engine, action="delete")] == []


def test_an_edit_by_a_demoted_supervisor_sends_a_verified_incident_back_to_reported(engine, settings):
    posts, subs = ids(engine)
    sam = add_user(engine, settings, "sam", Role.SUPERVISOR)
    service = IncidentService(engine, settings)
    saved = service.record(incident(posts["KG-KSU"], utc(2024, 3, 1, 10), (subs["heroin"], 2, "kg")), actor=sam)
    verified = VerificationService(engine, settings).verify(saved.id, actor=sam)
    UserService(engine, settings).set_role("sam", Role.OPERATOR, actor=SYSTEM)
    edited = service.update(replace(verified, narrative="Corrected by an operator now"), actor=sam)
    assert edited.status == IncidentStatus.REPORTED  # as any operator's edit of a reviewed incident


def test_an_operator_promoted_to_supervisor_may_act_at_once(engine, settings):
    posts, _ = ids(engine)
    olga = add_user(engine, settings, "olga", Role.OPERATOR)
    UserService(engine, settings).set_role("olga", Role.SUPERVISOR, actor=SYSTEM)
    change_status(engine, posts["KG-KSU"], "limited", "Generator only", actor=olga, settings=SETTINGS)
    assert [r.username for r in audit_rows(engine, action="post_status")] == ["olga"]


def test_an_admin_demoted_to_operator_can_no_longer_manage_accounts(engine, settings):
    add_user(engine, settings, "root", Role.ADMIN)
    anna = add_user(engine, settings, "anna", Role.ADMIN)
    UserService(engine, settings).set_role("anna", Role.OPERATOR, actor=SYSTEM)
    with pytest.raises(PermissionDenied, match="Operators cannot manage user accounts"):
        UserService(engine, settings).add("mallory", Role.ADMIN, None, actor=anna)
    with pytest.raises(PermissionDenied):
        AuditService(engine, settings).entries(AuditFilter(), actor=anna)


def test_an_operator_moved_to_another_post_is_limited_to_the_new_post(engine, tmp_path):
    settings = test_settings(tmp_path, operators_all_posts=False)
    posts, subs = ids(engine)
    olga = add_user(engine, settings, "olga", Role.OPERATOR, post_code="KG-KSU")
    UserService(engine, settings).set_role("olga", Role.OPERATOR, post_code="TJ-ISH", actor=SYSTEM)
    service = IncidentService(engine, settings)
    with pytest.raises(PermissionDenied, match="of your own post only"):
        service.record(incident(posts["KG-KSU"], utc(2024, 3, 1, 10), (subs["heroin"], 2, "kg")), actor=olga)
    service.record(incident(posts["TJ-ISH"], utc(2024, 3, 1, 10), (subs["heroin"], 2, "kg")), actor=olga)


def test_a_disabled_account_cannot_change_its_own_password(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    olga = authenticate(engine, "olga", PASSWORD, settings)
    UserService(engine, settings).disable("olga", actor=SYSTEM)
    before = last_audit_id(engine)
    with pytest.raises(AccountError, match="disabled"):
        UserService(engine, settings).change_own_password(PASSWORD, "another long secret", actor=olga)
    assert [r.action for r in audit_since(engine, before)] == ["refused"]
    UserService(engine, settings).enable("olga", actor=SYSTEM)
    authenticate(engine, "olga", PASSWORD, settings)  # the old password still works: nothing was changed
