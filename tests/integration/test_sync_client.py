"""Online sync (issue 13, item 5), the post's side, against a real `sitcentre serve` process on 127.0.0.1 with a
throwaway certificate (tests/server_proc.py): one round pushes and pulls; the bundle sent over HTTP is the file
in the outbox, byte for byte, and gives the same database as importing that file; a server killed mid-upload
and restarted: the next round completes, nothing twice; two posts at once; a refused bundle does not stop the
next; a certificate that is not the pinned one fails in words; the backoff grows and resets."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.progress import Cancelled
from sitcentre.exchange.bundle import SUFFIX
from sitcentre.services import sync_http, sync_setup
from sitcentre.services.sync_client import REFUSED, SENT, outbox_folder, pending_files, sync_round
from tests.integration.exchange_world import (
    World,
    content,
    edit,
    export,
    make_post,
    record,
    rows,
    scalar,
    trust,
    trust_both,
)
from tests.server_proc import ServerProcess, free_port, make_certificate

SMALL_CHUNKS = dict(chunk_bytes=4096, resumable_over=8192)  # a few records already make a multi-chunk upload


def link(post: World, url: str, cert_pem: str) -> None:
    sync_setup.configure(post.engine, post.settings, actor=SYSTEM, url=url, cert_pem=cert_pem)


def state(post: World):
    return sync_setup.state_of(sync_setup.link(post.engine))


def incident_count(world: World, post_code: str | None = None) -> int:
    if post_code is None:
        return scalar(world, "SELECT count(*) FROM incidents")
    return scalar(world, "SELECT count(*) FROM incidents i JOIN posts p ON p.id = i.post_id WHERE p.code = :c",
                  c=post_code)


def content_rows(world: World) -> list[tuple]:
    """What two centres must hold alike: the incidents' exchanged content and every stored version."""
    incidents = rows(world, "SELECT id, rev, origin, narrative, status FROM incidents ORDER BY id")
    versions = rows(world, "SELECT row_id, rev, parent_rev, op, origin, content_json FROM record_versions "
                           "ORDER BY row_id, rev")
    return [tuple(str(v) for v in r) for r in incidents + versions]


@pytest.fixture
def centre_server(pair, tmp_path: Path):
    post, centre = pair
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        yield post, centre, server


def test_one_round_pushes_what_is_pending_and_pulls_the_return_bundle(centre_server):
    post, centre, server = centre_server
    ids = [record(post, narrative=f"seen {n}") for n in range(3)]
    link(post, server.url, server.cert_pem)

    stages = []
    report = sync_round(post.engine, post.settings, actor=SYSTEM,
                        progress=lambda stage, done, total: stages.append(stage) if stage not in stages else None)

    assert report.ok, report.lines()
    assert stages == ["exporting", "sending", "receiving", "importing"]
    assert report.exported is not None and report.exported.entries == 3
    assert [s.status for s in report.sent] == ["imported"]
    assert incident_count(centre, "KZ-KOR") == 3
    assert scalar(centre, "SELECT count(*) FROM bundles_received") == 1
    assert report.received is not None and not report.received.already  # the centre's bundle for the post
    assert pending_files(outbox_folder(post.settings)) == []
    assert len(list((outbox_folder(post.settings) / SENT).glob(f"*{SUFFIX}"))) == 1
    now = state(post)
    assert now.failures == 0 and now.last_error == "" and now.last_success_at is not None
    assert now.last_heard_at is not None and now.due_at == now.next_attempt_at
    # the post's changes are confirmed: the centre's acknowledgement came back with its bundle
    acked = scalar(post, "SELECT max(seq) FROM feed_cursors WHERE kind = 'acked' AND origin = 'KZ-KOR' "
                                "AND audience = '*'")
    assert acked == 3, ids



@pytest.mark.parametrize("backend", ["sqlite"])
def test_acknowledgements_go_back_once_and_an_idle_round_writes_nothing(centre_server):
    post, centre, server = centre_server
    first = record(post, narrative="first words")
    link(post, server.url, server.cert_pem)
    assert sync_round(post.engine, post.settings, actor=SYSTEM).ok
    edit(centre, first, narrative="corrected at the centre")

    pulled = sync_round(post.engine, post.settings, actor=SYSTEM)
    assert pulled.exported is None and pulled.received.updated == 1, pulled.lines()
    assert content(post, first)["narrative"] == "corrected at the centre"

    acks = sync_round(post.engine, post.settings, actor=SYSTEM)  # the post now holds a change of the centre's
    assert acks.exported is not None and acks.exported.entries == 0, acks.lines()
    assert [s.status for s in acks.sent] == ["imported"]

    exports = scalar(post, "SELECT count(*) FROM audit_log WHERE action = 'export'")
    sent_files = len(list((outbox_folder(post.settings) / SENT).iterdir()))
    idle = sync_round(post.engine, post.settings, actor=SYSTEM)
    assert idle.ok and idle.exported is None and idle.sent == (), idle.lines()
    assert scalar(post, "SELECT count(*) FROM audit_log WHERE action = 'export'") == exports
    assert len(list((outbox_folder(post.settings) / SENT).iterdir())) == sent_files


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_bundle_sent_over_http_is_the_outbox_file_and_imports_alike_from_the_file(pair, tmp_path: Path,
                                                                                       monkeypatch):
    post, centre = pair
    twin_folder = tmp_path / "twin"
    for n in range(30):
        record(post, narrative=f"twin {n} " + uuid.uuid4().hex * 4)
    twin_folder.mkdir()
    with sqlite3.connect(centre.engine.url.database) as source, sqlite3.connect(twin_folder / "C.sqlite") as copy:
        source.backup(copy)  # the same centre (same key and origin) before anything arrived
    uploaded = bytearray()  # every byte the post put on the wire in an upload's body, in order
    opened = sync_http.open_client

    def recording_client(url: str, cert_pem: str):
        client = opened(url, cert_pem)
        client.event_hooks["request"].append(
            lambda request: uploaded.extend(request.content) if request.method in ("POST", "PATCH") else None)
        return client

    monkeypatch.setattr(sync_http, "open_client", recording_client)
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        link(post, server.url, server.cert_pem)
        report = sync_round(post.engine, post.settings, actor=SYSTEM, **SMALL_CHUNKS)
    assert report.ok, report.lines()
    sent_file = outbox_folder(post.settings) / SENT / report.sent[0].file
    data = sent_file.read_bytes()
    assert len(data) > SMALL_CHUNKS["resumable_over"]  # it went in chunks, and they add up to the file
    assert hashlib.sha256(bytes(uploaded)).hexdigest() == hashlib.sha256(data).hexdigest()
    # the centre keeps no copy: it recorded the bundle by the SHA-256 of the manifest inside these bytes
    bundle_id = sync_http.bundle_id_of(data)
    assert report.sent[0].bundle_id == bundle_id
    assert rows(centre, "SELECT bundle_id FROM bundles_received") == [(bundle_id,)]

    from sitcentre.db.engine import make_engine
    from sitcentre.services.exchange_import import import_file
    from sitcentre.settings import Settings, sqlite_url

    twin_settings = Settings(data_dir=twin_folder)
    twin = World(make_engine(sqlite_url(twin_folder / "C.sqlite"), twin_settings), twin_settings, "C", "centre",
                 twin_folder)
    try:
        summary = import_file(twin.engine, twin.settings, sent_file, actor=SYSTEM)
        assert summary.added == 30
        assert rows(twin, "SELECT bundle_id FROM bundles_received") == [(bundle_id,)]
        assert content_rows(twin) == content_rows(centre)
    finally:
        twin.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_server_killed_mid_upload_and_restarted_gets_the_bundle_once(pair, tmp_path: Path):
    post, centre = pair
    for n in range(40):
        record(post, narrative=f"large {n} " + uuid.uuid4().hex * 4)
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        link(post, server.url, server.cert_pem)
        chunks = []

        def kill_after_three_chunks(stage: str, done: int, total: int) -> None:
            if stage == "sending" and 0 < done < total:
                chunks.append(done)
                if len(chunks) == 3:
                    server.kill()

        broken = sync_round(post.engine, post.settings, actor=SYSTEM, progress=kill_after_three_chunks,
                            **SMALL_CHUNKS)
        assert len(chunks) >= 3, "the bundle went in fewer chunks than the test needs"
        assert broken.unreachable and "centre" in broken.error, broken.lines()
        assert len(pending_files(outbox_folder(post.settings))) == 1  # still waiting, not lost
        assert incident_count(centre) == 0
        assert state(post).failures == 1

        server.restart()
        resumed_from = []
        report = sync_round(post.engine, post.settings, actor=SYSTEM,
                            progress=lambda stage, done, total: resumed_from.append(done) if stage == "sending"
                            else None, **SMALL_CHUNKS)
    assert report.ok, report.lines()
    assert resumed_from[0] > 0, "the upload started again from the first byte instead of resuming"
    assert [s.status for s in report.sent] == ["imported"]
    assert incident_count(centre, "KZ-KOR") == 40
    assert scalar(centre, "SELECT count(*) FROM record_versions") == 40
    assert scalar(centre, "SELECT count(*) FROM bundles_received") == 1
    assert state(post).failures == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_two_posts_syncing_at_once_both_land(pair, tmp_path: Path):
    post, centre = pair
    other = make_post(tmp_path, "KG-KSU")
    trust_both(other, centre)
    for n in range(4):
        record(post, narrative=f"kz {n}")
        record(other, post="KG-KSU", narrative=f"kg {n}")
    reports, errors = {}, []
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        for world in (post, other):
            link(world, server.url, server.cert_pem)

        def sync(world: World) -> None:
            try:
                reports[world.origin] = sync_round(world.engine, world.settings, actor=SYSTEM)
            except Exception as exc:  # reported below with the thread's name
                errors.append((world.origin, exc))

        threads = [threading.Thread(target=sync, args=(w,)) for w in (post, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    other.dispose()
    assert errors == []
    assert all(r.ok for r in reports.values()), {k: r.lines() for k, r in reports.items()}
    assert incident_count(centre, "KZ-KOR") == 4 and incident_count(centre, "KG-KSU") == 4


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_refused_bundle_is_set_aside_and_the_next_still_goes(pair, tmp_path: Path):
    post, centre = pair
    stranger = make_post(tmp_path, "KG-KSU")  # the centre never trusted its key
    trust(stranger, centre)
    record(stranger, post="KG-KSU", narrative="from a stranger")
    record(post, narrative="real")
    outbox = outbox_folder(post.settings)
    outbox.mkdir(parents=True)
    foreign = outbox / f"KG-KSU_to_C_000001-000001_00000000{SUFFIX}"
    foreign.write_bytes(export(stranger, "C"))
    os.utime(foreign, (1_000_000, 1_000_000))  # the oldest: it goes first
    damaged = outbox / f"damaged{SUFFIX}"
    damaged.write_bytes(b"PK\x03\x04 cut short")
    os.utime(damaged, (1_000_001, 1_000_001))  # then this one
    stranger.dispose()
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        link(post, server.url, server.cert_pem)
        report = sync_round(post.engine, post.settings, actor=SYSTEM)
    assert [s.status for s in report.sent] == ["refused", "refused", "imported"], report.lines()
    assert report.sent[0].message  # the centre's words
    assert "not a sitcentre bundle" in report.sent[1].message
    assert not report.ok and not report.unreachable
    assert (outbox / REFUSED / foreign.name).exists() and (outbox / REFUSED / damaged.name).exists()
    assert incident_count(centre, "KZ-KOR") == 1 and incident_count(centre, "KG-KSU") == 0
    assert state(post).failures == 0 and "Refused" in state(post).last_error


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_certificate_that_is_not_the_pinned_one_fails_in_words(pair, tmp_path: Path):
    post, centre = pair
    record(post)
    other_cert, _key = make_certificate(tmp_path / "impostor")
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        link(post, server.url, other_cert.read_text())
        report = sync_round(post.engine, post.settings, actor=SYSTEM)
    assert report.unreachable
    assert report.error.startswith("The centre's certificate is not the pinned one"), report.error
    assert "Traceback" not in report.error
    assert incident_count(centre) == 0
    assert len(pending_files(outbox_folder(post.settings))) == 1


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_wait_doubles_after_each_failure_and_resets_after_a_success(pair, tmp_path: Path):
    post, centre = pair
    post.settings = replace(post.settings, sync_interval_s=10.0, sync_backoff_max_s=25.0)
    record(post)
    server = ServerProcess(centre.engine.url, tmp_path / "server")  # its port chosen, not started yet
    link(post, server.url, server.cert_pem)
    waits = []
    for _ in range(3):
        report = sync_round(post.engine, post.settings, actor=SYSTEM)
        assert report.unreachable and report.error.endswith("connection refused."), report.error
        now = state(post)
        waits.append(round((now.next_attempt_at - now.last_attempt_at).total_seconds()))
    assert state(post).failures == 3
    assert state(post).last_heard_at is None
    assert 10 <= waits[0] < 20 <= waits[1] < 25 <= waits[2] < 35, waits  # each round's own time on top
    with server:
        report = sync_round(post.engine, post.settings, actor=SYSTEM)
    assert report.ok, report.lines()
    now = state(post)
    assert now.failures == 0 and now.last_error == "" and now.last_heard_at is not None
    assert (now.next_attempt_at - now.last_success_at).total_seconds() == 10


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_cancelled_round_leaves_the_bundle_to_the_next(pair, tmp_path: Path):
    post, centre = pair
    for n in range(40):
        record(post, narrative=f"cancel {n} " + uuid.uuid4().hex * 4)
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        link(post, server.url, server.cert_pem)

        def cancel_mid_upload(stage: str, done: int, total: int) -> None:
            if stage == "sending" and 0 < done < total:
                raise Cancelled()

        with pytest.raises(Cancelled):
            sync_round(post.engine, post.settings, actor=SYSTEM, progress=cancel_mid_upload, **SMALL_CHUNKS)
        assert incident_count(centre) == 0
        assert len(pending_files(outbox_folder(post.settings))) == 1
        assert state(post).last_attempt_at is None  # a cancelled round records nothing
        report = sync_round(post.engine, post.settings, actor=SYSTEM, **SMALL_CHUNKS)
    assert report.ok and incident_count(centre, "KZ-KOR") == 40, report.lines()


def test_an_address_that_is_not_https_is_refused_in_words(tmp_path: Path):
    with pytest.raises(sync_setup.SyncSetupError, match="https://"):
        sync_setup.check_url("http://centre.example:8443")
    with pytest.raises(sync_setup.SyncSetupError, match="HOST:PORT"):
        sync_setup.check_url("https://centre.example:8443/path")
    assert sync_setup.check_url(" https://centre.example:8443/ ") == "https://centre.example:8443"


def test_the_download_signature_is_what_the_server_checks():
    from sitcentre.exchange import signing
    from sitcentre.server import auth

    private, public = signing.generate()
    claim = auth.parse(sync_http.auth_header("KZ-KOR", private, now=1_800_000_000))
    auth.check(claim, [public], now=1_800_000_100)  # raises when it does not verify
    assert claim.origin == "KZ-KOR"


def test_bundle_id_of_a_file_is_the_exporters(tmp_path: Path):
    post = make_post(tmp_path, "KZ-KOR")
    try:
        from sitcentre.services.exchange_export import export_bundle

        result = export_bundle(post.engine, post.settings, to="C", out=tmp_path, actor=SYSTEM)
        assert sync_http.bundle_id_of(result.path.read_bytes()) == result.bundle_id
    finally:
        post.dispose()


def test_a_closed_port_is_unreachable_in_words(tmp_path: Path):
    cert, _key = make_certificate(tmp_path)
    url = f"https://127.0.0.1:{free_port()}"
    with sync_http.open_client(url, cert.read_text()) as client:
        with pytest.raises(sync_http.SyncUnreachable, match="cannot be reached: connection refused"):
            sync_http.download(client, "KZ-KOR", make_key(), max_bytes=1024)


def make_key() -> str:
    from sitcentre.exchange import signing

    return signing.generate()[0]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_bundle_refused_for_an_unknown_key_is_sent_again_once_the_wait_is_over(tmp_path: Path, db_url: str):
    from tests.integration.exchange_world import make_centre

    post, centre = make_post(tmp_path, "KZ-KOR"), make_centre(tmp_path, url=db_url)
    trust(post, centre)  # the post knows the centre; the centre has not trusted the post's key yet
    record(post, narrative="before the handshake")
    refused_folder = outbox_folder(post.settings) / REFUSED
    try:
        with ServerProcess(centre.engine.url, tmp_path / "server") as server:
            link(post, server.url, server.cert_pem)
            first = sync_round(post.engine, post.settings, actor=SYSTEM)
            assert [s.status for s in first.sent] == ["refused"], first.lines()
            assert first.refused_here  # nor will the centre hand this post its bundle
            assert state(post).failures == 1

            second = sync_round(post.engine, post.settings, actor=SYSTEM)
            assert second.exported is None and second.sent == ()  # no copy every round
            assert len(list(refused_folder.iterdir())) == 1

            trust(centre, post)
            for path in refused_folder.iterdir():  # refused longer ago than the longest wait
                os.utime(path, (1_000_000, 1_000_000))
            third = sync_round(post.engine, post.settings, actor=SYSTEM)
        assert third.ok, third.lines()
        assert [s.status for s in third.sent] == ["imported"] and third.exported.entries == 1
        assert incident_count(centre, "KZ-KOR") == 1 and state(post).failures == 0
    finally:
        post.dispose()
        centre.dispose()
