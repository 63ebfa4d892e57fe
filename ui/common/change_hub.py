"""One signal for "these topics changed", whoever changed them (issue 11, item 3).

Two sources publish here: the task runner, at once, when a write made on this workstation returns
`Done(value, changes)`; and the live feed, when rows written anywhere (another workstation, another
process, a raw SQL client) arrive as `Changes`. A panel subscribes to the topics it shows:

    runner.changes.subscribe((Topic.INCIDENTS, Topic.POSTS), self.apply_changes, owner=self)

The subscription lives as long as `owner`: Qt disconnects it when the owner is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal, Slot

from sitcentre.domain.changes import Changes, Topic


class _Subscription(QObject):
    def __init__(self, topics: frozenset[Topic], slot: Callable[[Changes], None], owner: QObject | None):
        super().__init__(owner)
        self.topics = topics
        self.slot = slot

    @Slot(object)
    def deliver(self, changes: Changes) -> None:
        if changes.touches(self.topics):
            self.slot(changes)


class ChangeHub(QObject):
    changed = Signal(object)  # sitcentre.domain.changes.Changes, on the GUI thread

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def subscribe(self, topics: Iterable[Topic], slot: Callable[[Changes], None],
                  owner: QObject | None = None) -> QObject:
        """Call `slot(changes)` for each published change touching one of `topics`, while `owner` lives."""
        subscription = _Subscription(frozenset(topics), slot, owner if owner is not None else self)
        self.changed.connect(subscription.deliver)
        return subscription
