"""Conflicts (issue 12, item 6) on SQLite and PostgreSQL: listed and shown field by field; resolved at the centre
by a supervisor taking the centre's version, the post's, or field by field, as a new audited version with two
parents; refused at a post, to an operator, and when the incident changed since; parallel flags dismissed, hard
conflicts not; a delete against an edit; the CLI once, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import select, update

from sitcentre.db.tables import ConflictRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exchange.canonical import rev_number
from sitcentre.repositories import exchange_state, revisions
from sitcentre.services import conflicts
from sitcentre.services.conflicts import ConflictRefused
from sitcentre.services.incidents import IncidentService
from tests.integration.conflict_world import (
    POST,
    content,
    edit,
    head,
    open_conflict,
    post_version,
    record,
    row,
    set_role,
    stale_edit_conflict,
    version,
)
from tests.integration.helpers import SETTINGS
from tests.integration.people import add_user, audit_since, last_audit_id


@pytest.fixture
def supervisor(engine, tmp_path):
    return add_user(engine, SETTINGS, "sam", Role.SUPERVISOR)


def conflict_row(engine, conflict_id: int) -> ConflictRow:
    with UnitOfWork(engine) as uow:
        found = uow.session.scalars(select(ConflictRow).where(ConflictRow.id == conflict_id)).one()
        uow.session.expunge(found)
        return found


def test_a_conflict_is_listed_and_shown_field_by_field(engine):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    [summary] = conflicts.list_conflicts(engine)
    assert (summary.id, summary.kind, summary.row_id, summary.post, summary.fields, summary.status, summary.origin) \
        == (conflict_id, "conflict", recorded.id, POST, ("narrative",), "open", POST)
    assert summary.number == recorded.number and summary.number.startswith("KOR-")
    detail = conflicts.show(engine, conflict_id)
    assert [v.rev for v in detail.heads] == [revs["centre"], revs["post"]]
    assert detail.base.rev == revs["base"] and not detail.stale
    rows = {r.field: r for r in detail.rows}
    assert set(rows) == {"narrative", "persons_detained"}, "fields that differ anywhere, nothing else"
    assert (rows["narrative"].base, rows["narrative"].centre, rows["narrative"].post, rows["narrative"].conflicting) \
        == ("as reported", "centre's words", "post's words", True)
    assert (rows["persons_detained"].centre, rows["persons_detained"].post,
            rows["persons_detained"].conflicting) == (1, 3, False)
    assert (detail.heads[1].author, detail.heads[1].origin) == ("officer1", POST)
    assert detail.heads[1].received_at is not None and detail.heads[0].received_at is None
    assert conflicts.list_conflicts(engine, post="KG-DOS") == []
    assert conflicts.list_conflicts(engine, kind="parallel") == []


@pytest.mark.parametrize("take, narrative, persons", [
    ("centre", "centre's words", 1),
    ("post", "post's words", 3),
    # a field not named keeps the side that changed it: persons detained changed at the post only
    ({"narrative": "post"}, "post's words", 3),
    ({"narrative": "centre"}, "centre's words", 3),
    ({"persons_detained": "post"}, "centre's words", 3),
    ({"narrative": "centre", "persons_detained": "centre"}, "centre's words", 1),  # named: taken as named
])
def test_a_resolution_is_a_new_version_with_both_heads_as_parents(engine, supervisor, take, narrative, persons):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    mark = last_audit_id(engine)
    rev = conflicts.resolve(engine, SETTINGS, conflict_id, take, actor=supervisor)
    assert head(engine, recorded.id) == rev
    assert rev_number(rev) == rev_number(revs["centre"]) + 1 and rev not in revs.values()
    stored = row(engine, recorded.id)
    assert (stored.narrative, stored.persons_detained) == (narrative, persons)
    assert (stored.parent_rev, stored.merge_rev) == (revs["centre"], revs["post"])
    kept = version(engine, recorded.id, rev)
    assert (kept.parent_rev, kept.merge_rev, kept.op, kept.origin, kept.author) == \
        (revs["centre"], revs["post"], "upsert", "C", "sam")
    assert kept.content == content(engine, recorded.id), "the kept version is what the incident says now"
    closed = conflict_row(engine, conflict_id)
    assert (closed.status, closed.resolved_by, closed.resolution_rev) == ("resolved", "sam", rev)
    assert closed.resolved_at is not None
    entries = [r for r in audit_since(engine, mark) if r.action == "resolve"]
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.username, entry.entity, entry.entity_id) == ("sam", "incident", str(recorded.id))
    before, after = json.loads(entry.before_json), json.loads(entry.after_json)
    assert (before["centre_rev"], before["post_rev"]) == (revs["centre"], revs["post"])
    assert (after["rev"], after["parent_rev"], after["merge_rev"], after["take"]) == \
        (rev, revs["centre"], revs["post"], take)
    assert conflicts.list_conflicts(engine) == []
    assert [c.status for c in conflicts.list_conflicts(engine, include_closed=True)] == ["resolved"]
    with pytest.raises(ConflictRefused) as again:
        conflicts.resolve(engine, SETTINGS, conflict_id, "post", actor=supervisor)
    assert again.value.code == "closed" and "already resolved by sam" in again.value.message


def test_a_post_cannot_resolve(engine, supervisor):
    _, conflict_id, revs = stale_edit_conflict(engine)
    set_role(engine, "post", POST)
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(engine, SETTINGS, conflict_id, "centre", actor=supervisor)
    assert refused.value.code == "at_post" and "at the centre" in refused.value.message
    assert conflict_row(engine, conflict_id).status == "open"


def test_an_operator_cannot_resolve_and_the_refusal_is_audited(engine):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    operator = add_user(engine, SETTINGS, "olga", Role.OPERATOR)
    mark = last_audit_id(engine)
    with pytest.raises(PermissionDenied):
        conflicts.resolve(engine, SETTINGS, conflict_id, "post", actor=operator)
    assert head(engine, recorded.id) == revs["centre"]
    assert conflict_row(engine, conflict_id).status == "open"
    [refusal] = audit_since(engine, mark)
    assert (refusal.action, refusal.username, refusal.entity) == ("refused", "olga", "conflict")


def test_a_choice_naming_an_unknown_field_or_side_is_refused_in_words(engine, supervisor):
    _, conflict_id, _ = stale_edit_conflict(engine)
    for take, words in [({"colour": "post"}, "No field colour"), ({"narrative": "both"}, "centre or post"),
                        ("somewhere", "not a side")]:
        with pytest.raises(ConflictRefused) as refused:
            conflicts.resolve(engine, SETTINGS, conflict_id, take, actor=supervisor)
        assert refused.value.code == "bad_choice" and words in refused.value.message
    assert conflict_row(engine, conflict_id).status == "open"


def test_a_conflict_whose_incident_changed_here_since_is_refused_and_brought_up_to_date(engine, supervisor):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    later = edit(engine, recorded.id, narrative="centre's second words")
    assert conflicts.show(engine, conflict_id).stale
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(engine, SETTINGS, conflict_id, "post", actor=supervisor)
    assert refused.value.code == "stale" and f"conflicts show {conflict_id}" in refused.value.message
    assert head(engine, recorded.id) == later, "nothing was resolved"
    detail = conflicts.show(engine, conflict_id)
    assert [v.rev for v in detail.heads] == [later, revs["post"]] and not detail.stale
    rev = conflicts.resolve(engine, SETTINGS, conflict_id, "post", actor=supervisor)
    assert version(engine, recorded.id, rev).parent_rev == later
    assert row(engine, recorded.id).narrative == "post's words"


def test_a_parallel_flag_is_dismissed_and_a_hard_conflict_is_not(engine, supervisor):
    recorded, hard_id, revs = stale_edit_conflict(engine)
    flag_id = open_conflict(engine, recorded.id, "parallel", revs["base"], [revs["centre"], revs["post"]],
                            ["persons_detained"])
    with pytest.raises(ConflictRefused) as refused:
        conflicts.dismiss(engine, hard_id, actor=supervisor)
    assert refused.value.code == "not_parallel"
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(engine, SETTINGS, flag_id, "post", actor=supervisor)
    assert refused.value.code == "parallel"
    mark = last_audit_id(engine)
    conflicts.dismiss(engine, flag_id, actor=supervisor)
    assert conflict_row(engine, flag_id).status == "dismissed"
    assert conflict_row(engine, hard_id).status == "open"
    [entry] = audit_since(engine, mark)
    assert (entry.action, entry.username, entry.entity_id) == ("dismiss", "sam", str(recorded.id))
    assert head(engine, recorded.id) == revs["centre"], "dismissing changes no incident"


def test_delete_against_edit_keeps_it_deleted_or_brings_the_posts_version_back(engine, supervisor):
    kept = record(engine, narrative="one")
    gone = record(engine, narrative="two")
    cases = {}
    for recorded in (kept, gone):
        base = head(engine, recorded.id)
        post = post_version(engine, recorded.id, base, narrative="edited at the post")
        IncidentService(engine, SETTINGS).delete(recorded.id, actor=supervisor)
        with UnitOfWork(engine) as uow:
            [tombstone] = [v for v in revisions.history(uow.session, recorded.id) if v.op == "delete"]
        cases[recorded.id] = open_conflict(engine, recorded.id, "delete_edit", base, [tombstone.rev, post],
                                           ["narrative"])
        assert conflicts.list_conflicts(engine)[-1].number == recorded.number, "a deleted incident keeps its number"
    with pytest.raises(ConflictRefused) as refused:
        conflicts.resolve(engine, SETTINGS, cases[kept.id], {"narrative": "post"}, actor=supervisor)
    assert refused.value.code == "bad_choice"
    restored = conflicts.resolve(engine, SETTINGS, cases[kept.id], "post", actor=supervisor)
    assert row(engine, kept.id).narrative == "edited at the post" and head(engine, kept.id) == restored
    deleted = conflicts.resolve(engine, SETTINGS, cases[gone.id], "centre", actor=supervisor)
    assert row(engine, gone.id) is None
    tomb = version(engine, gone.id, deleted)
    assert (tomb.op, tomb.content, tomb.merge_rev is not None) == ("delete", None, True)
    with UnitOfWork(engine) as uow:
        assert revisions.seal_pending(uow.session) == 0, "nothing left unsealed or pending"


def test_the_cli_lists_shows_and_resolves(engine, db_url, tmp_path):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    env = {"SITCENTRE_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "sitcentre", "--db", db_url, "conflicts", *args],
                              capture_output=True, text=True, timeout=120, env=env)

    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    assert str(conflict_id) in listed.stdout and recorded.number in listed.stdout and POST in listed.stdout
    shown = cli("show", str(conflict_id))
    assert shown.returncode == 0, shown.stderr
    assert "post's words" in shown.stdout and "centre's words" in shown.stdout and "<- conflict" in shown.stdout
    bad = cli("resolve", str(conflict_id), "--take", "narrative=nobody")
    assert bad.returncode == 3 and bad.stderr.startswith("sitcentre: ") and "Traceback" not in bad.stderr
    done = cli("resolve", str(conflict_id), "--take", "narrative=post")
    assert done.returncode == 0, done.stderr
    rev = head(engine, recorded.id)
    assert rev in done.stdout and version(engine, recorded.id, rev).merge_rev == revs["post"]
    assert cli("list").stdout.strip() == "no open conflicts"
    assert cli("show", "999").returncode == 3


def test_a_resolution_travels_back_to_the_post_and_is_confirmed(tmp_path, db_url):
    from tests.integration import exchange_world as w

    post, centre = w.make_post(tmp_path, POST), w.make_centre(tmp_path, url=db_url)
    try:
        w.trust_both(post, centre)
        incident = w.record(post, narrative="as recorded")
        assert w.import_(centre, w.export(post, "C")).added == 1
        w.edit(centre, incident, narrative="centre's words")
        w.edit(post, incident, narrative="post's words", persons_detained=2)
        assert w.import_(centre, w.export(post, "C")).conflicts == 1
        [open_one] = conflicts.list_conflicts(centre.engine)
        supervisor = add_user(centre.engine, centre.settings, "sam", Role.SUPERVISOR)
        rev = conflicts.resolve(centre.engine, centre.settings, open_one.id, {"narrative": "post"}, actor=supervisor)
        resolved = w.content(centre, incident)
        # persons detained, changed at the post only, keeps the post's value (not named, not dropped)
        assert (resolved["narrative"], resolved["persons_detained"]) == ("post's words", 2)
        with UnitOfWork(centre.engine) as uow:
            assert exchange_state.states(uow.session, [incident]) == {incident: "local"}

        summary = w.import_(post, w.export(centre, POST))
        assert summary.updated == 1 and summary.conflicts == 0
        assert w.content(post, incident) == resolved and w.head(post, incident)[0] == rev
        with UnitOfWork(post.engine) as uow:
            assert exchange_state.states(uow.session, [incident]) == {incident: "confirmed"}
        with UnitOfWork(centre.engine) as uow:
            assert exchange_state.states(uow.session, [incident]) == {incident: "exported"}

        w.import_(centre, w.export(post, "C"))  # the post's next bundle acknowledges the centre's feed
        with UnitOfWork(centre.engine) as uow:
            assert exchange_state.states(uow.session, [incident]) == {incident: "confirmed"}
        assert w.head(centre, incident)[0] == rev and conflicts.list_conflicts(centre.engine) == []
    finally:
        post.dispose()
        centre.dispose()


def test_at_a_post_show_still_puts_the_centre_first(engine):
    recorded, conflict_id, revs = stale_edit_conflict(engine)
    with UnitOfWork(engine, write=True) as uow:  # as a post records it: its own head first
        uow.session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id)
                            .values(heads_json=json.dumps([revs["post"], revs["centre"]])))
        uow.commit()
    set_role(engine, "post", POST)
    detail = conflicts.show(engine, conflict_id)
    assert [v.rev for v in detail.heads] == [revs["centre"], revs["post"]] and detail.at_post
    assert {r.field: r.centre for r in detail.rows}["narrative"] == "centre's words"
    assert detail.stale, "the post's row carries the centre's head here, not the post's own"
