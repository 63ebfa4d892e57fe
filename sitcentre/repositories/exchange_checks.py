"""Reads for the importer's checks of who may send what (services.exchange_rules; docs/exchange.md "Import",
"Who may send what"), and the one import lock. Every function takes the importer's Session and returns plain
values."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sitcentre.db.tables import (
    AlertRow,
    AuditRemoteRow,
    AuditRow,
    BundleReceivedRow,
    FeedEntryRow,
    IncidentRow,
    InstallationRow,
    PostRow,
    RecordVersionRow,
    TrustedKeyRow,
)

PG_IMPORT_LOCK = "sitcentre-import"


def lock_imports(session: Session) -> None:
    """PostgreSQL: one import at a time until the transaction ends (held entries, acknowledgements and alerts are
    shared between origins). SQLite's BEGIN IMMEDIATE already serialises writers."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": PG_IMPORT_LOCK})


def lock_incident(session: Session, row_id: uuid.UUID) -> tuple[bool, str | None]:
    """Lock the incident row until the transaction ends (PostgreSQL; SQLite's writer already excludes the rest)
    and read its rev: (whether the row exists, its rev). A workstation saving it meanwhile is waited for."""
    query = select(IncidentRow.rev).where(IncidentRow.id == row_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    found = session.execute(query).first()
    return (False, None) if found is None else (True, found.rev)


def version_origin(session: Session, row_id: uuid.UUID, rev: str) -> str | None:
    """The installation that wrote a kept version (record_versions.origin), or None."""
    return session.scalar(select(RecordVersionRow.origin).where(RecordVersionRow.row_id == row_id,
                                                                RecordVersionRow.rev == rev).limit(1))


def stored_post(session: Session, row_id: uuid.UUID) -> str | None:
    """The post of an incident here: its row's, or (deleted) that of the last content stored for it."""
    code = session.scalar(select(PostRow.code).join(IncidentRow, IncidentRow.post_id == PostRow.id)
                          .where(IncidentRow.id == row_id))
    if code is not None:
        return code
    content = session.scalar(select(RecordVersionRow.content_json).where(
        RecordVersionRow.row_id == row_id, RecordVersionRow.content_json.is_not(None))
        .order_by(RecordVersionRow.id.desc()).limit(1))
    if content is None:
        return None
    try:
        return (json.loads(content) or {}).get("post")
    except ValueError:
        return None


def record_origin(session: Session, row_id: uuid.UUID) -> str | None:
    """Who made a record known here: its row's origin, or (deleted) the origin of its first stored version."""
    origin = session.scalar(select(IncidentRow.origin).where(IncidentRow.id == row_id))
    if origin is not None:
        return origin
    return session.scalar(select(RecordVersionRow.origin).where(RecordVersionRow.row_id == row_id)
                          .order_by(RecordVersionRow.id).limit(1))


def foreign_owner(session: Session, incident_id: uuid.UUID) -> str | None:
    """At a centre: the origin of another centre that released this incident (read-only here), else None."""
    origin = session.scalar(select(IncidentRow.origin).where(IncidentRow.id == incident_id))
    if origin is None or session.scalar(select(InstallationRow.role).limit(1)) != "centre":
        return None
    found = session.scalar(select(TrustedKeyRow.key_id).where(TrustedKeyRow.origin_code == origin,
                                                              TrustedKeyRow.role == "centre").limit(1))
    return origin if found is not None else None


def alert_addressed_to(session: Session, alert_id) -> tuple[bool, str | None]:
    """(whether the alert is here, the code of the post it is addressed to or None for all posts)."""
    try:
        key = uuid.UUID(str(alert_id))
    except (ValueError, TypeError, AttributeError):
        return False, None
    found = session.execute(select(AlertRow.to_post_id).where(AlertRow.id == key)).first()
    if found is None:
        return False, None
    if found.to_post_id is None:
        return True, None
    return True, session.scalar(select(PostRow.code).where(PostRow.id == found.to_post_id))


def audit_hash(session: Session, audit_id: int) -> str | None:
    """The hash of our own audit entry `audit_id`, or None."""
    return session.scalar(select(AuditRow.hash).where(AuditRow.id == audit_id))


def _feed(origin: str, epoch: str, audience: str):
    return FeedEntryRow.origin == origin, FeedEntryRow.epoch == epoch, FeedEntryRow.audience == audience


def received_hash(session: Session, origin: str, epoch: str, audience: str, seq: int) -> str | None:
    return session.scalar(select(FeedEntryRow.hash).where(*_feed(origin, epoch, audience), FeedEntryRow.seq == seq))


def received_prev(session: Session, origin: str, epoch: str, audience: str, seq: int) -> str | None:
    return session.scalar(select(FeedEntryRow.prev_hash).where(*_feed(origin, epoch, audience),
                                                               FeedEntryRow.seq == seq))


def entries_after(session: Session, origin: str, epoch: str, audience: str,
                  seq: int) -> list[tuple[int, str, str, str]]:
    """(seq, prev_hash, hash, state) of a feed's stored entries after `seq`, ascending."""
    rows = session.execute(select(FeedEntryRow.seq, FeedEntryRow.prev_hash, FeedEntryRow.hash, FeedEntryRow.state)
                           .where(*_feed(origin, epoch, audience), FeedEntryRow.seq > seq)
                           .order_by(FeedEntryRow.seq)).all()
    return [(int(s), p, h, st) for s, p, h, st in rows]


def errored(session: Session, origin: str, epoch: str, audience: str, from_seq: int, to_seq: int) -> set[int]:
    """The seqs of a feed's entries in state error, in [from_seq, to_seq]."""
    if to_seq < from_seq:
        return set()
    return {int(s) for s in session.scalars(select(FeedEntryRow.seq).where(
        *_feed(origin, epoch, audience), FeedEntryRow.seq >= from_seq, FeedEntryRow.seq <= to_seq,
        FeedEntryRow.state == "error"))}


def waiting(session: Session) -> list[tuple[str, str, int, str, str, str, str]]:
    """Received entries held or in error: (origin, epoch, seq, state, kind, row_id, reason), oldest first."""
    rows = session.execute(select(FeedEntryRow.origin, FeedEntryRow.epoch, FeedEntryRow.seq, FeedEntryRow.state,
                                  FeedEntryRow.kind, FeedEntryRow.row_id, FeedEntryRow.reason)
                           .where(FeedEntryRow.state.in_(("held", "error")))
                           .order_by(FeedEntryRow.origin, FeedEntryRow.epoch, FeedEntryRow.seq)).all()
    return [tuple(r) for r in rows]


def bundle_seen(session: Session, sender: str, epoch: str, *, other_epoch: bool = False) -> bool:
    """Whether a bundle of `sender` in `epoch` (or, other_epoch, in any other of its epochs) was imported here."""
    condition = BundleReceivedRow.epoch != epoch if other_epoch else BundleReceivedRow.epoch == epoch
    return session.scalar(select(BundleReceivedRow.bundle_id).where(
        BundleReceivedRow.sender == sender, condition).limit(1)) is not None


def audit_rows_of_other_epochs(session: Session, origin: str, epoch: str, from_seq: int,
                               to_seq: int) -> list[tuple[str, int, str, str]]:
    """(epoch, seq, hash, body) of `origin`'s audit rows stored under epochs other than `epoch`, seq in range."""
    rows = session.execute(select(AuditRemoteRow.epoch, AuditRemoteRow.seq, AuditRemoteRow.hash, AuditRemoteRow.body)
                           .where(AuditRemoteRow.origin == origin, AuditRemoteRow.epoch != epoch,
                                  AuditRemoteRow.seq >= from_seq, AuditRemoteRow.seq <= to_seq)).all()
    return [(e, int(s), h, b) for e, s, h, b in rows]

