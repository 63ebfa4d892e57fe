"""Counterpart alerts: a post (or the situation centre) alerts the BLO across the border, or all posts.

Response time, acknowledged_at - sent_at, is a measure of cooperation between two posts.
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sitcentre.domain.records import Post, new_id

MAX_TEXT = 2000


class AlertPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """Higher is more pressing (for ordering)."""
        return list(AlertPriority).index(self)


@dataclass(frozen=True)
class Alert:
    """from_post_id None: sent by the situation centre. to_post_id None: sent to all posts."""

    text: str
    from_post_id: int | None = None
    to_post_id: int | None = None
    priority: AlertPriority = AlertPriority.NORMAL
    incident_id: uuid.UUID | None = None
    sent_at: datetime | None = None
    sent_by: str = ""
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    id: uuid.UUID = field(default_factory=lambda: new_id())

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def response_time(self) -> timedelta | None:
        if self.acknowledged_at is None or self.sent_at is None:
            return None
        return self.acknowledged_at - self.sent_at

    def is_for(self, post_id: int) -> bool:
        """Whether `post_id` is a receiver: addressed to it, or to all posts by someone else."""
        if self.to_post_id is None:
            return self.from_post_id != post_id
        return self.to_post_id == post_id


@dataclass(frozen=True)
class ResponseTimes:
    """Acknowledgement times of the alerts one sender sent to one receiver (None: centre / all posts)."""

    from_post_id: int | None
    to_post_id: int | None
    acknowledged: int
    waiting: int
    median_s: float | None
    mean_s: float | None
    longest_s: float | None

    @classmethod
    def of(cls, from_post_id: int | None, to_post_id: int | None, seconds: list[float],
           waiting: int) -> ResponseTimes:
        if not seconds:
            return cls(from_post_id, to_post_id, 0, waiting, None, None, None)
        return cls(from_post_id, to_post_id, len(seconds), waiting, statistics.median(seconds),
                   statistics.fmean(seconds), max(seconds))


@dataclass(frozen=True, eq=False)
class AlertList:
    alerts: tuple[Alert, ...]  # waiting first, then newest
    posts: dict[int, Post]
    unacknowledged: int  # all alerts that wait, whatever the query showed
    incidents: dict = field(default_factory=dict)  # incident id -> IncidentListRow of the related incidents


def counterparts(post: Post, posts: list[Post] | tuple[Post, ...]) -> list[Post]:
    """The BLOs across the post's border: same border, the other country's side. When the other side has
    no BLO in the list, the other posts on the same border (a counterpart message still has a receiver)."""
    across = [p for p in posts if p.border == post.border and p.country_code != post.country_code]
    if across:
        return across
    return [p for p in posts if p.border == post.border and p.id != post.id]
