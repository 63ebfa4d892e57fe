"""The incident lifecycle through the services, on an in-memory database: which review moves an incident
from which status, who may review at all, what an edit does to a reviewed incident, and the refusals."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

import pytest

from sitcentre.domain.enums import Role
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.domain.validation import ValidationError
from tests.rules.world import ROLES, St, World

# Written out by hand (not read from domain.lifecycle): the status each review leaves, from each status it
# may start from. Any other starting status is refused with the reason, and nothing changes.
REVIEWS = {
    "verify": {St.REPORTED: St.VERIFIED, St.REJECTED: St.VERIFIED},
    "reject": {St.REPORTED: St.REJECTED, St.VERIFIED: St.REJECTED},
    "reopen": {St.VERIFIED: St.REPORTED, St.REJECTED: St.REPORTED},
    "unlink": {St.DUPLICATE: St.REPORTED},
}
PAST = {"verify": "verified", "reject": "rejected", "reopen": "reopened", "unlink": "unlinked"}
WHY_NOT = {
    St.DRAFT: "it is still a draft (it has not been reported)",
    St.DUPLICATE: "it is linked as a duplicate (unlink it first)",
    St.VERIFIED: "it is already verified",
    St.REJECTED: "it is already rejected",
    St.REPORTED: "it is reported and not yet reviewed",
}


def review(world: World, verb: str, incident, actor, **kw):
    if verb == "unlink":
        return world.unlink(incident, actor, **kw)
    return getattr(world, verb)(incident, actor, **kw)


@pytest.mark.parametrize("start", list(St), ids=str)
@pytest.mark.parametrize("verb", list(REVIEWS))
def test_a_supervisor_s_review_from_each_status(world: World, verb, start):
    supervisor = world.actors[Role.SUPERVISOR]
    before = world.saved(start)
    mark = world.last_audit_id()
    if start not in REVIEWS[verb]:
        with pytest.raises(ValidationError) as refused:
            review(world, verb, before, supervisor)
        assert str(refused.value.problems[0].message) == f"This incident cannot be {PAST[verb]}: {WHY_NOT[start]}."
        assert world.get(before.id) == before and world.audit_since(mark) == []
        return
    after = review(world, verb, before, supervisor)
    assert after.status == REVIEWS[verb][start] and world.get(before.id) == after
    assert after.version == before.version + 1
    reviewed = verb in ("verify", "reject")
    assert (after.verified_by == supervisor.id) is reviewed and (after.verified_at is not None) is reviewed
    assert after.rejection_reason == ("Not a seizure" if verb == "reject" else "")
    assert after.duplicate_of is None
    rows = world.audit_since(mark)
    assert len(rows) == 1 and rows[0].username == supervisor.username
    assert json.loads(rows[0].after_json)["status"] == after.status.value


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN], ids=str)
@pytest.mark.parametrize("start", list(St), ids=str)
@pytest.mark.parametrize("verb", list(REVIEWS))
def test_only_supervisors_review_whatever_the_status(world: World, verb, start, role):
    """The permission is checked before the status: an operator learns who may, not why this one can't."""
    before = world.saved(start)
    mark = world.last_audit_id()
    with pytest.raises(PermissionDenied, match="ask a supervisor"):
        review(world, verb, before, world.actors[role])
    assert world.get(before.id) == before
    assert [r.action for r in world.audit_since(mark)] == ["refused"]


@pytest.mark.parametrize("start", list(St), ids=str)
def test_link_as_a_duplicate_from_each_status(world: World, start):
    supervisor = world.actors[Role.SUPERVISOR]
    original, twin = world.saved(minutes=30), world.saved(start)
    linked = world.link(twin, original, supervisor)
    assert (linked.status, linked.duplicate_of) == (St.DUPLICATE, original.id)


def test_review_reasons_and_fields(world: World):
    supervisor = world.actors[Role.SUPERVISOR]
    base = world.saved()
    rejected = world.reject(base, supervisor, reason="  Counted twice  ")
    assert rejected.rejection_reason == "Counted twice"
    verified = world.verify(rejected, supervisor)
    assert verified.rejection_reason == "" and verified.verified_by == supervisor.id
    reopened = world.reopen(verified, supervisor)
    assert (reopened.status, reopened.verified_by, reopened.verified_at) == (St.REPORTED, None, None)


@pytest.mark.parametrize("reason, words", [
    ("", "Say why the incident is rejected."), ("   ", "Say why the incident is rejected."),
    (None, "Say why the incident is rejected."), ("x" * 2001, "Keep the reason under 2000 characters."),
])
def test_a_rejection_needs_a_short_reason(world: World, reason, words):
    base = world.saved()
    with pytest.raises(ValidationError) as refused:
        world.reject(base, world.actors[Role.SUPERVISOR], reason=reason)
    assert refused.value.problems[0].message == words and world.get(base.id) == base


@pytest.mark.parametrize("verb", ["verify", "reject", "reopen", "unlink"])
def test_a_review_of_a_version_someone_changed_meanwhile_is_a_conflict(world: World, verb):
    start = next(iter(REVIEWS[verb]))
    before = world.saved(start)
    with pytest.raises(ConflictError):
        review(world, verb, before, world.actors[Role.SUPERVISOR], expected_version=before.version - 1)
    assert world.get(before.id).status == start


def test_a_review_of_an_incident_that_is_gone_is_refused(world: World):
    ghost = replace(world.incident(), id=uuid.uuid4())
    with pytest.raises(LookupError):
        world.verify(ghost, world.actors[Role.SUPERVISOR])


# --- what saving the form does ---------------------------------------------------------------------------

@pytest.mark.parametrize("role, start, after", [
    (Role.OPERATOR, St.VERIFIED, St.REPORTED),  # the verdict was on the old content
    (Role.OPERATOR, St.REJECTED, St.REPORTED),
    (Role.SUPERVISOR, St.VERIFIED, St.VERIFIED),  # a supervisor's own correction keeps it
    (Role.SUPERVISOR, St.REJECTED, St.REJECTED),
    (Role.OPERATOR, St.DUPLICATE, St.DUPLICATE),
    (Role.SUPERVISOR, St.DUPLICATE, St.DUPLICATE),
    (Role.OPERATOR, St.DRAFT, St.DRAFT),
    (Role.OPERATOR, St.REPORTED, St.REPORTED),
])
def test_what_an_edit_does_to_a_reviewed_incident(world: World, role, start, after):
    before = world.saved(start)
    saved = world.update(replace(before, narrative="corrected"), world.actors[role])
    assert saved.status == after and saved.narrative == "corrected" and saved.number == before.number
    assert saved.duplicate_of == before.duplicate_of
    if after == St.REPORTED:
        assert (saved.verified_by, saved.verified_at, saved.rejection_reason) == (None, None, "")
        assert world.get(before.id).verified_at is None
    else:
        assert (saved.verified_by, saved.verified_at) == (before.verified_by, before.verified_at)


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR], ids=str)
@pytest.mark.parametrize("start, requested, allowed", [
    (St.DRAFT, St.REPORTED, True), (St.REPORTED, St.DRAFT, True),
    (St.DRAFT, St.VERIFIED, False), (St.REPORTED, St.VERIFIED, False), (St.REPORTED, St.REJECTED, False),
    (St.REPORTED, St.DUPLICATE, False), (St.VERIFIED, St.REPORTED, False), (St.REJECTED, St.VERIFIED, False),
    (St.DUPLICATE, St.REPORTED, False), (St.VERIFIED, St.DRAFT, False),
])
def test_saving_cannot_do_a_review_s_work(world: World, role, start, requested, allowed):
    before = world.saved(start)
    edit = replace(before, status=requested)
    if allowed:
        assert world.update(edit, world.actors[role]).status == requested
        return
    with pytest.raises(ValidationError) as refused:
        world.update(edit, world.actors[role])
    assert refused.value.problems[0].field == "status"
    assert world.get(before.id) == before


def test_an_edit_does_not_take_review_fields_from_the_form(world: World):
    operator, supervisor = world.actors[Role.OPERATOR], world.actors[Role.SUPERVISOR]
    other, before = world.saved(minutes=40), world.saved()
    forged = replace(before, verified_by=supervisor.id, rejection_reason="forged", duplicate_of=other.id,
                     recorded_by=supervisor.id)
    saved = world.update(forged, operator)
    assert (saved.verified_by, saved.rejection_reason, saved.duplicate_of) == (None, "", None)
    assert saved.recorded_by == before.recorded_by


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR], ids=str)
@pytest.mark.parametrize("status, allowed", [
    (St.DRAFT, True), (St.REPORTED, True), (St.VERIFIED, False), (St.REJECTED, False), (St.DUPLICATE, False),
])
def test_a_new_incident_is_saved_as_a_draft_or_reported(world: World, role, status, allowed):
    actor = world.actors[role]
    new = world.incident(status=status, verified_by=actor.id)
    if allowed:
        saved = world.record(new, actor)
        assert (saved.status, saved.recorded_by, saved.verified_by) == (status, actor.id, None)
        assert saved.number is not None and world.get(new.id) == saved
        return
    with pytest.raises(ValidationError):
        world.record(new, actor)
    assert world.get(new.id) is None


def test_an_edit_of_a_version_someone_changed_meanwhile_is_a_conflict(world: World):
    operator = world.actors[Role.OPERATOR]
    before = world.saved()
    world.update(replace(before, narrative="first"), operator)
    with pytest.raises(ConflictError):
        world.update(replace(before, narrative="second"), operator)
    assert world.get(before.id).narrative == "first"


# --- duplicates and deleting ---------------------------------------------------------------------------

def test_links_follow_to_the_incident_that_counts(world: World):
    supervisor = world.actors[Role.SUPERVISOR]
    root, middle, leaf = world.saved(minutes=1), world.saved(minutes=2), world.saved(minutes=3)
    world.link(middle, root, supervisor)
    assert world.link(leaf, middle, supervisor).duplicate_of == root.id  # to the root, not to a duplicate
    newer = world.saved(minutes=4)
    world.link(root, newer, supervisor)  # the root's duplicates move with it
    assert {world.get(i.id).duplicate_of for i in (root, middle, leaf)} == {newer.id}


def test_link_refusals(world: World):
    supervisor = world.actors[Role.SUPERVISOR]
    original, twin = world.saved(St.REJECTED, minutes=9), world.saved()
    with pytest.raises(ValidationError, match="The incident to link to was rejected: link to one that counts."):
        world.link(twin, original, supervisor)
    with pytest.raises(ValidationError, match="cannot be linked as a duplicate of itself"):
        world.link(twin, twin, supervisor)
    assert world.get(twin.id) == twin


@pytest.mark.parametrize("status", list(St), ids=str)
def test_a_supervisor_deletes_an_incident_in_any_status(world: World, status):
    incident = world.saved(status)
    world.delete(incident, world.actors[Role.SUPERVISOR])
    assert world.get(incident.id) is None


def test_an_incident_others_are_linked_to_is_kept(world: World):
    supervisor = world.actors[Role.SUPERVISOR]
    duplicate = world.saved(St.DUPLICATE)
    original = world.get(duplicate.duplicate_of)
    with pytest.raises(ValidationError, match="unlink them first"):
        world.delete(original, supervisor)
    assert world.get(original.id) == original
    world.unlink(duplicate, supervisor)
    world.delete(original, supervisor)
    assert world.get(original.id) is None


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_every_refused_review_leaves_the_rollups_alone(world: World, role):
    """A refusal rolls the whole unit of work back: no trigger-maintained row moves either."""
    before = world.saved(St.VERIFIED)
    snapshot = world.snapshot()
    with pytest.raises((PermissionDenied, ValidationError)):
        world.verify(before, world.actors[role])
    assert world.snapshot() == snapshot
