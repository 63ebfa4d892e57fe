"""The alerts noun: the alerts list with the incidents it names, sending and acknowledging (no Qt)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from sitcentre.backend.noun import Noun
from sitcentre.domain.alerts import Alert, AlertList, counterparts
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.queries import AlertQuery
from sitcentre.domain.records import Post
from sitcentre.services.alerts import acknowledge_alert, load_alerts, send_alert


class Alerts(Noun):
    def list(self, query: AlertQuery = AlertQuery()) -> AlertList:
        """Waiting first, then newest; with the list rows of the incidents they name (the list shows numbers)."""
        result = load_alerts(self.engine, query)
        incidents = self._desk.incidents.by_ids([a.incident_id for a in result.alerts if a.incident_id is not None])
        return replace(result, incidents=dict(incidents))

    def send(self, alert: Alert, now: datetime | None = None) -> Done[Alert]:
        """Validate and store a new alert; its value is the alert as stored (key, sent time, sender)."""
        sent = send_alert(self.engine, alert, now=now, actor=self.actor, settings=self.settings)
        return Done(sent, Changes.of(Topic.ALERTS, sent.id))

    def acknowledge(self, alert_id: uuid.UUID, now: datetime | None = None) -> Done[Alert]:
        """If someone acknowledged it first, theirs stands and is the value."""
        alert = acknowledge_alert(self.engine, alert_id, now=now, actor=self.actor, settings=self.settings)
        return Done(alert, Changes.of(Topic.ALERTS, alert_id))

    def counterparts(self, post_id: int) -> tuple[Post, ...]:
        """The BLOs across the post's border (sitcentre.domain.alerts.counterparts); () for an unknown post.
        The send dialog, which already holds every post, calls the domain function itself."""
        posts = self._desk.reference.load().posts
        post = next((p for p in posts if p.id == post_id), None)
        return tuple(counterparts(post, posts)) if post is not None else ()
