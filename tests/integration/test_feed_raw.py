"""Materialising without parsing (repositories.feed.Raw): a version's stored content and changed fields go into
its feed entry as the canonical JSON they already are, and the entry is byte for byte what canonical_bytes of
the parsed entry gives (odd text, quotes, backslashes, non-ASCII, long floats, a tombstone, an edit).
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from types import SimpleNamespace

from sqlalchemy import select, text

from sitcentre.db.tables import IncidentRow, PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.exchange.canonical import canonical_bytes, sha256_hex
from sitcentre.repositories import feed, revisions
from tests.exchange_flow import fill_post

from .helpers import uuid_param


def test_materialised_entries_are_canonical_and_carry_the_stored_versions(engine):
    fill_post(engine, "KZ-KOR", 40)  # sealed by its numbering commit: 40 first versions
    with UnitOfWork(engine) as uow:
        ids = sorted(uow.session.scalars(select(IncidentRow.id)))
        me = SimpleNamespace(origin=revisions.own_origin(uow.session), epoch="e-1", role="post")
    odd = 'Ünïcode — "quoted" \\ back\\slash\ttab / \u2028 😀'
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET narrative = :n WHERE id = :id"),
                     {"n": odd, "id": uuid_param(engine, ids[0])})
        conn.execute(text("UPDATE seizure_lines SET quantity = 12.345678901234 WHERE incident_id = :id"),
                     {"id": uuid_param(engine, ids[1])})
    with UnitOfWork(engine, write=True) as uow:
        revisions.seal_all(uow.session)
        uow.commit()
    with engine.begin() as conn:  # an edit of a sealed row, and a delete: a tombstone
        conn.execute(text("UPDATE incidents SET narrative = :n WHERE id = :id"),
                     {"n": odd + " again", "id": uuid_param(engine, ids[0])})
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, ids[2])})
    with UnitOfWork(engine, write=True) as uow:
        revisions.seal_all(uow.session)
        # 40 first versions, two edits, then an edit and a tombstone
        assert feed.materialise(uow.session, me, feed.ALL, refdata_version="r-1") == 40 + 2 + 2
        uow.commit()
    with UnitOfWork(engine) as uow:
        entries = feed.entries(uow.session, me.origin, me.epoch, feed.ALL, 1, 100)
        versions = {(str(v.row_id), v.rev): v for v in map(revisions._version, uow.session.scalars(
            select(revisions.RecordVersionRow)))}
    assert [e.seq for e in entries] == list(range(1, 45))
    prev = ""
    for entry in entries:
        body = entry.body.encode("utf-8")
        parsed = json.loads(body)
        assert canonical_bytes(parsed) == body
        assert entry.hash == sha256_hex(body) and parsed["prev"] == prev
        prev = entry.hash
        version = versions[(parsed["id"], parsed["rev"])]
        assert parsed["row"] == version.content and parsed["changed"] == (version.changed or {})
        assert (parsed["op"], parsed["parent"], parsed["refdata_version"]) == (version.op, version.parent_rev, "r-1")
    by_row = [json.loads(e.body) for e in entries if json.loads(e.body)["id"] == str(ids[0])]
    assert [b["row"]["narrative"] for b in by_row][1:] == [odd, odd + " again"]
    assert by_row[2]["changed"] == {"narrative": [odd, odd + " again"]}
    _, edited = [json.loads(e.body) for e in entries if json.loads(e.body)["id"] == str(ids[1])]
    assert [line["quantity"] for line in edited["row"]["lines"].values()] == [12.345678901234]
    [(field, (_, new))] = edited["changed"].items()
    assert field.startswith("lines/") and new["quantity"] == 12.345678901234
    [tombstone] = [json.loads(e.body) for e in entries if json.loads(e.body)["op"] == "delete"]
    assert tombstone["id"] == str(ids[2]) and tombstone["row"] is None


def test_a_centre_feed_for_a_post_takes_its_versions_and_tombstones_and_no_text_that_names_it(engine):
    fill_post(engine, "KZ-KOR", 3)
    fill_post(engine, "KZ-KAR", 3, seed=2)
    with UnitOfWork(engine) as uow:
        me = SimpleNamespace(origin=revisions.own_origin(uow.session), epoch="e-1", role="centre")
        at = {code: sorted(uow.session.scalars(select(IncidentRow.id).join(PostRow).where(PostRow.code == code)))
              for code in ("KZ-KOR", "KZ-KAR")}
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET narrative = :n WHERE id = :id"),
                     {"n": 'moved? "post":"KZ-KAR"', "id": uuid_param(engine, at["KZ-KOR"][0])})
        for code in at:
            conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, at[code][2])})
    with UnitOfWork(engine, write=True) as uow:
        revisions.seal_all(uow.session)
        assert feed.materialise(uow.session, me, "KZ-KAR", refdata_version="r") == 3 + 1
        assert feed.materialise(uow.session, me, "KZ-KOR", refdata_version="r") == 3 + 1 + 1
        uow.commit()
    with UnitOfWork(engine) as uow:
        for code, ids in at.items():
            bodies = [json.loads(e.body) for e in feed.entries(uow.session, me.origin, me.epoch, code, 1, 10)]
            assert {b["id"] for b in bodies} == {str(i) for i in ids}
            assert all(b["row"]["post"] == code for b in bodies if b["op"] == "upsert")
            assert [b["id"] for b in bodies if b["op"] == "delete"] == [str(ids[2])]
