"""What the post views show: a post's summary, its card on the board (and marker on the map), the board in
attention order, a post's detail and status history. Plain frozen values, no database code: ui/ holds them,
the services and repositories build them (sitcentre.services.posts, sitcentre.repositories.posts).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import numpy as np

from sitcentre.domain.alerts import ResponseTimes
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.post_status import (
    REPORT_ATTENTION,
    STATUS_ATTENTION,
    Attention,
    ReportLevel,
    ReportThresholds,
    attention,
)
from sitcentre.domain.queries import IncidentListRow
from sitcentre.domain.records import Post

SPARK_DAYS = 30


@dataclass(frozen=True, eq=False)
class PostSummary:
    post: Post
    incidents_24h: int
    incidents_7d: int
    kg_30d: float  # drugs' kg-equivalent: precursor chemicals are counted apart (issue 16)
    daily_kg_30d: np.ndarray  # drugs, SPARK_DAYS values, oldest first, ending on the post's local today
    precursors_kg_30d: float = 0.0  # precursor chemicals (litres count as kg) in the same 30 days

    def hours_since_report(self, now: datetime) -> float | None:
        if self.post.last_report_at is None:
            return None
        return (now - self.post.last_report_at).total_seconds() / 3600


@dataclass(frozen=True)
class PostRecord:
    """The post as the detail view shows it: the reference record plus its notes."""

    post: Post
    staff_notes: str
    equipment_notes: str


@dataclass(frozen=True)
class StatusChange:
    id: uuid.UUID
    post_id: int
    changed_at: datetime
    old_status: PostStatus | None
    status: PostStatus
    reason: str
    changed_by: str


@dataclass(frozen=True)
class PostExchange:
    """At a centre, what came from one post through the exchange (issue 13): its last bundle and its received
    entries waiting (held for an earlier one) or refused (in error, the reason kept)."""

    last_bundle_at: datetime | None = None
    last_bundle_entries: int = 0  # feed entries (records, alerts, acknowledgements) the bundle carried
    last_bundle_added: int = 0
    last_bundle_updated: int = 0
    held: int = 0
    errors: int = 0

    @property
    def needs_attention(self) -> bool:
        return self.held > 0 or self.errors > 0


class GroupBy(StrEnum):
    NONE = "none"
    BORDER = "border"
    COUNTRY = "country"


@dataclass(frozen=True, eq=False)
class PostCard:
    """What one card (and one map marker) shows."""

    summary: PostSummary
    report: ReportLevel
    attention: Attention
    unacknowledged_alerts: int
    hours_since_report: float | None
    exchange: PostExchange | None = None  # None: nothing received from it (or not a centre)

    @property
    def post(self) -> Post:
        return self.summary.post

    def order_key(self) -> tuple:
        """Most attention first: offline, then silent (red), limited, late (amber); then waiting alerts,
        then the longest silence; the name last so that the order is stable."""
        silence = math.inf if self.hours_since_report is None else self.hours_since_report
        return (-self.attention, -STATUS_ATTENTION[self.post.status], -REPORT_ATTENTION[self.report],
                -self.unacknowledged_alerts, -silence, self.post.name)


@dataclass(frozen=True, eq=False)
class PostBoard:
    cards: tuple[PostCard, ...]  # in attention order
    countries: dict[str, str]  # code -> name
    thresholds: ReportThresholds
    at: datetime
    broadcasts_waiting: int = 0  # alerts to all posts not yet acknowledged: counted once, not on every card

    def card(self, post_id: int) -> PostCard | None:
        return next((c for c in self.cards if c.post.id == post_id), None)

    @property
    def max_kg_30d(self) -> float:
        return max((c.summary.kg_30d for c in self.cards), default=0.0)

    def count(self, level: Attention) -> int:
        return sum(1 for c in self.cards if c.attention == level)

    def groups(self, by: GroupBy) -> list[tuple[str, tuple[PostCard, ...]]]:
        """Cards grouped by border or by the post's country; the group with the most urgent post first."""
        if GroupBy(by) == GroupBy.NONE:
            return [("", self.cards)]
        groups: dict[str, list[PostCard]] = {}
        for card in self.cards:  # already in attention order, so each group is too, and so is the group order
            groups.setdefault(self._group_label(card.post, by), []).append(card)
        return [(label, tuple(cards)) for label, cards in groups.items()]

    def _group_label(self, post: Post, by: GroupBy) -> str:
        if by == GroupBy.BORDER:
            return post.border
        return f"{self.countries.get(post.country_code, post.country_code)} ({post.country_code})"


def make_cards(summaries: list[PostSummary], unacknowledged: dict[int, int], thresholds: ReportThresholds,
               now: datetime, exchange: dict[int, PostExchange] | None = None) -> tuple[PostCard, ...]:
    cards = []
    for summary in summaries:
        report = thresholds.level(summary.post.last_report_at, now)
        cards.append(PostCard(summary, report, attention(summary.post.status, report),
                              unacknowledged.get(summary.post.id, 0), summary.hours_since_report(now),
                              (exchange or {}).get(summary.post.id)))
    return tuple(sorted(cards, key=PostCard.order_key))


@dataclass(frozen=True, eq=False)
class PostDetail:
    record: PostRecord
    card: PostCard
    history: tuple[StatusChange, ...]  # newest first
    incidents: tuple[IncidentListRow, ...]  # the newest few
    incident_count: int
    response_times: tuple[ResponseTimes, ...]
    posts: dict[int, Post]  # every post, to name the other side of each pair
