"""The desk's conflicts (sitcentre.backend.conflicts, issue 13 item 2) on SQLite and PostgreSQL, over real
conflicts: a post and a centre that exchange real bundles and edit the same incident at both ends. Listed and
filtered by post and kind, shown field by field, resolved by a supervisor (centre, post, field by field) as
an audited version, parallel flags dismissed; refused at a post and to an operator."""

from __future__ import annotations

import json

import pytest

from sitcentre.backend import Backend, Topic
from sitcentre.backend.conflicts import ConflictRefused, Resolution
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import PermissionDenied
from tests.integration import exchange_world as w
from tests.integration.people import add_user, audit_since, last_audit_id


def desk_of(world: w.World, name: str = "sam", role: Role = Role.SUPERVISOR):
    return Backend(world.engine, world.settings).desk(add_user(world.engine, world.settings, name, role))


def conflicting(post: w.World, centre: w.World):
    """One incident edited at both ends in the same field (a conflict), another in different fields (a
    parallel flag, merged). Returns both incidents' ids."""
    hard = w.record(post, narrative="as recorded")
    soft = w.record(post, narrative="second, as recorded")
    assert w.import_(centre, w.export(post, "C")).added == 2
    w.edit(centre, hard, narrative="centre's words")
    w.edit(post, hard, narrative="post's words", persons_detained=2)
    w.edit(centre, soft, narrative="centre's second words")
    w.edit(post, soft, persons_detained=5)
    summary = w.import_(centre, w.export(post, "C"))
    assert (summary.conflicts, summary.merged) == (1, 1)
    return hard, soft


def test_lists_filters_by_post_and_kind_and_shows_field_by_field(pair):
    post, centre = pair
    hard, soft = conflicting(post, centre)
    conflicts = desk_of(centre).conflicts
    every = conflicts.list()
    assert {(c.kind, c.row_id) for c in every} == {("conflict", hard), ("parallel", soft)}
    assert {c.post for c in every} == {"KZ-KOR"} and all(c.origin == "KZ-KOR" for c in every)
    assert len(conflicts.list(post="KZ-KOR")) == 2 and conflicts.list(post="KG-DOS") == []
    [flag] = conflicts.list(kind="parallel")
    [hard_one] = conflicts.list(kind="conflict", post="KZ-KOR")
    assert (flag.row_id, hard_one.row_id, hard_one.fields) == (soft, hard, ("narrative",))
    assert conflicts.list(kind="delete_edit") == []
    detail = conflicts.show(hard_one.id)
    rows = {r.field: r for r in detail.rows}
    assert (rows["narrative"].base, rows["narrative"].centre, rows["narrative"].post, rows["narrative"].conflicting) \
        == ("as recorded", "centre's words", "post's words", True)
    assert (rows["persons_detained"].centre, rows["persons_detained"].post, rows["persons_detained"].conflicting) \
        == (0, 2, False)
    assert [v.origin for v in detail.heads] == ["C", "KZ-KOR"] and detail.heads[1].received_at is not None
    assert conflicts.may_resolve() and not conflicts.at_post() and not detail.stale


@pytest.mark.parametrize("take, narrative, persons", [
    ("centre", "centre's words", 0),
    ("post", "post's words", 2),
    ({"narrative": "post", "persons_detained": "centre"}, "post's words", 0),
])
def test_a_supervisor_resolves_and_the_write_says_what_changed(pair, take, narrative, persons):
    post, centre = pair
    hard, _soft = conflicting(post, centre)
    conflicts = desk_of(centre).conflicts
    [one] = conflicts.list(kind="conflict")
    mark = last_audit_id(centre.engine)
    done = conflicts.resolve(one.id, take)
    assert isinstance(done.value, Resolution) and (done.value.conflict_id, done.value.row_id) == (one.id, hard)
    assert w.head(centre, hard)[0] == done.value.rev
    assert hard.hex in {i.replace("-", "") for i in done.changes.ids(Topic.INCIDENTS)}
    assert done.changes.touches((Topic.AUDIT,))
    now = w.content(centre, hard)
    assert (now["narrative"], now["persons_detained"]) == (narrative, persons)
    [entry] = [r for r in audit_since(centre.engine, mark) if r.action == "resolve"]
    assert entry.username == "sam" and json.loads(entry.after_json)["take"] == take
    assert [c.kind for c in conflicts.list()] == ["parallel"]
    with pytest.raises(ConflictRefused) as again:
        conflicts.resolve(one.id, "post")
    assert again.value.code == "closed"


def test_a_parallel_flag_is_dismissed_and_not_resolved(pair):
    post, centre = pair
    _hard, soft = conflicting(post, centre)
    conflicts = desk_of(centre).conflicts
    [flag] = conflicts.list(kind="parallel")
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(flag.id, "post")
    assert refused.value.code == "parallel"
    before = w.head(centre, soft)
    mark = last_audit_id(centre.engine)
    done = conflicts.dismiss(flag.id)
    assert done.value == Resolution(flag.id, soft, None) and done.changes.touches((Topic.INCIDENTS,))
    assert w.head(centre, soft) == before, "dismissing changes no incident"
    assert [r.action for r in audit_since(centre.engine, mark)] == ["dismiss"]
    assert conflicts.list(kind="parallel") == []


def test_an_operator_is_refused_and_the_refusal_audited(pair):
    post, centre = pair
    hard, _ = conflicting(post, centre)
    conflicts = desk_of(centre, "olga", Role.OPERATOR).conflicts
    assert not conflicts.may_resolve()
    [one] = conflicts.list(kind="conflict")
    [flag] = conflicts.list(kind="parallel")
    before = w.head(centre, hard)
    mark = last_audit_id(centre.engine)
    for write in (lambda: conflicts.resolve(one.id, "post"), lambda: conflicts.dismiss(flag.id)):
        with pytest.raises(PermissionDenied) as denied:
            write()
        assert "resolve exchange conflicts" in str(denied.value)
    assert w.head(centre, hard) == before and len(conflicts.list()) == 2
    assert [(r.action, r.username) for r in audit_since(centre.engine, mark)] == [("refused", "olga")] * 2


def test_a_post_lists_its_conflict_but_the_centre_decides(pair):
    post, centre = pair
    incident = w.record(post, narrative="as recorded")
    w.import_(centre, w.export(post, "C"))
    w.import_(post, w.export(centre, "KZ-KOR"))
    w.edit(post, incident, narrative="post's words")
    w.edit(centre, incident, narrative="centre's words")
    assert w.import_(post, w.export(centre, "KZ-KOR")).conflicts == 1
    conflicts = desk_of(post).conflicts
    assert conflicts.at_post()
    [one] = conflicts.list()
    detail = conflicts.show(one.id)
    assert detail.at_post and {r.field: r.centre for r in detail.rows}["narrative"] == "centre's words"
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(one.id, "post")
    assert refused.value.code == "at_post"
    assert w.content(post, incident)["narrative"] == "post's words" and len(conflicts.list()) == 1
