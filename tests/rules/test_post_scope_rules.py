"""The own-post policy (Settings.operators_all_posts = False, a post's own workstation), through the services on
an in-memory database: operators record and edit incidents of their own post only; supervisors and the
default policy are not limited; an operator's post is the one the account has now, not at sign-in."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import update

from sitcentre.backend import Backend
from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Action, PermissionDenied
from tests.rules.world import HOME_POST, OTHER_POST, SETUP, World


@pytest.fixture
def own_post(mem_engine, rule_template, rule_settings) -> World:
    """The world under the own-post policy."""
    settings = replace(rule_settings, operators_all_posts=False)
    return World(mem_engine, settings, rule_template.posts, rule_template.subs, rule_template.actors,
                 rule_template.pool)


def _world(request, policy: str) -> World:
    return request.getfixturevalue("own_post" if policy == "own post only" else "world")


def _act(w: World, verb: str, role: Role, post: str):
    actor = w.actors[role]
    if verb == "record":
        return w.record(w.incident(post=post), actor)
    target = w.saved(post=post) if post != HOME_POST else w.saved()
    return w.update(replace(target, narrative="corrected"), actor)


@pytest.mark.parametrize("policy", ["own post only", "every post"])
@pytest.mark.parametrize("post", [HOME_POST, OTHER_POST])
@pytest.mark.parametrize("role", [Role.OPERATOR, Role.SUPERVISOR], ids=str)
@pytest.mark.parametrize("verb", ["record", "edit"])
def test_who_records_and_edits_at_which_post(request, verb, role, post, policy):
    w = _world(request, policy)
    limited = policy == "own post only" and role == Role.OPERATOR and post != HOME_POST
    mark = w.last_audit_id()
    if not limited:
        saved = _act(w, verb, role, post)
        assert w.get(saved.id) == saved and saved.post_id == w.posts[post]
        assert w.refusals_since(mark) == []
        return
    before = w.snapshot()
    what = "record incidents" if verb == "record" else "edit incidents"
    with pytest.raises(PermissionDenied, match=f"^You can {what} of your own post only.$"):
        _act(w, verb, role, post)
    refusal, = w.refusals_since(mark)
    assert refusal["post_id"] == w.posts[post] and refusal["role"] == "operator"
    if verb == "record":
        assert w.snapshot() == before


@pytest.mark.parametrize("start, to", [(HOME_POST, OTHER_POST), (OTHER_POST, HOME_POST)])
def test_moving_an_incident_needs_the_right_at_both_posts(own_post: World, start, to):
    incident = own_post.saved(post=start) if start != HOME_POST else own_post.saved()
    with pytest.raises(PermissionDenied, match="own post only"):
        own_post.update(replace(incident, post_id=own_post.posts[to]), own_post.actors[Role.OPERATOR])
    assert own_post.get(incident.id) == incident
    moved = own_post.update(replace(incident, post_id=own_post.posts[to]), own_post.actors[Role.SUPERVISOR])
    assert moved.post_id == own_post.posts[to]


def test_an_operator_without_a_post_records_nothing_under_the_policy(own_post: World):
    info = own_post.users().add("drifter", Role.OPERATOR, None, actor=SETUP)
    drifter = replace(own_post.actors[Role.OPERATOR], id=info.id, username=info.username, post_id=None)
    with pytest.raises(PermissionDenied, match="not assigned to a post"):
        own_post.record(own_post.incident(), drifter)


def test_an_operator_s_post_is_the_one_the_account_has_now(own_post: World):
    operator = own_post.actors[Role.OPERATOR]  # signed in at HOME_POST
    with UnitOfWork(own_post.engine, write=True) as uow:
        uow.session.execute(update(UserRow).where(UserRow.id == operator.id)
                            .values(post_id=own_post.posts[OTHER_POST]))
        uow.commit()
    with pytest.raises(PermissionDenied, match="own post only"):
        own_post.record(own_post.incident(post=HOME_POST), operator)
    assert own_post.record(own_post.incident(post=OTHER_POST), operator).post_id == own_post.posts[OTHER_POST]


@pytest.mark.parametrize("action", [Action.ALERT_SEND, Action.ALERT_ACKNOWLEDGE], ids=str)
def test_the_policy_limits_incident_actions_only(own_post: World, action):
    operator = own_post.actors[Role.OPERATOR]
    if action == Action.ALERT_SEND:
        sent = own_post.send(operator)  # from KG-KSU to KG-DOS: fine either way
        assert sent.sent_by == operator.username
        return
    alert = own_post.send(SETUP, Alert("For the post across", None, own_post.posts[OTHER_POST]))
    assert own_post.acknowledge(alert, operator).acknowledged_by == operator.username


def test_the_refusal_is_audited_with_the_post(own_post: World):
    mark = own_post.last_audit_id()
    with pytest.raises(PermissionDenied):
        own_post.record(own_post.incident(post=OTHER_POST), own_post.actors[Role.OPERATOR])
    row, = own_post.audit_since(mark)
    assert (row.action, row.username) == ("refused", "operator")
    assert json.loads(row.after_json)["post_id"] == own_post.posts[OTHER_POST]


@pytest.mark.parametrize("operators_all_posts", [True, False])
def test_the_desk_offers_recording_as_the_policy_says(mem_engine, actors, rule_settings, operators_all_posts):
    backend = Backend(mem_engine, replace(rule_settings, operators_all_posts=operators_all_posts))
    assert backend.policy.operators_all_posts is operators_all_posts
    operator = backend.desk(actors[Role.OPERATOR])
    assert operator.can(Action.INCIDENT_CREATE)  # at some post: its own at least
    assert operator.actor.can(Action.INCIDENT_EDIT, post_id=99, policy=operator.policy) is operators_all_posts
    assert backend.desk(actors[Role.SUPERVISOR]).actor.can(Action.INCIDENT_EDIT, post_id=99, policy=operator.policy)
