"""The own feeds (repositories.feed, docs/exchange.md "Feeds"): the hash chain of stored entries, materialising
is idempotent, a centre's feed for a post carries only that post's incidents, cursors never move backwards, a
new epoch starts a new feed at seq 1, a resync carries the heads of a post's incidents. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories import feed, revisions
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import keys
from sitcentre.services.incidents import IncidentService
from tests.exchange_flow import Site, make_site
from tests.integration.helpers import ids, incident, utc

KOR, DOS = "KZ-KOR", "KG-DOS"


@pytest.fixture
def post(db_url: str, tmp_path: Path):
    site = make_site(tmp_path / "post", "post", KOR, url=db_url)
    yield site
    site.dispose()


@pytest.fixture
def centre(db_url: str, tmp_path: Path):
    site = make_site(tmp_path / "centre", "centre", "C", url=db_url)
    yield site
    site.dispose()


def record(site: Site, post_code: str, day: int, kg: float = 1.0, **fields):
    posts, subs = ids(site.engine)
    made = incident(posts[post_code], utc(2026, 11, day, 8), (subs["heroin"], kg, Unit.KG), **fields)
    return IncidentService(site.engine, site.settings).record(made, actor=SYSTEM)


def edit(site: Site, incident_id, **changes):
    with UnitOfWork(site.engine) as uow:
        current = IncidentRepository(uow.session).get(incident_id)
    return IncidentService(site.engine, site.settings).update(replace(current, **changes), actor=SYSTEM)


def materialise(site: Site, audience: str) -> int:
    with UnitOfWork(site.engine, write=True) as uow:
        me = keys.own_identity(uow.session)
        revisions.seal_all(uow.session)
        count = feed.materialise(uow.session, me, audience)
        uow.commit()
    return count


def own_feed(site: Site, audience: str) -> list[feed.Entry]:
    with UnitOfWork(site.engine) as uow:
        me = keys.own_identity(uow.session)
        last, _ = feed.last_entry(uow.session, me.origin, me.epoch, audience)
        return feed.entries(uow.session, me.origin, me.epoch, audience, 1, last)


def test_own_entries_form_a_hash_chain_over_their_stored_bytes(post):
    first = record(post, KOR, 1)
    record(post, KOR, 2)
    edit(post, first.id, narrative="seen at the second gate")
    assert materialise(post, feed.ALL) == 3
    chain = own_feed(post, feed.ALL)
    assert [e.seq for e in chain] == [1, 2, 3]
    prev = ""
    for entry in chain:
        body = json.loads(entry.body)
        assert entry.hash == hashlib.sha256(entry.body.encode("utf-8")).hexdigest()
        assert entry.prev_hash == prev == body["prev"]
        assert (body["v"], body["origin"], body["audience"], body["seq"]) == (1, KOR, "*", entry.seq)
        assert entry.state == "own" and entry.kind == body["kind"] == "incident"
        prev = entry.hash
    edited = json.loads(chain[2].body)
    assert edited["id"] == str(first.id) and edited["parent"] == json.loads(chain[0].body)["rev"]
    assert edited["changed"] == {"narrative": ["", "seen at the second gate"]}
    assert edited["row"]["narrative"] == "seen at the second gate" and edited["by"] == KOR


def test_materialising_twice_appends_nothing_the_second_time(post):
    record(post, KOR, 1)
    record(post, KOR, 2)
    assert materialise(post, feed.ALL) == 2
    assert materialise(post, feed.ALL) == 0
    record(post, KOR, 3)
    assert materialise(post, feed.ALL) == 1
    assert [e.seq for e in own_feed(post, feed.ALL)] == [1, 2, 3]


def test_a_delete_is_a_tombstone_entry_in_the_posts_slice_at_a_centre(centre):
    kept = record(centre, KOR, 1)
    gone = record(centre, KOR, 2)
    IncidentService(centre.engine, centre.settings).delete(gone.id, actor=SYSTEM)
    materialise(centre, KOR)
    bodies = [json.loads(e.body) for e in own_feed(centre, KOR)]
    assert [(b["id"], b["op"]) for b in bodies] == [(str(kept.id), "upsert"), (str(gone.id), "upsert"),
                                                   (str(gone.id), "delete")]
    assert bodies[2]["row"] is None and bodies[2]["parent"] == bodies[1]["rev"]


def test_a_centre_feed_for_a_post_carries_only_that_posts_incidents(centre):
    at_kor = {record(centre, KOR, day).id for day in (1, 2)}
    at_dos = {record(centre, DOS, day).id for day in (3, 4, 5)}
    assert materialise(centre, KOR) == 2
    assert materialise(centre, DOS) == 3
    assert {e.row_id for e in own_feed(centre, KOR)} == {str(i) for i in at_kor}
    assert {e.row_id for e in own_feed(centre, DOS)} == {str(i) for i in at_dos}
    for entry in own_feed(centre, KOR):
        assert json.loads(entry.body)["row"]["post"] == KOR and entry.audience == KOR
    assert materialise(centre, KOR) == 0 and materialise(centre, DOS) == 0


def test_cursors_move_forward_only(post):
    with UnitOfWork(post.engine, write=True) as uow:
        s = uow.session
        assert feed.cursor(s, KOR, "e1", "*", "acked") is None
        feed.set_cursor(s, KOR, "e1", "*", "acked", 5, "h5")
        feed.set_cursor(s, KOR, "e1", "*", "acked", 3, "h3")
        feed.set_cursor(s, KOR, "e1", "*", "acked", 5, "other")
        assert feed.cursor(s, KOR, "e1", "*", "acked") == (5, "h5")
        feed.set_cursor(s, KOR, "e1", "*", "acked", 7, "h7")
        feed.set_cursor(s, KOR, "e1", "*", "sent", 2, "h2")
        assert feed.cursor(s, KOR, "e1", "*", "acked") == (7, "h7")
        assert feed.cursors(s, origin=KOR, kind="sent") == [("e1", "*", 2, "h2")]
        with pytest.raises(ValueError):
            feed.set_cursor(s, KOR, "e1", "*", "seen", 1, "")
        uow.commit()


def test_a_new_epoch_starts_the_feed_at_seq_one_again(post):
    record(post, KOR, 1)
    materialise(post, feed.ALL)
    old = own_feed(post, feed.ALL)
    new_epoch = keys.new_epoch(post.engine, actor=SYSTEM, reason="restored from backup")
    record(post, KOR, 2)
    materialise(post, feed.ALL)
    chain = own_feed(post, feed.ALL)
    assert {e.epoch for e in chain} == {new_epoch} and [e.seq for e in chain] == [1, 2]
    assert chain[0].prev_hash == "" and {e.row_id for e in chain} >= {old[0].row_id}
    assert len(old) == 1 and old[0].epoch != new_epoch


def test_resync_appends_the_head_of_every_incident_at_that_post(centre):
    first = record(centre, KOR, 1)
    edit(centre, first.id, narrative="corrected")
    second = record(centre, KOR, 2)
    record(centre, DOS, 3)
    materialise(centre, KOR)
    with UnitOfWork(centre.engine, write=True) as uow:
        me = keys.own_identity(uow.session)
        assert feed.enqueue_resync(uow.session, me, KOR) == 2
        uow.commit()
    chain = own_feed(centre, KOR)
    resent = [json.loads(e.body) for e in chain if json.loads(e.body).get("resync")]
    assert sorted(b["id"] for b in resent) == sorted([str(first.id), str(second.id)])
    heads = {b["id"]: b["rev"] for b in resent}
    with UnitOfWork(centre.engine) as uow:
        for incident_id in (first.id, second.id):
            assert heads[str(incident_id)] == revisions.head(uow.session, incident_id)[0]
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
