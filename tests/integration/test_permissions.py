"""Every role against every action, at the service level: allowed actions happen, refused ones raise
PermissionDenied with a clear message, change nothing and leave exactly one committed 'refused' audit row."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import IncidentStatus, Role, Unit
from sitcentre.domain.permissions import PERMISSIONS, Action, Actor, PermissionDenied
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services.alerts import acknowledge_alert, send_alert
from sitcentre.services.audit import AuditService
from sitcentre.services.duplicates import DuplicateService
from sitcentre.services.guard import authorize
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import change_status
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService
from sitcentre.settings import Settings
from tests.integration.helpers import SETTINGS, ids, incident, utc
from tests.integration.people import add_user, audit_rows, audit_since, last_audit_id, test_settings
from tests.permission_matrix import EXPECTED_MATRIX  # written out by hand, not read from PERMISSIONS

ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)



@dataclass
class World:
    engine: object
    settings: Settings
    posts: dict[str, int]
    subs: dict[str, int]
    actors: dict[Role, Actor]
    base: object  # a reported incident at KG-KSU
    twin: object  # the same seizure reported again
    alert_id: object  # an alert from the centre to KG-KSU, waiting

    def get(self, incident_id):
        with UnitOfWork(self.engine) as uow:
            return IncidentRepository(uow.session).get(incident_id)


def make_world(engine, settings: Settings) -> World:
    posts, subs = ids(engine)
    actors = {role: add_user(engine, settings, role.value, role, "KG-KSU" if role == Role.OPERATOR else None)
              for role in ROLES}
    record = IncidentService(engine, settings).record
    base = record(incident(posts["KG-KSU"], utc(2026, 5, 1, 8), (subs["heroin"], 20, Unit.KG)),
                  actor=Actor.system_actor("setup"))
    twin = record(incident(posts["KG-KSU"], utc(2026, 5, 1, 9), (subs["heroin"], 19, Unit.KG)),
                  actor=Actor.system_actor("setup"))
    alert = send_alert(engine, Alert("Please check the truck", None, posts["KG-KSU"]),
                       actor=Actor.system_actor("centre"), settings=SETTINGS)
    return World(engine, settings, posts, subs, actors, base, twin, alert.id)


@pytest.fixture
def world(engine, tmp_path) -> World:
    return make_world(engine, test_settings(tmp_path))


# Each action as the service call a UI would make, and a check that it took effect.
def _create(w: World, a: Actor):
    new = incident(w.posts["KG-KSU"], utc(2026, 5, 2, 8), (w.subs["hashish"], 3, Unit.KG))
    IncidentService(w.engine, w.settings).record(new, actor=a)
    return lambda: w.get(new.id) is not None


def _edit(w: World, a: Actor):
    IncidentService(w.engine, w.settings).update(replace(w.base, narrative="corrected"), actor=a)
    return lambda: w.get(w.base.id).narrative == "corrected"


def _delete(w: World, a: Actor):
    IncidentService(w.engine, w.settings).delete(w.base.id, actor=a)
    return lambda: w.get(w.base.id) is None


def _verify(w: World, a: Actor):
    VerificationService(w.engine, w.settings).verify(w.base.id, actor=a)
    return lambda: w.get(w.base.id).status == IncidentStatus.VERIFIED


def _link(w: World, a: Actor):
    DuplicateService(w.engine, w.settings).link(w.twin.id, w.base.id, actor=a)
    return lambda: w.get(w.twin.id).duplicate_of == w.base.id


def _manage_users(w: World, a: Actor):
    UserService(w.engine, w.settings).add("newbie", Role.OPERATOR, None, actor=a)
    users = UserService(w.engine, w.settings)
    return lambda: any(u.username == "newbie" for u in users.list(actor=w.actors[Role.ADMIN]))


def _view_audit(w: World, a: Actor):
    rows = AuditService(w.engine, w.settings).entries(actor=a)
    return lambda: len(rows) > 0


def _set_post_status(w: World, a: Actor):
    change_status(w.engine, w.posts["KG-KSU"], "limited", "Scanner under repair", actor=a, settings=SETTINGS)
    return lambda: _post_status(w) == "limited"


def _post_status(w: World) -> str:
    with UnitOfWork(w.engine) as uow:
        return ReferenceRepository(uow.session).post(w.posts["KG-KSU"]).status.value


def _send_alert(w: World, a: Actor):
    sent = send_alert(w.engine, Alert("Truck heading your way", w.posts["KG-KSU"], w.posts["KG-DOS"]),
                      actor=a, settings=SETTINGS)
    return lambda: sent.sent_by == a.username


def _acknowledge_alert(w: World, a: Actor):
    done = acknowledge_alert(w.engine, w.alert_id, actor=a, settings=SETTINGS)
    return lambda: done.acknowledged_by == a.username


def _trust_key(w: World, a: Actor):
    from sitcentre.exchange import signing
    from sitcentre.services import keys

    _, public = signing.generate()
    info = signing.KeyInfo(signing.key_id(public), public, "KG-KSU", "post", "pending")
    done = keys.trust(w.engine, info, actor=a)
    def trusted() -> bool:
        with UnitOfWork(w.engine) as uow:
            return done.state == "trusted" and keys.key_info(uow.session, info.key_id).state == "trusted"

    return trusted


def _import_sheet(kind: str):
    """An import of a one-row spreadsheet (the rule tests' file: tests.rules.world.one_row_sheet)."""

    def run(w: World, a: Actor):
        from sitcentre.services.sheet_import import import_sheet
        from tests.rules.world import one_row_sheet

        path, mapping = one_row_sheet(kind)
        result = import_sheet(w.engine, w.settings, path, mapping, actor=a)
        return lambda: result.counts.added == 1

    return run


def _change_settings(w: World, a: Actor):
    from sitcentre.services import site_settings

    site_settings.set_value(w.engine, w.settings, "report_red_hours", "96", actor=a)
    return lambda: site_settings.stored(w.engine) == {"report_red_hours": "96"}


def _authorize(action: Action):
    """Actions whose services call guard.authorize first (post status, exchange, alerts, brief export)."""

    def run(w: World, a: Actor):
        authorize(w.engine, a, action, post_id=w.posts["KG-KSU"], entity="post", entity_id=w.posts["KG-KSU"],
                  settings=w.settings)
        return lambda: True

    return run


CALLS = {
    Action.INCIDENT_CREATE: _create,
    Action.INCIDENT_EDIT: _edit,
    Action.INCIDENT_DELETE: _delete,
    Action.INCIDENT_VERIFY: _verify,
    Action.INCIDENT_LINK_DUPLICATE: _link,
    Action.USER_MANAGE: _manage_users,
    Action.AUDIT_VIEW: _view_audit,
    Action.POST_SET_STATUS: _set_post_status,
    Action.ALERT_SEND: _send_alert,
    Action.ALERT_ACKNOWLEDGE: _acknowledge_alert,
    Action.EXCHANGE_TRUST_KEY: _trust_key,
    Action.SHEET_IMPORT_INCIDENTS: _import_sheet("incidents"),
    Action.SHEET_IMPORT_STATISTICS: _import_sheet("statistics"),
    Action.SETTINGS_MANAGE: _change_settings,
    **{action: _authorize(action) for action in (
        Action.POST_MANAGE, Action.EXCHANGE_IMPORT, Action.EXCHANGE_EXPORT, Action.EXCHANGE_RESOLVE_CONFLICT,
        Action.REPORT_EXPORT)},
}


def test_every_action_has_a_service_call_under_test():
    assert set(CALLS) == set(Action) == set(PERMISSIONS)
    assert set(EXPECTED_MATRIX) == {a.value for a in Action}


def test_the_issue_s_division_of_work_holds():
    assert Role.OPERATOR in PERMISSIONS[Action.INCIDENT_CREATE] and Role.OPERATOR in PERMISSIONS[Action.INCIDENT_EDIT]
    assert PERMISSIONS[Action.INCIDENT_VERIFY] == {Role.SUPERVISOR}
    assert PERMISSIONS[Action.POST_SET_STATUS] == {Role.SUPERVISOR}
    assert PERMISSIONS[Action.EXCHANGE_RESOLVE_CONFLICT] == {Role.SUPERVISOR}
    assert PERMISSIONS[Action.USER_MANAGE] == {Role.ADMIN} and PERMISSIONS[Action.POST_MANAGE] == {Role.ADMIN}


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_each_role_may_or_may_not_take_each_action(world, action, role):
    actor = world.actors[role]
    mark = last_audit_id(world.engine)
    if role in EXPECTED_MATRIX[action.value]:
        took_effect = CALLS[action](world, actor)
        assert took_effect()
        assert all(r.action != "refused" for r in audit_since(world.engine, mark))
        return
    with pytest.raises(PermissionDenied) as denied:
        CALLS[action](world, actor)
    message = str(denied.value)
    assert message.endswith(".") and "cannot" in message and "ask" in message
    rows = audit_since(world.engine, mark)
    assert len(rows) == 1, [(r.action, r.after_json) for r in rows]
    refused = rows[0]
    assert (refused.action, refused.user_id, refused.username) == ("refused", actor.id, actor.username)
    assert json.loads(refused.after_json)["action"] == action.value
    assert json.loads(refused.after_json)["message"] == message
    # Nothing else changed.
    assert world.get(world.base.id) == world.base and world.get(world.twin.id) == world.twin


def test_refusal_messages_name_who_may_do_it(world):
    operator, admin = world.actors[Role.OPERATOR], world.actors[Role.ADMIN]
    with pytest.raises(PermissionDenied, match="Operators cannot verify or reject incidents: ask a supervisor."):
        _verify(world, operator)
    with pytest.raises(PermissionDenied, match="Administrators cannot record incidents: ask an operator or a "
                                               "supervisor."):
        _create(world, admin)
    with pytest.raises(PermissionDenied, match="Operators cannot manage user accounts: ask an administrator."):
        _manage_users(world, operator)


# --- post scope -----------------------------------------------------------------------------------------------

@pytest.fixture
def own_post_world(engine, tmp_path) -> World:
    return make_world(engine, test_settings(tmp_path, operators_all_posts=False))


def test_operators_of_a_post_record_only_its_incidents_when_the_setting_says_so(own_post_world):
    w = own_post_world
    operator, service = w.actors[Role.OPERATOR], IncidentService(w.engine, w.settings)
    own = incident(w.posts["KG-KSU"], utc(2026, 5, 3, 8), (w.subs["heroin"], 1, Unit.KG))
    other = incident(w.posts["KZ-KOR"], utc(2026, 5, 3, 8), (w.subs["heroin"], 1, Unit.KG))
    service.record(own, actor=operator)
    mark = last_audit_id(w.engine)
    with pytest.raises(PermissionDenied, match="of your own post only"):
        service.record(other, actor=operator)
    assert w.get(other.id) is None
    assert [r.action for r in audit_since(w.engine, mark)] == ["refused"]


def test_moving_an_incident_from_another_post_into_ones_own_is_refused(own_post_world):
    w = own_post_world
    elsewhere = IncidentService(w.engine, w.settings).record(
        incident(w.posts["KZ-KOR"], utc(2026, 5, 3, 8), (w.subs["heroin"], 1, Unit.KG)),
        actor=Actor.system_actor("setup"))
    with pytest.raises(PermissionDenied, match="own post"):
        IncidentService(w.engine, w.settings).update(replace(elsewhere, post_id=w.posts["KG-KSU"]),
                                                     actor=w.actors[Role.OPERATOR])
    assert w.get(elsewhere.id).post_id == w.posts["KZ-KOR"]


def test_by_default_operators_record_incidents_of_every_post(world):
    other = incident(world.posts["KZ-KOR"], utc(2026, 5, 3, 8), (world.subs["heroin"], 1, Unit.KG))
    IncidentService(world.engine, world.settings).record(other, actor=world.actors[Role.OPERATOR])
    assert world.get(other.id).recorded_by == world.actors[Role.OPERATOR].id


def test_an_operator_without_a_post_records_nothing_under_the_own_post_setting(own_post_world):
    w = own_post_world
    drifter = add_user(w.engine, w.settings, "drifter", Role.OPERATOR)
    with pytest.raises(PermissionDenied, match="not assigned to a post"):
        _create(w, drifter)


def test_supervisors_are_not_limited_by_post(own_post_world):
    w = own_post_world
    other = incident(w.posts["KZ-KOR"], utc(2026, 5, 3, 8), (w.subs["heroin"], 1, Unit.KG))
    IncidentService(w.engine, w.settings).record(other, actor=w.actors[Role.SUPERVISOR])
    stored = w.get(other.id)
    assert stored is not None and stored.post_id == w.posts["KZ-KOR"]
    assert stored.recorded_by == w.actors[Role.SUPERVISOR].id


def test_a_disabled_account_is_refused_even_with_a_role_that_allows_it(world):
    UserService(world.engine, world.settings).disable("operator", actor=world.actors[Role.ADMIN])
    with pytest.raises(PermissionDenied, match="disabled"):
        _edit(world, world.actors[Role.OPERATOR])
    assert world.get(world.base.id).narrative == ""


def test_the_last_administrator_cannot_be_disabled_or_demoted(world):
    from sitcentre.services.auth import AccountError

    users, admin = UserService(world.engine, world.settings), world.actors[Role.ADMIN]
    with pytest.raises(AccountError, match="last active administrator"):
        users.disable("admin", actor=admin)
    with pytest.raises(AccountError, match="last active administrator"):
        users.set_role("admin", Role.OPERATOR, actor=admin)
    users.add("second", Role.ADMIN, None, actor=admin)
    users.disable("admin", actor=admin)


# --- what saving may do to the status ------------------------------------------------------------------------

@pytest.mark.parametrize("status", [IncidentStatus.VERIFIED, IncidentStatus.REJECTED, IncidentStatus.DUPLICATE])
def test_saving_the_form_cannot_verify_reject_or_link(world, status):
    service, operator, supervisor = IncidentService(world.engine, world.settings), *(
        world.actors[r] for r in (Role.OPERATOR, Role.SUPERVISOR))
    new = incident(world.posts["KG-KSU"], utc(2026, 5, 3, 8), (world.subs["heroin"], 1, Unit.KG), status=status)
    with pytest.raises(ValidationError, match="verifies or rejects it afterwards"):
        service.record(new, actor=supervisor)
    for actor in (operator, supervisor):
        with pytest.raises(ValidationError, match="Verify, Reject or Link duplicate"):
            service.update(replace(world.base, status=status), actor=actor)
    assert world.get(world.base.id).status == IncidentStatus.REPORTED


def test_an_operator_s_edit_sends_a_verified_incident_back_for_review_a_supervisor_s_does_not(world):
    service = IncidentService(world.engine, world.settings)
    supervisor, operator = world.actors[Role.SUPERVISOR], world.actors[Role.OPERATOR]
    verified = VerificationService(world.engine, world.settings).verify(world.base.id, actor=supervisor)
    kept = service.update(replace(verified, narrative="supervisor's fix"), actor=supervisor)
    assert kept.status == IncidentStatus.VERIFIED and world.get(kept.id).verified_by == supervisor.id
    again = service.update(replace(kept, narrative="operator's change"), actor=operator)
    stored = world.get(again.id)
    assert again.status == stored.status == IncidentStatus.REPORTED
    assert (stored.verified_by, stored.verified_at) == (None, None)


def test_drafts_are_reported_by_saving_and_the_recorder_is_the_actor(world):
    operator = world.actors[Role.OPERATOR]
    service = IncidentService(world.engine, world.settings)
    draft = service.record(incident(world.posts["KG-KSU"], utc(2026, 5, 3, 8), (world.subs["heroin"], 1, Unit.KG),
                                    status=IncidentStatus.DRAFT, recorded_by=999), actor=operator)
    assert world.get(draft.id).recorded_by == operator.id
    reported = service.update(replace(draft, status=IncidentStatus.REPORTED), actor=operator)
    assert world.get(reported.id).status == IncidentStatus.REPORTED


def test_the_system_path_keeps_working_without_an_actor(world):
    service = IncidentService(world.engine, world.settings)
    seeded = service.record(incident(world.posts["KG-KSU"], utc(2026, 5, 3, 8), (world.subs["heroin"], 1, Unit.KG),
                                     status=IncidentStatus.VERIFIED), actor=Actor.system_actor("loader"))
    service.update(replace(seeded, narrative="more"), actor=Actor.system_actor("loader"))
    assert world.get(seeded.id).status == IncidentStatus.VERIFIED
    assert [(r.username, r.action) for r in audit_rows(world.engine, entity_id=str(seeded.id))] == \
        [("loader", "create"), ("loader", "update")]
