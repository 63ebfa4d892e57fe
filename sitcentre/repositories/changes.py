"""The change feed's source: what changed since a given point, filled by database triggers.

SQLite has one writer at a time and assigns seq inside the write transaction, so "seq > N" is a complete
cursor. PostgreSQL assigns seq at insert, not at commit: a long transaction can commit seq 10 after a short
one committed seq 11. There the feed reads by transaction id (`change_log.txid`, migration 0007), one
transaction snapshot after the other (`snapshot`, `ended`): the rows of the transactions that have ended
since the previous snapshot. A transaction still running is read at the first snapshot at which it has
ended, so each row is read exactly once, however late its transaction commits.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from sitcentre.db.tables import ChangeRow
from sitcentre.domain.enums import ChangeOp
from sitcentre.domain.queries import Change, ChangeBatch


class ChangeRepository:
    def __init__(self, session: Session):
        self.session = session

    def latest_seq(self) -> int:
        return self.session.scalar(select(func.coalesce(func.max(ChangeRow.seq), 0)))

    def oldest_seq(self) -> int | None:
        return self.session.scalar(select(func.min(ChangeRow.seq)))

    def since(self, seq: int, limit: int = 10_000) -> ChangeBatch:
        """Changes after `seq`, oldest first. `truncated` tells a listener it cannot catch up row by row."""
        oldest = self.oldest_seq()
        rows = self.session.execute(
            select(ChangeRow).where(ChangeRow.seq > seq).order_by(ChangeRow.seq).limit(limit + 1)
        ).scalars().all()
        pruned_gap = oldest is not None and seq < oldest - 1
        changes = tuple(_change(r) for r in rows[:limit])
        last = changes[-1].seq if changes else max(seq, self.latest_seq() if pruned_gap else seq)
        return ChangeBatch(changes, last, truncated=pruned_gap or len(rows) > limit)

    # ------------------------------------------------------------------ PostgreSQL: by transaction snapshot

    def snapshot(self) -> tuple[int, tuple[int, ...]]:
        """PostgreSQL: (xmax, xip) of the current snapshot: every transaction id below xmax and not in xip
        has ended (its rows are committed and visible, or rolled back for good); those in xip still run."""
        xmax, xip = self.session.execute(text(
            "SELECT pg_snapshot_xmax(s)::text::bigint, array(SELECT x::text::bigint FROM pg_snapshot_xip(s) x) "
            "FROM pg_current_snapshot() s")).one()
        return int(xmax), tuple(sorted(int(x) for x in xip or ()))

    def ended(self, *, since_txid: int | None, waiting: tuple[int, ...], xmax: int, running: tuple[int, ...],
              after_seq: int | None = None, limit: int = 10_000) -> tuple[Change, ...]:
        """PostgreSQL: the changes of the transactions that had ended at snapshot (xmax, running) and were
        still to read: txid >= since_txid (no lower bound when None) or one of `waiting` (running at the
        previous snapshot); txid < xmax and not in `running`. With seq > after_seq when given, in seq order,
        at most limit + 1 (one more says "cut")."""
        query = select(ChangeRow).where(text("txid < CAST(CAST(:xmax AS text) AS xid8)"))
        params: dict = {"xmax": xmax}
        if running:
            query = query.where(text("NOT (txid = ANY(CAST(CAST(:running AS text[]) AS xid8[])))"))
            params["running"] = [str(x) for x in running]
        if since_txid is not None:
            query = query.where(text("(txid >= CAST(CAST(:since AS text) AS xid8) "
                                     "OR txid = ANY(CAST(CAST(:waiting AS text[]) AS xid8[])))"))
            params.update(since=since_txid, waiting=[str(x) for x in waiting])
        if after_seq is not None:
            query = query.where(ChangeRow.seq > after_seq)
        rows = self.session.execute(query.order_by(ChangeRow.seq).limit(limit + 1), params).scalars().all()
        return tuple(_change(r) for r in rows)

    def prune(self, keep: int) -> int:
        """Delete all but the newest `keep` entries; returns how many were deleted."""
        latest = self.latest_seq()
        result = self.session.execute(delete(ChangeRow).where(ChangeRow.seq <= latest - keep))
        return result.rowcount or 0


def _change(r: ChangeRow) -> Change:
    return Change(r.seq, r.table_name, r.row_id, ChangeOp(r.op), r.at)
