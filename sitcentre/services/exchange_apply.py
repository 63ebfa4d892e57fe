"""Applying one received incident version (docs/exchange.md, "Import", step C): the decision table of
fast-forward, merge, conflict, held and error. Called by services.exchange_import inside its one transaction.

The versioned record is the incident with its lines (repositories.revisions). Every version that is decided
on is kept in record_versions, losing heads of conflicts too; a version whose parent has not arrived is not
stored yet (it is held as a feed entry), so that "the parent is known here" always means "its whole chain is".

At a post, nothing is merged and no hard conflict is decided: an incoming centre version that does not
fast-forward over the post's own edit is kept as a second head and the record flagged (a conflicts row), the
row keeps the post's edit; the centre decides when the post's edit arrives there.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from sitcentre.domain.records import utcnow
from sitcentre.exchange.canonical import changed_fields, make_rev
from sitcentre.exchange.errors import EntryError
from sitcentre.exchange.merge import compare
from sitcentre.repositories import exchange_checks as checks
from sitcentre.repositories import inbox, revisions
from sitcentre.repositories.revision_apply import Reference
from sitcentre.services import exchange_rules as rules

log = logging.getLogger(__name__)

ADDED, UPDATED, UNCHANGED, MERGED, CONFLICT, HELD = "added", "updated", "unchanged", "merged", "conflict", "held"


@dataclass
class Outcome:
    result: str  # one of the names above
    conflict_id: int | None = None
    applied: bool = False  # the row changed here (held entries of the record may now apply)


@dataclass
class IncidentApplier:
    session: Session
    me_origin: str
    me_role: str
    bundle_id: str | None
    sender: str  # the installation the bundle came from
    sender_role: str
    touched_conflicts: set[int] = field(default_factory=set)
    _states: dict[uuid.UUID, inbox.RowState] = field(default_factory=dict)
    _unwritten: list[dict] = field(default_factory=list)  # versions kept, written in one statement by flush()
    _reference: Reference | None = None

    @property
    def reference(self) -> Reference:
        """This installation's reference data, read once for the whole import (revisions.reference)."""
        if self._reference is None:
            self._reference = revisions.reference(self.session)
        return self._reference

    def flush(self) -> None:
        """Write the versions kept since the last flush (before anything reads record_versions, and at the end)."""
        inbox.add_versions(self.session, self._unwritten)
        self._unwritten.clear()

    def prefetch(self, entries: list[dict]) -> None:
        """Read what is known here of every record the bundle names, in a few queries (not several per entry)."""
        ids = []
        for entry in entries:
            if entry.get("kind") == "incident":
                try:
                    ids.append(uuid.UUID(str(entry.get("id"))))
                except (ValueError, TypeError, AttributeError):
                    continue
        self._states.update(inbox.row_states(self.session, [i for i in ids if i not in self._states]))

    def forget(self, entry: dict) -> None:
        """After an entry failed (its SAVEPOINT rolled back): read the record again when next needed."""
        try:
            row_id = uuid.UUID(str(entry.get("id")))
        except (ValueError, TypeError, AttributeError):
            return
        self._unwritten[:] = [v for v in self._unwritten if v["row_id"] != row_id or v["rev"] != entry.get("rev")]
        self.flush()
        self._states.pop(row_id, None)

    # ----------------------------------------------------------------------------------------- entry point

    def apply(self, entry: dict) -> Outcome:
        """Decide and apply one incident entry. EntryError: the entry breaks a rule (caller keeps it as error)."""
        row_id = _uuid(entry.get("id"))
        rev, parent, merge = str(entry.get("rev") or ""), entry.get("parent") or None, entry.get("merge") or None
        if not rev:
            raise EntryError("the entry names no revision")
        state = self._state(row_id)
        if state.present and self.session.get_bind().dialect.name == "postgresql":  # SQLite: one writer already
            state = self._locked(row_id, state)
        head_rev, present = state.head, state.present
        self._check_post(row_id, entry, present)
        if rev in state.parents:  # already stored here (a re-sent version, a conflict's losing head): held ones are not
            return Outcome(UNCHANGED)
        if head_rev is not None and (rev == head_rev or _ancestor(state, rev, head_rev)):
            return Outcome(UNCHANGED)
        if not (parent is None or parent == head_rev or parent in state.parents):
            if merge is not None and merge == head_rev and self.sender_role == "centre":  # a resolution over our
                # head: its other parent may lag
                self._keep(row_id, entry)
                return self._take(row_id, entry, present)
            if entry.get("resync") and self.me_role == "post" and self.sender_role == "centre":
                self._keep(row_id, entry)
                if present and head_rev and checks.version_origin(self.session, row_id, head_rev) == self.me_origin:
                    # an edit made here after the restore: kept, and the centre's copy flagged beside it
                    self.flush()
                    ours = revisions.incident_content(self.session, row_id)
                    return self._flag(row_id, "conflict", None, [head_rev, rev],
                                      changed_fields(ours, entry.get("row") if entry.get("op") != "delete" else None))
                return self._take(row_id, entry, present)  # the centre's copy after our new epoch
            return Outcome(HELD)
        self._keep(row_id, entry)
        if head_rev is None:
            if entry.get("op") == "delete":
                return Outcome(UNCHANGED)  # nothing to delete here
            return self._take(row_id, entry, present)
        if _ancestor(state, head_rev, rev):
            return self._take(row_id, entry, present)  # fast-forward (its parent, or merge parent, is our head)
        if self.me_role == "centre" and self.sender_role == "centre":
            # another country's record, read-only here (exchange_rules.refuse_foreign): its centre's version
            # replaces ours, never a conflict
            return self._take(row_id, entry, present)
        return self._diverged(row_id, entry, head_rev, present)

    # ----------------------------------------------------------------------------------------- the cases

    def _take(self, row_id: uuid.UUID, entry: dict, present: bool) -> Outcome:
        """Make the incoming version the current row (fast-forward, first arrival, the centre's copy)."""
        with self.savepoint():
            if entry.get("op") == "delete":
                revisions.apply_delete(self.session, row_id)
                outcome = Outcome(UPDATED if present else UNCHANGED, applied=present)
            else:
                content = entry.get("row")
                if not isinstance(content, dict):
                    raise EntryError("the entry carries no record")
                revisions.apply_content(self.session, content, rev=entry["rev"], parent_rev=entry.get("parent"),
                                        merge_rev=entry.get("merge"),
                                        origin=None if present else self._origin(entry), reference=self.reference)
                outcome = Outcome(UPDATED if present else ADDED, applied=True)
        state = self._state(row_id)
        state.head, state.present = entry["rev"], entry.get("op") != "delete"
        if state.conflicted:
            self._close_settled(row_id, entry["rev"])
        return outcome

    def _diverged(self, row_id: uuid.UUID, entry: dict, head_rev: str, present: bool) -> Outcome:
        self.flush()  # the base version is read from record_versions below
        rev, parent = entry["rev"], entry.get("parent")
        theirs = entry.get("row") if entry.get("op") != "delete" else None
        ours = revisions.incident_content(self.session, row_id) if present else None
        if theirs is None and ours is None:
            return Outcome(UNCHANGED)  # deleted here and there
        existing = self._open_with_head(row_id, parent, hard=True)
        if existing is not None:  # the same post's chain of offline edits: the conflict's head moves on
            heads = [rev if h == parent else h for h in existing.heads]
            base = revisions.get_version(self.session, row_id, existing.base_rev) if existing.base_rev else None
            fields = _overlap(base.content if base else None, ours, theirs) or existing.fields
            kind = "delete_edit" if theirs is None or ours is None else None
            inbox.move_conflict(self.session, existing.id, heads=heads, fields=fields, kind=kind)
            self.touched_conflicts.add(existing.id)
            return Outcome(CONFLICT, existing.id)
        if parent is None:
            return self._flag(row_id, "duplicate_create", None, [head_rev, rev], changed_fields(ours, theirs))
        if theirs is None or ours is None:
            return self._flag(row_id, "delete_edit", parent, [head_rev, rev], changed_fields(ours, theirs))
        base = revisions.get_version(self.session, row_id, parent)
        comparison = compare(base.content if base else None, ours, theirs)
        if self.me_role == "post":  # a flag only: the row keeps our edit, the centre decides
            kind = "conflict" if comparison.conflict else "parallel"
            return self._flag(row_id, kind, parent, [head_rev, rev], comparison.overlap or comparison.theirs)
        if comparison.conflict:
            return self._flag(row_id, "conflict", parent, [head_rev, rev], comparison.overlap)
        return self._merge(row_id, entry, head_rev, ours, comparison.merged, comparison.theirs)

    def _merge(self, row_id: uuid.UUID, entry: dict, head_rev: str, ours: dict, merged: dict, fields) -> Outcome:
        rev = make_rev(head_rev, merged)
        with self.savepoint():
            revisions.store_version(self.session, row_id=row_id, rev=rev, parent_rev=head_rev,
                                    merge_rev=entry["rev"], op="upsert", origin=self.me_origin, author="",
                                    device_time=utcnow(), received_at=None, content=merged,
                                    changed=changed_fields(ours, merged))
            revisions.apply_content(self.session, merged, rev=rev, parent_rev=head_rev, merge_rev=entry["rev"],
                                    reference=self.reference)
        state = self._state(row_id)
        state.parents[rev] = (head_rev, entry["rev"])
        state.head, state.conflicted = rev, True
        flag = self._open_with_head(row_id, entry.get("parent"), hard=False)
        if flag is not None:  # more offline edits on top of an edit already merged: one flag, its head moves on
            heads = [entry["rev"] if h == entry.get("parent") else h for h in flag.heads]
            inbox.move_conflict(self.session, flag.id, heads=heads, fields=set(flag.fields) | set(fields))
            return Outcome(MERGED, flag.id, applied=True)
        conflict_id = inbox.add_conflict(self.session, row_id=row_id, kind="parallel", base_rev=entry.get("parent"),
                                         heads=[head_rev, entry["rev"]], fields=fields, origin=self.sender,
                                         bundle_id=self.bundle_id)
        return Outcome(MERGED, conflict_id, applied=True)

    def _flag(self, row_id: uuid.UUID, kind: str, base_rev: str | None, heads: list[str], fields) -> Outcome:
        conflict_id = inbox.add_conflict(self.session, row_id=row_id, kind=kind, base_rev=base_rev, heads=heads,
                                         fields=list(fields), origin=self.sender, bundle_id=self.bundle_id)
        self.touched_conflicts.add(conflict_id)
        self._state(row_id).conflicted = True
        return Outcome(CONFLICT, conflict_id)

    # ----------------------------------------------------------------------------------------- in bulk

    def new_record(self, entry: dict) -> uuid.UUID | None:
        """The record's id when the entry is the plain case that exchange_bulk writes many at a time: the first
        version of a record this installation has never seen (no row, no version kept, no conflict), not a
        delete, from a sender allowed to speak for it. None: the entry goes through apply()."""
        if entry.get("kind") != "incident" or entry.get("parent") or entry.get("merge") or entry.get("op") == "delete":
            return None
        rev, row = entry.get("rev"), entry.get("row")
        if not rev or not isinstance(rev, str) or not isinstance(row, dict):
            return None
        if not rules.may_take_in_bulk(entry, me_origin=self.me_origin, me_role=self.me_role, sender=self.sender,
                                      sender_role=self.sender_role):
            return None  # apply() words the error
        try:
            row_id = uuid.UUID(str(entry.get("id")))
        except (ValueError, TypeError, AttributeError):
            return None
        state = self._states.get(row_id)
        if state is None or state.head is not None or state.present or state.parents or state.conflicted:
            return None
        return row_id

    def added_many(self, entries: list[tuple[uuid.UUID, dict]]) -> None:
        """Bookkeeping after exchange_bulk wrote these new records (row id, entry): their versions kept."""
        for row_id, entry in entries:
            self._keep(row_id, entry)
            state = self._states[row_id]
            state.head, state.present = entry["rev"], True

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A SAVEPOINT; when it rolls back, accounts made inside it are forgotten by the reference too."""
        users = dict(self.reference.users)
        try:
            with self.session.begin_nested():
                yield
        except BaseException:
            self.reference.users.clear()
            self.reference.users.update(users)
            raise

    # ----------------------------------------------------------------------------------------- helpers

    def _check_post(self, row_id: uuid.UUID, entry: dict, present: bool) -> None:
        """Who may send what (services.exchange_rules): a post speaks only for its own incidents and versions;
        a post keeps only its own incidents."""
        state = self._state(row_id)
        rules.check_incident(self.session, entry, row_id=row_id, known=present or bool(state.parents),
                             me_origin=self.me_origin, me_role=self.me_role, sender=self.sender,
                             sender_role=self.sender_role)

    def _locked(self, row_id: uuid.UUID, state: inbox.RowState) -> inbox.RowState:
        """The row locked until the import ends (PostgreSQL: SELECT ... FOR UPDATE) and its state read again if
        a workstation saved it since the bundle's records were read: a fast-forward must not overwrite a save
        it did not see (the decision is made on the head as it is now)."""
        found, rev = checks.lock_incident(self.session, row_id)
        if found and rev == state.head:
            return state
        self.flush()
        state = self._states[row_id] = inbox.row_states(self.session, [row_id])[row_id]
        return state

    def _origin(self, entry: dict) -> str:
        """Who wrote a received version: the verified sender, unless a centre relays (services.exchange_rules)."""
        return rules.version_origin(entry, self.sender, self.sender_role)

    def _state(self, row_id: uuid.UUID) -> inbox.RowState:
        state = self._states.get(row_id)
        if state is None:
            state = self._states[row_id] = inbox.row_states(self.session, [row_id])[row_id]
        return state

    def _keep(self, row_id: uuid.UUID, entry: dict) -> None:
        """Keep the incoming version (every version is kept, losing heads too)."""
        state = self._state(row_id)
        if entry["rev"] in state.parents:
            return
        state.parents[entry["rev"]] = (entry.get("parent"), entry.get("merge"))
        deleted = entry.get("op") == "delete"
        row, changed = entry.get("row"), entry.get("changed")
        self._unwritten.append(dict(
            row_id=row_id, rev=entry["rev"], parent_rev=entry.get("parent"), merge_rev=entry.get("merge"),
            op="delete" if deleted else "upsert", origin=self._origin(entry),
            author=str(entry.get("author") or "")[:64],
            device_time=_time(entry.get("device_time")), received_at=utcnow(),
            content=None if deleted or not isinstance(row, dict) else row,
            changed=changed if isinstance(changed, dict) else None))

    def _open_with_head(self, row_id: uuid.UUID, parent: str | None, *, hard: bool):
        if parent is None:
            return None
        for conflict in inbox.open_conflicts(self.session, row_id):
            if (conflict.kind != "parallel") == hard and parent in conflict.heads:
                return conflict
        return None

    def _close_settled(self, row_id: uuid.UUID, rev: str) -> None:
        """Open conflicts on the record whose heads the new current version descends from are settled by it
        (a centre's resolution arriving at a post, or taken at the centre)."""
        for conflict in inbox.open_conflicts(self.session, row_id):
            if all(_ancestor(self._state(row_id), h, rev) for h in conflict.heads):
                inbox.settle_conflict(self.session, conflict.id, rev)


def _ancestor(state: inbox.RowState, ancestor: str | None, rev: str | None) -> bool:
    """Whether `ancestor` is `rev` or one of its ancestors (parents and merge parents of the versions kept)."""
    if not ancestor or not rev:
        return False
    seen, todo = set(), [rev]
    while todo:
        current = todo.pop()
        if current == ancestor:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(p for p in state.parents.get(current, ()) if p)
    return False


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError) as exc:
        raise EntryError(f"the record id {str(value)[:40]!r} is not a UUID") from exc


def _time(value) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return utcnow()
    return moment if moment.tzinfo else utcnow()


def _sender(entry: dict) -> str:
    return str(entry.get("by") or entry.get("origin") or "")[:16]


def _overlap(base: dict | None, ours: dict | None, theirs: dict | None) -> tuple[str, ...]:
    if ours is None or theirs is None:
        return tuple(sorted(changed_fields(ours, theirs)))
    return compare(base, ours, theirs).overlap
