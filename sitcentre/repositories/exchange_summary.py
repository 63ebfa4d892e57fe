"""The exchange seen from afar (issue 13): what the status bar and the post cards say, in a few grouped queries.

Per record states are repositories.exchange_state's (and incident_query.exchange_marks for a page of the
table); this module counts: received entries held or in error by sender, the last bundle received from each
sender, open conflicts, and when a peer was last heard from (a bundle received, or the sync link's note).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import BundleReceivedRow, ConflictRow, ExchangeLinkRow, FeedEntryRow, PostRow
from sitcentre.domain.posts import PostExchange
from sitcentre.repositories.conflicts import HARD_KINDS, OPEN


def waiting_by_sender(session: Session, me: str) -> dict[str, dict[str, int]]:
    """sender -> {"held": n, "error": n}: received entries (any kind) waiting for an earlier one or refused."""
    query = (select(FeedEntryRow.origin, FeedEntryRow.state, func.count())
             .where(FeedEntryRow.state.in_(("held", "error")), FeedEntryRow.origin != me)
             .group_by(FeedEntryRow.origin, FeedEntryRow.state))
    out: dict[str, dict[str, int]] = {}
    for origin, state, n in session.execute(query):
        out.setdefault(origin, {"held": 0, "error": 0})[state] = int(n)
    return out


def last_bundles(session: Session) -> dict[str, tuple[datetime, int, dict]]:
    """sender -> (received at, entries carried, the stored import summary) of its latest bundle here."""
    latest = (select(BundleReceivedRow.sender, func.max(BundleReceivedRow.received_at).label("at"))
              .group_by(BundleReceivedRow.sender).subquery())
    B = BundleReceivedRow
    query = (select(B.sender, B.received_at, B.from_seq, B.to_seq, B.summary_json)
             .join(latest, and_(latest.c.sender == B.sender, latest.c.at == B.received_at)))
    out = {}
    for sender, at, from_seq, to_seq, summary in session.execute(query):
        try:
            parsed = json.loads(summary or "{}")
        except ValueError:
            parsed = {}
        out[sender] = (at, max(int(to_seq) - int(from_seq) + 1, 0), parsed if isinstance(parsed, dict) else {})
    return out


def post_exchange(session: Session, me: str) -> dict[int, PostExchange]:
    """post id -> what came from that post (only posts something came from, or something waits from)."""
    codes = dict(session.execute(select(PostRow.code, PostRow.id)).all())
    waiting = waiting_by_sender(session, me)
    bundles = last_bundles(session)
    out = {}
    for code in set(waiting) | set(bundles):
        post_id = codes.get(code)
        if post_id is None:
            continue
        at, entries, summary = bundles.get(code, (None, 0, {}))
        counts = waiting.get(code, {})
        out[post_id] = PostExchange(last_bundle_at=at, last_bundle_entries=entries,
                                    last_bundle_added=_int(summary.get("added")),
                                    last_bundle_updated=_int(summary.get("updated")),
                                    held=counts.get("held", 0), errors=counts.get("error", 0))
    return out


def last_heard(session: Session, me: str) -> datetime | None:
    """The latest bundle received from anyone else, or the sync link's last answer, whichever is later."""
    bundle = session.scalar(select(func.max(BundleReceivedRow.received_at)).where(BundleReceivedRow.sender != me))
    link = session.scalar(select(func.max(ExchangeLinkRow.last_heard_at)))
    found = [t for t in (bundle, link) if t is not None]
    return max(found) if found else None


def open_conflicts(session: Session, *, hard_only: bool) -> int:
    """Records with an open conflict (hard ones: a supervisor decides; any: at a post, changed at the centre too)."""
    query = select(func.count(func.distinct(ConflictRow.row_id))).where(ConflictRow.status == OPEN)
    if hard_only:
        query = query.where(ConflictRow.kind.in_(HARD_KINDS))
    return int(session.scalar(query) or 0)


def flagged(session: Session, row_id) -> bool:
    """An open conflict row on this record (at a post: the centre's version kept beside our edit)."""
    return session.scalar(select(ConflictRow.id).where(ConflictRow.row_id == row_id, ConflictRow.status == OPEN)
                          .limit(1)) is not None


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
