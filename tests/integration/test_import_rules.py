"""Who may send what (services.exchange_rules; the review of issue 12, findings #3, #4, #5, #11, #12): a post
takes bundles from a centre only and a centre from posts only; acknowledgements only of our own feed for the
sender; a post speaks only for its own incidents, versions, alerts, status and acknowledgements; a post keeps
only its own incidents. Bundles are made with the real exporter or signed with the sender's own key."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from sitcentre.db.tables import AlertRow, PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import utcnow
from sitcentre.exchange.errors import BundleRejected
from tests.integration.exchange_world import (
    World,
    content,
    craft,
    edit,
    export,
    head,
    identity,
    import_,
    incident_entry,
    make_centre,
    make_post,
    record,
    rows,
    scalar,
    trust,
    trust_both,
)


def owned_entry(kind: str, row: dict, *, by: str, row_id: str | None = None) -> dict:
    rev = {"alert": "sent", "alert_ack": "ack", "post_status": "status"}[kind]
    return {"kind": kind, "op": "upsert", "id": row_id or str(uuid.uuid4()), "rev": rev, "parent": None,
            "merge": None, "by": by, "author": "", "device_time": "2026-11-29T08:12:00.000000+00:00", "changed": {},
            "row": row}


def alert_row(from_post: str | None, to_post: str | None) -> dict:
    return {"from_post": from_post, "to_post": to_post, "sent_at": "2026-11-29T08:12:00.000000+00:00",
            "sent_by": "someone", "priority": "normal", "text": "Watch the white van", "incident_id": None}


def states(world: World, origin: str) -> list[tuple]:
    return rows(world, "SELECT seq, state, reason FROM feed_entries WHERE origin = :o ORDER BY seq", o=origin)


@pytest.fixture
def three(tmp_path: Path, db_url: str):
    """Two posts (KZ-KOR, KZ-KAR) and a centre (SQLite or PostgreSQL), each post and the centre trusting each
    other."""
    kor, kar = make_post(tmp_path, "KZ-KOR"), make_post(tmp_path, "KZ-KAR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(kor, centre)
    trust_both(kar, centre)
    yield kor, kar, centre
    for world in (kor, kar, centre):
        world.dispose()


# ------------------------------------------------------------------------------------------------ #4 roles

def test_a_post_refuses_a_bundle_from_another_post_even_with_its_key_trusted(tmp_path):
    kor, kar = make_post(tmp_path, "KZ-KOR"), make_post(tmp_path, "KZ-KAR")
    trust(kor, kar)  # as the centre's registry would make it
    x = record(kar, post="KZ-KOR", narrative="planted")
    data = craft(kar, "KZ-KOR", [incident_entry(content(kar, x), by="KZ-KAR")])
    before = scalar(kor, "SELECT count(*) FROM incidents")
    with pytest.raises(BundleRejected) as refused:
        import_(kor, data)
    assert refused.value.code == "wrong_sender"
    assert "from the situation centre only" in refused.value.message
    assert scalar(kor, "SELECT count(*) FROM incidents") == before


def test_a_centre_refuses_a_bundle_from_another_centre(tmp_path):
    centre, other = make_centre(tmp_path, "C"), make_centre(tmp_path, "C2")
    trust(centre, other)
    with pytest.raises(BundleRejected) as refused:
        import_(centre, craft(other, "C", []))
    assert refused.value.code == "wrong_sender" and "another centre" in refused.value.message


# ------------------------------------------------------------------------------------------------ #3 acks

def test_a_post_cannot_acknowledge_the_centres_feed_for_another_post(three):
    kor, kar, centre = three
    record(centre, post="KZ-KAR", narrative="for KAR")
    import_(kar, export(centre, "KZ-KAR"))  # the centre's feed for KZ-KAR has entries now
    c = identity(centre)
    kar_head = scalar(centre, "SELECT hash FROM feed_entries WHERE origin = 'C' AND seq = 1")
    forged = [{"origin": "C", "epoch": c.epoch, "audience": "KZ-KAR", "through_seq": 999, "head_hash": "f" * 64},
              {"origin": "C", "epoch": c.epoch, "audience": "KZ-KAR", "through_seq": 1, "head_hash": kar_head}]
    summary = import_(centre, craft(kor, "C", [], acks=forged))
    assert not summary.new_epoch_started
    assert identity(centre).epoch == c.epoch  # no new epoch forced on the centre
    assert rows(centre, "SELECT audience FROM feed_cursors WHERE origin = 'C' AND kind = 'acked'") == []


def test_acks_of_another_epoch_and_audit_acks_with_another_hash_are_ignored_at_a_post(tmp_path):
    post, centre = make_post(tmp_path, "KZ-KOR"), make_centre(tmp_path)
    trust_both(post, centre)
    record(post, narrative="one")
    import_(centre, export(post, "C"))
    p = identity(post)
    last_audit = scalar(post, "SELECT max(id) FROM audit_log")
    acks = [{"origin": "KZ-KOR", "epoch": str(uuid.uuid4()), "audience": "*", "through_seq": 1, "head_hash": "a"},
            {"origin": "KZ-KOR", "epoch": p.epoch, "audience": "#audit", "audit": True,
             "through_seq": last_audit, "head_hash": "b" * 64},
            {"origin": "KZ-KOR", "epoch": p.epoch, "audience": "#audit", "audit": True,
             "through_seq": last_audit + 50, "head_hash": "c" * 64}]
    summary = import_(post, craft(centre, "KZ-KOR", [], acks=acks))
    assert not summary.new_epoch_started and identity(post).epoch == p.epoch
    assert rows(post, "SELECT epoch, audience FROM feed_cursors WHERE kind = 'acked'") == []
    good = scalar(post, "SELECT hash FROM audit_log WHERE id = :i", i=last_audit)
    import_(post, craft(centre, "KZ-KOR", [], acks=[{"origin": "KZ-KOR", "epoch": p.epoch, "audience": "#audit",
                                                     "audit": True, "through_seq": last_audit, "head_hash": good}]))
    assert rows(post, "SELECT audience, seq FROM feed_cursors WHERE kind = 'acked'") == [("#audit", last_audit)]


# ------------------------------------------------------------------------------------------------ #5, #11, #12

def test_a_post_cannot_say_another_installation_wrote_its_version(three):
    kor, _kar, centre = three
    x = record(kor, post="KZ-KOR", narrative="mine")
    import_(centre, craft(kor, "C", [incident_entry(content(kor, x), by="C")]))
    assert content(centre, x) is None
    [(seq, state, reason)] = states(centre, "KZ-KOR")
    assert state == "error" and "says C wrote" in reason


def test_versions_from_a_post_are_stored_as_the_posts_own(three):
    kor, _kar, centre = three
    x = record(kor, post="KZ-KOR", narrative="mine")
    edit(kor, x, narrative="mine, edited")
    import_(centre, export(kor, "C"))
    assert {o for (o,) in rows(centre, "SELECT origin FROM record_versions")} == {"KZ-KOR"}


def test_a_post_cannot_take_over_another_posts_incident_by_naming_itself(three):
    kor, kar, centre = three
    x = record(kar, post="KZ-KAR", narrative="KAR's")
    import_(centre, export(kar, "C"))
    theirs = content(centre, x)
    stolen = {**theirs, "post": "KZ-KOR", "number": "KOR-2026-9999", "narrative": "mine now"}
    import_(centre, craft(kor, "C", [incident_entry(stolen, by="KZ-KOR")]))
    assert content(centre, x)["post"] == "KZ-KAR"
    assert rows(centre, "SELECT kind FROM conflicts") == []  # before: a duplicate_create conflict to "take post"
    [(seq, state, reason)] = states(centre, "KZ-KOR")
    assert state == "error" and "incident of post KZ-KAR" in reason


def test_a_post_cannot_fast_forward_through_a_merge_parent(three):
    kor, _kar, centre = three
    x = record(kor, post="KZ-KOR", narrative="base")
    import_(centre, export(kor, "C"))
    edit(centre, x, narrative="the centre's correction")
    centre_head = head(centre, x)[0]
    sneaky = incident_entry({**content(kor, x), "narrative": "over the centre"}, parent="N-" + "0" * 32,
                            by="KZ-KOR")
    sneaky["merge"] = centre_head
    import_(centre, craft(kor, "C", [sneaky], from_seq=2, prev=_received_head(centre, "KZ-KOR")))
    assert content(centre, x)["narrative"] == "the centre's correction"
    assert states(centre, "KZ-KOR")[-1][1] == "held"


def test_a_post_keeps_only_its_own_incidents(tmp_path):
    post, centre = make_post(tmp_path, "KZ-KOR"), make_centre(tmp_path)
    trust_both(post, centre)
    other = record(centre, post="KZ-KAR", narrative="another post's")
    summary = import_(post, craft(centre, "KZ-KOR", [incident_entry(content(centre, other), by="C")]))
    assert summary.errors == 1 and content(post, other) is None
    assert "keeps only its own incidents" in summary.error_details[0][1]


def test_a_post_sends_only_its_own_alerts_and_status(three):
    kor, _kar, centre = three
    closed = {"post": "KZ-KAR", "changed_at": "2026-11-29T08:12:00.000000+00:00", "old_status": None,
              "status": "closed", "reason": "", "changed_by": "x"}
    entries = [
        owned_entry("alert", alert_row("KZ-KAR", None), by="KZ-KOR"),  # an alert KOR did not send
        owned_entry("alert", alert_row("KZ-KOR", None), by="KZ-KAR"),  # says KAR made it
        owned_entry("post_status", closed, by="KZ-KOR"),  # another post's status
        owned_entry("alert", alert_row("KZ-KOR", None), by="KZ-KOR"),  # its own: fine
    ]
    summary = import_(centre, craft(kor, "C", entries))
    assert (summary.errors, summary.added) == (3, 1)
    reasons = [r for (_s, st, r) in states(centre, "KZ-KOR") if st == "error"]
    assert "only the alerts it sent" in reasons[0] and "KZ-KAR made" in reasons[1]
    assert "only its own status" in reasons[2]
    assert scalar(centre, "SELECT count(*) FROM post_status_history") == 0
    assert scalar(centre, "SELECT count(*) FROM alerts") == 1


def test_a_post_acknowledges_only_alerts_addressed_to_it(three):
    kor, _kar, centre = three
    kar_alert, all_alert = str(uuid.uuid4()), str(uuid.uuid4())
    import_(centre, craft(kor, "C", [owned_entry("alert", alert_row("KZ-KOR", None), by="KZ-KOR",
                                                 row_id=all_alert)]))
    _insert_alert(centre, kar_alert, to_post="KZ-KAR")
    ack = {"acknowledged_at": "2000-01-01T00:00:00.000000+00:00", "acknowledged_by": "kor.officer"}
    summary = import_(centre, craft(kor, "C", [owned_entry("alert_ack", ack, by="KZ-KOR", row_id=kar_alert),
                                                owned_entry("alert_ack", ack, by="KZ-KOR", row_id=all_alert)],
                                    from_seq=2, prev=_received_head(centre, "KZ-KOR")))
    assert (summary.errors, summary.updated) == (1, 1)
    assert scalar(centre, "SELECT acknowledged_by FROM alerts WHERE id = :i", i=_key(centre, kar_alert)) is None
    assert "addressed to KZ-KAR" in states(centre, "KZ-KOR")[1][2]


# ------------------------------------------------------------------------------------------------ helpers

def _received_head(world: World, origin: str) -> str:
    return scalar(world, "SELECT hash FROM feed_entries WHERE origin = :o ORDER BY seq DESC LIMIT 1", o=origin)


def _key(world: World, value: str):
    return uuid.UUID(value).hex if world.engine.dialect.name == "sqlite" else value


def _insert_alert(world: World, alert_id: str, *, to_post: str) -> None:
    with UnitOfWork(world.engine, write=True) as uow:
        to_id = uow.session.scalar(select(PostRow.id).where(PostRow.code == to_post))
        uow.session.execute(insert(AlertRow).values(id=uuid.UUID(alert_id), from_post_id=None, to_post_id=to_id,
                                                    sent_at=utcnow(), sent_by="chief", priority="normal",
                                                    text="for KAR only"))
        uow.commit()
