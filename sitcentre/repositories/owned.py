"""Records with one writer in the exchange (docs/exchange.md, "Feeds"): alerts, their acknowledgements and
post status changes. Each is owned by the installation that made it and never changes once made, so it
travels as one feed entry with a fixed rev ("sent", "ack", "status") and is applied by its id.

`origin` on alerts and post_status_history (`ack_origin` for an acknowledgement) is NULL for what was made
here and the maker's origin code for what arrived: only NULL rows are this installation's to send, except that
a centre passes on to a post what other installations sent that the post must see (an alert from its
counterpart across the border, the acknowledgement of the post's own alert).

Which records go to which feed (`pending_owned`):
- at a post (one feed, audience "*"): every alert, acknowledgement and status change made here;
- at a centre, the feed of post P: alerts addressed to P, to all posts, or from P or P's counterpart posts
  (domain.alerts.counterparts) that P did not make itself; acknowledgements of those alerts not made at P;
  status changes of P made at the centre.
- at a centre, the feed of a peer centre (another country's, or the regional one): repositories.peer_feed
  (alerts across the border and their acknowledgements, under the peer's sharing policy).

An acknowledgement: the earliest one wins, whatever order they arrive in (`apply_owned`), so every
installation ends with the same one. A status change moves the post's current status only when no later
change of that post is known, for the same reason.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, and_, cast, exists, false, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import AlertRow as A
from sitcentre.db.tables import FeedEntryRow as F
from sitcentre.db.tables import PostRow
from sitcentre.db.tables import PostStatusHistoryRow as H
from sitcentre.domain.alerts import MAX_TEXT, AlertPriority, counterparts
from sitcentre.domain.enums import PostStatus
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories.reference import ReferenceRepository

log = logging.getLogger(__name__)

ALERT, ALERT_ACK, POST_STATUS = "alert", "alert_ack", "post_status"
KINDS = (ALERT, ALERT_ACK, POST_STATUS)
REVS = {ALERT: "sent", ALERT_ACK: "ack", POST_STATUS: "status"}
_RANK = {ALERT: 0, ALERT_ACK: 1, POST_STATUS: 2}  # at one instant, an alert goes before its acknowledgement


def iso(at: datetime | None) -> str | None:
    """UTC ISO time with microseconds (the exchange's one time format, as audit_chain.canonical_time)."""
    return None if at is None else at.astimezone(UTC).isoformat(timespec="microseconds")


def uuid_text(column, dialect: str):
    """SQL for a Uuid column as str(uuid) (lower case with dashes), to compare with feed_entries.row_id:
    PostgreSQL casts; SQLite stores 32 hex digits."""
    if dialect == "postgresql":
        return cast(column, String)
    h = func.lower(column)
    return (func.substr(h, 1, 8) + literal("-") + func.substr(h, 9, 4) + literal("-") + func.substr(h, 13, 4)
            + literal("-") + func.substr(h, 17, 4) + literal("-") + func.substr(h, 21, 12))


# ------------------------------------------------------------------------------------------------- export


def pending_owned(session: Session, me, audience: str) -> list[dict]:
    """Entry fields (without v/origin/epoch/audience/seq/prev) of the owned records that belong in `me`'s
    feed for `audience` and are not in it yet, in the order they were written. `me`: services.keys.OwnIdentity
    (origin, role, epoch). At a centre, `audience` is a post's code (unknown code: EntryError)."""
    dialect = session.get_bind().dialect.name
    codes = dict(session.execute(select(PostRow.id, PostRow.code)).all())

    def not_in_feed(kind: str, row_id_column):
        return ~exists().where(F.origin == me.origin, F.epoch == str(me.epoch), F.audience == audience,
                               F.kind == kind, F.rev == REVS[kind], F.row_id == uuid_text(row_id_column, dialect))

    if me.role == "post":
        alert_where = A.origin.is_(None)
        ack_where = A.ack_origin.is_(None)
        status_where = H.origin.is_(None)
    else:
        posts = ReferenceRepository(session).posts()
        post = next((p for p in posts if p.code == audience), None)
        if post is None:
            raise EntryError(f"There is no post {audience!r} in this database to send records to.")
        across = [p.id for p in counterparts(post, posts) if p.id != post.id]
        in_audience = or_(A.to_post_id == post.id, A.to_post_id.is_(None), A.from_post_id == post.id,
                          A.from_post_id.in_(across) if across else false())
        alert_where = and_(in_audience, A.origin.is_distinct_from(audience))
        ack_where = and_(in_audience, A.ack_origin.is_distinct_from(audience))
        status_where = and_(H.origin.is_(None), H.post_id == post.id)

    entries: list[tuple[tuple, dict]] = []
    for r in session.scalars(select(A).where(alert_where, not_in_feed(ALERT, A.id))):
        entries.append(((r.sent_at, _RANK[ALERT], str(r.id)), _alert_entry(r, me.origin, codes)))
    for r in session.scalars(select(A).where(ack_where, A.acknowledged_at.is_not(None),
                                             not_in_feed(ALERT_ACK, A.id))):
        written = max(r.acknowledged_at, r.sent_at)  # a clock set wrong must not put the ack before its alert
        entries.append(((written, _RANK[ALERT_ACK], str(r.id)), _ack_entry(r, me.origin)))
    for r in session.scalars(select(H).where(status_where, not_in_feed(POST_STATUS, H.id))):
        entries.append(((r.changed_at, _RANK[POST_STATUS], str(r.id)), _status_entry(r, me.origin, codes)))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


def _base(kind: str, row_id: uuid.UUID, by: str, author: str, at: datetime, row: dict) -> dict:
    return {"kind": kind, "op": "upsert", "id": str(row_id), "rev": REVS[kind], "parent": None, "merge": None,
            "by": by, "author": author or "", "device_time": iso(at), "changed": {}, "row": row}


def _alert_entry(r: A, me: str, codes: dict[int, str]) -> dict:
    row = {"from_post": codes.get(r.from_post_id), "to_post": codes.get(r.to_post_id), "sent_at": iso(r.sent_at),
           "sent_by": r.sent_by or "", "priority": r.priority, "text": r.text,
           "incident_id": None if r.incident_id is None else str(r.incident_id)}
    return _base(ALERT, r.id, r.origin or me, r.sent_by, r.sent_at, row)


def _ack_entry(r: A, me: str) -> dict:
    row = {"acknowledged_at": iso(r.acknowledged_at), "acknowledged_by": r.acknowledged_by or ""}
    return _base(ALERT_ACK, r.id, r.ack_origin or me, r.acknowledged_by or "", r.acknowledged_at, row)


alert_fields, ack_fields = _alert_entry, _ack_entry  # for a peer centre's feed (repositories.peer_feed)


def _status_entry(r: H, me: str, codes: dict[int, str]) -> dict:
    row = {"post": codes.get(r.post_id), "changed_at": iso(r.changed_at), "old_status": r.old_status,
           "status": r.status, "reason": r.reason or "", "changed_by": r.changed_by or ""}
    return _base(POST_STATUS, r.id, r.origin or me, r.changed_by, r.changed_at, row)


# ------------------------------------------------------------------------------------------------- import


def apply_owned(session: Session, entry: dict) -> str:
    """Apply one received alert, acknowledgement or status change: 'added', 'unchanged' or 'updated'.
    Raises EntryError (in words) for an entry that cannot be applied; nothing is written then."""
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if kind not in KINDS:
        raise EntryError(f"{kind!r} is not an alert, an acknowledgement or a post status change.")
    row = entry.get("row")
    if not isinstance(row, dict):
        raise EntryError(f"The {_noun(kind)} carries no record.")
    row_id = _uuid(entry.get("id"), f"the {_noun(kind)}'s id")
    by = entry.get("by") or entry.get("origin")
    if not isinstance(by, str) or not by or len(by) > 16:
        raise EntryError(f"The {_noun(kind)} does not say which installation made it.")
    if kind == ALERT:
        return _apply_alert(session, row_id, row, by)
    if kind == ALERT_ACK:
        return _apply_ack(session, row_id, row, by)
    return _apply_status(session, row_id, row, by)


def _apply_alert(session: Session, alert_id: uuid.UUID, row: dict, by: str) -> str:
    if session.get(A, alert_id) is not None:
        return "unchanged"  # an alert never changes: the same id is the same alert
    text = _text(row, "text", "the alert's text", limit=MAX_TEXT)
    if not text.strip():
        raise EntryError("The alert has no text.")
    priority = row.get("priority", AlertPriority.NORMAL.value)
    if priority not in {p.value for p in AlertPriority}:
        raise EntryError(f"{priority!r} is not an alert priority.")
    incident = row.get("incident_id")
    session.execute(insert(A).values(
        id=alert_id, from_post_id=_post_id(session, row.get("from_post"), "sent from"),
        to_post_id=_post_id(session, row.get("to_post"), "addressed to"), sent_at=_time(row, "sent_at"),
        sent_by=_text(row, "sent_by", "who sent the alert", limit=64), priority=priority, text=text,
        incident_id=None if incident is None else _uuid(incident, "the alert's incident"), origin=by,
    ))
    return "added"


def _apply_ack(session: Session, alert_id: uuid.UUID, row: dict, by: str) -> str:
    at = _time(row, "acknowledged_at")
    who = _text(row, "acknowledged_by", "who acknowledged the alert", limit=64)
    # the row locked (PostgreSQL) until the import ends: two imports must not both find it unacknowledged
    current = session.execute(select(A.acknowledged_at, A.acknowledged_by).where(A.id == alert_id)
                              .with_for_update()).first()
    if current is None:
        raise EntryError("acknowledgement of an alert not received yet")
    if current.acknowledged_at is not None and (current.acknowledged_at, current.acknowledged_by or "") <= (at, who):
        return "unchanged"  # the earliest acknowledgement stands, wherever it was made
    session.execute(update(A).where(A.id == alert_id)
                    .values(acknowledged_at=at, acknowledged_by=who, ack_origin=by))
    return "updated"


def _apply_status(session: Session, change_id: uuid.UUID, row: dict, by: str) -> str:
    if session.get(H, change_id) is not None:
        return "unchanged"
    post_id = _post_id(session, row.get("post"), "of")
    if post_id is None:
        raise EntryError("The post status change names no post.")
    at = _time(row, "changed_at")
    status = _status(row.get("status"))
    old = row.get("old_status")
    reason = _text(row, "reason", "the reason of the status change")
    session.execute(insert(H).values(
        id=change_id, post_id=post_id, changed_at=at, old_status=None if old is None else _status(old),
        status=status, reason=reason, changed_by=_text(row, "changed_by", "who changed the status", limit=64),
        origin=by,
    ))
    later = session.scalar(select(func.count()).select_from(H).where(
        H.post_id == post_id, H.id != change_id, or_(H.changed_at > at, and_(H.changed_at == at, H.id > change_id))))
    if not later:  # the newest change known of this post: it is the post's status now
        post = session.execute(select(PostRow.status, PostRow.status_since).where(PostRow.id == post_id)).one()
        since = at if post.status != status or post.status_since is None else post.status_since
        session.execute(update(PostRow).where(PostRow.id == post_id)
                        .values(status=status, status_reason=reason, status_since=since))
    return "added"


# ------------------------------------------------------------------------------------------------- checks


def _noun(kind: str) -> str:
    return {ALERT: "alert", ALERT_ACK: "acknowledgement", POST_STATUS: "post status change"}[kind]


def _uuid(value: Any, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value) if isinstance(value, str) else uuid.UUID(str(value or ""))
    except ValueError:
        raise EntryError(f"{what} is not a valid id: {value!r}.") from None


def _text(row: dict, key: str, what: str, limit: int | None = None) -> str:
    value = row.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise EntryError(f"{what} is not text.")
    if limit is not None and len(value) > limit:
        raise EntryError(f"{what} is longer than {limit} characters.")
    return value


def _time(row: dict, key: str) -> datetime:
    value = row.get(key)
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise EntryError(f"{key} is not a time with its UTC offset: {value!r}.")
    return at.astimezone(UTC)


def _status(value: Any) -> str:
    if value not in {s.value for s in PostStatus}:
        raise EntryError(f"{value!r} is not a post status.")
    return value


def _post_id(session: Session, code: Any, relation: str) -> int | None:
    if code is None:
        return None
    if not isinstance(code, str):
        raise EntryError(f"The post {relation} is not a post code: {code!r}.")
    post_id = session.scalar(select(PostRow.id).where(PostRow.code == code))
    if post_id is None:
        raise EntryError(f"There is no post {code!r} here (the post {relation}); the reference data may be older "
                         "than the record.")
    return post_id
