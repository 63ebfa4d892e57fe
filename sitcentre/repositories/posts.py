"""Posts: the per-post status summary for the post status panel, the post record, its status history
(the value types themselves live in sitcentre.domain.posts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow
from sitcentre.db.tables import PostStatusHistoryRow as H
from sitcentre.db.tables import SubstanceRow as S
from sitcentre.domain.enums import PostStatus, SubstanceGroup
from sitcentre.domain.posts import SPARK_DAYS, PostRecord, PostSummary, StatusChange
from sitcentre.domain.records import Post, local_date, new_id, utcnow
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.stats import COUNTED_STATUSES, kg_sum


class PostRepository:
    def __init__(self, session: Session):
        self.session = session

    def summaries(self, now: datetime | None = None) -> list[PostSummary]:
        """Every post with its recent activity; rejected, draft and duplicate incidents do not count. The kg are
        drugs' kg-equivalent; precursor chemicals are counted apart (issue 16)."""
        now = now or utcnow()
        posts = ReferenceRepository(self.session).posts()
        counts = self._recent_counts(now)
        daily, precursors = self._daily_kg(posts, now)
        return [
            PostSummary(post=p, incidents_24h=counts.get(p.id, (0, 0))[0], incidents_7d=counts.get(p.id, (0, 0))[1],
                        kg_30d=float(daily[p.id].sum()), daily_kg_30d=daily[p.id],
                        precursors_kg_30d=float(precursors[p.id].sum()))
            for p in posts
        ]

    def as_they_were(self, posts: list[Post], moment: datetime) -> list[Post]:
        """The posts as they were at `moment`: the status (and its reason and since when) from the status
        history, the last report from the incidents reported by then. A post with no history keeps the status
        recorded now (nothing says it was ever different); one whose first change came later had that change's
        old status."""
        history = self.session.execute(select(H.post_id, H.changed_at, H.old_status, H.status, H.reason)
                                       .order_by(H.post_id, H.changed_at)).all()
        before: dict[int, tuple] = {}
        after: dict[int, tuple] = {}
        for post_id, changed_at, old_status, status, reason in history:
            if changed_at <= moment:
                before[post_id] = (PostStatus(status), reason or "", changed_at)
            elif post_id not in after and old_status is not None:
                after[post_id] = (PostStatus(old_status), "", None)
        reports = dict(self.session.execute(select(I.post_id, func.max(I.reported_at))
                                            .where(I.reported_at <= moment).group_by(I.post_id)).all())
        out = []
        for p in posts:
            status, reason, since = before.get(p.id) or after.get(p.id) or (p.status, p.status_reason, p.status_since)
            out.append(replace(p, status=status, status_reason=reason, status_since=since,
                               last_report_at=reports.get(p.id)))
        return out

    def summary(self, post_id: int, now: datetime | None = None) -> PostSummary | None:
        return next((s for s in self.summaries(now) if s.post.id == post_id), None)

    def record(self, post_id: int) -> PostRecord | None:
        row = self.session.get(PostRow, post_id)
        if row is None:
            return None
        post = ReferenceRepository(self.session).post(post_id)
        return PostRecord(post, row.staff_notes, row.equipment_notes)

    def lock(self, post_id: int) -> Post | None:
        """The post, read for an update in this transaction (PostgreSQL: FOR UPDATE; SQLite: the
        write transaction already holds the lock)."""
        row = self.session.scalars(select(PostRow).where(PostRow.id == post_id).with_for_update()).first()
        return ReferenceRepository(self.session).post(post_id) if row is not None else None

    def set_status(self, post_id: int, status: PostStatus, reason: str, since: datetime) -> None:
        self.session.execute(update(PostRow).where(PostRow.id == post_id)
                             .values(status=PostStatus(status).value, status_reason=reason, status_since=since))

    def add_history(self, post_id: int, changed_at: datetime, old_status: PostStatus | None, status: PostStatus,
                    reason: str, changed_by: str) -> StatusChange:
        change = StatusChange(new_id(changed_at), post_id, changed_at, old_status, PostStatus(status), reason,
                              changed_by)
        self.session.execute(H.__table__.insert().values(
            id=change.id, post_id=post_id, changed_at=changed_at,
            old_status=None if old_status is None else PostStatus(old_status).value, status=change.status.value,
            reason=reason, changed_by=changed_by,
        ))
        return change

    def history(self, post_id: int, limit: int = 200) -> list[StatusChange]:
        """The post's status changes, newest first."""
        rows = self.session.scalars(
            select(H).where(H.post_id == post_id).order_by(H.changed_at.desc(), H.id.desc()).limit(limit)
        )
        return [StatusChange(r.id, r.post_id, r.changed_at, PostStatus(r.old_status) if r.old_status else None,
                             PostStatus(r.status), r.reason, r.changed_by) for r in rows]

    def _recent_counts(self, now: datetime) -> dict[int, tuple[int, int]]:
        day_ago, week_ago = now - timedelta(hours=24), now - timedelta(days=7)
        query = (
            select(I.post_id, func.sum(case((I.occurred_at >= day_ago, 1), else_=0)), func.count())
            # not rejected, draft or a linked duplicate
            .where(I.occurred_at >= week_ago, I.occurred_at <= now, I.status.in_(COUNTED_STATUSES))
            .group_by(I.post_id)
        )
        return {post_id: (int(day or 0), int(week)) for post_id, day, week in self.session.execute(query)}

    def _daily_kg(self, posts: list[Post], now: datetime) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        """Per post, the drugs' kg-equivalent and the precursor chemicals' kg per local day of the last SPARK_DAYS
        ending on the post's today (oldest first)."""
        todays = {p.id: local_date(now, p.utc_offset_minutes) for p in posts}
        drugs = {p.id: np.zeros(SPARK_DAYS) for p in posts}
        precursors = {p.id: np.zeros(SPARK_DAYS) for p in posts}
        if not posts:
            return drugs, precursors
        since = min(todays.values()) - timedelta(days=SPARK_DAYS - 1)
        precursor = S.group == SubstanceGroup.PRECURSORS.value
        query = (
            select(DS.post_id, DS.day, precursor, kg_sum())
            .join(S, S.id == DS.substance_id)
            .where(DS.day >= since, DS.status.in_(COUNTED_STATUSES))
            .group_by(DS.post_id, DS.day, precursor)
        )
        for post_id, day, is_precursor, kg in self.session.execute(query):
            if post_id in drugs:
                offset = (todays[post_id] - day).days
                if 0 <= offset < SPARK_DAYS:
                    (precursors if is_precursor else drugs)[post_id][SPARK_DAYS - 1 - offset] += kg
        return drugs, precursors
