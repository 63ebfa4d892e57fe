"""Counterpart alerts: send one to the BLO across the border (or to all posts), acknowledge it, list them.

The key is made here, where the alert is created (it may travel to other posts later), and times are UTC.
Each write is one transaction with its audit entry; the change_log trigger on `alerts` tells every
workstation, so the sender sees the acknowledgement as soon as it is made.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import MAX_TEXT, Alert, AlertList, AlertPriority, counterparts
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import new_id, utcnow
from sitcentre.domain.validation import Problem, ValidationError
from sitcentre.repositories.alerts import AlertQuery, AlertRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services import audit
from sitcentre.services.guard import authorize
from sitcentre.settings import Settings

__all__ = ["AlertList", "acknowledge_alert", "counterparts", "load_alerts", "send_alert", "seed_demo_alerts"]


def send_alert(engine: Engine, alert: Alert, now: datetime | None = None, *, actor: Actor,
               settings: Settings) -> Alert:
    """Validate and store a new alert; returns it as stored (with its key and sent time). The permission is
    checked here (a refusal is audited; a system actor, for demo data and scripts, is not checked)."""
    authorize(engine, actor, Action.ALERT_SEND, entity="alert", settings=settings)
    return _store(engine, alert, now, actor)


def _store(engine: Engine, alert: Alert, now: datetime | None, actor: Actor) -> Alert:
    username = actor.username
    now = now or utcnow()
    alert = replace(alert, text=alert.text.strip(), sent_at=alert.sent_at or now, sent_by=alert.sent_by or username,
                    acknowledged_at=None, acknowledged_by=None, id=alert.id or new_id(now))
    with UnitOfWork(engine, write=True) as uow:
        _validate(alert, {p.id for p in ReferenceRepository(uow.session).posts()})
        AlertRepository(uow.session).add(alert)
        _audit(uow, actor, "alert_send", alert)
        uow.commit()
    return alert


def acknowledge_alert(engine: Engine, alert_id: uuid.UUID, now: datetime | None = None, *, actor: Actor,
                      settings: Settings) -> Alert:
    """Acknowledge an alert. If someone acknowledged it first, theirs stands and is returned unchanged."""
    authorize(engine, actor, Action.ALERT_ACKNOWLEDGE, entity="alert", entity_id=alert_id, settings=settings)
    return _acknowledge(engine, alert_id, now, actor)


def _acknowledge(engine: Engine, alert_id: uuid.UUID, now: datetime | None, actor: Actor) -> Alert:
    username = actor.username
    now = now or utcnow()
    with UnitOfWork(engine, write=True) as uow:
        repo = AlertRepository(uow.session)
        if repo.get(alert_id) is None:
            raise ValidationError([Problem("alert", "That alert no longer exists.")])
        if repo.acknowledge(alert_id, username, now):
            _audit(uow, actor, "alert_ack", repo.get(alert_id))
        alert = repo.get(alert_id)
        uow.commit()
    return alert


def load_alerts(engine: Engine, query: AlertQuery = AlertQuery()) -> AlertList:
    """Run it on the DB worker."""
    with UnitOfWork(engine) as uow:
        repo = AlertRepository(uow.session)
        posts = {p.id: p for p in ReferenceRepository(uow.session).posts()}
        return AlertList(tuple(repo.find(query)), posts, repo.unacknowledged_total())


def _validate(alert: Alert, post_ids: set[int]) -> None:
    problems = []
    if not alert.text:
        problems.append(Problem("text", "Write the alert's message."))
    elif len(alert.text) > MAX_TEXT:
        problems.append(Problem("text", f"Keep the message under {MAX_TEXT} characters."))
    for field, post_id in (("from_post_id", alert.from_post_id), ("to_post_id", alert.to_post_id)):
        if post_id is not None and post_id not in post_ids:
            problems.append(Problem(field, "That post does not exist. Choose another post."))
    if alert.from_post_id is not None and alert.from_post_id == alert.to_post_id:
        problems.append(Problem("to_post_id", "A post cannot alert itself. Choose the receiving post."))
    try:
        AlertPriority(alert.priority)
    except ValueError:
        problems.append(Problem("priority", f"Unknown priority {alert.priority!r}."))
    if problems:
        raise ValidationError(problems)


def _audit(uow: UnitOfWork, actor: Actor, action: str, alert: Alert) -> None:
    """After the write it records (the audit chain's lock is then held only until the commit)."""
    after = {"from": alert.from_post_id, "to": alert.to_post_id, "priority": str(alert.priority),
             "incident": alert.incident_id, "acknowledged_by": alert.acknowledged_by,
             "acknowledged_at": alert.acknowledged_at}
    audit.append(uow.session, actor, action, "alert", alert.id, after=after)


DEMO_MESSAGES = (
    "Truck with refrigerated cargo, plates {plates}, crossed towards you at {hour}:00; driver nervous, "
    "documents in order. Suggest a full inspection.",
    "Two pedestrians with heavy backpacks turned back at our side, likely to try again at your crossing.",
    "Our dog team indicated on a minibus now queuing on your side. Please hold it for a joint search.",
    "Passenger car {plates} seen twice this week; previous seizure of hashish linked to the owner.",
    "Scanner image shows a false floor in a truck heading your way. Images sent by secure e-mail.",
)


def seed_demo_alerts(engine: Engine, now: datetime | None = None, count: int = 18, seed: int = 3) -> int:
    """A few weeks of counterpart alerts for the demo: most acknowledged after minutes to hours, some waiting.
    Not called by anything in the app itself; the demo loader may call it once after seeding. Written by
    system actors ("demo", "officer.N"), which no permission check stops."""
    rng, now = random.Random(seed), now or utcnow()
    with UnitOfWork(engine) as uow:
        posts = ReferenceRepository(uow.session).posts()
    senders = [p for p in posts if counterparts(p, posts)]
    written = 0
    for i in range(count):
        sender = rng.choice(senders)
        to = rng.choice(counterparts(sender, posts)).id if i % 6 else None
        sent = now - timedelta(hours=rng.uniform(1, 24 * 20))
        text = rng.choice(DEMO_MESSAGES).format(plates=f"{rng.randint(10, 99)} {rng.randint(100, 999)} "
                                                       f"{rng.choice('ABKMT')}{rng.choice('ABKMT')}",
                                                hour=rng.randint(6, 22))
        priority = rng.choice([AlertPriority.NORMAL] * 3 + [AlertPriority.HIGH, AlertPriority.URGENT])
        alert = _store(engine, Alert(text, from_post_id=None if i % 7 == 0 else sender.id, to_post_id=to,
                                     priority=priority, sent_at=sent), sent, Actor.system_actor("demo"))
        if rng.random() < 0.8:  # a few still wait, as they do
            delay = timedelta(minutes=rng.lognormvariate(3.5, 1.0))
            _acknowledge(engine, alert.id, min(sent + delay, now), Actor.system_actor(f"officer.{rng.randint(1, 9)}"))
        written += 1
    return written
