"""Importing a bundle (issue 12, item 5; docs/exchange.md "Import").

A. Before anything is written (services.exchange_intake): exchange.bundle.open_bundle checks size, zip, envelope,
   key, signature, recipient, parts, schema and the chains; here, each audit row's hash is recomputed too. An
   unknown key is recorded as pending (keys.note_pending) so that `keys list` shows it and `keys trust` can
   accept it.
B. A bundle already imported (bundles_received) is answered at once, its entries not even parsed (their part's
   signed hash is checked); nothing is written.
C. One transaction (SQLite BEGIN IMMEDIATE; PostgreSQL an advisory lock per sending origin, so two imports of
   one origin take turns; retried on a deadlock or serialization failure): local edits sealed first, then the
   entries in seq order (services.exchange_apply decides each incident version), held entries retried, the
   received cursor moved over the contiguous prefix, the sender's acknowledgements applied, its audit rows
   kept verbatim and checked against what is stored, the bundle and its summary kept, and one IMPORT row in
   our own audit trail with the sender's feed head and audit head.

A forked feed (the same seq with other bytes) or an altered audit chain rolls everything back, then writes a
SECURITY_ALERT audit row in a transaction of its own and raises (a BundleRejected: the file is kept aside).

Progress (sitcentre.domain.progress): "checking", then "applying" (entries done of the bundle's). A Cancelled
raised by the callback leaves the unit of work uncommitted: nothing is kept (no bundles_received row, no entry,
no record, no cursor); it is not a BundleRejected, so the file is not kept aside and no security alert is
written. Permission: Action.EXCHANGE_IMPORT for a person (guard.authorize, a refusal audited); the system (the
CLI, the sync) is not checked.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork, retry_write_conflicts
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.progress import Progress, report
from sitcentre.exchange import bundle
from sitcentre.exchange.errors import BundleRejected, EntryError, Equivocation
from sitcentre.repositories import feed, inbox, owned, refdata, revisions
from sitcentre.services import audit, keys
from sitcentre.services import exchange_intake as intake
from sitcentre.services import exchange_rules as rules
from sitcentre.services.audit import AuditAction
from sitcentre.services.exchange_apply import ADDED, CONFLICT, HELD, MERGED, UNCHANGED, UPDATED, IncidentApplier
from sitcentre.services.exchange_bulk import NewRecords, paused_gc
from sitcentre.services.guard import authorize, require_actor
from sitcentre.settings import Settings

log = logging.getLogger(__name__)

OWNED_KINDS = ("alert", "alert_ack", "post_status")
AUDIT_AUDIENCE = "#audit"
QUARANTINE = "quarantine"
PROGRESS_EVERY = 200  # entries between two progress reports (each may raise Cancelled)
RECORDS_KEPT = 500  # record ids kept per result in ImportSummary.records (for a person to open; counts are exact)


@dataclass(frozen=True)
class ImportSummary:
    bundle_id: str
    sender: str
    already: bool = False
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    conflicts: int = 0
    held: int = 0
    errors: int = 0
    error_details: tuple[tuple[str, str], ...] = ()  # (record id, reason)
    new_epoch_started: bool = False
    notes: tuple[str, ...] = ()  # what else a person should know (accounts disabled by the reference data)
    # The incidents behind the counts, per result ("added", "updated", "unchanged", "merged", "conflict", "held",
    # "error"): at most RECORDS_KEPT ids each, for the app's summary; not stored with the bundle.
    records: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), repr=False, compare=False)

    def record_ids(self, result: str) -> tuple[str, ...]:
        return dict(self.records).get(result, ())


AuditAltered = rules.AuditAltered  # the sender's audit trail no longer continues what it sent before


# ------------------------------------------------------------------------------------------------ entry

def import_file(engine: Engine, settings: Settings, path: str | os.PathLike, *, actor: Actor,
                quarantine: Path | None = None, progress: Progress | None = None) -> ImportSummary:
    """Import a bundle file. A rejected file is copied into the quarantine folder (and the error re-raised)."""
    require_actor(actor)
    path = Path(path)
    authorize(engine, actor, Action.EXCHANGE_IMPORT, entity="bundle", entity_id=path.name, settings=settings)
    cap = bundle.Limits().max_file
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleRejected("unreadable", f"The bundle file {path} cannot be read: {exc.strerror or exc}.") from exc
    if not path.is_file():
        raise BundleRejected("unreadable", f"{path} is not a file.")
    if size > cap:  # never read a huge file into memory (and never copy it aside either)
        raise BundleRejected("too_large", f"The file {path.name} is {size:,} bytes: a bundle is at most {cap:,}.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleRejected("unreadable", f"The bundle file {path} cannot be read: {exc.strerror or exc}.") from exc
    try:
        return _import(engine, data, actor=actor, file_name=path.name, progress=progress)
    except BundleRejected as exc:
        kept = intake.quarantine(path, quarantine or Path(settings.data_dir) / QUARANTINE, exc.code)
        exc.kept_at = kept  # type: ignore[attr-defined]  # the CLI says where the file went
        raise


def import_bundle(engine: Engine, settings: Settings, data: bytes, *, actor: Actor,
                  file_name: str = "", progress: Progress | None = None) -> ImportSummary:
    require_actor(actor)
    authorize(engine, actor, Action.EXCHANGE_IMPORT, entity="bundle", entity_id=file_name, settings=settings)
    return _import(engine, data, actor=actor, file_name=file_name, progress=progress)


def _import(engine: Engine, data: bytes, *, actor: Actor, file_name: str, progress: Progress | None) -> ImportSummary:
    report(progress, "checking", 0)
    checked, me = intake.open_checked(engine, data, entries=False)  # a re-import is answered without parsing them
    sender = str(checked.manifest["from"]["origin"])
    with UnitOfWork(engine) as uow:
        if inbox.bundle_summary(uow.session, checked.bundle_id) is not None:
            return ImportSummary(checked.bundle_id, sender, already=True)
    with paused_gc():  # hundreds of thousands of parsed objects live until the end: no GC passes over them
        opened, me = intake.open_checked(engine, data)
        try:
            return _apply(engine, opened, me, actor, file_name, progress)
        except (Equivocation, AuditAltered) as exc:
            _security_alert(engine, actor, opened, exc)
            raise


# ----------------------------------------------------------------------------------- C: one transaction

@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        (ADDED, UPDATED, UNCHANGED, MERGED, CONFLICT, HELD, "error"), 0))
    errors: list[tuple[str, str]] = field(default_factory=list)
    new_epoch: bool = False
    notes: list[str] = field(default_factory=list)
    ids: dict[str, list[str]] = field(default_factory=dict)  # result -> incident ids (at most RECORDS_KEPT)
    decided: set[int] = field(default_factory=set)  # id() of the entries the per-entry path decided

    def add(self, result: str, n: int = 1) -> None:
        self.counts[result] += n

    def note(self, result: str, record_id: str) -> None:
        kept = self.ids.setdefault(result, [])
        if len(kept) < RECORDS_KEPT and record_id not in kept[-3:]:
            kept.append(record_id)


@retry_write_conflicts
def _apply(engine: Engine, opened, me, actor: Actor, file_name: str, progress: Progress | None = None) -> ImportSummary:
    manifest, sender = opened.manifest, str(opened.manifest["from"]["origin"])
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        rules.lock_imports(s)  # PostgreSQL: one import at a time, whatever its origin
        if inbox.bundle_summary(s, opened.bundle_id) is not None:  # imported meanwhile by someone else
            return ImportSummary(opened.bundle_id, sender, already=True)
        revisions.seal_all(s)
        tally = _Tally()
        if opened.refdata is not None:  # before the entries, which may name a new substance or post
            _refdata(s, opened, actor, tally)
        applier = IncidentApplier(s, me.origin, me.role, opened.bundle_id, sender, opened.key.role)
        first_of_epoch = _first_of_new_epoch(s, manifest, sender)
        rules.check_chain_ends(s, sender, str(manifest["feed"]["epoch"]), str(manifest["feed"]["audience"]),
                               manifest["feed"])
        total = len(opened.entries)
        _retry_held(s, applier, tally, progress, 0, total)
        _entries(s, opened, applier, tally, progress)
        _retry_held(s, applier, tally, progress, total, total)
        tally.counts[CONFLICT] = inbox.still_open(s, applier.touched_conflicts)
        _move_received(s, manifest, sender)
        _acks(s, manifest, me, actor, tally, opened.key.role)
        if first_of_epoch and me.role == "centre" and opened.key.role == "post":  # not a peer centre's epoch
            feed.lock_feeds(s)
            feed.enqueue_resync(s, me, sender)
        _audit_rows(s, opened, sender)
        summary = _summary(opened.bundle_id, sender, tally)
        _record(s, opened, sender, summary, actor, file_name)
        uow.commit()
    log.info("imported bundle %s from %s: %s", opened.bundle_id[:8], sender, _counts_text(summary))
    return summary


def _refdata(session: Session, opened, actor: Actor, tally: _Tally) -> None:
    """The centre's reference data, applied whole (its shape was checked in step A; what still fails here
    refuses the bundle)."""
    try:
        counts = refdata.apply_snapshot(session, opened.refdata, sender_key_id=opened.key.key_id,
                                        apply_keys=lambda s_, k, sender_key: keys.apply_registry(
                                            s_, k, sender_key_id=sender_key, actor=actor))
    except EntryError as exc:
        raise BundleRejected("bad_refdata", f"The reference data in the bundle from "
                                            f"{opened.manifest['from']['origin']} cannot be used: {exc}") from exc
    if counts.get("disabled"):
        tally.notes.append(f"{len(counts['disabled'])} account(s) no longer at this post disabled: "
                           + ", ".join(counts["disabled"]))


def _first_of_new_epoch(session: Session, manifest: dict, sender: str) -> bool:
    """The first bundle of a new epoch of the sender (once: bundles_received says whether one came)."""
    return rules.first_of_new_epoch(session, sender, str(manifest["feed"]["epoch"]))


def _entries(session: Session, opened, applier: IncidentApplier, tally: _Tally,
             progress: Progress | None = None) -> None:
    feed_info = opened.manifest["feed"]
    origin, epoch, audience = (str(opened.manifest["from"]["origin"]), str(feed_info["epoch"]),
                               str(feed_info["audience"]))
    stored = inbox.stored_hashes(session, origin, epoch, audience, int(feed_info["from_seq"]),
                                 int(feed_info["to_seq"]))
    failed = rules.errored(session, origin, epoch, audience, int(feed_info["from_seq"]), int(feed_info["to_seq"]))
    applier.prefetch([entry for _line, entry in opened.entries])
    rows, taken, total = [], [], len(opened.entries)
    new_records = NewRecords(applier, one=lambda entry: _one(session, applier, entry, tally),
                             added=lambda n: tally.add(ADDED, n))
    for done, ((line, entry), digest) in enumerate(zip(opened.entries, opened.entry_hashes, strict=True)):
        if done % PROGRESS_EVERY == 0:
            report(progress, "applying", done, total)  # may raise Cancelled: the caller's transaction rolls back
        seq = int(entry["seq"])
        if seq in stored:
            if stored[seq] != digest:
                fork = Equivocation(
                    f"Refused: {origin} has sent two different versions of its change #{seq}. Keep this file and "
                    "call the centre's security officer.")
                fork.details = {"seq": seq, "stored_hash": stored[seq], "received_hash": digest}
                raise fork
            if seq in failed:  # it failed before and was sent again: try again (it may apply now)
                new_records.write()
                state, reason = _one(session, applier, entry, tally)
                applier.flush()
                inbox.set_entry_state(session, inbox.HeldEntry(origin, epoch, audience, seq, "", None), state, reason)
                continue
            tally.add(UNCHANGED)
            if entry.get("kind") == "incident":
                tally.note(UNCHANGED, str(entry.get("id") or ""))
            continue
        row = dict(origin=origin, epoch=epoch, audience=audience, seq=seq, prev_hash=str(entry["prev"]), hash=digest,
                   body=line.decode("utf-8"), kind=str(entry["kind"])[:16], row_id=str(entry.get("id") or "")[:64],
                   rev=str(entry.get("rev") or "")[:48], state="applied", reason="", bundle_id=opened.bundle_id)
        rows.append(row)
        if new_records.take(entry, row):  # the plain case, written in bulk (services.exchange_bulk)
            taken.append((row, entry))
            continue
        new_records.write()  # what waits is older than this entry
        row["state"], row["reason"] = _one(session, applier, entry, tally)
    new_records.write()
    applier.flush()
    inbox.add_entries(session, rows)
    new_records.finish()
    for row, entry in taken:  # written in bulk: added (those that went the per-entry way were noted there)
        if id(entry) not in tally.decided:
            tally.note(ADDED, row["row_id"])


def _one(session: Session, applier: IncidentApplier, entry: dict, tally: _Tally) -> tuple[str, str]:
    """Apply one entry: ('applied' | 'held' | 'error', reason)."""
    kind = entry.get("kind")
    record_id = str(entry.get("id") or "")[:64] if kind == "incident" else ""
    tally.decided.add(id(entry))
    try:
        if kind == "incident":
            result = applier.apply(entry).result  # a failed one leaves nothing, not even its version (forget)
        elif kind in OWNED_KINDS:
            result = _owned(session, applier, entry)
        else:
            raise EntryError(f"unknown kind of record {str(kind)[:20]!r}")
    except EntryError as exc:
        if kind == "incident":
            applier.forget(entry)
        reason = str(exc) or "the record breaks a rule"
        tally.add("error")
        tally.errors.append((str(entry.get("id") or "")[:64], reason))
        if record_id:
            tally.note("error", record_id)
        return "error", reason
    if record_id:
        tally.note(result, record_id)
    if result == HELD:
        tally.add(HELD)
        return "held", "waiting for an earlier version"
    if result != CONFLICT:  # conflicts are counted once per conflict, not per entry
        tally.add(result)
    return "applied", ""


def _owned(session: Session, applier: IncidentApplier, entry: dict) -> str:
    rules.check_owned(session, entry, me_origin=applier.me_origin, me_role=applier.me_role, sender=applier.sender,
                      sender_role=applier.sender_role)
    try:
        with session.begin_nested():
            return owned.apply_owned(session, entry)
    except EntryError:
        if entry.get("kind") == "alert_ack":  # its alert may come in a later bundle (another origin's)
            return HELD
        raise


def _retry_held(session: Session, applier: IncidentApplier, tally: _Tally, report_to: Progress | None = None,
                done: int = 0, total: int = 0) -> None:
    """Held entries whose predecessor is now here are applied; repeat while that makes progress."""
    report(report_to, "applying", done, total)  # may raise Cancelled: the caller's transaction rolls back
    progress = True
    while progress:
        progress = False
        for held in inbox.held_entries(session):
            entry = json.loads(held.body)
            sub = _Tally()
            state, reason = _one(session, rules.applier_for(applier, held.origin, held.bundle_id), entry, sub)
            if state == "held":
                continue
            progress = True
            applier.flush()
            inbox.set_entry_state(session, held, state, reason)
            if held.bundle_id == applier.bundle_id:
                tally.counts[HELD] -= 1
                held_id = str(entry.get("id") or "")[:64]
                if held_id in tally.ids.get(HELD, ()):
                    tally.ids[HELD].remove(held_id)
            for name, n in sub.counts.items():
                tally.add(name, n)
            tally.errors.extend(sub.errors)
            for name, record_ids in sub.ids.items():
                for record_id in record_ids:
                    tally.note(name, record_id)


def _move_received(session: Session, manifest: dict, sender: str) -> None:
    epoch, audience = str(manifest["feed"]["epoch"]), str(manifest["feed"]["audience"])
    before = feed.cursor(session, sender, epoch, audience, "received") or (0, "")
    seq, digest = rules.received_head(session, sender, epoch, audience, before)
    if seq > before[0]:
        feed.set_cursor(session, sender, epoch, audience, "received", seq, digest)


def _acks(session: Session, manifest: dict, me, actor: Actor, tally: _Tally, sender_role: str) -> None:
    """The sender's acknowledgements of our feed for it (services.exchange_rules.apply_acks; a restore starts a
    new epoch)."""
    if rules.apply_acks(session, manifest, me, sender=str(manifest["from"]["origin"]), sender_role=sender_role,
                        actor=actor):
        tally.new_epoch = True


def _audit_rows(session: Session, opened, sender: str) -> None:
    if not opened.audit:
        return
    section = opened.manifest.get("audit") or {}
    epoch = str(section.get("epoch") or opened.manifest["feed"]["epoch"])
    seqs = [int(row["seq"]) for _line, row in opened.audit]
    rules.check_audit_epochs(session, sender, epoch, [row for _line, row in opened.audit])
    stored = inbox.stored_audit(session, sender, epoch, seqs)
    new_rows = []
    for (line, row), seq in zip(opened.audit, seqs, strict=True):
        if seq in stored:
            if stored[seq] != row["hash"]:
                altered = AuditAltered(f"The audit trail of {sender} has been altered since its last bundle: "
                                       f"entry #{seq} now has other content. Keep this file and call the centre's "
                                       "security officer.")
                altered.details = {"seq": seq, "stored_hash": stored[seq], "received_hash": row["hash"]}
                raise altered
            continue
        if not new_rows:  # the first new row must continue what is stored
            before = inbox.audit_predecessor(session, sender, epoch, seq)
            if before is not None and before[1] != row["prev_hash"]:
                altered = AuditAltered(f"The audit trail of {sender} has been altered since its last bundle: "
                                       f"entry #{seq} does not follow entry #{before[0]} received before. Keep this "
                                       "file and call the centre's security officer.")
                altered.details = {"seq": seq, "stored_prev_hash": before[1], "received_prev_hash": row["prev_hash"]}
                raise altered
        new_rows.append(dict(origin=sender, epoch=epoch, seq=seq, prev_hash=str(row["prev_hash"]),
                             hash=str(row["hash"]), body=line.decode("utf-8"), bundle_id=opened.bundle_id))
    inbox.add_audit_rows(session, new_rows)
    last_line, last = opened.audit[-1]
    feed.set_cursor(session, sender, epoch, AUDIT_AUDIENCE, "received", int(last["seq"]), str(last["hash"]))


def _summary(bundle_id: str, sender: str, tally: _Tally) -> ImportSummary:
    c = tally.counts
    return ImportSummary(bundle_id, sender, added=c[ADDED], updated=c[UPDATED], unchanged=c[UNCHANGED],
                         merged=c[MERGED], conflicts=c[CONFLICT], held=max(c[HELD], 0), errors=c["error"],
                         error_details=tuple(tally.errors), new_epoch_started=tally.new_epoch,
                         notes=tuple(tally.notes),
                         records=tuple((name, tuple(ids)) for name, ids in tally.ids.items() if ids))


def _record(session: Session, opened, sender: str, summary: ImportSummary, actor: Actor, file_name: str) -> None:
    manifest = opened.manifest
    feed_info = manifest["feed"]
    stored = {k: v for k, v in asdict(summary).items() if k not in ("bundle_id", "sender", "already", "records")}
    inbox.add_bundle(session, bundle_id=opened.bundle_id, sender=sender, epoch=str(feed_info["epoch"]),
                     audience=str(feed_info["audience"]), from_seq=int(feed_info["from_seq"]),
                     to_seq=int(feed_info["to_seq"]), file_name=file_name, imported_by=actor.username,
                     summary=stored)
    audit.append(session, actor, AuditAction.IMPORT, "bundle", opened.bundle_id, None, {
        "sender": sender, "epoch": feed_info["epoch"], "audience": feed_info["audience"],
        "range": [feed_info["from_seq"], feed_info["to_seq"]], "feed_head": feed_info.get("head_hash"),
        "audit_head": manifest.get("audit_head"), "file": file_name, "summary": stored})


# ------------------------------------------------------------------------------------------- after

def _security_alert(engine: Engine, actor: Actor, opened, exc: BundleRejected) -> None:
    """In a transaction of its own, after the import rolled back: the alert must outlive the refusal."""
    manifest = opened.manifest
    log.error("security alert: %s (bundle %s, from %s, epoch %s)", exc.message, opened.bundle_id,
              manifest["from"]["origin"], manifest["feed"]["epoch"])
    audit.append_now(engine, actor, AuditAction.SECURITY_ALERT, "bundle", opened.bundle_id, None, {
        "code": exc.code, "words": exc.message, "origin": manifest["from"]["origin"],
        "epoch": manifest["feed"]["epoch"], "audience": manifest["feed"]["audience"],
        "details": getattr(exc, "details", None)})


def summary_line(summary: ImportSummary, file_name: str | os.PathLike = "") -> str:
    """"Imported KZ-KOR_to_C_...scb from KZ-KOR: 12 added, ..." (or "... already imported")."""
    name = Path(file_name).name if file_name else f"bundle {summary.bundle_id[:8]}"
    if summary.already:
        return f"{name} from {summary.sender}: already imported (nothing changed)"
    notes = "".join(f"; {note}" for note in summary.notes)
    return f"Imported {name} from {summary.sender}: {_counts_text(summary)}{notes}"


def _counts_text(summary: ImportSummary) -> str:
    return (f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
            f"{summary.merged} merged, {summary.conflicts} conflict{'s' if summary.conflicts != 1 else ''}, "
            f"{summary.held} held, {summary.errors} error{'s' if summary.errors != 1 else ''}")
