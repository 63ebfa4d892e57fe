"""Post status: the board of post cards (ordered by the attention each post needs), the detail of one
post, and the supervisor's change of a post's operational status, kept in the post's history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.post_status import ReportThresholds
from sitcentre.domain.posts import GroupBy, PostBoard, PostCard, PostDetail, StatusChange, make_cards
from sitcentre.domain.records import utcnow
from sitcentre.domain.validation import Problem, ValidationError
from sitcentre.repositories import exchange_summary
from sitcentre.repositories.alerts import AlertRepository
from sitcentre.repositories.incident_query import IncidentFilter, Sort
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.repositories.posts import PostRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services import audit
from sitcentre.services.guard import authorize
from sitcentre.settings import Settings

__all__ = ["GroupBy", "PostBoard", "PostCard", "PostDetail", "StatusChange", "change_status", "load_post_board",
           "load_post_detail", "make_cards"]  # the value types live in sitcentre.domain.posts

MAX_REASON = 500


def load_post_board(engine: Engine, thresholds: ReportThresholds, now: datetime | None = None) -> PostBoard:
    """Every post's card, in attention order; at a post installation only its own post's card (it hears from
    no other post, so their lateness would only be false alarms). Run it on the DB worker."""
    now = now or utcnow()
    with UnitOfWork(engine) as uow:
        summaries = _own_post_only(uow.session, PostRepository(uow.session).summaries(now))
        alerts = AlertRepository(uow.session)
        unacknowledged, broadcasts = alerts.unacknowledged_counts(), alerts.unacknowledged_broadcasts()
        countries = {c.code: c.name for c in ReferenceRepository(uow.session).countries()}
        exchange = _post_exchange(uow.session)
    return PostBoard(make_cards(summaries, unacknowledged, thresholds, now, exchange), countries, thresholds, now,
                     broadcasts)


def _own_post_only(session, summaries: list) -> list:
    me = InstallationRepository(session).current()
    if me is None or me.role != "post":
        return summaries
    own = [s for s in summaries if s.post.code == me.origin_code]
    return own or summaries  # a post whose code is not in the lists yet: better all than an empty board


def _post_exchange(session) -> dict:
    """At a centre, what came from each post through the exchange (its cards say so); elsewhere nothing."""
    me = InstallationRepository(session).current()
    if me is None or me.role != "centre":
        return {}
    return exchange_summary.post_exchange(session, me.origin_code)


def load_post_detail(engine: Engine, post_id: int, thresholds: ReportThresholds, now: datetime | None = None,
                     recent: int = 25) -> PostDetail | None:
    """The post's record, status history, newest incidents and response times. None if it is gone."""
    now = now or utcnow()
    with UnitOfWork(engine) as uow:
        posts_repo = PostRepository(uow.session)
        record = posts_repo.record(post_id)
        if record is None:
            return None
        summary = posts_repo.summary(post_id, now)
        alerts = AlertRepository(uow.session)
        waiting = alerts.unacknowledged_counts()
        (card,) = make_cards([summary], waiting, thresholds, now, _post_exchange(uow.session))
        incidents = IncidentRepository(uow.session)
        index = KeysetIndex(IncidentFilter(post_ids=(post_id,)), Sort("occurred", True), recent)
        rows = incidents.window(index, 0, recent)
        posts = {p.id: p for p in ReferenceRepository(uow.session).posts()}
        return PostDetail(record, card, tuple(posts_repo.history(post_id)), tuple(rows), index.count or 0,
                          tuple(alerts.response_times(post_id)), posts)


def change_status(engine: Engine, post_id: int, status: PostStatus | str, reason: str, now: datetime | None = None,
                  *, actor: Actor, settings: Settings) -> StatusChange:
    """Set a post's operational status with a reason; the change goes into its history and the audit trail,
    all in one transaction. Supervisors only (checked here, a refusal is audited); system work (seeding,
    scripts) passes an explicit system actor, whose name is recorded.
    `status_since` moves only when the status itself changes (a new reason for the same status is still
    kept in the history)."""
    authorize(engine, actor, Action.POST_SET_STATUS, post_id=post_id, entity="post", entity_id=post_id,
              settings=settings)
    username = actor.username
    now = now or utcnow()
    reason = reason.strip()
    status = _valid_status(status)
    if not reason:
        raise ValidationError([Problem("reason", "Give a reason for the change of status.")])
    if len(reason) > MAX_REASON:
        raise ValidationError([Problem("reason", f"Keep the reason under {MAX_REASON} characters.")])
    with UnitOfWork(engine, write=True) as uow:
        repo = PostRepository(uow.session)
        before = repo.lock(post_id)
        if before is None:
            raise ValidationError([Problem("post_id", "That post no longer exists.")])
        if before.status == status and before.status_reason == reason:
            raise ValidationError([Problem("status", "The post already has this status and reason.")])
        since = now if before.status != status or before.status_since is None else before.status_since
        repo.set_status(post_id, status, reason, since)
        change = repo.add_history(post_id, now, before.status, status, reason, username)
        audit.append(uow.session, actor, "post_status", "post", post_id,
                     before={"status": before.status.value, "reason": before.status_reason},
                     after={"status": status.value, "reason": reason})
        uow.commit()
    return change


def _valid_status(status: PostStatus | str) -> PostStatus:
    try:
        return PostStatus(status)
    except ValueError:
        raise ValidationError([Problem("status", f"Unknown status {status!r}.")]) from None
