"""The fast path of an import (docs/exchange.md "Import", "In bulk"): the first version of records this installation
has never seen (the common case: a post's new incidents reaching the centre) written many at a time.

services.exchange_import offers every entry in seq order to `NewRecords.take`; the plain case (IncidentApplier
.new_record) waits in a chunk, anything else first writes the chunk, then goes through the per-entry path, so
the order of the bundle is kept. A chunk is validated in Python with the reference data read once
(revision_apply.prepare, the checks of an incident saved here) and written in one SAVEPOINT with one executemany
per table (revision_apply.insert_new); its versions join the ones IncidentApplier writes in one statement.
An entry whose content breaks a rule, and every entry of a chunk that breaks a constraint (a number or a line id
already used here), go through the per-entry path, which keeps each failure as an error entry with its reason.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from sitcentre.exchange.errors import EntryError
from sitcentre.repositories import revision_apply
from sitcentre.services.exchange_apply import IncidentApplier

log = logging.getLogger(__name__)

CHUNK = 1000


@dataclass
class NewRecords:
    """Entries waiting to be written in bulk. `one(entry) -> (state, reason)` is the per-entry path (it counts
    what it does); `added(n)` counts the records written here. `row` is the entry's feed_entries row, whose
    state and reason are set when the per-entry path decides it."""

    applier: IncidentApplier
    one: Callable[[dict], tuple[str, str]]
    added: Callable[[int], None]
    chunk: int = CHUNK
    _pending: list[tuple[uuid.UUID, dict, dict]] = field(default_factory=list)
    _ids: set[uuid.UUID] = field(default_factory=set)

    def take(self, entry: dict, row: dict) -> bool:
        """Keep the entry for the next chunk if it is the plain case (then True: the caller moves on)."""
        row_id = self.applier.new_record(entry)
        if row_id is None or row_id in self._ids:
            return False
        self._pending.append((row_id, entry, row))
        self._ids.add(row_id)
        if len(self._pending) >= self.chunk:
            self.write()
        return True

    def write(self) -> None:
        """Write the waiting entries (before any other entry is applied, and at the end)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        self._ids.clear()
        session, ref = self.applier.session, self.applier.reference
        good, slow = [], []
        for row_id, entry, row in pending:
            try:
                prepared = revision_apply.prepare(ref, entry["row"])
            except EntryError:
                slow.append((entry, row))  # the per-entry path words it
                continue
            if prepared.id != row_id:
                slow.append((entry, row))
            else:
                good.append((row_id, entry, prepared))
        if good:
            try:
                with self.applier.savepoint():
                    revision_apply.insert_new(session, ref, [(p, e["rev"], _sender(e)) for _, e, p in good])
            except IntegrityError as exc:
                log.info("a chunk of %d new records breaks a constraint (%s); applied one by one", len(good),
                         str(exc.orig)[:200])
                slow = [(entry, row) for _, entry, row in pending]  # in the bundle's order
            else:
                self.applier.added_many([(row_id, entry) for row_id, entry, _ in good])
                self.added(len(good))
        for entry, row in slow:
            state, reason = self.one(entry)
            row.update(state=state, reason=reason)


def _sender(entry: dict) -> str:
    return str(entry.get("by") or entry.get("origin") or "")[:16]
