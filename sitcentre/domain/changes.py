"""What a write changed, by topic: the one language of local writes and of the live feed.

A panel subscribes to the topics it shows (the incident table to incidents and posts, the alert board to
alerts and posts, ...). A write made through the backend returns `Done(value, changes)`; the task runner
publishes `changes` at once, and the live feed's batches (rows written by another workstation, process or
raw SQL client) are mapped to the same topics by `changes_from_batch`. No Qt, no SQLAlchemy here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sitcentre.domain.queries import ChangeBatch

T = TypeVar("T")


class Topic(StrEnum):
    INCIDENTS = "incidents"  # incidents and their seizure lines (and so the daily rollups the charts read)
    POSTS = "posts"  # a post's status, its last report, its cards
    ALERTS = "alerts"
    AUDIT = "audit"  # every write appends an audit entry; writes name the records they changed, not this
    USERS = "users"
    REFERENCE = "reference"  # substances, countries, installation
    STATISTICS = "statistics"  # published statistics (one change per spreadsheet import, migration 0010)


# change_log.table_name -> topic (the tables the triggers of migrations 0002 and 0003 log)
TABLE_TOPICS: dict[str, Topic] = {
    "incidents": Topic.INCIDENTS,
    "seizure_lines": Topic.INCIDENTS,
    "posts": Topic.POSTS,
    "alerts": Topic.ALERTS,
    "users": Topic.USERS,
    "audit_log": Topic.AUDIT,
    "substances": Topic.REFERENCE,
    "countries": Topic.REFERENCE,
    "sheet_imports": Topic.STATISTICS,
}


@dataclass(frozen=True)
class Changes:
    """Topics with the ids that changed under each (ids as text). `everything`: reload all (the feed fell
    behind, or a bulk change without ids)."""

    items: frozenset[tuple[Topic, str]] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, topic: Topic, *ids: object) -> Changes:
        """Changes.of(Topic.INCIDENTS, incident.id); no ids means "some rows of this topic"."""
        return cls(frozenset((topic, _text(i)) for i in ids) if ids else frozenset({(topic, "")}))

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    @property
    def topics(self) -> frozenset[Topic]:
        return frozenset(Topic) if self.everything else frozenset(topic for topic, _ in self.items)

    def touches(self, topics: Iterable[Topic]) -> bool:
        return self.everything or not self.topics.isdisjoint(topics)

    def ids(self, topic: Topic) -> frozenset[str]:
        """The ids changed under `topic` ("" stands for rows not named). From the live feed, INCIDENTS also holds
        the ids of changed seizure lines (a line's id, not its incident's): use them to test, not to look up."""
        return frozenset(i for t, i in self.items if t == topic)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.items | other.items, self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.items)


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a write through the backend returns: its result and what it changed."""

    value: T
    changes: Changes = field(default=NOTHING)


def changes_from_batch(batch: ChangeBatch) -> Changes:
    """The live feed's rows by topic; a truncated batch (log pruned, too many rows) means everything."""
    if batch.truncated:
        return Changes.all()
    items = frozenset((TABLE_TOPICS[c.table], c.row_id) for c in batch.changes if c.table in TABLE_TOPICS)
    unknown = any(c.table not in TABLE_TOPICS for c in batch.changes)
    return Changes(items, everything=unknown)  # a table this version does not know: reload everything


def _text(value: Any) -> str:
    hexed = getattr(value, "hex", None)  # UUIDs as 32 hex digits, as change_log writes them
    return hexed if isinstance(hexed, str) else str(value)
