"""Where each incident stands in the exchange (issue 12, item 8): derived from the tables, never stored.

- `conflict`: an open hard conflict on it (a `parallel` flag does not count: both edits were merged);
- `held`: a received version of it waits for its parent; `error`: a received version of it could not be
  applied (the feed entry keeps the reason);
- otherwise by this installation's own feed: its current revision is not in it (or the row is unsealed, or
  still carries a legacy 'L-' revision never exchanged) -> `local`; in it above what the peer acknowledged ->
  `exported`; acknowledged -> `confirmed`. A version received from elsewhere and not edited here since is
  `confirmed` (the sender has it).

The order above is the order of precedence.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitcentre.db.tables import FeedCursorRow, FeedEntryRow, IncidentRow, InstallationRow, RecordVersionRow
from sitcentre.repositories.conflicts import ConflictRepository

STATES = ("local", "exported", "confirmed", "conflict", "held", "error")
CHUNK = 500


def states(session: Session, incident_ids: Iterable[uuid.UUID] | None) -> dict[uuid.UUID, str]:
    """The state of each incident named (None: of every incident); ids with no incident row are left out."""
    wanted = None if incident_ids is None else list(dict.fromkeys(incident_ids))
    me = session.execute(select(InstallationRow.origin_code)
                         .order_by(InstallationRow.created_at, InstallationRow.id)).scalar() or "C"
    heads = _heads(session, wanted)
    if not heads:
        return {}
    ids = list(heads)
    conflicted = ConflictRepository(session).open_rows(row_ids=ids if wanted is not None else None)
    received = _received_problems(session, me, ids if wanted is not None else None)
    own = _own_entries(session, me, heads, ids if wanted is not None else None)
    acked = {(o, e, a): seq for o, e, a, seq in session.execute(
        select(FeedCursorRow.origin, FeedCursorRow.epoch, FeedCursorRow.audience, FeedCursorRow.seq)
        .where(FeedCursorRow.origin == me, FeedCursorRow.kind == "acked"))}
    foreign = _received_heads(session, me, heads)
    out: dict[uuid.UUID, str] = {}
    for row_id, rev in heads.items():
        if row_id in conflicted:
            out[row_id] = "conflict"
        elif row_id in received:
            out[row_id] = received[row_id]
        elif rev and (row_id, rev) in own:
            entries = own[(row_id, rev)]
            confirmed = any(seq <= acked.get((me, epoch, audience), 0) for epoch, audience, seq in entries)
            out[row_id] = "confirmed" if confirmed else "exported"
        elif rev and row_id in foreign:
            out[row_id] = "confirmed"
        else:
            out[row_id] = "local"
    return out


def counts(session: Session) -> dict[str, int]:
    """How many incidents are in each state (every state named, zeros included)."""
    out = dict.fromkeys(STATES, 0)
    for state in states(session, None).values():
        out[state] += 1
    return out


def _heads(session: Session, wanted: list[uuid.UUID] | None) -> dict[uuid.UUID, str | None]:
    query = select(IncidentRow.id, IncidentRow.rev)
    if wanted is None:
        return dict(session.execute(query).all())
    heads: dict[uuid.UUID, str | None] = {}
    for start in range(0, len(wanted), CHUNK):
        heads.update(session.execute(query.where(IncidentRow.id.in_(wanted[start:start + CHUNK]))).all())
    return heads


def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return None


def _id_texts(ids: list[uuid.UUID]) -> list[str]:
    """feed_entries.row_id is text: the usual form, and the 32-digit one for good measure."""
    return [text for i in ids for text in (str(i), i.hex)]


def _received_problems(session: Session, me: str, ids: list[uuid.UUID] | None) -> dict[uuid.UUID, str]:
    """Incidents with a received version held or in error ('held' wins: it will still be applied)."""
    query = select(FeedEntryRow.row_id, FeedEntryRow.state).where(
        FeedEntryRow.kind == "incident", FeedEntryRow.state.in_(("held", "error")), FeedEntryRow.origin != me)
    rows = []
    if ids is None:
        rows = session.execute(query).all()
    else:
        texts = _id_texts(ids)
        for start in range(0, len(texts), CHUNK):
            rows += session.execute(query.where(FeedEntryRow.row_id.in_(texts[start:start + CHUNK]))).all()
    out: dict[uuid.UUID, str] = {}
    for text, state in rows:
        row_id = _as_uuid(text)
        if row_id is not None and out.get(row_id) != "held":
            out[row_id] = state
    return out


def _own_entries(session: Session, me: str, heads: dict[uuid.UUID, str | None],
                 ids: list[uuid.UUID] | None) -> dict[tuple[uuid.UUID, str], list]:
    """(row id, current rev) -> [(epoch, audience, seq)] of this installation's own feed entries carrying the
    incident's current rev: looked up by row id (indexed) for the ids named, in one pass for all of them."""
    query = select(FeedEntryRow.row_id, FeedEntryRow.rev, FeedEntryRow.epoch, FeedEntryRow.audience,
                   FeedEntryRow.seq).where(FeedEntryRow.origin == me, FeedEntryRow.state == "own",
                                           FeedEntryRow.kind == "incident")
    if ids is None:
        rows = session.execute(query).all()
    else:
        texts, rows = _id_texts(ids), []
        for start in range(0, len(texts), CHUNK):
            rows += session.execute(query.where(FeedEntryRow.row_id.in_(texts[start:start + CHUNK]))).all()
    out: dict[tuple[uuid.UUID, str], list] = {}
    for text, rev, epoch, audience, seq in rows:
        row_id = _as_uuid(text)
        if row_id is not None and rev and heads.get(row_id) == rev:
            out.setdefault((row_id, rev), []).append((epoch, audience, int(seq)))
    return out


def _received_heads(session: Session, me: str, heads: dict[uuid.UUID, str | None]) -> set[uuid.UUID]:
    """Incidents whose current version was written by another installation (received, not edited here)."""
    query = (select(RecordVersionRow.row_id)
             .join(IncidentRow, (IncidentRow.id == RecordVersionRow.row_id) & (IncidentRow.rev == RecordVersionRow.rev))
             .where(RecordVersionRow.origin != me))
    if len(heads) > CHUNK * 4:  # most of the table: one pass
        return set(session.scalars(query))
    ids = list(heads)
    found: set[uuid.UUID] = set()
    for start in range(0, len(ids), CHUNK):
        found.update(session.scalars(query.where(RecordVersionRow.row_id.in_(ids[start:start + CHUNK]))))
    return found
