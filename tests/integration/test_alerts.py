"""Counterpart alerts: send, see, acknowledge (once), change_log entries, response times per pair."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from sitcentre.db.tables import AuditRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert, AlertPriority
from sitcentre.domain.permissions import Actor
from sitcentre.domain.queries import AlertQuery
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.alerts import AlertRepository
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services.alerts import acknowledge_alert, counterparts, load_alerts, seed_demo_alerts, send_alert
from tests.integration.helpers import SETTINGS

from .helpers import ids, utc

NOW = utc(2025, 6, 10, 12)


def _waiting(engine) -> dict[int, int]:
    with UnitOfWork(engine) as uow:
        return AlertRepository(uow.session).unacknowledged_counts()


def test_an_alert_travels_from_a_post_to_its_counterpart_and_is_acknowledged_once(engine):
    posts, _ = ids(engine)
    related = uuid.uuid4()
    sent = send_alert(engine, Alert("Grey Kamaz, plates 01 123 ABC, heading your way", from_post_id=posts["UZ-OYB"],
                                    to_post_id=posts["TJ-PAT"], priority=AlertPriority.URGENT, incident_id=related),
                      actor=Actor.system_actor("oybek.officer"), now=NOW, settings=SETTINGS)
    assert sent.sent_at == NOW and sent.sent_by == "oybek.officer" and not sent.acknowledged
    receiver = load_alerts(engine, AlertQuery(post_id=posts["TJ-PAT"]))
    sender = load_alerts(engine, AlertQuery(post_id=posts["UZ-OYB"]))
    assert [a.id for a in receiver.alerts] == [sent.id] == [a.id for a in sender.alerts]
    assert receiver.alerts[0].incident_id == related and receiver.unacknowledged == 1
    assert load_alerts(engine, AlertQuery(post_id=posts["KZ-KOR"])).alerts == ()
    assert _waiting(engine) == {posts["TJ-PAT"]: 1}

    acked = acknowledge_alert(engine, sent.id, actor=Actor.system_actor("patar.officer"),
                              now=NOW + timedelta(minutes=12), settings=SETTINGS)
    assert (acked.acknowledged_by, acked.acknowledged_at) == ("patar.officer", NOW + timedelta(minutes=12))
    assert acked.response_time == timedelta(minutes=12)
    again = acknowledge_alert(engine, sent.id,
                              actor=Actor.system_actor("someone.else"), now=NOW + timedelta(hours=2), settings=SETTINGS)
    assert (again.acknowledged_by, again.acknowledged_at) == ("patar.officer", NOW + timedelta(minutes=12))
    seen_by_sender = load_alerts(engine, AlertQuery(post_id=posts["UZ-OYB"])).alerts[0]
    assert seen_by_sender.acknowledged_by == "patar.officer"
    assert _waiting(engine) == {} and load_alerts(engine).unacknowledged == 0
    with UnitOfWork(engine) as uow:
        actions = uow.session.scalars(select(AuditRow.action).where(AuditRow.entity == "alert")).all()
    assert sorted(actions) == ["alert_ack", "alert_send"]


def test_an_alert_to_all_posts_is_listed_at_every_post_but_its_sender_and_counted_once(engine):
    """One acknowledgement closes a message to all posts, so it waits once (issue 10, item 9), not at 15 posts."""
    posts, _ = ids(engine)
    send_alert(engine, Alert("Convoy expected on the M41", to_post_id=None, from_post_id=None),
               actor=Actor.system_actor("centre"), now=NOW, settings=SETTINGS)
    lada = send_alert(engine, Alert("Look out for a blue Lada", from_post_id=posts["TJ-PPY"]),
                      actor=Actor.system_actor("ppy"), now=NOW, settings=SETTINGS)
    send_alert(engine, Alert("Grey truck", from_post_id=posts["KG-DOS"], to_post_id=posts["UZ-BEK"]),
               actor=Actor.system_actor("dos"), now=NOW, settings=SETTINGS)
    assert _waiting(engine) == {posts["UZ-BEK"]: 1}
    with UnitOfWork(engine) as uow:
        assert AlertRepository(uow.session).unacknowledged_broadcasts() == 2
    assert len(load_alerts(engine, AlertQuery(post_id=posts["KZ-KOR"])).alerts) == 2
    assert [a.id for a in load_alerts(engine, AlertQuery(post_id=posts["TJ-PPY"])).alerts].count(lada.id) == 1
    acknowledge_alert(engine, lada.id, actor=Actor.system_actor("kordai.officer"), now=NOW, settings=SETTINGS)
    with UnitOfWork(engine) as uow:
        assert AlertRepository(uow.session).unacknowledged_broadcasts() == 1
    assert load_alerts(engine).unacknowledged == 2


def test_waiting_alerts_come_first_most_pressing_first_then_the_newest(engine):
    posts, _ = ids(engine)
    to = posts["TJ-TUR"]
    low = send_alert(engine, Alert("low", to_post_id=to, priority="low"),
                     actor=Actor.system_actor("c"), now=NOW, settings=SETTINGS)
    old_done = send_alert(engine, Alert("done", to_post_id=to, priority="urgent"),
                          actor=Actor.system_actor("c"), now=NOW - timedelta(days=1), settings=SETTINGS)
    acknowledge_alert(engine, old_done.id, actor=Actor.system_actor("t"), now=NOW, settings=SETTINGS)
    urgent = send_alert(engine, Alert("urgent", to_post_id=to, priority="urgent"),
                        actor=Actor.system_actor("c"), now=NOW - timedelta(hours=1), settings=SETTINGS)
    normal = send_alert(engine, Alert("normal", to_post_id=to),
                        actor=Actor.system_actor("c"), now=NOW + timedelta(minutes=1), settings=SETTINGS)
    order = [a.id for a in load_alerts(engine).alerts]
    assert order == [urgent.id, normal.id, low.id, old_done.id]
    only_waiting = load_alerts(engine, AlertQuery(unacknowledged_only=True)).alerts
    assert [a.id for a in only_waiting] == [urgent.id, normal.id, low.id]


def test_response_times_are_the_median_and_mean_per_pair_of_posts(engine):
    posts, _ = ids(engine)
    a, b, other = posts["KG-DOS"], posts["UZ-BEK"], posts["KG-KSU"]
    for minutes in (10, 20, 90):
        alert = send_alert(engine, Alert("a to b", from_post_id=a, to_post_id=b),
                           actor=Actor.system_actor("a"), now=NOW, settings=SETTINGS)
        acknowledge_alert(engine, alert.id,
                          actor=Actor.system_actor("b"), now=NOW + timedelta(minutes=minutes), settings=SETTINGS)
    send_alert(engine, Alert("a to b, waiting", from_post_id=a, to_post_id=b),
               actor=Actor.system_actor("a"), now=NOW, settings=SETTINGS)
    alert = send_alert(engine, Alert("b to a", from_post_id=b, to_post_id=a),
                       actor=Actor.system_actor("b"), now=NOW, settings=SETTINGS)
    acknowledge_alert(engine, alert.id, actor=Actor.system_actor("a"), now=NOW + timedelta(hours=5), settings=SETTINGS)
    alert = send_alert(engine, Alert("centre to all"), actor=Actor.system_actor("centre"), now=NOW, settings=SETTINGS)
    acknowledge_alert(engine, alert.id,
                      actor=Actor.system_actor("c"), now=NOW + timedelta(minutes=3), settings=SETTINGS)
    send_alert(engine, Alert("centre to all, waiting"), actor=Actor.system_actor("centre"), now=NOW, settings=SETTINGS)
    send_alert(engine, Alert("other to b", from_post_id=other, to_post_id=b),
               actor=Actor.system_actor("o"), now=NOW, settings=SETTINGS)  # a is not part of it
    with UnitOfWork(engine) as uow:
        times = {(t.from_post_id, t.to_post_id): t for t in AlertRepository(uow.session).response_times(a)}
        everything = AlertRepository(uow.session).response_times()
    ab = times[(a, b)]
    assert (ab.acknowledged, ab.waiting) == (3, 1)
    assert ab.median_s == pytest.approx(20 * 60) and ab.mean_s == pytest.approx(40 * 60)
    assert ab.longest_s == pytest.approx(90 * 60)
    assert times[(b, a)].median_s == pytest.approx(5 * 3600)
    assert times[(None, None)].acknowledged == 1 and times[(None, None)].waiting == 1
    assert set(times) == {(a, b), (b, a), (None, None)}
    assert (other, b) in {(t.from_post_id, t.to_post_id) for t in everything}


def test_alerts_are_logged_to_the_change_log_on_insert_update_and_delete(engine):
    posts, _ = ids(engine)
    with UnitOfWork(engine) as uow:
        start = ChangeRepository(uow.session).latest_seq()
    alert = send_alert(engine, Alert("x", to_post_id=posts["KZ-KOR"]),
                       actor=Actor.system_actor("c"), now=NOW, settings=SETTINGS)
    acknowledge_alert(engine, alert.id, actor=Actor.system_actor("k"), now=NOW, settings=SETTINGS)
    with engine.begin() as conn:
        key = alert.id.hex if engine.dialect.name == "sqlite" else str(alert.id)
        conn.execute(text("DELETE FROM alerts WHERE id = :id"), {"id": key})
    with UnitOfWork(engine) as uow:
        batch = ChangeRepository(uow.session).since(start)
        logged = [(c.table, c.row_id, c.op.value) for c in batch.changes if c.table == "alerts"]
    assert logged == [("alerts", alert.id.hex, "I"), ("alerts", alert.id.hex, "U"), ("alerts", alert.id.hex, "D")]


@pytest.mark.parametrize(("alert", "field"), [
    (Alert("   "), "text"),
    (Alert("x" * 2001), "text"),
    (Alert("x", from_post_id=9999), "from_post_id"),
    (Alert("x", to_post_id=9999), "to_post_id"),
    (Alert("x", priority="flash"), "priority"),
])
def test_an_alert_needs_a_message_known_posts_and_a_known_priority(engine, alert, field):
    with pytest.raises(ValidationError) as caught:
        send_alert(engine, alert, actor=Actor.system_actor("c"), now=NOW, settings=SETTINGS)
    assert caught.value.problems[0].field == field
    assert load_alerts(engine).alerts == ()


def test_a_post_cannot_alert_itself(engine):
    posts, _ = ids(engine)
    with pytest.raises(ValidationError):
        send_alert(engine, Alert("x", from_post_id=posts["KZ-KOR"], to_post_id=posts["KZ-KOR"]),
                   actor=Actor.system_actor("c"), now=NOW, settings=SETTINGS)


def test_acknowledging_an_unknown_alert_says_so(engine):
    with pytest.raises(ValidationError, match="no longer exists"):
        acknowledge_alert(engine, uuid.uuid4(), actor=Actor.system_actor("c"), now=NOW, settings=SETTINGS)


def test_the_counterparts_of_a_post_are_the_blos_across_its_border(engine):
    with UnitOfWork(engine) as uow:
        posts = ReferenceRepository(uow.session).posts()
    by_code = {p.code: p for p in posts}
    across = {p.code for p in counterparts(by_code["UZ-OYB"], posts)}
    assert across == {"TJ-TUR", "TJ-PAT"}  # the Tajik side of the Uzbek-Tajik border
    assert {p.code for p in counterparts(by_code["KZ-KOR"], posts)} == {"KZ-KAR"}  # no Kyrgyz-side BLO listed


def test_demo_alerts_are_mostly_acknowledged_and_give_response_times(engine):
    assert seed_demo_alerts(engine, now=NOW, count=12) == 12
    alerts = load_alerts(engine).alerts
    assert len(alerts) == 12 and any(a.acknowledged for a in alerts)
    assert all(a.sent_at <= NOW and (a.acknowledged_at is None or a.sent_at <= a.acknowledged_at <= NOW)
               for a in alerts)
    with UnitOfWork(engine) as uow:
        assert any(t.median_s for t in AlertRepository(uow.session).response_times())
