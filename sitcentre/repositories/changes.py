"""The change feed's source: what changed since a given seq, filled by database triggers."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import ChangeRow
from sitcentre.domain.enums import ChangeOp
from sitcentre.domain.queries import Change, ChangeBatch


class ChangeRepository:
    def __init__(self, session: Session):
        self.session = session

    def latest_seq(self) -> int:
        return self.session.scalar(select(func.coalesce(func.max(ChangeRow.seq), 0)))

    def since(self, seq: int, limit: int = 10_000) -> ChangeBatch:
        """Changes after `seq`, oldest first. `truncated` tells a listener it cannot catch up row by row."""
        oldest = self.session.scalar(select(func.min(ChangeRow.seq)))
        rows = self.session.execute(
            select(ChangeRow).where(ChangeRow.seq > seq).order_by(ChangeRow.seq).limit(limit + 1)
        ).scalars().all()
        pruned_gap = oldest is not None and seq < oldest - 1
        changes = tuple(_change(r) for r in rows[:limit])
        last = changes[-1].seq if changes else max(seq, self.latest_seq() if pruned_gap else seq)
        return ChangeBatch(changes, last, truncated=pruned_gap or len(rows) > limit)

    def by_seq(self, seqs) -> list[Change]:
        """The changes with these seqs that exist now (a gap the feed saw may have been committed since)."""
        rows = self.session.execute(select(ChangeRow).where(ChangeRow.seq.in_(list(seqs)))).scalars().all()
        return [_change(r) for r in rows]

    def prune(self, keep: int) -> int:
        """Delete all but the newest `keep` entries; returns how many were deleted."""
        latest = self.latest_seq()
        result = self.session.execute(delete(ChangeRow).where(ChangeRow.seq <= latest - keep))
        return result.rowcount or 0


def _change(r: ChangeRow) -> Change:
    return Change(r.seq, r.table_name, r.row_id, ChangeOp(r.op), r.at)
