"""What the importer keeps of other installations (issue 12, item 5): received feed entries, bundles received,
other installations' audit entries (audit_remote), and new conflict rows.

Rows are read and written in the caller's transaction (services.exchange_import); values returned are plain
tuples and frozen dataclasses, never ORM objects. Conflicts are read, listed and resolved by
repositories.conflicts; this module only opens them and moves their heads while importing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import (
    AuditRemoteRow,
    BundleReceivedRow,
    ConflictRow,
    FeedCursorRow,
    FeedEntryRow,
    IncidentRow,
    RecordVersionRow,
)
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.repositories import bulk

INCIDENT_TABLE = "incident"
HARD_KINDS = ("conflict", "delete_edit", "duplicate_create", "missing_base")


@dataclass(frozen=True)
class HeldEntry:
    origin: str
    epoch: str
    audience: str
    seq: int
    body: str
    bundle_id: str | None


@dataclass(frozen=True)
class OpenConflict:
    id: int
    kind: str
    base_rev: str | None
    heads: tuple[str, ...]
    fields: tuple[str, ...]


# ------------------------------------------------------------------------------------------- feed entries

def stored_hashes(session: Session, origin: str, epoch: str, audience: str, from_seq: int,
                  to_seq: int) -> dict[int, str]:
    """seq -> hash of the entries of one feed already stored here, in [from_seq, to_seq]."""
    if to_seq < from_seq:
        return {}
    rows = session.execute(select(FeedEntryRow.seq, FeedEntryRow.hash).where(
        FeedEntryRow.origin == origin, FeedEntryRow.epoch == epoch, FeedEntryRow.audience == audience,
        FeedEntryRow.seq >= from_seq, FeedEntryRow.seq <= to_seq)).all()
    return {int(seq): digest for seq, digest in rows}


def add_entries(session: Session, rows: list[dict]) -> None:
    """Insert received entries: dicts with origin, epoch, audience, seq, prev_hash, hash, body, kind, row_id,
    rev, state ('applied'|'held'|'error'), reason, bundle_id."""
    bulk.insert_rows(session, FeedEntryRow.__table__, rows, stage=False)


def held_entries(session: Session, row_id: str | None = None) -> list[HeldEntry]:
    """Entries waiting for a predecessor (all of them, or one record's), oldest first."""
    query = select(FeedEntryRow.origin, FeedEntryRow.epoch, FeedEntryRow.audience, FeedEntryRow.seq,
                   FeedEntryRow.body, FeedEntryRow.bundle_id).where(FeedEntryRow.state == "held")
    if row_id is not None:
        query = query.where(FeedEntryRow.row_id == row_id)
    rows = session.execute(query.order_by(FeedEntryRow.created_at, FeedEntryRow.origin, FeedEntryRow.seq)).all()
    return [HeldEntry(*row) for row in rows]


def set_entry_state(session: Session, entry: HeldEntry, state: str, reason: str = "") -> None:
    session.execute(update(FeedEntryRow).where(
        FeedEntryRow.origin == entry.origin, FeedEntryRow.epoch == entry.epoch,
        FeedEntryRow.audience == entry.audience, FeedEntryRow.seq == entry.seq).values(state=state, reason=reason))


def contiguous_head(session: Session, origin: str, epoch: str, audience: str,
                    after: tuple[int, str]) -> tuple[int, str]:
    """How far the stored entries of one feed run without a gap from `after` (seq, hash)."""
    seq, digest = after
    rows = session.execute(select(FeedEntryRow.seq, FeedEntryRow.hash).where(
        FeedEntryRow.origin == origin, FeedEntryRow.epoch == epoch, FeedEntryRow.audience == audience,
        FeedEntryRow.seq > seq).order_by(FeedEntryRow.seq)).all()
    for next_seq, next_hash in rows:
        if next_seq != seq + 1:
            break
        seq, digest = int(next_seq), next_hash
    return seq, digest


def other_epoch_received(session: Session, origin: str, epoch: str) -> bool:
    """Whether a feed of `origin` in another epoch has been received here (so `epoch` is a new one)."""
    found = session.execute(select(FeedCursorRow.epoch).where(
        FeedCursorRow.origin == origin, FeedCursorRow.kind == "received", FeedCursorRow.epoch != epoch,
        FeedCursorRow.audience != "#audit").limit(1)).first()
    return found is not None


# ----------------------------------------------------------------------------------------------- bundles

def bundle_summary(session: Session, bundle_id: str) -> dict | None:
    """The stored summary of a bundle already imported here, or None."""
    text = session.execute(select(BundleReceivedRow.summary_json)
                           .where(BundleReceivedRow.bundle_id == bundle_id)).scalar_one_or_none()
    return None if text is None else json.loads(text or "{}")


def add_bundle(session: Session, *, bundle_id: str, sender: str, epoch: str, audience: str, from_seq: int,
               to_seq: int, file_name: str, imported_by: str, summary: dict) -> None:
    session.execute(insert(BundleReceivedRow).values(
        bundle_id=bundle_id, sender=sender, epoch=epoch, audience=audience, from_seq=from_seq, to_seq=to_seq,
        file_name=file_name[:1000], imported_by=imported_by[:64], summary_json=json.dumps(summary, sort_keys=True)))


# ------------------------------------------------------------------------------------------ audit_remote

def stored_audit(session: Session, origin: str, epoch: str, seqs: Iterable[int]) -> dict[int, str]:
    seqs = list(seqs)
    if not seqs:
        return {}
    rows = session.execute(select(AuditRemoteRow.seq, AuditRemoteRow.hash).where(
        AuditRemoteRow.origin == origin, AuditRemoteRow.epoch == epoch,
        AuditRemoteRow.seq >= min(seqs), AuditRemoteRow.seq <= max(seqs))).all()
    return {int(seq): digest for seq, digest in rows}


def audit_predecessor(session: Session, origin: str, epoch: str, seq: int) -> tuple[int, str] | None:
    """The stored audit row of `origin` just before `seq` (ids may have gaps), or None."""
    row = session.execute(select(AuditRemoteRow.seq, AuditRemoteRow.hash).where(
        AuditRemoteRow.origin == origin, AuditRemoteRow.epoch == epoch, AuditRemoteRow.seq < seq)
        .order_by(AuditRemoteRow.seq.desc()).limit(1)).first()
    return None if row is None else (int(row[0]), row[1])


def add_audit_rows(session: Session, rows: list[dict]) -> None:
    """dicts with origin, epoch, seq, prev_hash, hash, body, bundle_id."""
    if rows:
        session.execute(insert(AuditRemoteRow), rows)


# --------------------------------------------------------------------------------------------- versions

def tombstone(session: Session, row_id: uuid.UUID) -> str | None:
    """The rev of the latest delete of a record kept here (the head of a record deleted here), or None."""
    return session.execute(select(RecordVersionRow.rev).where(
        RecordVersionRow.row_id == row_id, RecordVersionRow.op == "delete")
        .order_by(RecordVersionRow.id.desc()).limit(1)).scalar_one_or_none()


# -------------------------------------------------------------------------------------------- conflicts

def open_conflicts(session: Session, row_id: uuid.UUID) -> list[OpenConflict]:
    rows = session.execute(select(ConflictRow.id, ConflictRow.kind, ConflictRow.base_rev, ConflictRow.heads_json,
                                  ConflictRow.fields_json)
                           .where(ConflictRow.row_id == row_id, ConflictRow.status == "open")
                           .order_by(ConflictRow.id)).all()
    return [OpenConflict(int(cid), kind, base, tuple(json.loads(heads)), tuple(json.loads(fields or "[]")))
            for cid, kind, base, heads, fields in rows]


def add_conflict(session: Session, *, row_id: uuid.UUID, kind: str, base_rev: str | None, heads: list[str],
                 fields: Iterable[str], origin: str, bundle_id: str | None) -> int:
    result = session.execute(insert(ConflictRow).values(
        table_name=INCIDENT_TABLE, row_id=row_id, kind=kind, base_rev=base_rev, heads_json=json.dumps(list(heads)),
        fields_json=json.dumps(sorted(set(fields))), origin=origin, bundle_id=bundle_id, status="open")
        .returning(ConflictRow.id))
    return int(result.scalar_one())


def move_conflict(session: Session, conflict_id: int, *, heads: list[str], fields: Iterable[str],
                  kind: str | None = None) -> None:
    values = {"heads_json": json.dumps(list(heads)), "fields_json": json.dumps(sorted(set(fields)))}
    if kind is not None:
        values["kind"] = kind
    session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id).values(**values))


def count_open(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(ConflictRow)
                               .where(ConflictRow.status == "open")).scalar_one())


def settle_conflict(session: Session, conflict_id: int, rev: str) -> None:
    """An open conflict closed by a version that descends from all its heads (a resolution that arrived)."""
    session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id, ConflictRow.status == "open")
                    .values(status="resolved", resolved_at=func.current_timestamp(), resolution_rev=rev,
                            resolved_by="(received)"))


def still_open(session: Session, conflict_ids: Iterable[int]) -> int:
    """How many of these conflicts are open (a flag opened and settled in one import does not count)."""
    ids = list(conflict_ids)
    if not ids:
        return 0
    return int(session.execute(select(func.count()).select_from(ConflictRow)
                               .where(ConflictRow.id.in_(ids), ConflictRow.status == "open")).scalar_one())


# ------------------------------------------------------------------------------------ records, in bulk

@dataclass
class RowState:
    """What the importer needs to know of one incident here, read once per bundle (then kept up to date by the
    importer as it applies versions): its head (the row's rev, or its latest tombstone when the row is absent),
    whether the row exists, the parents of every version kept here, and whether a conflict is open on it."""

    head: str | None = None
    present: bool = False
    parents: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    conflicted: bool = False


def row_states(session: Session, row_ids: Iterable[uuid.UUID], chunk: int = 500) -> dict[uuid.UUID, RowState]:
    """RowState of each record (a record unknown here gets an empty one), in a few queries per 500 records."""
    wanted = list(dict.fromkeys(row_ids))
    states = {row_id: RowState() for row_id in wanted}
    for start in range(0, len(wanted), chunk):
        part = wanted[start:start + chunk]
        for row_id, rev in session.execute(select(IncidentRow.id, IncidentRow.rev).where(IncidentRow.id.in_(part))):
            states[row_id].head, states[row_id].present = rev, True
        versions = session.execute(select(RecordVersionRow.row_id, RecordVersionRow.rev, RecordVersionRow.parent_rev,
                                          RecordVersionRow.merge_rev, RecordVersionRow.op)
                                   .where(RecordVersionRow.row_id.in_(part)).order_by(RecordVersionRow.id))
        for row_id, rev, parent, merge, op in versions:
            state = states[row_id]
            state.parents[rev] = (parent, merge)
            if op == "delete" and not state.present:
                state.head = rev
        for (row_id,) in session.execute(select(ConflictRow.row_id).distinct().where(
                ConflictRow.row_id.in_(part), ConflictRow.status == "open")):
            states[row_id].conflicted = True
    return states


def add_versions(session: Session, versions: list[dict]) -> None:
    """Keep received versions in one statement: dicts with row_id, rev, parent_rev, merge_rev, op, origin, author,
    device_time, received_at, content (dict or None), changed (dict or None). The caller knows none is stored
    yet (RowState.parents); repositories.revisions.store_version is the one-at-a-time form."""
    bulk.insert_rows(session, RecordVersionRow.__table__, [dict(
        table_name=INCIDENT_TABLE, row_id=v["row_id"], rev=v["rev"], parent_rev=v["parent_rev"],
        merge_rev=v["merge_rev"], op=v["op"], origin=v["origin"], author=v["author"], device_time=v["device_time"],
        received_at=v["received_at"],
        content_json=None if v["content"] is None else canonical_bytes(v["content"]).decode("utf-8"),
        changed_json=None if v["changed"] is None else canonical_bytes(v["changed"]).decode("utf-8"))
        for v in versions], stage=False)
