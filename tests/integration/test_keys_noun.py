"""The desk's keys noun (issue 13, item 4): what the app's key dialogs call, on SQLite and PostgreSQL.

The centre is the parametrised database; the post that sends it a bundle or a key file is its own SQLite file.
Decisions are made by real accounts (a supervisor, an operator), so the permission check and its audit are
the product's own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitcentre.backend import Backend, Topic
from sitcentre.backend.keys import KeyCandidate, KeyNotUsable
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exchange.errors import BundleRejected
from sitcentre.output_paths import OutputExists
from tests.integration.exchange_world import export, import_, key_file, make_centre, make_installation, make_post
from tests.integration.people import add_user, audit_rows


@pytest.fixture
def world(tmp_path: Path, db_url: str):
    """A centre (SQLite or PostgreSQL) that trusts nobody yet, a post, and the centre's supervisor's and
    operator's desks."""
    centre = make_centre(tmp_path, url=db_url)
    post = make_post(tmp_path, "KZ-KOR")
    backend = Backend(centre.engine, centre.settings)
    supervisor = backend.desk(add_user(centre.engine, centre.settings, "sup", Role.SUPERVISOR))
    operator = backend.desk(add_user(centre.engine, centre.settings, "op", Role.OPERATOR))
    yield centre, post, supervisor, operator
    post.dispose()
    centre.dispose()


def _states(desk) -> dict[str, str]:
    return {k.key_id: k.state for k in desk.keys.list()}


def _refused_bundle(centre, post) -> bytes:
    """A bundle the centre refuses because it does not know the post's key (which it then lists as pending)."""
    from tests.integration.exchange_world import record, trust

    trust(post, centre)  # the post may write for the centre; the centre has not trusted the post yet
    record(post, narrative="seen at the gate")
    data = export(post, "C")
    with pytest.raises(BundleRejected) as refused:
        import_(centre, data)
    assert refused.value.code == "unknown_key"
    return data


def test_a_bundle_from_an_unknown_key_names_a_key_waiting_for_a_supervisor(world):
    centre, post, supervisor, _ = world
    data = _refused_bundle(centre, post)
    candidate = supervisor.keys.examine(data)
    assert isinstance(candidate, KeyCandidate)
    assert (candidate.origin, candidate.role, candidate.state, candidate.refused) == ("KZ-KOR", "post", "pending", "")
    assert candidate.fingerprint == post_fingerprint(post)
    assert _states(supervisor) == {candidate.key_id: "pending"}


def test_trusting_a_pending_key_lets_the_same_bundle_in_and_is_audited(world):
    centre, post, supervisor, _ = world
    data = _refused_bundle(centre, post)
    candidate = supervisor.keys.examine(data)
    done = supervisor.keys.trust(candidate.info)
    assert done.value.state == "trusted" and done.changes.touches([Topic.AUDIT])
    assert _states(supervisor) == {candidate.key_id: "trusted"}
    trusted = audit_rows(centre.engine, action="trust_key")
    assert [(r.username, r.entity_id) for r in trusted] == [("sup", candidate.key_id)]
    assert import_(centre, data).added == 1  # the bundle refused a moment ago now goes in


def test_refusing_in_the_dialog_leaves_the_key_waiting_and_bundles_still_refused(world):
    centre, post, supervisor, _ = world
    data = _refused_bundle(centre, post)
    key_id = supervisor.keys.examine(data).key_id  # the supervisor looked and said no: nothing is called
    supervisor.keys.note_pending(supervisor.keys.key_info(data))  # noting it again changes nothing
    assert _states(supervisor) == {key_id: "pending"}
    assert audit_rows(centre.engine, action="trust_key") == []
    with pytest.raises(BundleRejected):
        import_(centre, data)


def test_a_revoked_key_is_listed_with_its_reason_and_cannot_be_trusted_again(world, tmp_path):
    centre, post, supervisor, _ = world
    info = supervisor.keys.key_info(key_file(post))
    supervisor.keys.trust(info)
    done = supervisor.keys.revoke(info.key_id, "laptop stolen")
    assert done.value.state == "revoked" and done.changes.touches([Topic.AUDIT])
    (row,) = supervisor.keys.list()
    assert (row.state, row.reason, row.decided_by) == ("revoked", "laptop stolen", "sup")
    candidate = supervisor.keys.examine(info)
    assert candidate.state == "revoked" and "revoked" in candidate.refused and "new key" in candidate.refused
    with pytest.raises(KeyNotUsable, match="revoked"):
        supervisor.keys.trust(info)
    assert [r.username for r in audit_rows(centre.engine, action="revoke_key")] == ["sup"]


def test_an_operator_may_look_but_not_trust_or_revoke_and_the_refusals_are_audited(world):
    centre, post, supervisor, operator = world
    info = operator.keys.key_info(key_file(post))
    operator.keys.note_pending(info)
    assert operator.keys.examine(info).state == "pending"  # an operator sees the fingerprint
    with pytest.raises(PermissionDenied):
        operator.keys.trust(info)
    supervisor.keys.trust(info)
    with pytest.raises(PermissionDenied):
        operator.keys.revoke(info.key_id, "no reason")
    refused = [(r.username, r.entity_id, json.loads(r.after_json)["action"] if isinstance(r.after_json, str)
                else r.after_json["action"]) for r in audit_rows(centre.engine, action="refused")]
    assert refused == [("op", info.key_id, "exchange.trust_key"), ("op", info.key_id, "exchange.trust_key")]
    assert _states(supervisor) == {info.key_id: "trusted"}


def test_our_own_key_is_refused_in_words(world, tmp_path):
    centre, _, supervisor, _ = world
    path = supervisor.keys.export_own(tmp_path / "centre.key")
    own = supervisor.keys.own()
    candidate = supervisor.keys.examine(path)
    assert (candidate.key_id, candidate.fingerprint) == (own.key_id, own.fingerprint)
    assert candidate.state == "own" and "own key" in candidate.refused
    with pytest.raises(KeyNotUsable, match="own key"):
        supervisor.keys.trust(candidate.info)
    assert supervisor.keys.list() == []


def test_exporting_our_key_over_an_existing_file_needs_the_person_to_say_so(world, tmp_path):
    _, _, supervisor, _ = world
    target = tmp_path / "centre.key"
    target.write_text("someone else's file")
    with pytest.raises(OutputExists):
        supervisor.keys.export_own(target)
    assert target.read_text() == "someone else's file"
    supervisor.keys.export_own(target, replace=True)
    assert supervisor.keys.key_info(target).key_id == supervisor.keys.own().key_id


def test_a_second_key_of_a_trusted_origin_is_shown_as_a_key_rotation(world, tmp_path):
    _, post, supervisor, _ = world
    first = supervisor.keys.key_info(key_file(post))
    supervisor.keys.trust(first)
    rebuilt = make_installation(tmp_path / "rebuilt", "post", "KZ-KOR")  # the post's new laptop, a new key
    try:
        second = supervisor.keys.examine(key_file(rebuilt))
    finally:
        rebuilt.dispose()
    assert second.state == "new" and second.rotation_of == (first.key_id,) and second.refused == ""


def test_a_file_that_is_not_a_key_is_refused_in_words(world, tmp_path):
    _, _, supervisor, _ = world
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(KeyNotUsable, match="not a key file"):
        supervisor.keys.examine(junk)
    with pytest.raises(KeyNotUsable, match="There is no file"):
        supervisor.keys.key_info(tmp_path / "missing.key")


def post_fingerprint(post) -> str:
    from tests.integration.exchange_world import identity

    return identity(post).fingerprint
