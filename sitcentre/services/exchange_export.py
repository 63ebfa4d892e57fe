"""Exporting a bundle (issue 12, item 4): what another installation has not confirmed yet, signed, in one file.

Two transactions, both holding the feeds' lock (repositories.feed.lock_feeds):

1. seal every unsealed version (revisions.seal_all) and materialise the feed: append what is new, committed.
   A feed entry, once it may have left in a file, never changes; committing the entries before the file is
   written means a file whose own transaction is lost (a crash after the rename, a failed commit) still holds
   exactly the entries the next bundle repeats, never other content under the same seq.
2. read the range (from the peer's 'acked' cursor + 1, or with since_last the 'sent' one + 1, to the last
   entry), the acknowledgements of the recipient's feeds we hold, our audit entries after the centre's audit
   acknowledgement (at a post) or the post's reference data (at a centre); build, sign and write the file
   (temporary file, fsync, rename); then the 'sent' cursor and one EXPORT audit entry, committed. When the
   file cannot be written, this transaction is rolled back: no cursor moves, nothing is audited, no file.

Progress (sitcentre.domain.progress): "sealing", then "writing" (entries). A Cancelled raised by the callback
stops the export before the file is written (the last report comes before bundle.write): no file, no temporary
file, no cursor, no audit entry. What the first transaction committed (sealed versions, materialised feed
entries) is what any export or the next pre-commit seal would commit too: harmless, and kept.
Permission: Action.EXCHANGE_EXPORT for a person (guard.authorize; a refusal is audited); the system (the CLI)
is not checked.

Manifest: docs/exchange.md, "The bundle file".
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sitcentre import __version__
from sitcentre.db.migrate import head_revision
from sitcentre.db.tables import PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.progress import Progress, report
from sitcentre.domain.records import utcnow
from sitcentre.exchange import bundle, sharing
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.repositories import feed, peer_feed, refdata, revisions
from sitcentre.repositories.audit import AuditRepository
from sitcentre.services import audit
from sitcentre.services.audit_chain import HASHED_FIELDS, canonical_time
from sitcentre.services.exchange_bulk import paused_gc
from sitcentre.services.guard import authorize, require_actor
from sitcentre.services.keys import OwnIdentity, own_identity
from sitcentre.settings import Settings

log = logging.getLogger(__name__)
AUDIT_BATCH = 5000


class ExportRefused(ValueError):
    """An export that cannot be made as asked (an unknown recipient); the message is for a person."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    recipient: str
    from_seq: int
    to_seq: int
    entries: int
    counts: dict

    @property
    def empty(self) -> bool:
        return self.entries == 0


def export_bundle(engine: Engine, settings: Settings, *, to: str, out: str | os.PathLike, since_last: bool = False,
                  force: bool = False, actor: Actor, progress: Progress | None = None) -> ExportResult:
    """Write the bundle for installation `to` (a post's code at a centre, the centre's origin at a post) to
    `out` (a file, or a folder: then under bundle.file_name). Raises ExportRefused, keys.ExchangeNotReady,
    output_paths.UnsafeOutput / OutputExists (an existing file without force), each in words; PermissionDenied
    for a person who may not export; Cancelled when `progress` raises it (no file is left)."""
    require_actor(actor)
    if not isinstance(settings, Settings):
        raise TypeError("a service needs the Settings built at start-up")
    to = (to or "").strip()
    authorize(engine, actor, Action.EXCHANGE_EXPORT, entity="bundle", entity_id=to, settings=settings)
    with paused_gc():  # tens of thousands of rows and entries alive at once: no full collection over them
        result = _export(engine, to, out, since_last=since_last, force=force, actor=actor, progress=progress)
    log.info("bundle %s for %s written to %s: entries %d-%d", result.bundle_id[:8], to, result.path,
             result.from_seq, result.to_seq)
    return result


def _export(engine: Engine, to: str, out, *, since_last: bool, force: bool, actor: Actor,
            progress: Progress | None = None) -> ExportResult:
    report(progress, "sealing", 0)
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        feed.lock_feeds(session)
        me = own_identity(session)
        audience = _audience(session, me, to)
        revisions.seal_all(session)
        snapshot = _refdata_snapshot(session, me, to)
        refdata_version = _refdata_version(me, snapshot)
        policy = _peer(session, me, to)
        if policy is not None:  # another country's centre or the regional one: what its policy releases
            peer_feed.materialise(session, me, audience, policy)
        else:
            feed.materialise(session, me, audience, refdata_version=refdata_version)
        uow.commit()
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        feed.lock_feeds(session)
        me = own_identity(session)  # a new epoch may have begun in between
        result = _write(session, me, to, audience, out, since_last=since_last, force=force, snapshot=snapshot,
                        refdata_version=refdata_version, progress=progress)
        feed.set_cursor(session, me.origin, me.epoch, audience, "sent", result.to_seq,
                        feed.hash_at(session, me.origin, me.epoch, audience, result.to_seq))
        audit.append(session, actor, audit.AuditAction.EXPORT, "bundle", result.bundle_id, None,
                     {"recipient": to, "file": result.path.name, "epoch": me.epoch, "from_seq": result.from_seq,
                      "to_seq": result.to_seq, "entries": result.entries, "counts": result.counts})
        uow.commit()
    return result


def _write(session: Session, me: OwnIdentity, to: str, audience: str, out, *, since_last: bool, force: bool,
           snapshot: dict | None, refdata_version: str, progress: Progress | None = None) -> ExportResult:
    epoch = me.epoch
    last, head_hash = feed.last_entry(session, me.origin, epoch, audience)
    start = _start(session, me, audience, since_last)
    if start > last + 1:  # the peer confirmed more than this feed holds: the importer starts a new epoch
        log.warning("feed %s/%s/%s: the peer acknowledged %d, the feed ends at %d", me.origin, epoch, audience,
                    start - 1, last)
        start = last + 1
    rows = feed.entries(session, me.origin, epoch, audience, start, last)
    report(progress, "writing", 0, len(rows))
    counts = dict(sorted(Counter(entry.kind for entry in rows).items()))
    parts = {bundle.ENTRIES: bundle.jsonl(entry.body.encode("utf-8") for entry in rows)}
    manifest = {
        "from": {"installation_id": me.installation_id, "origin": me.origin, "role": me.role, "epoch": epoch,
                 "key_id": me.key_id, "public_key": me.public_key, "app_version": __version__},
        "to": {"origin": to, "installation_id": None},
        "created_at_device": canonical_time(utcnow()),
        "schema_revision": head_revision(),
        "refdata_version": refdata_version,
        "feed": {"audience": audience, "epoch": epoch, "from_seq": start, "to_seq": last,
                 "prev_hash": feed.hash_at(session, me.origin, epoch, audience, start - 1),
                 "head_hash": head_hash},
        "acks": _acks(session, to),
        "counts": counts,
    }
    audit.lock_chain(session)  # our audit rows up to here are committed, and none are appended meanwhile
    head = AuditRepository(session).head()
    manifest["audit_head"] = {"epoch": epoch, "seq": head[0] if head else 0, "hash": head[1] if head else ""}
    policy = _peer(session, me, to)
    if policy is not None:  # signed with the manifest: the receiver checks every entry against it
        manifest["policy"] = policy.ref
    if me.role == "post":
        manifest["audit"], parts[bundle.AUDIT] = _audit_part(session, me)
    elif snapshot is not None:
        parts[bundle.REFDATA] = canonical_bytes(snapshot)
    data, bundle_id, final = bundle.build(manifest, parts, private_key=me.private_key)
    report(progress, "writing", len(rows), len(rows))  # the last chance to stop: after it, the file is written
    _remove_stale_temporaries(out, final, bundle_id)
    path = bundle.write(out, data, final, bundle_id, force=force)
    return ExportResult(path=path, bundle_id=bundle_id, recipient=to, from_seq=start, to_seq=last,
                        entries=len(rows), counts=counts)


def _remove_stale_temporaries(out, manifest: dict, bundle_id: str) -> None:
    """A bundle export killed while writing (SIGKILL, a power cut: no cleanup code runs) leaves its hidden
    temporary file ('.<name>.<random>.part', output_paths) beside the target. The next export from this
    installation to the same recipient and folder removes it; it holds the feeds' lock, so no other export of
    this installation is writing one now."""
    target = Path(out).expanduser()
    if target.is_dir():
        sender_to_recipient = "_".join(bundle.file_name(manifest, bundle_id).split("_")[:3])
        pattern, folder = f".{sender_to_recipient}_*{bundle.SUFFIX}.*.part", target
    else:
        pattern, folder = f".{glob_escape(target.name)}.*.part", target.parent
    try:
        stale = [p for p in folder.glob(pattern) if p.is_file() and not p.is_symlink()]
    except OSError:
        return
    for path in stale:
        try:
            path.unlink()
            log.warning("removed %s, left by an export that was stopped while writing", path)
        except OSError:
            pass


def _audience(session: Session, me: OwnIdentity, to: str) -> str:
    """'*' at a post; the recipient post's code at a centre. A recipient this installation cannot send to is
    refused in words."""
    if not to:
        raise ExportRefused(_t("Name the installation the bundle is for (--to ORIGIN)."))
    if to == me.origin:
        raise ExportRefused(_t("{to} is this installation itself; name the installation the bundle is for.").format(
            to=to))
    is_post = session.scalar(select(PostRow.id).where(PostRow.code == to)) is not None
    if me.role == "centre":
        if not is_post and peer_feed.peer_policy(session, to) is None:
            raise ExportRefused(_t("{to} is not the code of a post in this database nor a peer centre: a centre "
                                   "sends bundles to its posts, and to other centres set with 'sitcentre install "
                                   "peer'.").format(to=to))
        return to
    if is_post:
        raise ExportRefused(_t("{to} is a post: a post sends its bundles to its centre (its origin code, as in the "
                               "centre's key file).").format(to=to))
    return feed.ALL


def _start(session: Session, me: OwnIdentity, audience: str, since_last: bool) -> int:
    acked = feed.cursor(session, me.origin, me.epoch, audience, "acked")
    start = (acked[0] if acked else 0) + 1
    if since_last:
        sent = feed.cursor(session, me.origin, me.epoch, audience, "sent")
        start = max(start, (sent[0] if sent else 0) + 1)
    return start


def _acks(session: Session, to: str) -> list[dict]:
    """What we hold of the recipient's feeds ('received' cursors), and of its audit chain (audience '#audit',
    marked "audit": true): the recipient moves its 'acked' cursors by them."""
    acks = []
    for epoch, audience, seq, head_hash in feed.cursors(session, origin=to, kind="received"):
        ack = {"origin": to, "epoch": epoch, "audience": audience, "through_seq": seq, "head_hash": head_hash}
        if audience == feed.AUDIT_AUDIENCE:
            ack["audit"] = True
        acks.append(ack)
    return acks


def _audit_part(session: Session, me: OwnIdentity) -> tuple[dict, bytes]:
    """Our audit rows after what the centre acknowledged (cursor (me, epoch, '#audit', 'acked'); the seq is
    the audit_log id), as JSON lines: the fields audit_chain.chain_hash takes, plus seq, prev_hash, hash."""
    acked = feed.cursor(session, me.origin, me.epoch, feed.AUDIT_AUDIENCE, "acked")
    after, prev = (acked[0], acked[1]) if acked else (0, "")
    repo, lines, first, last_id = AuditRepository(session), [], None, after
    while True:
        rows = repo.chain_rows(HASHED_FIELDS, last_id, AUDIT_BATCH)
        for row in rows:
            if first is None:
                first = row
            line = {
                "seq": row.id, "at": canonical_time(row.at), "user_id": row.user_id, "username": row.username,
                "action": row.action, "entity": row.entity, "entity_id": row.entity_id,
                "before_json": row.before_json, "after_json": row.after_json, "prev_hash": row.prev_hash,
                "hash": row.hash}
            if row.db_user is not None:  # hashed only when present (audit_chain.chain_hash)
                line["db_user"] = row.db_user
            lines.append(canonical_bytes(line))
            last_id = row.id
        if len(rows) < AUDIT_BATCH:
            break
    prev_hash = first.prev_hash if first is not None else prev
    header = {"epoch": me.epoch, "from_seq": after + 1, "to_seq": last_id, "prev_hash": prev_hash}
    return header, bundle.jsonl(lines)


def _refdata_snapshot(session: Session, me: OwnIdentity, to: str) -> dict | None:
    if me.role != "centre" or peer_feed.peer_policy(session, to) is not None:
        return None  # reference data goes to a centre's posts only
    return refdata.snapshot(session, to)


def _refdata_version(me: OwnIdentity, snapshot: dict | None) -> str:
    if snapshot is None:
        return me.refdata_version or ""
    return refdata.version_of(snapshot)


def _peer(session: Session, me: OwnIdentity, to: str) -> sharing.Policy | None:
    """The sharing policy for `to` when this centre exports to a peer centre (repositories.peer_feed), else None."""
    if me.role != "centre":
        return None
    name = peer_feed.peer_policy(session, to)
    if name is None:
        return None
    try:
        return sharing.latest(name)
    except sharing.PolicyError as exc:
        raise ExportRefused(_t("The link to {to} names a sharing policy this program does not know: {problem}").format(
            to=to, problem=exc)) from exc
