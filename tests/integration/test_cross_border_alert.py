"""A cross-border alert (issue 13, item 6): post KZ-KOR alerts post KG-DOS across the border; the alert travels
KZ-KOR -> KZC -> KGC -> KG-DOS in bundles, the acknowledgement comes back the same way, and the response time
(acknowledged at KG-DOS minus sent at KZ-KOR) is the same at all four installations. KZC on SQLite and
PostgreSQL; KGC and the posts on SQLite."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sitcentre.domain.alerts import Alert
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange.errors import BundleRejected
from tests.integration.country_world import entries_of, link_peers, make_country, relay
from tests.integration.exchange_world import export, ids, import_, trust


@pytest.fixture
def border(tmp_path: Path, db_url: str):
    kzc, (kor,) = make_country(tmp_path, "KZC", ["KZ-KOR"], url=db_url)
    kgc, (dos,) = make_country(tmp_path, "KGC", ["KG-DOS"])
    link_peers(kzc, kgc)
    yield kor, kzc, kgc, dos
    for world in (kor, kzc, kgc, dos):
        world.dispose()


def _alerts(world) -> dict:
    from sitcentre.services.alerts import load_alerts

    return {a.id: a for a in load_alerts(world.engine).alerts}


def test_an_alert_and_its_acknowledgement_travel_through_two_centres(border):
    from sitcentre.services.alerts import acknowledge_alert, send_alert

    kor, kzc, kgc, dos = border
    posts, _ = ids(kor)
    sent_at = utcnow() - timedelta(hours=1)
    alert = send_alert(kor.engine, Alert("Truck 01 KZ 777 crossing towards you, false floor suspected",
                                         from_post_id=posts["KZ-KOR"], to_post_id=posts["KG-DOS"]),
                       sent_at, actor=Actor.system_actor("officer.kor"), settings=kor.settings)

    assert relay(kor, kzc).added == 1                      # post -> its centre
    to_kgc = export(kzc, "KGC")                             # centre -> the other country's centre
    [entry] = [e for e in entries_of(to_kgc) if e["kind"] == "alert"]
    assert entry["row"]["sent_by"] == "" and entry["author"] == ""  # no names across the border
    assert import_(kgc, to_kgc).added == 1
    assert relay(kgc, dos).added == 1                      # that centre -> the counterpart post
    assert alert.id in _alerts(dos) and not _alerts(dos)[alert.id].acknowledged

    acked_at = sent_at + timedelta(minutes=7, seconds=30)
    acknowledge_alert(dos.engine, alert.id, acked_at, actor=Actor.system_actor("officer.dos"),
                      settings=dos.settings)
    assert relay(dos, kgc).updated == 1                    # the acknowledgement back: post -> its centre
    to_kzc = export(kgc, "KZC")
    [ack] = [e for e in entries_of(to_kzc) if e["kind"] == "alert_ack"]
    assert ack["row"]["acknowledged_by"] == "" and ack["by"] == "KG-DOS"
    assert import_(kzc, to_kzc).updated == 1               # -> the other country's centre
    assert relay(kzc, kor).updated == 1                    # -> the post that sent it

    for world in (kor, kzc, kgc, dos):
        seen = _alerts(world)[alert.id]
        assert seen.response_time == timedelta(minutes=7, seconds=30), world.origin  # measured end to end
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.repositories.alerts import AlertRepository

    with UnitOfWork(kor.engine) as uow:  # the origin post's response-time figures count it
        times = AlertRepository(uow.session).response_times()
    [pair] = [t for t in times if t.to_post_id == posts["KG-DOS"]]
    assert pair.acknowledged == 1 and pair.median_s == 450.0

    # nothing travels twice: the next bundles carry no alert or acknowledgement again
    relay(kgc, kzc), relay(kzc, kgc)
    assert not [e for e in entries_of(export(kzc, "KGC")) if e["kind"] in ("alert", "alert_ack")]


def test_an_alert_to_a_post_of_the_same_country_stays_in_the_country(border):
    from sitcentre.services.alerts import send_alert

    kor, kzc, kgc, _dos = border
    posts, _ = ids(kor)
    send_alert(kor.engine, Alert("for KZ-KAR only", from_post_id=posts["KZ-KOR"], to_post_id=posts["KZ-KAR"]),
               actor=SYSTEM, settings=kor.settings)
    send_alert(kor.engine, Alert("to every post", from_post_id=posts["KZ-KOR"]), actor=SYSTEM, settings=kor.settings)
    relay(kor, kzc)
    assert not [e for e in entries_of(export(kzc, "KGC")) if e["kind"] == "alert"]


def test_a_post_bundle_addressed_to_another_centre_is_refused(border):
    kor, kzc, kgc, _dos = border
    trust(kgc, kor)  # even with the post's key trusted at KGC
    with pytest.raises(BundleRejected) as refused:
        import_(kgc, export(kor, "KZC"))
    assert refused.value.code == "wrong_recipient"
