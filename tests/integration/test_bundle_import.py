"""Importing bundles (issue 12, item 5): adds, fast-forwards, re-imports and overlaps, held entries, acks,
the summary, the IMPORT audit entry and the CLI. The post is an SQLite file; the centre is SQLite or PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.integration.exchange_world import (
    World,
    content,
    edit,
    export,
    head,
    identity,
    import_,
    record,
    rows,
    scalar,
)


def _count(world: World, table: str) -> int:
    return scalar(world, f"SELECT count(*) FROM {table}")


def test_a_first_bundle_adds_the_posts_incidents_with_their_revisions(pair):
    post, centre = pair
    a, b = record(post, narrative="first"), record(post, narrative="second", quantity=3.5)
    summary = import_(centre, export(post, "C"))
    assert (summary.added, summary.updated, summary.unchanged, summary.errors, summary.already) == (2, 0, 0, 0, False)
    assert summary.sender == "KZ-KOR"
    for incident in (a, b):
        assert content(centre, incident) == content(post, incident)
        assert head(centre, incident) == head(post, incident)
    assert _count(centre, "feed_entries") == 2
    assert rows(centre, "SELECT DISTINCT state FROM feed_entries") == [("applied",)]


def test_the_summary_is_kept_and_the_import_audited_with_the_senders_heads(pair):
    post, centre = pair
    record(post)
    data = export(post, "C")
    summary = import_(centre, data)
    stored = rows(centre, "SELECT sender, from_seq, to_seq, summary_json FROM bundles_received "
                          "WHERE bundle_id = :b", b=summary.bundle_id)
    assert stored[0][:3] == ("KZ-KOR", 1, 1)
    assert json.loads(stored[0][3])["added"] == 1
    after = json.loads(scalar(centre, "SELECT after_json FROM audit_log WHERE action = 'import' AND entity_id = :b",
                              b=summary.bundle_id))
    assert after["sender"] == "KZ-KOR" and after["range"] == [1, 1] and after["summary"]["added"] == 1
    assert after["feed_head"] == scalar(post, "SELECT hash FROM feed_entries WHERE seq = 1")
    assert after["audit_head"]["hash"]  # the post's audit chain head, as the post's manifest gave it


def test_resending_a_bundle_three_times_gives_one_row(pair):
    post, centre = pair
    incident = record(post)
    data = export(post, "C")
    first = import_(centre, data)
    again = [import_(centre, data) for _ in range(3)]
    assert first.added == 1 and all(s.already and s.added == 0 for s in again)
    assert scalar(centre, "SELECT count(*) FROM incidents WHERE post_id = (SELECT id FROM posts WHERE code = "
                          "'KZ-KOR')") == 1
    assert _count(centre, "record_versions") == 1 and _count(centre, "bundles_received") == 1
    assert scalar(centre, "SELECT count(*) FROM audit_log WHERE action = 'import'") == 1
    assert content(centre, incident) == content(post, incident)


def test_overlapping_cumulative_bundles_apply_only_what_is_new(pair):
    post, centre = pair
    a = record(post, narrative="one")
    record(post, narrative="two")
    first = export(post, "C")
    edit(post, a, narrative="one, corrected")
    second = export(post, "C")  # cumulative: nothing was acknowledged, so 1..3
    assert import_(centre, first).added == 2
    summary = import_(centre, second)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 2)
    assert content(centre, a)["narrative"] == "one, corrected"
    assert _count(centre, "feed_entries") == 3
    assert rows(centre, "SELECT seq FROM feed_cursors WHERE origin = 'KZ-KOR' AND kind = 'received' "
                        "AND audience = '*'") == [(3,)]


def test_an_entry_whose_parent_has_not_arrived_is_held_then_applied_when_it_arrives(pair):
    post, centre = pair
    a = record(post, narrative="one")
    early = export(post, "C")
    edit(post, a, narrative="two")
    late = export(post, "C", since_last=True)  # only the edit (seq 2)
    held = import_(centre, late)
    assert (held.held, held.added, held.updated) == (1, 0, 0)
    assert content(centre, a) is None
    assert rows(centre, "SELECT seq, state FROM feed_entries") == [(2, "held")]
    assert rows(centre, "SELECT count(*) FROM feed_cursors WHERE kind = 'received' AND audience = '*'") == [(0,)]
    summary = import_(centre, early)
    assert (summary.added, summary.updated, summary.held) == (1, 1, 0)
    assert content(centre, a) == content(post, a) and content(centre, a)["narrative"] == "two"
    assert rows(centre, "SELECT seq, state FROM feed_entries ORDER BY seq") == [(1, "applied"), (2, "applied")]
    assert rows(centre, "SELECT seq FROM feed_cursors WHERE kind = 'received' AND audience = '*'") == [(2,)]


def test_the_centres_acknowledgements_move_the_posts_acked_cursors(pair):
    post, centre = pair
    record(post)
    record(post)
    import_(centre, export(post, "C"))
    me = identity(post)
    summary = import_(post, export(centre, "KZ-KOR"))
    assert summary.sender == "C" and not summary.new_epoch_started
    assert rows(post, "SELECT seq FROM feed_cursors WHERE origin = :o AND epoch = :e AND audience = '*' "
                      "AND kind = 'acked'", o="KZ-KOR", e=me.epoch) == [(2,)]
    audit_ack = rows(post, "SELECT seq FROM feed_cursors WHERE origin = 'KZ-KOR' AND audience = '#audit' "
                           "AND kind = 'acked'")
    assert audit_ack and audit_ack[0][0] == scalar(centre, "SELECT max(seq) FROM audit_remote")
    assert import_(centre, export(post, "C")).added == 0  # the next bundle starts after what was acknowledged
    assert identity(post).epoch == me.epoch


def test_the_posts_audit_entries_are_kept_verbatim_at_the_centre(pair):
    post, centre = pair
    record(post)
    import_(centre, export(post, "C"))
    kept = rows(centre, "SELECT seq, hash FROM audit_remote WHERE origin = 'KZ-KOR' ORDER BY seq")
    own = rows(post, "SELECT id, hash, action FROM audit_log ORDER BY id")
    assert kept and kept == [row[:2] for row in own[:-1]]
    assert own[-1][2] == "export"  # the export's own entry is written after the bundle, and goes in the next


def test_the_cli_prints_the_summary_and_says_already_imported_the_second_time(pair, tmp_path: Path):
    post, centre = pair
    record(post)
    path = tmp_path / "bundle.scb"
    path.write_bytes(export(post, "C"))
    url = centre.engine.url.render_as_string(hide_password=False)
    env = dict(os.environ, SITCENTRE_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "sitcentre", "--db", url, "bundle", "import", str(path)]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Imported bundle.scb from KZ-KOR: 1 added, 0 updated, 0 unchanged, 0 merged, "
                                   "0 conflicts, 0 held, 0 errors")
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert second.returncode == 0 and "already imported" in second.stdout


def test_a_post_restored_from_a_backup_starts_a_new_epoch_and_gets_its_records_back(pair, tmp_path: Path):
    from tests.integration.test_import_rejections import _backup, _restore

    post, centre = pair
    _backup(post, tmp_path / "backup.sqlite")
    a, b = record(post, narrative="a"), record(post, narrative="b")
    assert import_(centre, export(post, "C")).added == 2
    post = _restore(post, tmp_path / "backup.sqlite")  # a and b are gone here; the centre has them
    old_epoch = identity(post).epoch
    summary = import_(post, export(centre, "KZ-KOR"))  # acknowledges seq 2 of a feed that is now empty
    assert summary.new_epoch_started and identity(post).epoch != old_epoch
    assert scalar(post, "SELECT count(*) FROM audit_log WHERE action = 'new_epoch'") == 1
    assert import_(centre, export(post, "C")).errors == 0  # the first bundle of the new epoch: a resync follows
    back = import_(post, export(centre, "KZ-KOR"))
    assert back.added == 2 and not back.new_epoch_started
    for incident in (a, b):
        assert content(post, incident) == content(centre, incident)


def test_an_alert_travels_to_the_post_and_its_acknowledgement_back(pair):
    from sitcentre.domain.alerts import Alert
    from sitcentre.domain.permissions import SYSTEM
    from sitcentre.services.alerts import acknowledge_alert, send_alert
    from tests.integration.exchange_world import ids

    post, centre = pair
    posts, _subs = ids(centre)
    alert = send_alert(centre.engine, Alert(text="Watch the white van", to_post_id=posts["KZ-KOR"]), actor=SYSTEM,
                       settings=centre.settings)
    assert import_(post, export(centre, "KZ-KOR")).added == 1
    assert scalar(post, "SELECT text FROM alerts") == "Watch the white van"
    acknowledge_alert(post.engine, alert.id, actor=SYSTEM, settings=post.settings)
    summary = import_(centre, export(post, "C"))
    assert summary.updated == 1 and summary.errors == 0
    assert rows(centre, "SELECT ack_origin FROM alerts") == [("KZ-KOR",)]
    assert scalar(centre, "SELECT acknowledged_at FROM alerts") is not None
