"""The same rules through the backend's desks (sitcentre.backend), on an in-memory database: a desk acts as its
actor, refuses what its role may not do, and each write's Done names what it changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitcentre.backend import Changes, Done, NoActor, Topic
from sitcentre.backend.core import Desk
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Action, PermissionDenied
from sitcentre.services.incidents import IncidentService
from sitcentre.services.verification import VerificationService
from tests.permission_matrix import EXPECTED_MATRIX
from tests.rules.world import OTHER_POST, ROLES, St, World


def _incidents(*incidents) -> Changes:
    changes = Changes()
    for incident in incidents:
        changes = changes | Changes.of(Topic.INCIDENTS, incident.id) | Changes.of(Topic.POSTS, incident.post_id)
    return changes


# Each action a desk offers: (prepare as the system, the desk call, what its Done must name)
DESK_CALLS = {
    Action.INCIDENT_CREATE: (lambda w: w.incident(), lambda d, new: d.incidents.record(new),
                             lambda w, new: _incidents(new)),
    Action.INCIDENT_EDIT: (lambda w: w.saved(), lambda d, base: d.incidents.update(replace(base, narrative="new")),
                           lambda w, base: _incidents(base)),
    Action.INCIDENT_DELETE: (lambda w: w.saved(), lambda d, base: d.incidents.delete(base.id, base.version),
                             lambda w, base: _incidents(base)),
    Action.INCIDENT_VERIFY: (lambda w: w.saved(), lambda d, base: d.reviews.verify(base.id, base.version),
                             lambda w, base: _incidents(base)),
    Action.INCIDENT_LINK_DUPLICATE: (lambda w: (w.saved(), w.saved(minutes=5)),
                                     lambda d, pair: d.reviews.link(pair[1].id, pair[0].id),
                                     lambda w, pair: _incidents(*pair)),
    Action.POST_SET_STATUS: (lambda w: w.posts["KG-KSU"], lambda d, post: d.posts.set_status(post, "limited", "Fog"),
                             lambda w, post: Changes.of(Topic.POSTS, post)),
    Action.ALERT_SEND: (lambda w: Alert("Truck", w.posts["KG-KSU"], w.posts["KG-DOS"]),
                        lambda d, alert: d.alerts.send(alert), lambda w, alert: Changes.of(Topic.ALERTS, alert.id)),
    Action.ALERT_ACKNOWLEDGE: (lambda w: w.alert(), lambda d, alert: d.alerts.acknowledge(alert.id),
                               lambda w, alert: Changes.of(Topic.ALERTS, alert.id)),
}


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("action", list(DESK_CALLS), ids=str)
def test_a_desk_does_what_its_role_may_and_names_what_changed(world: World, desks, action, role):
    prepare, call, changed = DESK_CALLS[action]
    desk = desks[role]
    prepared = prepare(world)
    mark, before = world.last_audit_id(), world.snapshot()
    if role.value in EXPECTED_MATRIX[action.value]:
        done = call(desk, prepared)
        assert isinstance(done, Done) and changed(world, prepared).items <= done.changes.items
        assert [r.username for r in world.audit_since(mark)] == [desk.actor.username]
        assert desk.can(action)
        return
    with pytest.raises(PermissionDenied):
        call(desk, prepared)
    assert not desk.can(action)
    assert [(r.action, r.username) for r in world.audit_since(mark)] == [("refused", desk.actor.username)]
    assert world.snapshot() == before


@pytest.mark.parametrize("verb, start, after", [
    ("verify", St.REPORTED, St.VERIFIED), ("reject", St.REPORTED, St.REJECTED),
    ("reopen", St.VERIFIED, St.REPORTED), ("unlink", St.DUPLICATE, St.REPORTED),
])
def test_reviews_through_the_desk(world: World, desks, verb, start, after):
    incident = world.saved(start)
    reviews = desks[Role.SUPERVISOR].reviews
    done = reviews.reject(incident.id, "Counted twice") if verb == "reject" else getattr(reviews, verb)(incident.id)
    assert done.value.status == after and done.changes.ids(Topic.INCIDENTS) >= {incident.id.hex}
    assert world.get(incident.id) == done.value


def test_an_edit_that_moves_an_incident_names_both_posts(world: World, desks):
    base = world.saved()
    done = desks[Role.SUPERVISOR].incidents.update(replace(base, post_id=world.posts[OTHER_POST]))
    assert done.changes.ids(Topic.POSTS) == {str(base.post_id), str(world.posts[OTHER_POST])}


def test_a_review_of_a_stale_version_through_the_desk_is_a_conflict(world: World, desks):
    from sitcentre.domain.errors import ConflictError

    base = world.saved()
    with pytest.raises(ConflictError):
        desks[Role.SUPERVISOR].reviews.verify(base.id, base.version + 1)
    assert world.get(base.id) == base


def test_a_validation_refusal_through_the_desk_writes_nothing(world: World, desks):
    from sitcentre.domain.validation import ValidationError

    before = world.snapshot()
    with pytest.raises(ValidationError):
        desks[Role.OPERATOR].incidents.record(replace(world.incident(), lines=()))
    assert world.snapshot() == before


def test_reads_through_the_desk(world: World, desks):
    base = world.saved()
    assert desks[Role.OPERATOR].incidents.get(base.id) == base
    assert base.id in desks[Role.OPERATOR].incidents.by_ids([base.id])
    reference = desks[Role.OPERATOR].reference.load()
    assert {p.code for p in reference.posts} == set(world.posts)
    assert {s.id for s in reference.substances} == set(world.subs.values())


# --- no actor, no write --------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", [None, "operator", 7])
def test_a_desk_needs_an_actor(mem_backend, who):
    with pytest.raises(NoActor):
        mem_backend.desk(who)
    with pytest.raises(NoActor):
        Desk(mem_backend, who)


WITHOUT_ACTOR = {  # (world, a saved reported incident, who)
    "record": lambda w, base, who: IncidentService(w.engine, w.settings).record(w.incident(), actor=who),
    "update": lambda w, base, who: IncidentService(w.engine, w.settings).update(
        replace(base, narrative="x"), actor=who),
    "delete": lambda w, base, who: IncidentService(w.engine, w.settings).delete(base.id, actor=who),
    "verify": lambda w, base, who: VerificationService(w.engine, w.settings).verify(base.id, actor=who),
    "set post status": lambda w, base, who: w.set_post_status(who),
    "send alert": lambda w, base, who: w.send(who),
}


@pytest.mark.parametrize("who", [None, "operator"])
@pytest.mark.parametrize("call", list(WITHOUT_ACTOR))
def test_a_write_without_an_actor_cannot_reach_the_database(world: World, call, who):
    base = world.saved()  # the incident it would act on, made first
    mark, before = world.last_audit_id(), world.snapshot()
    with pytest.raises(TypeError):
        WITHOUT_ACTOR[call](world, base, who)
    assert world.snapshot() == before and world.audit_since(mark) == []


# --- accounts, the audit trail and the brief through the desk ------------------------------------------------

@pytest.mark.parametrize("role", ROLES, ids=str)
def test_accounts_through_the_desk(world: World, desks, role):
    users = desks[role].users
    if role != Role.ADMIN:
        with pytest.raises(PermissionDenied, match="cannot manage user accounts"):
            users.add("newbie", Role.OPERATOR, None)
        with pytest.raises(PermissionDenied):
            users.list()
        return
    done = users.add("newbie", Role.OPERATOR, None, post_code="KG-DOS")
    assert done.changes == Changes.of(Topic.USERS, done.value.id) and done.value.post_code == "KG-DOS"
    assert "newbie" in {u.username for u in users.list()}
    assert Topic.USERS in users.disable("newbie").changes.topics
    assert users.get("newbie").disabled


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_the_audit_trail_through_the_desk(world: World, desks, role):
    base = world.saved()
    audit = desks[role].audit
    if role == Role.OPERATOR:
        with pytest.raises(PermissionDenied, match="cannot view the audit trail"):
            audit.entries()
        return
    assert [e.action for e in audit.history("incident", base.id)][:1] == ["create"]
    assert audit.entries(limit=5) and audit.verify().intact


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN], ids=str)
def test_only_supervisors_export_the_brief(world: World, desks, role, tmp_path):
    target = tmp_path / "brief.pdf"
    with pytest.raises(PermissionDenied, match="cannot export the daily brief: ask a supervisor"):
        desks[role].brief.export(desks[role].brief.default_day(), target)
    assert not target.exists()
    assert [r.action for r in world.audit_since(world.last_audit_id() - 1)] == ["refused"]
