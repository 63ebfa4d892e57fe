"""Bundles the importer refuses, and entries it keeps as errors (issue 12, item 5): a forked feed (the same seq
with other bytes), an altered audit chain, an unknown, revoked or other recipient's key, a tampered byte, a
newer schema: each writes nothing to the data tables (a security alert is audited where it must be), and a
refused file is kept aside. An entry that breaks a rule is kept with its reason and the others apply."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from sitcentre.db.engine import make_engine
from sitcentre.db.tables import AuditRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange.errors import BundleRejected, Equivocation
from sitcentre.services import keys
from sitcentre.services.audit import chain_hash
from sitcentre.services.exchange_import import AuditAltered, import_file
from sitcentre.settings import sqlite_url
from tests.integration.exchange_world import (
    World,
    content,
    craft,
    data_counts,
    export,
    identity,
    import_,
    incident_entry,
    make_centre,
    make_post,
    record,
    rows,
    scalar,
    trust,
)


def _alerts(world: World) -> list[dict]:
    return [json.loads(after) for (after,) in rows(
        world, "SELECT after_json FROM audit_log WHERE action = 'security_alert' ORDER BY id")]


def _backup(world: World, target: Path) -> None:
    source = sqlite3.connect(world.engine.url.database)
    copy = sqlite3.connect(target)
    source.backup(copy)
    copy.close()
    source.close()


def _restore(world: World, backup: Path) -> World:
    """The post's file replaced by an old backup (same installation, same epoch)."""
    world.engine.dispose()
    path = Path(world.engine.url.database)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(backup.read_bytes())
    return World(make_engine(sqlite_url(path), world.settings), world.settings, world.origin, world.role,
                 world.folder)


# ------------------------------------------------------------------------------------------- security

def test_the_same_seq_with_other_bytes_is_refused_with_the_database_unchanged_and_an_alert(pair, tmp_path):
    post, centre = pair
    _backup(post, tmp_path / "backup.sqlite")
    record(post, narrative="before the restore")
    import_(centre, export(post, "C"))
    post = _restore(post, tmp_path / "backup.sqlite")  # restored without `install new-epoch`
    record(post, narrative="after the restore")
    forked = export(post, "C")
    before = data_counts(centre)
    with pytest.raises(Equivocation) as refused:
        import_(centre, forked)
    assert refused.value.message == ("Refused: KZ-KOR has sent two different versions of its change #1. Keep this "
                                     "file and call the centre's security officer.")
    assert data_counts(centre) == before
    [alert] = _alerts(centre)
    assert alert["code"] == "equivocation" and alert["origin"] == "KZ-KOR" and alert["epoch"] == identity(post).epoch
    stored = scalar(centre, "SELECT hash FROM feed_entries WHERE origin = 'KZ-KOR' AND seq = 1")
    assert alert["details"]["seq"] == 1 and alert["details"]["stored_hash"] == stored
    assert alert["details"]["received_hash"] not in (stored, None)
    post.dispose()


def _rewrite_audit_tail(post: World) -> None:
    """What someone with the file and a text editor does: change an old audit row and recompute every hash
    after it (the post's own chain then verifies again)."""
    with UnitOfWork(post.engine, write=True) as uow:
        s = uow.session
        for name in ("trg_audit_log_no_upd", "trg_audit_log_no_del"):
            s.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        prev = ""
        for row in s.scalars(select(AuditRow).order_by(AuditRow.id)).all():
            username = "someone else" if row.id == 1 else row.username
            digest = chain_hash(prev, at=row.at, user_id=row.user_id, username=username, action=row.action,
                                entity=row.entity, entity_id=row.entity_id, before_json=row.before_json,
                                after_json=row.after_json)
            s.execute(text("UPDATE audit_log SET username = :u, prev_hash = :p, hash = :h WHERE id = :id"),
                      {"u": username, "p": prev, "h": digest, "id": row.id})
            prev = digest
        uow.session.commit()


def test_an_altered_post_audit_chain_is_detected_at_the_next_import(pair):
    post, centre = pair
    record(post)
    import_(centre, export(post, "C"))
    import_(post, export(centre, "KZ-KOR"))  # the centre acknowledges the post's audit entries
    _rewrite_audit_tail(post)
    record(post, narrative="next")
    data = export(post, "C")
    before = data_counts(centre)
    with pytest.raises(AuditAltered) as refused:
        import_(centre, data)
    assert refused.value.code == "audit_altered"
    assert refused.value.message.startswith("The audit trail of KZ-KOR has been altered since its last bundle")
    assert data_counts(centre) == before
    assert [a["code"] for a in _alerts(centre)] == ["audit_altered"]


def test_an_audit_row_whose_hash_does_not_match_is_refused_before_anything_is_written(pair):
    post, centre = pair
    record(post)
    with UnitOfWork(post.engine, write=True) as uow:  # the row changed, its hash left as it was
        uow.session.execute(text("DROP TRIGGER IF EXISTS trg_audit_log_no_upd"))
        uow.session.execute(text("UPDATE audit_log SET username = 'someone else' WHERE id = 1"))
        uow.session.commit()
    data = export(post, "C")
    before = data_counts(centre)
    with pytest.raises(BundleRejected) as refused:
        import_(centre, data)
    assert refused.value.code == "bad_audit"
    assert data_counts(centre) == before


# ------------------------------------------------------------------------------------------- refusals

def test_an_unknown_key_is_refused_and_recorded_as_pending(tmp_path: Path, db_url: str):
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path, url=db_url)
    trust(post, centre)  # the post knows the centre, the centre has never seen the post's key
    record(post)
    data = export(post, "C")
    before = data_counts(centre)
    with pytest.raises(BundleRejected) as refused:
        import_(centre, data)
    assert refused.value.code == "unknown_key"
    after = data_counts(centre)
    assert after.pop("trusted_keys") == before.pop("trusted_keys") + 1 and after == before
    me = identity(post)
    assert rows(centre, "SELECT origin_code, state FROM trusted_keys WHERE key_id = :k", k=me.key_id) == [
        ("KZ-KOR", "pending")]
    post.dispose()
    centre.dispose()


def test_a_revoked_key_is_refused(pair):
    post, centre = pair
    record(post)
    data = export(post, "C")
    keys.revoke(centre.engine, identity(post).key_id, actor=SYSTEM, reason="laptop stolen")
    before = data_counts(centre)
    with pytest.raises(BundleRejected) as refused:
        import_(centre, data)
    assert refused.value.code == "revoked_key"
    assert data_counts(centre) == before


@pytest.mark.parametrize("case", ["other recipient", "tampered byte", "newer schema"])
def test_a_refused_bundle_writes_nothing(pair, case):
    post, centre = pair
    incident = record(post)
    entry = incident_entry(content(post, incident))
    if case == "other recipient":
        data, code = craft(post, "C2", [entry]), "wrong_recipient"
    elif case == "newer schema":
        data, code = craft(post, "C", [entry], schema_revision="9999"), "newer_schema"
    else:
        raw = bytearray(export(post, "C"))
        raw[len(raw) // 3] ^= 0x01
        data, code = bytes(raw), None
    before = data_counts(centre)
    with pytest.raises(BundleRejected) as refused:
        import_(centre, data)
    assert code is None or refused.value.code == code
    assert data_counts(centre) == before
    if case == "newer schema":
        assert "Update sitcentre" in refused.value.message


def test_a_refused_file_is_kept_aside_in_the_quarantine_folder(pair, tmp_path: Path):
    post, centre = pair
    record(post)
    path = tmp_path / "incoming.scb"
    raw = bytearray(export(post, "C"))
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(BundleRejected) as refused:
        import_file(centre.engine, centre.settings, path, actor=SYSTEM)
    kept = refused.value.kept_at
    assert kept.parent == centre.settings.data_dir / "quarantine" and kept.read_bytes() == path.read_bytes()
    assert (kept.parent.stat().st_mode & 0o777) == 0o700
    assert path.exists()


def test_a_file_over_the_size_cap_is_refused_without_being_read(pair, tmp_path: Path, monkeypatch):
    post, centre = pair
    path = tmp_path / "huge.scb"
    with path.open("wb") as f:  # sparse: 300 MB that take no room and must never be read
        f.truncate(300 * 2**20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(BundleRejected) as refused:
        import_file(centre.engine, centre.settings, path, actor=SYSTEM)
    assert refused.value.code == "too_large"
    assert not (centre.settings.data_dir / "quarantine").exists()


# ------------------------------------------------------------------------------------------- errors

def test_an_entry_breaking_a_rule_is_kept_as_an_error_and_the_others_apply(pair):
    post, centre = pair
    good, bad = record(post, narrative="good"), record(post, narrative="bad")
    broken = content(post, bad)
    line_id = next(iter(broken["lines"]))
    broken["lines"][line_id] = dict(broken["lines"][line_id], substance="NO_SUCH_SUBSTANCE")
    data = craft(post, "C", [incident_entry(content(post, good)), incident_entry(broken)])
    summary = import_(centre, data)
    assert (summary.added, summary.errors) == (1, 1)
    [(record_id, reason)] = summary.error_details
    assert record_id == str(bad) and reason
    assert content(centre, good) is not None and content(centre, bad) is None
    assert rows(centre, "SELECT seq, state FROM feed_entries ORDER BY seq") == [(1, "applied"), (2, "error")]
    assert scalar(centre, "SELECT reason FROM feed_entries WHERE seq = 2") == reason
    assert scalar(centre, "SELECT count(*) FROM record_versions WHERE row_id = :r",
                  r=bad.hex if centre.engine.dialect.name == "sqlite" else bad) == 0


def test_a_post_cannot_send_another_posts_incident(pair):
    post, centre = pair
    incident = record(post, post="KG-DOS", narrative="not ours")
    summary = import_(centre, craft(post, "C", [incident_entry(content(post, incident))]))
    assert (summary.added, summary.errors) == (0, 1)
    assert "sends only its own incidents" in summary.error_details[0][1]
    assert content(centre, incident) is None


def test_the_cli_words_a_refusal_says_where_the_file_was_kept_and_exits_3(pair, tmp_path: Path):
    import os
    import subprocess
    import sys

    post, centre = pair
    record(post)
    path = tmp_path / "other.scb"
    path.write_bytes(craft(post, "C2", [incident_entry(content(post, record(post)))]))
    url = centre.engine.url.render_as_string(hide_password=False)
    env = dict(os.environ, SITCENTRE_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "sitcentre", "--db", url, "bundle", "import", str(path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 3
    assert done.stderr.startswith("sitcentre: This bundle is addressed to C2, not to this installation (C).")
    assert "Traceback" not in done.stderr
    assert f"the file was kept in {tmp_path / 'data' / 'quarantine'}" in done.stderr
