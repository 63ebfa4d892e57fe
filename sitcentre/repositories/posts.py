"""Per-post status summary for the post status panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import IncidentRow as I
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.records import Post, local_date, utcnow
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.stats import COUNTED_STATUSES

SPARK_DAYS = 30


@dataclass(frozen=True, eq=False)
class PostSummary:
    post: Post
    incidents_24h: int
    incidents_7d: int
    kg_30d: float
    daily_kg_30d: np.ndarray  # SPARK_DAYS values, oldest first, ending on the post's local today

    def hours_since_report(self, now: datetime) -> float | None:
        if self.post.last_report_at is None:
            return None
        return (now - self.post.last_report_at).total_seconds() / 3600


class PostRepository:
    def __init__(self, session: Session):
        self.session = session

    def summaries(self, now: datetime | None = None) -> list[PostSummary]:
        """Every post with its recent activity; rejected incidents do not count."""
        now = now or utcnow()
        posts = ReferenceRepository(self.session).posts()
        counts = self._recent_counts(now)
        daily = self._daily_kg(posts, now)
        return [
            PostSummary(post=p, incidents_24h=counts.get(p.id, (0, 0))[0], incidents_7d=counts.get(p.id, (0, 0))[1],
                        kg_30d=float(daily[p.id].sum()), daily_kg_30d=daily[p.id])
            for p in posts
        ]

    def _recent_counts(self, now: datetime) -> dict[int, tuple[int, int]]:
        day_ago, week_ago = now - timedelta(hours=24), now - timedelta(days=7)
        query = (
            select(I.post_id, func.sum(case((I.occurred_at >= day_ago, 1), else_=0)), func.count())
            .where(I.occurred_at >= week_ago, I.occurred_at <= now, I.status != IncidentStatus.REJECTED.value)
            .group_by(I.post_id)
        )
        return {post_id: (int(day or 0), int(week)) for post_id, day, week in self.session.execute(query)}

    def _daily_kg(self, posts: list[Post], now: datetime) -> dict[int, np.ndarray]:
        todays = {p.id: local_date(now, p.utc_offset_minutes) for p in posts}
        out = {p.id: np.zeros(SPARK_DAYS) for p in posts}
        if not posts:
            return out
        since = min(todays.values()) - timedelta(days=SPARK_DAYS - 1)
        query = (
            select(DS.post_id, DS.day, func.sum(DS.kg))
            .where(DS.day >= since, DS.status.in_(COUNTED_STATUSES))
            .group_by(DS.post_id, DS.day)
        )
        for post_id, day, kg in self.session.execute(query):
            if post_id in out:
                offset = (todays[post_id] - day).days
                if 0 <= offset < SPARK_DAYS:
                    out[post_id][SPARK_DAYS - 1 - offset] += kg
        return out
