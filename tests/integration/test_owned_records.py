"""Records with one writer in the exchange (sitcentre.repositories.owned): which alerts, acknowledgements and
status changes go into which feed, and how a received one is applied (idempotent, earliest acknowledgement
wins, a status change moves the post's status only when it is the newest). SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import AlertRow, FeedEntryRow, PostRow, PostStatusHistoryRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert, AlertPriority
from sitcentre.domain.permissions import Actor
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories.owned import apply_owned, pending_owned
from sitcentre.services.alerts import acknowledge_alert, send_alert
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.posts import change_status
from sitcentre.settings import Settings, sqlite_url
from tests.conftest import _pg_execute, _pg_url_for

from .helpers import SETTINGS, ids, utc

T0 = utc(2026, 11, 20, 8)
CENTRE = SimpleNamespace(origin="C", role="centre", epoch=str(uuid.UUID(int=1)))
EPOCH = str(uuid.UUID(int=2))


@pytest.fixture
def other_engine(backend, tmp_path: Path, request):
    """A second installation's database (a post's), migrated and seeded like `engine`."""
    if backend == "sqlite":
        eng = make_engine(sqlite_url(tmp_path / "post.sqlite"), Settings(data_dir=tmp_path))
    else:
        template = request.getfixturevalue("pg_template")
        name = f"sc_test_{uuid.uuid4().hex[:12]}"
        _pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        request.addfinalizer(lambda: _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng = make_engine(_pg_url_for(name), Settings(data_dir=tmp_path))
    migrate.upgrade(eng)
    seed_reference_data(eng)
    yield eng
    eng.dispose()


def _send(engine, text, frm, to, at, who="officer"):
    return send_alert(engine, Alert(text, from_post_id=frm, to_post_id=to, priority=AlertPriority.HIGH), now=at,
                      actor=Actor.system_actor(who), settings=SETTINGS)


def _pending(engine, me, audience):
    with UnitOfWork(engine) as uow:
        return pending_owned(uow.session, me, audience)


def _apply(engine, entry, origin="C"):
    with UnitOfWork(engine, write=True) as uow:
        outcome = apply_owned(uow.session, dict(entry, origin=origin))
        uow.commit()
    return outcome


def _keys(entries):
    return [(e["kind"], e["id"]) for e in entries]


def test_a_centre_sends_each_post_only_its_alerts_acknowledgements_and_status_changes(engine):
    posts, _ = ids(engine)
    to_patar = _send(engine, "Grey Kamaz towards Patar", posts["UZ-OYB"], posts["TJ-PAT"], T0)
    to_kordai = _send(engine, "Check buses at Kordai", None, posts["KZ-KOR"], T0 + timedelta(minutes=1))
    to_all = _send(engine, "New heroin packaging seen", None, None, T0 + timedelta(minutes=2))
    # TJ-TUR is across the border from UZ-OYB: what it sends goes to Oybek's feed even when addressed elsewhere
    from_tursunzoda = _send(engine, "Convoy left Tursunzoda", posts["TJ-TUR"], posts["UZ-BEK"],
                            T0 + timedelta(minutes=3))
    acknowledge_alert(engine, to_patar.id, now=T0 + timedelta(minutes=30), actor=Actor.system_actor("patar"),
                      settings=SETTINGS)
    status = change_status(engine, posts["TJ-PAT"], "limited", "Power cut", T0 + timedelta(minutes=40),
                           actor=Actor.system_actor("supervisor"), settings=SETTINGS)

    patar = _pending(engine, CENTRE, "TJ-PAT")
    assert _keys(patar) == [("alert", str(to_patar.id)), ("alert", str(to_all.id)), ("alert_ack", str(to_patar.id)),
                            ("post_status", str(status.id))]
    assert _keys(_pending(engine, CENTRE, "KZ-KOR")) == [("alert", str(to_kordai.id)), ("alert", str(to_all.id))]
    oybek = _keys(_pending(engine, CENTRE, "UZ-OYB"))
    assert ("alert", str(to_patar.id)) in oybek and ("alert_ack", str(to_patar.id)) in oybek  # its own alert's ack
    assert ("alert", str(from_tursunzoda.id)) in oybek
    assert ("alert", str(to_kordai.id)) not in oybek and ("post_status", str(status.id)) not in oybek

    alert = patar[0]
    assert alert["rev"] == "sent" and alert["by"] == "C" and alert["author"] == "officer" and alert["op"] == "upsert"
    assert alert["row"] == {"from_post": "UZ-OYB", "to_post": "TJ-PAT", "sent_at": "2026-11-20T08:00:00.000000+00:00",
                            "sent_by": "officer", "priority": "high", "text": "Grey Kamaz towards Patar",
                            "incident_id": None}
    assert patar[2]["row"] == {"acknowledged_at": "2026-11-20T08:30:00.000000+00:00", "acknowledged_by": "patar"}
    assert patar[3]["row"] == {"post": "TJ-PAT", "changed_at": "2026-11-20T08:40:00.000000+00:00",
                               "old_status": "operational", "status": "limited", "reason": "Power cut",
                               "changed_by": "supervisor"}
    with pytest.raises(EntryError, match="no post 'XX-NOPE'"):
        _pending(engine, CENTRE, "XX-NOPE")


def test_what_is_already_in_a_feed_is_not_pending_again_in_that_feed_only(engine):
    posts, _ = ids(engine)
    to_all = _send(engine, "All posts: new packaging", None, None, T0)
    with UnitOfWork(engine, write=True) as uow:
        for audience, epoch in (("TJ-PAT", CENTRE.epoch), ("KZ-KOR", EPOCH)):  # KZ-KOR: an older epoch's feed
            uow.session.add(FeedEntryRow(origin="C", epoch=epoch, audience=audience, seq=1, prev_hash="", hash="h",
                                         body="{}", kind="alert", row_id=str(to_all.id), rev="sent", state="own"))
        uow.commit()
    assert _pending(engine, CENTRE, "TJ-PAT") == []
    assert _keys(_pending(engine, CENTRE, "KZ-KOR")) == [("alert", str(to_all.id))]
    acknowledge_alert(engine, to_all.id, now=T0 + timedelta(minutes=5), actor=Actor.system_actor("patar"),
                      settings=SETTINGS)
    assert _keys(_pending(engine, CENTRE, "TJ-PAT")) == [("alert_ack", str(to_all.id))]


def test_a_post_sends_what_it_made_and_never_sends_back_what_it_received(engine):
    posts, _ = ids(engine)
    post = SimpleNamespace(origin="KZ-KOR", role="post", epoch=EPOCH)
    mine = _send(engine, "Suspicious lorry leaving Kordai", posts["KZ-KOR"], posts["KZ-KAR"], T0)
    received = {"kind": "alert", "op": "upsert", "id": str(uuid.uuid4()), "rev": "sent", "by": "C",
                "row": {"from_post": None, "to_post": "KZ-KOR", "sent_at": "2026-11-20T07:00:00+00:00",
                        "sent_by": "centre.duty", "priority": "urgent", "text": "Stop the white Lexus",
                        "incident_id": None}}
    assert _apply(engine, received) == "added"
    assert _keys(_pending(engine, post, "*")) == [("alert", str(mine.id))]
    acknowledge_alert(engine, uuid.UUID(received["id"]), now=T0 + timedelta(minutes=9),
                      actor=Actor.system_actor("kordai"), settings=SETTINGS)
    status = change_status(engine, posts["KZ-KOR"], "offline", "Flooded road", T0 + timedelta(minutes=20),
                           actor=Actor.system_actor("kordai.chief"), settings=SETTINGS)
    pending = _pending(engine, post, "*")
    assert _keys(pending) == [("alert", str(mine.id)), ("alert_ack", received["id"]), ("post_status", str(status.id))]
    assert pending[1]["by"] == "KZ-KOR" and pending[1]["row"]["acknowledged_by"] == "kordai"


def test_an_alert_is_added_once_with_its_origin_and_refused_for_an_unknown_post(engine, other_engine):
    posts, _ = ids(engine)
    sent = _send(engine, "Grey Kamaz towards Patar", posts["UZ-OYB"], posts["TJ-PAT"], T0)
    [entry] = [e for e in _pending(engine, CENTRE, "TJ-PAT") if e["kind"] == "alert"]
    for _ in range(3):
        outcome = _apply(other_engine, entry)
    assert outcome == "unchanged"
    other_posts, _ = ids(other_engine)
    with UnitOfWork(other_engine) as uow:
        rows = uow.session.execute(select(AlertRow.id, AlertRow.origin, AlertRow.ack_origin, AlertRow.from_post_id,
                                          AlertRow.to_post_id, AlertRow.sent_at, AlertRow.text,
                                          AlertRow.priority)).all()
    assert [tuple(r) for r in rows] == [(sent.id, "C", None, other_posts["UZ-OYB"], other_posts["TJ-PAT"], T0,
                                         "Grey Kamaz towards Patar", "high")]

    stray = dict(entry, id=str(uuid.uuid4()), row=dict(entry["row"], to_post="XX-NOPE"))
    with pytest.raises(EntryError, match="no post 'XX-NOPE'"):
        _apply(other_engine, stray)
    for bad in (dict(entry, id="not-an-id"), dict(entry, id=str(uuid.uuid4()), row=dict(entry["row"], sent_at="soon")),
                dict(entry, id=str(uuid.uuid4()), row=dict(entry["row"], priority="panic")),
                dict(entry, kind="incident_note"), dict(entry, row=None)):
        with pytest.raises(EntryError):
            _apply(other_engine, bad)
    with UnitOfWork(other_engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(AlertRow)) == 1


def test_the_earliest_acknowledgement_wins_in_any_order(engine):
    posts, _ = ids(engine)
    alert_id = str(uuid.uuid4())
    alert = {"kind": "alert", "id": alert_id, "rev": "sent", "by": "TJ-PAT",
             "row": {"from_post": "TJ-PAT", "to_post": None, "sent_at": "2026-11-20T08:00:00+00:00",
                     "sent_by": "patar", "priority": "normal", "text": "To all posts", "incident_id": None}}

    def ack(minutes, who, by):
        at = (T0 + timedelta(minutes=minutes)).isoformat()
        return {"kind": "alert_ack", "id": alert_id, "rev": "ack", "by": by,
                "row": {"acknowledged_at": at, "acknowledged_by": who}}

    with pytest.raises(EntryError, match="not received yet"):
        _apply(engine, ack(10, "kordai", "KZ-KOR"))
    assert _apply(engine, alert, origin="TJ-PAT") == "added"
    assert _apply(engine, ack(10, "kordai", "KZ-KOR")) == "updated"
    assert _apply(engine, ack(10, "kordai", "KZ-KOR")) == "unchanged"
    assert _apply(engine, ack(20, "oybek", "UZ-OYB")) == "unchanged"  # later: the first stands
    assert _apply(engine, ack(4, "termez", "UZ-TER")) == "updated"  # earlier, arriving late: it was the first
    with UnitOfWork(engine) as uow:
        row = uow.session.execute(select(AlertRow.acknowledged_at, AlertRow.acknowledged_by, AlertRow.ack_origin,
                                         AlertRow.origin).where(AlertRow.id == uuid.UUID(alert_id))).one()
    assert tuple(row) == (T0 + timedelta(minutes=4), "termez", "UZ-TER", "TJ-PAT")


def test_a_status_change_is_kept_and_moves_the_post_only_when_it_is_the_newest(engine):
    posts, _ = ids(engine)

    def change(minutes, status, reason, code="TJ-PAT"):
        return {"kind": "post_status", "id": str(uuid.uuid4()), "rev": "status", "by": "TJ-PAT",
                "row": {"post": code, "changed_at": (T0 + timedelta(minutes=minutes)).isoformat(),
                        "old_status": "operational", "status": status, "reason": reason, "changed_by": "patar"}}

    def post():
        with UnitOfWork(engine) as uow:
            return tuple(uow.session.execute(select(PostRow.status, PostRow.status_reason, PostRow.status_since)
                                             .where(PostRow.id == posts["TJ-PAT"])).one())

    newer, older, reason_only = change(60, "offline", "Flood"), change(30, "limited", "Storm"), change(90, "offline",
                                                                                                       "Flood, day 2")
    assert _apply(engine, newer) == "added"
    assert post() == ("offline", "Flood", T0 + timedelta(minutes=60))
    assert _apply(engine, older) == "added"  # kept in the history, the post stays as the newer change left it
    assert post() == ("offline", "Flood", T0 + timedelta(minutes=60))
    assert _apply(engine, newer) == "unchanged"
    assert _apply(engine, reason_only) == "added"  # same status, new reason: status_since stays
    assert post() == ("offline", "Flood, day 2", T0 + timedelta(minutes=60))
    with UnitOfWork(engine) as uow:
        history = uow.session.execute(select(PostStatusHistoryRow.status, PostStatusHistoryRow.origin)
                                      .where(PostStatusHistoryRow.post_id == posts["TJ-PAT"])
                                      .order_by(PostStatusHistoryRow.changed_at)).all()
    assert [tuple(h) for h in history] == [("limited", "TJ-PAT"), ("offline", "TJ-PAT"), ("offline", "TJ-PAT")]
    for bad in (change(5, "offline", "x", code="XX-NOPE"), change(5, "sleeping", "x")):
        with pytest.raises(EntryError):
            _apply(engine, bad)
