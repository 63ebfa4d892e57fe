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

import contextlib
import gc
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from sitcentre.exchange.errors import EntryError
from sitcentre.repositories import bulk, revision_apply
from sitcentre.services import exchange_rules as rules
from sitcentre.services.exchange_apply import IncidentApplier

log = logging.getLogger(__name__)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while an import holds a bundle's parsed entries (tens of thousands of
    dicts that live until the end: each full collection walks them all again; about a third of a large import's
    time). Reference counting still frees what is dropped; cycles wait for the next collection after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

CHUNK = 1000


@dataclass
class NewRecords:
    """Entries waiting to be written in bulk. `one(entry) -> (state, reason)` is the per-entry path (it counts
    what it does); `added(n)` counts the records written here. `row` is the entry's feed_entries row, whose
    state and reason are set when the per-entry path decides it."""

    applier: IncidentApplier
    one: Callable[[dict], tuple[str, str]]
    added: Callable[[int], None]
    chunk: int | None = None  # None: CHUNK
    _pending: list[tuple[uuid.UUID, dict, dict]] = field(default_factory=list)
    _ids: set[uuid.UUID] = field(default_factory=set)
    _widened: bool = False

    def take(self, entry: dict, row: dict) -> bool:
        """Keep the entry for the next chunk if it is the plain case (then True: the caller moves on)."""
        row_id = self.applier.new_record(entry)
        if row_id is None or row_id in self._ids:
            return False
        self._pending.append((row_id, entry, row))
        self._ids.add(row_id)
        if len(self._pending) >= (self.chunk or CHUNK):
            self.write()
        return True

    def write(self) -> None:
        """Write the waiting entries (before any other entry is applied, and at the end)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        self._ids.clear()
        session, ref = self.applier.session, self.applier.reference
        if not self._widened:
            bulk.widen_cache(session)
            self._widened = True
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
                    revision_apply.insert_new(session, ref, [
                        (p, e["rev"], rules.version_origin(e, self.applier.sender, self.applier.sender_role))
                        for _, e, p in good])
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

    def finish(self) -> None:
        """After the last write and what follows it (the versions and feed entries): the page cache as before."""
        self.write()
        if self._widened:
            bulk.restore_cache(self.applier.session)
            self._widened = False
