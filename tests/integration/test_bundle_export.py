"""Exporting bundles (services.exchange_export, `sitcentre bundle export`; docs/exchange.md "The bundle file"):
the file opens and verifies with the sender's key, cumulative and --since-last ranges, acknowledgements moving
the start, the recipient's acknowledgements and the post's audit entries in the bundle, a centre's bundle
carrying its reference data and only that post's incidents, file names, refusals (an existing file, an
unknown recipient, a folder that does not exist) that commit nothing, and the command in a subprocess.
The post on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from sitcentre.db.migrate import head_revision
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange import bundle
from sitcentre.output_paths import OutputExists, UnsafeOutput
from sitcentre.repositories import feed
from sitcentre.services import keys
from sitcentre.services.audit_chain import chain_hash
from sitcentre.services.exchange_export import ExportRefused, export_bundle
from tests.exchange_flow import Site, bundle_entries, bundle_manifest, bundle_members, export, make_site, rows
from tests.integration.test_feed import DOS, KOR, record

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def post(db_url: str, tmp_path: Path):
    site = make_site(tmp_path / "post", "post", KOR, url=db_url)
    yield site
    site.dispose()


@pytest.fixture
def centre(tmp_path: Path):
    site = make_site(tmp_path / "centre", "centre", "C")
    yield site
    site.dispose()


def identity(site: Site) -> keys.OwnIdentity:
    with UnitOfWork(site.engine) as uow:
        return keys.own_identity(uow.session)


def set_cursor(site: Site, *key, seq: int, hash: str = "") -> None:
    with UnitOfWork(site.engine, write=True) as uow:
        feed.set_cursor(uow.session, *key, seq, hash)
        uow.commit()


def opened(site: Site, path: Path, recipient: str) -> bundle.Opened:
    """The bundle as the recipient's checks see it, with the sender's key trusted."""
    info = identity(site).info()
    return bundle.open_bundle(Path(path).read_bytes(), keys=lambda key_id: info if key_id == info.key_id else None,
                              me_origin=recipient, me_installation_id=None, known_revisions={head_revision()})


def exports_audited(site: Site) -> int:
    return rows(site.engine, "SELECT count(*) FROM audit_log WHERE action = 'export'")[0][0]


def test_a_bundle_opens_with_the_senders_key_and_carries_the_unconfirmed_entries(post, tmp_path):
    made = [record(post, KOR, day) for day in (1, 2)]
    result = export(post, "C", tmp_path / "b1.scb")
    assert (result.from_seq, result.to_seq, result.entries, result.counts) == (1, 2, 2, {"incident": 2})
    got = opened(post, result.path, "C")
    me = identity(post)
    assert got.bundle_id == result.bundle_id
    assert [e["id"] for _, e in got.entries] == [str(i.id) for i in made]
    manifest = got.manifest
    assert manifest["from"]["origin"] == KOR and manifest["from"]["epoch"] == me.epoch
    assert manifest["to"] == {"origin": "C", "installation_id": None}
    assert manifest["schema_revision"] == head_revision()
    assert manifest["feed"] == {"audience": "*", "epoch": me.epoch, "from_seq": 1, "to_seq": 2, "prev_hash": "",
                                "head_hash": got.entry_hashes[-1]}
    assert manifest["counts"] == {"incident": 2}
    assert "private_key" not in json.dumps(manifest) and me.private_key not in result.path.read_bytes().decode(
        "latin-1")


def test_cumulative_bundles_repeat_what_is_unconfirmed_and_since_last_only_what_is_new(post, tmp_path):
    me = identity(post)
    record(post, KOR, 1)
    record(post, KOR, 2)
    first = export(post, "C", tmp_path / "1.scb")
    record(post, KOR, 3)
    cumulative = export(post, "C", tmp_path / "2.scb")
    assert (first.from_seq, first.to_seq) == (1, 2) and (cumulative.from_seq, cumulative.to_seq) == (1, 3)
    record(post, KOR, 4)
    small = export(post, "C", tmp_path / "3.scb", since_last=True)
    assert (small.from_seq, small.to_seq, small.entries) == (4, 4, 1)
    manifest = bundle_manifest(small.path)
    assert manifest["feed"]["prev_hash"] == bundle_manifest(cumulative.path)["feed"]["head_hash"]
    # The centre confirms entries 1-3: the next cumulative bundle starts at 4.
    set_cursor(post, KOR, me.epoch, "*", "acked", seq=3, hash=manifest["feed"]["prev_hash"])
    after_ack = export(post, "C", tmp_path / "4.scb")
    assert (after_ack.from_seq, after_ack.to_seq) == (4, 4)
    assert [e["seq"] for e in bundle_entries(after_ack.path)] == [4]
    nothing = export(post, "C", tmp_path / "5.scb", since_last=True)
    assert (nothing.from_seq, nothing.to_seq, nothing.entries) == (5, 4, 0) and nothing.empty
    assert bundle_entries(nothing.path) == []
    assert opened(post, nothing.path, "C").manifest["feed"]["head_hash"] == manifest["feed"]["head_hash"]
    sent = rows(post.engine, "SELECT seq FROM feed_cursors WHERE kind = 'sent' AND audience = '*'")
    assert sent == [(4,)] and exports_audited(post) == 5


def test_the_bundle_acknowledges_what_we_hold_of_the_recipients_feeds_and_audit_chain(post, tmp_path):
    set_cursor(post, "C", "centre-epoch", KOR, "received", seq=7, hash="h7")
    set_cursor(post, "C", "centre-epoch", feed.AUDIT_AUDIENCE, "received", seq=40, hash="a40")
    set_cursor(post, "DOS", "other", "*", "received", seq=3, hash="x")  # another installation's: not acked to C
    acks = bundle_manifest(export(post, "C", tmp_path / "b.scb").path)["acks"]
    assert acks == [
        {"origin": "C", "epoch": "centre-epoch", "audience": feed.AUDIT_AUDIENCE, "through_seq": 40,
         "head_hash": "a40", "audit": True},
        {"origin": "C", "epoch": "centre-epoch", "audience": KOR, "through_seq": 7, "head_hash": "h7"},
    ]


def test_a_posts_bundle_carries_its_audit_entries_after_the_centres_audit_ack(post, tmp_path):
    me = identity(post)
    record(post, KOR, 1)
    first = export(post, "C", tmp_path / "1.scb")
    lines = [json.loads(line) for line in bundle_members(first.path)["audit.jsonl"].splitlines()]
    assert lines and lines[0]["prev_hash"] == "" and [r["seq"] for r in lines] == sorted(r["seq"] for r in lines)
    prev = ""
    for row in lines:
        fields = {k: row[k] for k in ("user_id", "username", "action", "entity", "entity_id", "before_json",
                                      "after_json")}
        assert row["prev_hash"] == prev
        assert row.get("db_user") == ("postgres" if post.engine.dialect.name == "postgresql" else None)
        assert row["hash"] == chain_hash(prev, at=datetime.fromisoformat(row["at"]), db_user=row.get("db_user"),
                                         **fields)
        prev = row["hash"]
    manifest = bundle_manifest(first.path)
    assert manifest["audit"] == {"epoch": me.epoch, "from_seq": 1, "to_seq": lines[-1]["seq"], "prev_hash": ""}
    assert manifest["audit_head"] == {"epoch": me.epoch, "seq": lines[-1]["seq"], "hash": lines[-1]["hash"]}
    # The centre stored them through lines[-1]: the next bundle starts after, with the export's own entry.
    set_cursor(post, KOR, me.epoch, feed.AUDIT_AUDIENCE, "acked", seq=lines[-1]["seq"], hash=lines[-1]["hash"])
    second = export(post, "C", tmp_path / "2.scb")
    later = [json.loads(line) for line in bundle_members(second.path)["audit.jsonl"].splitlines()]
    assert later[0]["prev_hash"] == lines[-1]["hash"] and later[0]["seq"] > lines[-1]["seq"]
    assert [r["action"] for r in later] == ["export"] and later[0]["entity_id"] == first.bundle_id
    assert bundle_manifest(second.path)["audit"]["prev_hash"] == lines[-1]["hash"]
    opened(post, second.path, "C")  # the audit part's chain checks out against the manifest


def test_a_centres_bundle_for_a_post_carries_its_reference_data_and_only_that_posts_incidents(centre, tmp_path):
    at_kor = {str(record(centre, KOR, day).id) for day in (1, 2)}
    record(centre, DOS, 3)
    result = export(centre, KOR, tmp_path)
    got = opened(centre, result.path, KOR)
    assert {e["id"] for _, e in got.entries} == at_kor
    assert got.manifest["feed"]["audience"] == KOR and "audit" not in got.manifest
    assert got.refdata is not None and got.manifest["refdata_version"]
    assert {e["refdata_version"] for _, e in got.entries} == {got.manifest["refdata_version"]}
    assert result.path.name == bundle.file_name(got.manifest, result.bundle_id)
    assert re.fullmatch(r"C_to_KZ-KOR_000001-000002_[0-9a-f]{8}\.scb", result.path.name)


def test_a_centre_refuses_a_recipient_that_is_not_one_of_its_posts(centre, tmp_path):
    with pytest.raises(ExportRefused, match="not the code of a post"):
        export(centre, "XX-NOPE", tmp_path / "b.scb")
    with pytest.raises(ExportRefused, match="this installation itself"):
        export(centre, "C", tmp_path / "b.scb")
    assert not list(tmp_path.glob("*.scb")) and exports_audited(centre) == 0


def test_a_post_sends_to_its_centre_not_to_another_post(post, tmp_path):
    with pytest.raises(ExportRefused, match="is a post"):
        export(post, DOS, tmp_path / "b.scb")


def test_an_existing_file_is_replaced_only_when_forced_and_a_refusal_commits_nothing(post, tmp_path):
    me = identity(post)
    record(post, KOR, 1)
    target = tmp_path / "b.scb"
    target.write_bytes(b"someone else's file")
    with pytest.raises(OutputExists):
        export(post, "C", target)
    assert target.read_bytes() == b"someone else's file"
    with UnitOfWork(post.engine) as uow:
        assert feed.cursor(uow.session, KOR, me.epoch, "*", "sent") is None
    assert exports_audited(post) == 0
    result = export_bundle(post.engine, post.settings, to="C", out=target, force=True, actor=SYSTEM)
    assert result.path == target and bundle_members(target)["entries.jsonl"]
    assert exports_audited(post) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_folder_that_does_not_exist_is_refused_in_words_and_leaves_no_file(post, tmp_path):
    record(post, KOR, 1)
    with pytest.raises(UnsafeOutput, match="does not exist"):
        export_bundle(post.engine, post.settings, to="C", out=tmp_path / "nowhere" / "b.scb", actor=SYSTEM)
    assert exports_audited(post) == 0 and not list(tmp_path.rglob("*.scb*")) and not list(tmp_path.rglob(".*"))


def test_a_file_that_cannot_be_renamed_into_place_leaves_no_temporary_file_and_commits_nothing(post, tmp_path,
                                                                                                monkeypatch):
    me = identity(post)
    record(post, KOR, 1)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sitcentre.output_paths.os.replace", full_disk)
    with pytest.raises(UnsafeOutput, match="disk is full"):
        export(post, "C", tmp_path / "out" / "b.scb")
    assert list((tmp_path / "out").iterdir()) == []
    with UnitOfWork(post.engine) as uow:
        assert feed.cursor(uow.session, KOR, me.epoch, "*", "sent") is None
    assert exports_audited(post) == 0
    monkeypatch.undo()
    assert export(post, "C", tmp_path / "out" / "b.scb").to_seq == 1


def test_an_installation_without_keys_cannot_export(db_url, tmp_path):
    from sitcentre.db import migrate
    from tests.exchange_flow import open_site

    site = open_site(db_url, tmp_path / "bare", KOR, "post")
    migrate.upgrade(site.engine, backup=False)
    with pytest.raises(keys.ExchangeNotReady, match="install init"):
        export_bundle(site.engine, site.settings, to="C", out=tmp_path / "b.scb", actor=SYSTEM)
    site.dispose()


def _cli(site: Site, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitcentre", "--db", site.url, "bundle", "export", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SITCENTRE_DATA_DIR": str(site.settings.data_dir)})


def test_the_export_command_writes_the_bundle_and_says_what_it_holds(post, tmp_path):
    record(post, KOR, 1)
    record(post, KOR, 2)
    out = tmp_path / "outbox"
    out.mkdir()
    done = _cli(post, "--to", "C", "--out", str(out))
    assert done.returncode == 0, done.stderr
    [written] = list(out.iterdir())
    assert re.fullmatch(r"KZ-KOR_to_C_000001-000002_[0-9a-f]{8}\.scb", written.name)
    assert str(written) in done.stdout and "1-2 (2: incident 2)" in done.stdout
    again = _cli(post, "--to", "C", "--out", str(written))
    assert again.returncode == 3 and again.stderr.startswith("sitcentre: ") and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    empty = _cli(post, "--to", "C", "--out", str(out), "--since-last")
    assert empty.returncode == 0 and "nothing new since the last bundle" in empty.stdout
    wrong = _cli(post, "--to", DOS, "--out", str(out))
    assert wrong.returncode == 3 and "is a post" in wrong.stderr and len(list(out.iterdir())) == 2


def test_an_export_removes_the_temporary_file_a_killed_export_of_this_installation_left(post, tmp_path):
    out = tmp_path / "outbox"
    out.mkdir()
    ours = out / ".KZ-KOR_to_C_000001-000004_0badcafe.scb.k3j2h1g0.part"
    for_a_file = out / ".named.scb.a1b2c3d4.part"
    others = [out / ".KG-DOS_to_C_000001-000002_12345678.scb.zzzzzzzz.part", out / ".notes.txt.abcd1234.part",
              out / "KZ-KOR_to_C_old.scb.part"]
    for path in [ours, for_a_file, *others]:
        path.write_bytes(b"PK\x03\x04 cut short")
    record(post, KOR, 1)
    export(post, "C", out)
    assert not ours.exists() and for_a_file.exists() and all(p.exists() for p in others)
    export(post, "C", out / "named.scb")
    assert not for_a_file.exists() and all(p.exists() for p in others)
