"""Exchange state per record (issue 12, item 8), derived from the tables on SQLite and PostgreSQL: local,
exported, confirmed (acknowledged, or received and not edited here), conflict (open hard conflicts only),
held, error; and the counts."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, text

from sitcentre.db.tables import FeedEntryRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.repositories import exchange_state, feed, revisions
from tests.integration.conflict_world import POST, content, edit, head, open_conflict, post_version, record

EPOCH = str(uuid.uuid4())


def states(engine, *incidents) -> list[str]:
    with UnitOfWork(engine) as uow:
        found = exchange_state.states(uow.session, [i.id for i in incidents])
    return [found[i.id] for i in incidents]


def export(engine, incident_id: uuid.UUID, rev: str, audience: str = POST) -> int:
    """Put the version in this installation's own feed, as the exporter does; returns its seq."""
    with UnitOfWork(engine, write=True) as uow:
        entry = feed.append_own(uow.session, origin=revisions.own_origin(uow.session), epoch=EPOCH,
                                audience=audience, fields={"kind": "incident", "op": "upsert",
                                                           "id": str(incident_id), "rev": rev})
        uow.commit()
    return entry.seq


def acknowledge(engine, seq: int, audience: str = POST) -> None:
    with UnitOfWork(engine, write=True) as uow:
        feed.set_cursor(uow.session, revisions.own_origin(uow.session), EPOCH, audience, "acked", seq, "")
        uow.commit()


def received_entry(engine, incident_id: uuid.UUID, state: str, seq: int) -> None:
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(insert(FeedEntryRow).values(
            origin=POST, epoch=EPOCH, audience="*", seq=seq, prev_hash="", hash=f"{seq:064d}", body="{}",
            kind="incident", row_id=str(incident_id), rev=f"9-{seq:032d}", state=state,
            reason="unknown substance 'XYZ'" if state == "error" else ""))
        uow.commit()


def test_local_then_exported_then_confirmed_then_local_again_after_an_edit(engine):
    first, second = record(engine), record(engine)
    assert states(engine, first, second) == ["local", "local"]
    seq = export(engine, first.id, head(engine, first.id))
    later = export(engine, second.id, head(engine, second.id))
    assert states(engine, first, second) == ["exported", "exported"]
    acknowledge(engine, seq)  # the post confirmed the first entry only
    assert states(engine, first, second) == ["confirmed", "exported"]
    acknowledge(engine, later)
    assert states(engine, first, second) == ["confirmed", "confirmed"]
    edit(engine, first.id, narrative="changed here after it was confirmed")
    assert states(engine, first, second) == ["local", "confirmed"]


def test_an_acknowledgement_of_another_feed_confirms_nothing(engine):
    one = record(engine)
    export(engine, one.id, head(engine, one.id), audience=POST)
    acknowledge(engine, 5, audience="KG-DOS")
    assert states(engine, one) == ["exported"]


def test_a_version_received_and_not_edited_here_is_confirmed(engine):
    one = record(engine)
    base = head(engine, one.id)
    rev = post_version(engine, one.id, base, narrative="the post's edit")
    with UnitOfWork(engine, write=True) as uow:
        body = {**revisions.get_version(uow.session, one.id, rev).content}
        revisions.apply_content(uow.session, body, rev=rev, parent_rev=base, merge_rev=None)
        uow.commit()
    assert content(engine, one.id)["narrative"] == "the post's edit"
    assert states(engine, one) == ["confirmed"]
    edit(engine, one.id, narrative="and then edited here")
    assert states(engine, one) == ["local"]


def test_an_unsealed_row_is_local(engine):
    one = record(engine)
    export(engine, one.id, head(engine, one.id))
    acknowledge(engine, 1)
    with UnitOfWork(engine, write=True) as uow:  # a raw writer, read before the next commit seals it
        uow.session.execute(text("UPDATE incidents SET narrative = 'raw' WHERE id = :id"),
                            {"id": one.id.hex if engine.dialect.name == "sqlite" else one.id})
        assert exchange_state.states(uow.session, [one.id]) == {one.id: "local"}


def test_conflict_held_and_error_come_before_the_feed(engine):
    in_conflict, flagged, held, failed, both = (record(engine) for _ in range(5))
    for incident in (in_conflict, flagged, held, failed, both):
        acknowledge(engine, export(engine, incident.id, head(engine, incident.id)))
    base = head(engine, in_conflict.id)
    open_conflict(engine, in_conflict.id, "conflict", base, [base, post_version(engine, in_conflict.id, base,
                                                                                narrative="x")], ["narrative"])
    base = head(engine, flagged.id)
    open_conflict(engine, flagged.id, "parallel", base, [base, post_version(engine, flagged.id, base,
                                                                            narrative="y")], ["narrative"])
    received_entry(engine, held.id, "held", 1)
    received_entry(engine, failed.id, "error", 2)
    received_entry(engine, both.id, "error", 3)
    received_entry(engine, both.id, "held", 4)
    assert states(engine, in_conflict, flagged, held, failed, both) == \
        ["conflict", "confirmed", "held", "error", "held"]


def test_counts_name_every_state(engine):
    local, confirmed, exported, held = (record(engine) for _ in range(4))
    acknowledge(engine, export(engine, confirmed.id, head(engine, confirmed.id)))
    export(engine, exported.id, head(engine, exported.id))
    received_entry(engine, held.id, "held", 1)
    with UnitOfWork(engine) as uow:
        counted = exchange_state.counts(uow.session)
        everything = exchange_state.states(uow.session, None)
        nothing = exchange_state.states(uow.session, [uuid.uuid4()])
    assert counted == {"local": 1, "exported": 1, "confirmed": 1, "conflict": 0, "held": 1, "error": 0}
    assert everything == {local.id: "local", confirmed.id: "confirmed", exported.id: "exported", held.id: "held"}
    assert nothing == {}
