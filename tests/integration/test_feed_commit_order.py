"""PostgreSQL assigns record_versions ids when rows are inserted, not when they are committed (issue 12, item 3):
an exporter that kept "id > last exported" would skip a version committed late under a lower id. The feed is
materialised by an anti-join instead; these tests hold two transactions open across an export to prove that
none is skipped, and run two exporters at once to prove that their entries form one contiguous chain."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories import feed, revisions
from sitcentre.services import keys
from sitcentre.services.exchange_export import export_bundle
from tests.exchange_flow import bundle_entries, export, make_site, rows
from tests.integration.helpers import ids, utc
from tests.integration.test_feed import DOS, KOR, record

# PostgreSQL only: on SQLite one writer at a time, so ids follow commits and the problem does not arise.
pytestmark = [pytest.mark.pg, pytest.mark.parametrize("backend", ["postgresql"])]


@pytest.fixture
def post(db_url: str, tmp_path: Path):
    site = make_site(tmp_path / "post", "post", KOR, url=db_url)
    yield site
    site.dispose()


def own_chain(site) -> list[feed.Entry]:
    with UnitOfWork(site.engine) as uow:
        me = keys.own_identity(uow.session)
        last, _ = feed.last_entry(uow.session, me.origin, me.epoch, feed.ALL)
        return feed.entries(uow.session, me.origin, me.epoch, feed.ALL, 1, last)


def assert_one_chain(chain: list[feed.Entry]) -> None:
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
    prev = ""
    for entry in chain:
        assert entry.prev_hash == prev and entry.hash == hashlib.sha256(entry.body.encode()).hexdigest()
        prev = entry.hash


def test_a_version_committed_late_under_a_lower_id_is_exported_next_time(post, tmp_path):
    posts, _ = ids(post.engine)
    late_id = uuid.uuid4()
    with UnitOfWork(post.engine, write=True) as t1:  # T1: records a version, and stays open
        t1.session.execute(text(
            "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode,"
            " number) VALUES (:id, :post, :at, :at, 'drug_seizure', 'entering', 'truck', 'DOS-2026-9999')"),
            {"id": late_id, "post": posts[DOS], "at": utc(2026, 10, 1, 8)})  # no rollup row shared with T2
        assert revisions.seal_pending(t1.session) == 1
        early = record(post, KOR, 2)  # T2: records another version and commits
        [(early_version,)] = rows(post.engine, "SELECT id FROM record_versions WHERE row_id = :id", id=early.id)
        first = export(post, "C", tmp_path / "1.scb")
        assert [e["id"] for e in bundle_entries(first.path)] == [str(early.id)]
        late_version = t1.session.scalar(text("SELECT id FROM record_versions WHERE row_id = :id"), {"id": late_id})
        t1.commit()
    assert late_version < early_version, "the scenario needs the late version to hold the lower id"
    second = export(post, "C", tmp_path / "2.scb")
    entries = bundle_entries(second.path)
    assert [e["id"] for e in entries] == [str(early.id), str(late_id)]
    assert [e["seq"] for e in entries] == [1, 2] and entries[1]["prev"] == hashlib.sha256(
        json.dumps(entries[0], sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    assert_one_chain(own_chain(post))
    third = export(post, "C", tmp_path / "3.scb", since_last=True)
    assert third.entries == 0  # nothing exported twice


def test_two_exporters_at_once_give_one_contiguous_chain(post, tmp_path):
    made = {str(record(post, KOR, 1 + day % 28).id) for day in range(24)}
    barrier = threading.Barrier(2)
    results, errors = [], []

    def exporter(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(export_bundle(post.engine, post.settings, to="C", out=tmp_path / f"{n}.scb",
                                         actor=SYSTEM))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=exporter, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(results) == 2
    chain = own_chain(post)
    assert_one_chain(chain)
    assert sorted(e.row_id for e in chain) == sorted(made)  # every version once, none twice
    for result in results:
        assert [e["seq"] for e in bundle_entries(result.path)] == list(range(1, len(made) + 1))
