"""Conflicts found while importing (issue 12, item 5; docs/exchange.md "Import"): a stale edit, a parallel edit
that merges, several offline edits against one centre edit, delete against edit, the same id created twice,
and what a post does with a centre version that does not fast-forward. SQLite post; SQLite or PostgreSQL centre."""

from __future__ import annotations

import json

import pytest

from sitcentre.exchange.canonical import make_rev
from tests.integration.exchange_world import (
    content,
    craft,
    delete,
    edit,
    export,
    head,
    import_,
    incident_entry,
    record,
    rows,
    versions,
)


@pytest.fixture
def shared(pair):
    """An incident recorded at the post and imported at the centre: both hold version 1."""
    post, centre = pair
    incident = record(post, narrative="as recorded")
    assert import_(centre, export(post, "C")).added == 1
    return post, centre, incident


def _conflicts(world) -> list[tuple]:
    return [(kind, json.loads(heads), json.loads(fields), status) for kind, heads, fields, status in rows(
        world, "SELECT kind, heads_json, fields_json, status FROM conflicts ORDER BY id")]


def test_a_stale_edit_becomes_a_conflict_keeping_both_versions_and_the_centres_value(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre's words")
    edit(post, incident, narrative="post's words")
    centre_head, post_head = head(centre, incident)[0], head(post, incident)[0]
    summary = import_(centre, export(post, "C"))
    assert (summary.conflicts, summary.updated, summary.merged) == (1, 0, 0)
    assert content(centre, incident)["narrative"] == "centre's words"
    assert head(centre, incident)[0] == centre_head
    assert _conflicts(centre) == [("conflict", [centre_head, post_head], ["narrative"], "open")]
    kept = {v.rev: v.content["narrative"] for v in versions(centre, incident)}
    assert kept[centre_head] == "centre's words" and kept[post_head] == "post's words"


def test_edits_of_different_fields_merge_into_a_version_with_two_parents_and_a_parallel_flag(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre's words")
    edit(post, incident, concealment="spare tyre")
    centre_head, post_head = head(centre, incident)[0], head(post, incident)[0]
    summary = import_(centre, export(post, "C"))
    assert (summary.merged, summary.conflicts) == (1, 0)
    merged = content(centre, incident)
    assert (merged["narrative"], merged["concealment"]) == ("centre's words", "spare tyre")
    rev, parent, merge = head(centre, incident)
    assert (parent, merge) == (centre_head, post_head)
    assert rev == make_rev(centre_head, merged)
    assert _conflicts(centre) == [("parallel", [centre_head, post_head], ["concealment"], "open")]


def test_three_offline_edits_against_one_centre_edit_are_one_conflict(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre")
    for words in ("post 1", "post 2", "post 3"):
        edit(post, incident, narrative=words)
    summary = import_(centre, export(post, "C"))
    assert summary.conflicts == 1
    [(kind, heads, fields, status)] = _conflicts(centre)
    assert (kind, fields, status) == ("conflict", ["narrative"], "open")
    assert heads == [head(centre, incident)[0], head(post, incident)[0]]
    assert content(centre, incident)["narrative"] == "centre"
    assert {"post 1", "post 2", "post 3"} <= {v.content["narrative"] for v in versions(centre, incident)
                                              if v.content}


def test_a_delete_at_the_post_against_an_edit_at_the_centre_is_a_conflict_not_a_silent_delete(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre")
    delete(post, incident)
    summary = import_(centre, export(post, "C"))
    assert summary.conflicts == 1
    assert content(centre, incident)["narrative"] == "centre"
    assert [c[0] for c in _conflicts(centre)] == ["delete_edit"]


def test_an_edit_at_the_post_of_a_record_deleted_at_the_centre_keeps_it_deleted_and_opens_a_conflict(shared):
    post, centre, incident = shared
    delete(centre, incident)
    edit(post, incident, narrative="post")
    summary = import_(centre, export(post, "C"))
    assert summary.conflicts == 1 and summary.added == 0
    assert content(centre, incident) is None
    assert [c[0] for c in _conflicts(centre)] == ["delete_edit"]
    assert any(v.content and v.content["narrative"] == "post" for v in versions(centre, incident))


def test_an_uncontested_delete_fast_forwards(shared):
    post, centre, incident = shared
    delete(post, incident)
    summary = import_(centre, export(post, "C"))
    assert summary.updated == 1 and summary.conflicts == 0
    assert content(centre, incident) is None


def test_the_same_id_created_at_two_places_with_other_content_is_a_duplicate_create(pair):
    post, centre = pair
    incident = record(centre, narrative="made at the centre")
    theirs = dict(content(centre, incident), narrative="made at the post")
    summary = import_(centre, craft(post, "C", [incident_entry(theirs)]))
    assert summary.conflicts == 1 and summary.added == 0
    assert content(centre, incident)["narrative"] == "made at the centre"
    [(kind, heads, fields, status)] = _conflicts(centre)
    assert (kind, heads[0], fields) == ("duplicate_create", head(centre, incident)[0], ["narrative"])


def test_the_same_id_created_twice_with_the_same_content_converges(pair):
    post, centre = pair
    incident = record(centre, narrative="same")
    same = content(centre, incident)
    summary = import_(centre, craft(post, "C", [incident_entry(same)]))
    assert summary.unchanged == 1 and summary.conflicts == 0


def test_at_a_post_a_centre_edit_over_the_posts_unconfirmed_edit_is_flagged_and_the_post_keeps_its_edit(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre")
    edit(post, incident, narrative="post")
    post_head = head(post, incident)[0]
    summary = import_(post, export(centre, "KZ-KOR"))
    assert summary.conflicts == 1 and summary.merged == 0
    assert content(post, incident)["narrative"] == "post" and head(post, incident)[0] == post_head
    [(kind, heads, _fields, status)] = _conflicts(post)
    assert (kind, heads[0], status) == ("conflict", post_head, "open")
    assert heads[1] == head(centre, incident)[0]


def test_at_a_post_a_centre_merge_over_the_posts_edit_fast_forwards_and_settles_the_flag(shared):
    post, centre, incident = shared
    edit(centre, incident, narrative="centre")
    edit(post, incident, concealment="spare tyre")
    assert import_(centre, export(post, "C")).merged == 1
    summary = import_(post, export(centre, "KZ-KOR"))
    assert summary.updated == 1 and summary.conflicts == 0
    assert content(post, incident) == content(centre, incident)
    assert head(post, incident) == head(centre, incident)
    assert all(status == "resolved" for *_rest, status in _conflicts(post))
