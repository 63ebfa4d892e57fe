"""Counterpart alerts: store, acknowledge, list, count what waits for each post, response times per pair."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import AlertRow as A
from sitcentre.domain.alerts import Alert, AlertPriority, ResponseTimes
from sitcentre.domain.queries import AlertQuery


class AlertRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, alert: Alert) -> None:
        self.session.execute(A.__table__.insert().values(
            id=alert.id, from_post_id=alert.from_post_id, to_post_id=alert.to_post_id, sent_at=alert.sent_at,
            sent_by=alert.sent_by, priority=AlertPriority(alert.priority).value, text=alert.text,
            incident_id=alert.incident_id, acknowledged_at=alert.acknowledged_at,
            acknowledged_by=alert.acknowledged_by,
        ))

    def get(self, alert_id: uuid.UUID) -> Alert | None:
        row = self.session.get(A, alert_id)
        return _alert(row) if row is not None else None

    def acknowledge(self, alert_id: uuid.UUID, username: str, at: datetime) -> bool:
        """Mark it acknowledged unless someone already did (the first acknowledgement stands)."""
        result = self.session.execute(
            update(A).where(A.id == alert_id, A.acknowledged_at.is_(None))
            .values(acknowledged_at=at, acknowledged_by=username)
        )
        return result.rowcount == 1

    def find(self, query: AlertQuery = AlertQuery()) -> list[Alert]:
        """Waiting alerts first (most pressing first), then the newest."""
        waiting = case((A.acknowledged_at.is_(None), 0), else_=1)
        rank = case(*[(A.priority == p.value, -p.rank) for p in AlertPriority], else_=0)
        stmt = select(A)
        if query.post_id is not None:
            stmt = stmt.where(or_(_receives(query.post_id), A.from_post_id == query.post_id))
        if query.unacknowledged_only:
            stmt = stmt.where(A.acknowledged_at.is_(None))
        stmt = stmt.order_by(waiting, case((A.acknowledged_at.is_(None), rank), else_=0), A.sent_at.desc(),
                             A.id.desc())
        return [_alert(r) for r in self.session.scalars(stmt.limit(query.limit))]

    def unacknowledged_counts(self) -> dict[int, int]:
        """Per post, the alerts addressed to it that wait. An alert to all posts is not among them: it has one
        acknowledgement (the first stands), so it is counted once, by unacknowledged_broadcasts(), not at every
        post (15 red badges for one message said 15 alerts waited)."""
        direct = self.session.execute(
            select(A.to_post_id, func.count()).where(A.acknowledged_at.is_(None), A.to_post_id.is_not(None))
            .group_by(A.to_post_id)
        )
        return {post_id: int(n) for post_id, n in direct}

    def unacknowledged_broadcasts(self) -> int:
        """Alerts to all posts that nobody has acknowledged yet."""
        return int(self.session.scalar(select(func.count()).select_from(A)
                                       .where(A.acknowledged_at.is_(None), A.to_post_id.is_(None))))

    def unacknowledged_total(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(A).where(A.acknowledged_at.is_(None))))

    def response_times(self, post_id: int | None = None) -> list[ResponseTimes]:
        """Per (sender, receiver) pair: acknowledged count, median/mean/longest seconds, how many wait.

        Computed here rather than in SQL so that both dialects give the same median (SQLite has none).
        post_id limits it to the pairs the post is part of (as sender, or as a receiver of all-posts alerts).
        """
        stmt = select(A.from_post_id, A.to_post_id, A.sent_at, A.acknowledged_at)
        if post_id is not None:
            stmt = stmt.where(or_(A.from_post_id == post_id, A.to_post_id == post_id,
                                  and_(A.to_post_id.is_(None), A.from_post_id.is_distinct_from(post_id))))
        seconds: dict[tuple, list[float]] = defaultdict(list)
        waiting: dict[tuple, int] = defaultdict(int)
        for sender, receiver, sent, acked in self.session.execute(stmt):
            if acked is None:
                waiting[(sender, receiver)] += 1
            else:
                seconds[(sender, receiver)].append((acked - sent).total_seconds())
        pairs = sorted(set(seconds) | set(waiting), key=lambda k: (k[0] is not None, k[0] or 0, k[1] or 0))
        return [ResponseTimes.of(s, r, seconds.get((s, r), []), waiting.get((s, r), 0)) for s, r in pairs]


def _receives(post_id: int):
    return or_(A.to_post_id == post_id, and_(A.to_post_id.is_(None), A.from_post_id.is_distinct_from(post_id)))


def _alert(r: A) -> Alert:
    return Alert(
        id=r.id, text=r.text, from_post_id=r.from_post_id, to_post_id=r.to_post_id,
        priority=AlertPriority(r.priority), incident_id=r.incident_id, sent_at=r.sent_at, sent_by=r.sent_by,
        acknowledged_at=r.acknowledged_at, acknowledged_by=r.acknowledged_by,
    )
