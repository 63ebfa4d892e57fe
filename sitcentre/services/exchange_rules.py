"""Who may send what in the exchange (docs/exchange.md, "Import", "Who may send what"): the checks the importer
makes on top of the signature, so that a trusted key speaks only for its own installation.

- Roles: a post takes bundles from a centre only; a centre takes bundles from its posts and from the peer
  centres listed in exchange_links (another country's, the regional one: repositories.peer_feed), never from
  another centre. Refused whole (`wrong_sender`) before anything is written (services.exchange_intake); a
  peer's bundle is also checked against its sharing policy there (`policy`).
- From a peer centre (docs/exchange.md "Between countries"): incidents of its own country only (`by` is the
  peer; never a post of this centre's, never a record that is not the peer's), stored read-only (refuse_foreign);
  alerts not from this centre's posts and acknowledgements of alerts not addressed to them; no status changes.
- Incidents from a post: the version is the post's own (`by` is the sender or absent), of an incident of that
  post (the incoming row's post and the post of what is stored here); versions are stored with the verified
  sender as origin. From a centre, `by` names who wrote the version (the centre relays a post's own versions
  after its new epoch). At a post, an incident of another post is refused. Only a centre's version may
  fast-forward through its merge parent (a resolution). A breach is an error entry with its reason, not the
  whole bundle: a post's own bundle may legitimately carry an incident the centre has since moved elsewhere.
- Alerts, acknowledgements, status changes from a post: only what that post made (`by`), alerts it sent, its
  own status, acknowledgements of alerts addressed to it (or to all). From a centre: what
  repositories.owned.pending_owned relays to the post.
- Acknowledgements: only of our own feed for the sender (a centre: audience = the sending post; a post: the
  centre's acks of its feed "*" and of its audit chain "#audit"), in our current epoch. An audit ack is taken
  only if it names our audit entry with its hash.
- Chain ends: a bundle must continue what is stored here of its feed at both ends (a fork is an equivocation
  even when bundles do not overlap). The received cursor stops before an entry in error, so that the sender
  sends it again and it is retried.
- Audit chains across epochs: a post's audit rows under a new epoch must agree with those stored under its
  earlier epochs, except rows written after the restore (later than the rows they replace).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import counterparts
from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.validation import Problem, ValidationError
from sitcentre.exchange.errors import BundleRejected, EntryError, Equivocation
from sitcentre.repositories import exchange_checks as checks
from sitcentre.repositories import feed, peer_feed
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services import keys

log = logging.getLogger(__name__)

AUDIT_AUDIENCE = feed.AUDIT_AUDIENCE
lock_imports = checks.lock_imports  # PostgreSQL: one import at a time


class AuditAltered(BundleRejected):
    """The sender's audit trail no longer continues what it sent before: a security alert."""

    def __init__(self, message: str):
        super().__init__("audit_altered", message)


# ------------------------------------------------------------------------------------------------ roles

def check_sender_role(me_role: str, key_role: str, sender: str, *, peer: bool = False) -> None:
    """A post takes bundles from a centre only, a centre from posts and from its peer centres (`peer`: the
    sender is listed in exchange_links). BundleRejected('wrong_sender')."""
    if me_role == "post" and key_role != "centre":
        raise BundleRejected("wrong_sender", _t("The bundle comes from {sender}, a {role}: a post takes bundles "
                                                "from the situation centre only.").format(sender=sender,
                                                                                         role=key_role))
    if me_role == "centre" and key_role == "centre" and not peer:
        raise BundleRejected("wrong_sender", _t("The bundle comes from {sender}, another centre that is not a peer "
                                                "of this one: a centre takes bundles from its posts, and from the "
                                                "centres set with 'sitcentre install peer'.").format(sender=sender))


def other_role(me_role: str) -> str:
    """The role of every installation that may send here (check_sender_role)."""
    return "post" if me_role == "centre" else "centre"


# ------------------------------------------------------------------------------------------------ incidents

def version_origin(entry: dict, sender: str, sender_role: str) -> str:
    """Who wrote a received version, as stored: the verified sender, unless a centre relays (then its `by`)."""
    if sender_role == "post":
        return sender[:16]
    return str(entry.get("by") or entry.get("origin") or sender)[:16]


def may_take_in_bulk(entry: dict, *, me_origin: str, me_role: str, sender: str, sender_role: str) -> bool:
    """Whether a new record's first version may go the bulk path (check_incident would pass it); a False sends
    it through the per-entry path, which words the refusal."""
    row = entry.get("row") if isinstance(entry.get("row"), dict) else {}
    if me_role == "centre" and sender_role == "centre":
        return False  # a peer centre's records: checked one by one (check_incident)
    if sender_role == "post" and (row.get("post") != sender or entry.get("by") not in (None, "", sender)):
        return False
    return not (me_role == "post" and row.get("post") != me_origin)


def check_incident(session: Session, entry: dict, *, row_id: uuid.UUID, known: bool, me_origin: str, me_role: str,
                   sender: str, sender_role: str) -> None:
    """EntryError (in words) when the sender may not send this incident version. `known`: the record has a row
    or a stored version here (then its stored post is read)."""
    row = entry.get("row") if isinstance(entry.get("row"), dict) else None
    post = row.get("post") if row is not None else None
    if me_role == "post" and row is not None and post != me_origin:
        raise EntryError(_t("{sender} sent a version of an incident of post {post}: this post keeps only its own "
                            "incidents").format(sender=sender, post=post))
    if me_role == "centre" and sender_role == "centre":
        _check_from_peer(session, entry, row_id=row_id, known=known, post=post, sender=sender)
        return
    if sender_role != "post":
        return
    by = entry.get("by")
    if by not in (None, "", sender):
        raise EntryError(_t("{sender} sent a version it says {by} wrote: a post sends only its own versions").format(
            sender=sender, by=str(by)[:16]))
    if row is not None and post != sender:
        raise EntryError(_t("{sender} sent a version of an incident of post {post}: a post sends only its own "
                            "incidents").format(sender=sender, post=post))
    if known:
        stored = checks.stored_post(session, row_id)
        if stored is not None and stored != sender:
            raise EntryError(_t("{sender} sent a version of an incident of post {post}: a post sends only its own "
                                "incidents").format(sender=sender, post=stored))


def _check_from_peer(session: Session, entry: dict, *, row_id: uuid.UUID, known: bool, post, sender: str) -> None:
    """A peer centre sends its own country's records only: `by` is the peer, the incident is not at one of this
    centre's posts, and a record known here is the peer's (never one of ours: it never edits them)."""
    by = entry.get("by")
    if by != sender:
        raise EntryError(_t("{sender} sent a version it says {by} wrote: a centre releases its own country's "
                            "records under its own name").format(sender=sender, by=str(by)[:16]))
    if post is not None and post in peer_feed.our_posts(session):
        raise EntryError(_t("{sender} sent a version of an incident of post {post}, one of this centre's posts: "
                            "another country's centre never edits this country's records").format(sender=sender,
                                                                                                   post=post))
    if known:
        owner = checks.record_origin(session, row_id)
        if owner is not None and owner != sender:
            raise EntryError(_t("{sender} sent a version of a record that {owner} made: a centre edits only its "
                                "own country's records").format(sender=sender, owner=owner))


def refuse_foreign(session: Session, incident_id: uuid.UUID) -> None:
    """At a centre, an incident that another country's centre released (its origin is a centre whose key is
    held here) is read-only: ValidationError in words. Called by the services that edit, review or delete."""
    owner = checks.foreign_owner(session, incident_id)
    if owner is not None:
        raise ValidationError([Problem("incident", _t("This incident was released by {owner}, another country's "
                                                      "centre: it is read-only here. Ask that centre to correct "
                                                      "it.").format(owner=owner))])


def applier_for(applier, origin: str, bundle_id: str | None):
    """The incident applier for an entry held from `origin` (which may not be this bundle's sender): the same
    caches and session, that origin as the sender, with its role (a peer centre's, or that of every other
    installation that sends here)."""
    if origin == applier.sender:
        return applier
    role = other_role(applier.me_role)
    if applier.me_role == "centre" and peer_feed.peer_policy(applier.session, origin) is not None:
        role = "centre"
    return dataclasses.replace(applier, sender=origin, sender_role=role, bundle_id=bundle_id)


# ------------------------------------------------------------------------------------------------ owned records

def check_owned(session: Session, entry: dict, *, me_origin: str, me_role: str, sender: str,
                sender_role: str) -> None:
    """EntryError (in words) when the sender may not send this alert, acknowledgement or status change. An
    acknowledgement of an alert not here yet passes (it is held until the alert arrives)."""
    kind, row, by = entry.get("kind"), entry.get("row"), entry.get("by") or entry.get("origin")
    if not isinstance(row, dict):
        return  # owned.apply_owned words it
    if me_role == "centre" and sender_role == "centre":
        _check_owned_from_peer(session, entry, kind, row, by, me_origin=me_origin, sender=sender)
        return
    if sender_role == "post":
        if by != sender:
            raise EntryError(_t(_POST_SENDS_OWN.get(kind, _POST_SENDS_OWN[None])).format(sender=sender,
                                                                                         by=str(by)[:16]))
        if kind == "alert" and row.get("from_post") != sender:
            raise EntryError(_t("{sender} sent an alert from post {post}: a post sends only the alerts it "
                                "sent").format(sender=sender, post=row.get("from_post")))
        if kind == "post_status" and row.get("post") != sender:
            raise EntryError(_t("{sender} sent a status change of post {post}: a post changes only its own "
                                "status").format(sender=sender, post=row.get("post")))
        if kind == "alert_ack":
            found, to_post = checks.alert_addressed_to(session, entry.get("id"))
            if found and to_post not in (None, sender):
                raise EntryError(_t("{sender} acknowledged an alert addressed to {to_post}: a post acknowledges "
                                    "only the alerts addressed to it").format(sender=sender, to_post=to_post))
        return
    # from a centre, at a post: what pending_owned relays to this post
    if by == me_origin and kind != "post_status":
        raise EntryError(_t(_THIS_POST_MADE.get(kind, _THIS_POST_MADE[None])).format(sender=sender))
    if kind == "post_status":
        if row.get("post") != me_origin or by != sender:
            raise EntryError(_t("{sender} sent a status change of post {post} made by {by}: a post takes only its "
                                "own status changes made at the centre").format(sender=sender, post=row.get("post"),
                                                                                by=str(by)[:16]))
    elif kind == "alert":
        to_post, from_post = row.get("to_post"), row.get("from_post")
        if to_post not in (None, me_origin) and from_post != me_origin and from_post not in _across(session,
                                                                                                    me_origin):
            raise EntryError(_t("{sender} sent an alert from {from_post} to {to_post}: it is not for this "
                                "post").format(sender=sender, from_post=from_post, to_post=to_post))


def _check_owned_from_peer(session: Session, entry: dict, kind, row: dict, by, *, me_origin: str,
                           sender: str) -> None:
    """From a peer centre: alerts not from this centre's posts, acknowledgements of alerts not addressed to
    them, never a status change, never something it says we made."""
    ours = peer_feed.our_posts(session)
    if kind == "post_status":
        raise EntryError(_t("{sender} sent a post status change: centres do not exchange them").format(sender=sender))
    if by == me_origin or by in ours:
        raise EntryError(_t(_PEER_SPEAKS_FOR_US.get(kind, _PEER_SPEAKS_FOR_US[None])).format(sender=sender,
                                                                                           by=str(by)[:16]))
    if kind == "alert" and row.get("from_post") in ours:
        raise EntryError(_t("{sender} sent an alert from post {post}, one of this centre's posts").format(
            sender=sender, post=row.get("from_post")))
    if kind == "alert_ack":
        found, to_post = checks.alert_addressed_to(session, entry.get("id"))
        if found and to_post in ours:
            raise EntryError(_t("{sender} acknowledged an alert addressed to {to_post}, one of this centre's "
                                "posts").format(sender=sender, to_post=to_post))


def _across(session: Session, me_origin: str) -> set[str]:
    posts = ReferenceRepository(session).posts()
    me = next((p for p in posts if p.code == me_origin), None)
    return set() if me is None else {p.code for p in counterparts(me, posts)}


# Whole sentences per kind of owned record (None: any other), marked N_() and translated where raised (_t)
_POST_SENDS_OWN = {
    "alert": N_("{sender} sent an alert it says {by} made: a post sends only its own"),
    "alert_ack": N_("{sender} sent an acknowledgement it says {by} made: a post sends only its own"),
    "post_status": N_("{sender} sent a post status change it says {by} made: a post sends only its own"),
    None: N_("{sender} sent a record it says {by} made: a post sends only its own"),
}
_THIS_POST_MADE = {
    "alert": N_("{sender} sent an alert it says this post made"),
    "alert_ack": N_("{sender} sent an acknowledgement it says this post made"),
    "post_status": N_("{sender} sent a post status change it says this post made"),
    None: N_("{sender} sent a record it says this post made"),
}
_PEER_SPEAKS_FOR_US = {
    "alert": N_("{sender} sent an alert it says {by} made: another country's centre never speaks for this centre "
                "or its posts"),
    "alert_ack": N_("{sender} sent an acknowledgement it says {by} made: another country's centre never speaks for "
                    "this centre or its posts"),
    "post_status": N_("{sender} sent a post status change it says {by} made: another country's centre never speaks "
                      "for this centre or its posts"),
    None: N_("{sender} sent a record it says {by} made: another country's centre never speaks for this centre or "
             "its posts"),
}


# ------------------------------------------------------------------------------------------------ acknowledgements

def apply_acks(session: Session, manifest: dict, me, *, sender: str, sender_role: str, actor) -> bool:
    """Move our 'acked' cursors by the sender's acknowledgements of our own feed for it. An acknowledgement of
    more of our current feed than we hold (or of other content) means this database was restored from a
    backup: a new epoch starts (returns True), so that our sequence numbers are never reused with other
    content. Acknowledgements of another feed, of another epoch, or of an audit entry we do not have with that
    hash are ignored (logged)."""
    new_epoch = False
    for ack in manifest.get("acks") or []:
        try:
            if ack.get("origin") != me.origin:
                continue
            epoch, through, digest = str(ack["epoch"]), int(ack["through_seq"]), str(ack.get("head_hash") or "")
            audience = AUDIT_AUDIENCE if ack.get("audit") else str(ack["audience"])
        except (KeyError, TypeError, ValueError, AttributeError):
            log.warning("an acknowledgement in the bundle from %s is damaged and was ignored: %r", sender, ack)
            continue
        if epoch != str(me.epoch):
            log.info("an acknowledgement from %s of our epoch %s (ours is %s) was ignored", sender, epoch, me.epoch)
            continue
        if not _ack_allowed(me.role, sender, sender_role, audience):
            log.warning("%s acknowledged our feed %r, which is not the one it receives: ignored", sender, audience)
            continue
        if audience == AUDIT_AUDIENCE:
            if not _audit_ack_matches(session, through, digest):
                log.warning("%s acknowledged our audit entry #%s with a hash we do not have: ignored", sender, through)
                continue
        elif not new_epoch and through > 0:
            last_seq, _ = feed.last_entry(session, me.origin, epoch, audience)
            if through > last_seq or feed.hash_at(session, me.origin, epoch, audience, through) != digest:
                keys.start_new_epoch(session, actor, f"{sender} acknowledged change #{through} of this "
                                                     f"installation's feed, which holds {last_seq}: restored from "
                                                     "a backup")
                new_epoch = True
                continue
        feed.set_cursor(session, me.origin, epoch, audience, "acked", through, digest)
    return new_epoch


def _ack_allowed(me_role: str, sender: str, sender_role: str, audience: str) -> bool:
    if me_role == "centre":  # our feed for that post, or for that peer centre
        return audience == sender
    return sender_role == "centre" and audience in (feed.ALL, AUDIT_AUDIENCE)


def _audit_ack_matches(session: Session, through: int, digest: str) -> bool:
    if through <= 0:
        return False
    found = checks.audit_hash(session, through)
    return found is not None and found == digest


# ------------------------------------------------------------------------------------------------ feed chains

def check_chain_ends(session: Session, origin: str, epoch: str, audience: str, feed_info: dict) -> None:
    """The bundle continues what is stored here of its feed: the hash stored at from_seq - 1 is its prev_hash,
    and the entry stored at to_seq + 1 names its head_hash as prev. Otherwise an Equivocation (a fork)."""
    from_seq, to_seq = int(feed_info["from_seq"]), int(feed_info["to_seq"])
    prev_hash, head_hash = str(feed_info.get("prev_hash") or ""), str(feed_info.get("head_hash") or "")
    if from_seq > 1:
        before = checks.received_hash(session, origin, epoch, audience, from_seq - 1)
        if before is not None and before != prev_hash:
            _fork(origin, from_seq - 1, before, prev_hash)
    after = checks.received_prev(session, origin, epoch, audience, to_seq + 1)
    if after is not None and after != head_hash:
        _fork(origin, to_seq, after, head_hash)


def _fork(origin: str, seq: int, stored: str, received: str) -> None:
    fork = Equivocation(_t("Refused: {origin} has sent two different versions of its change #{seq}. Keep this "
                           "file and call the centre's security officer.").format(origin=origin, seq=seq))
    fork.details = {"seq": seq, "stored_hash": stored, "received_hash": received}
    raise fork


errored = checks.errored  # seqs of a feed's entries in error, in a range


def received_head(session: Session, origin: str, epoch: str, audience: str,
                  after: tuple[int, str]) -> tuple[int, str]:
    """How far the stored entries of a feed run from `after` (seq, hash) without a gap, each naming the one
    before as prev, and none in error (an entry in error is not acknowledged, so its sender sends it again)."""
    seq, digest = after
    for next_seq, prev, next_hash, state in checks.entries_after(session, origin, epoch, audience, seq):
        if next_seq != seq + 1 or state == "error":
            break
        if prev != digest:
            log.error("feed %s/%s/%s: entry #%s does not follow #%s", origin, epoch, audience, next_seq, seq)
            break
        seq, digest = int(next_seq), next_hash
    return seq, digest


@dataclasses.dataclass(frozen=True)
class Waiting:
    """A received entry not applied: held (waiting for an earlier version) or error (a rule it breaks)."""

    origin: str
    epoch: str
    seq: int
    state: str
    kind: str
    record: str
    reason: str


def waiting(engine: Engine) -> list[Waiting]:
    """Received entries held or in error, by origin and seq (`sitcentre bundle pending`)."""
    with UnitOfWork(engine) as uow:
        return [Waiting(*row) for row in checks.waiting(uow.session)]


def first_of_new_epoch(session: Session, sender: str, epoch: str) -> bool:
    """Whether this is the first bundle of `sender` in `epoch` imported here while bundles of another of its
    epochs were (a restore: the centre sends the post its records once)."""
    if checks.bundle_seen(session, sender, epoch):
        return False
    return checks.bundle_seen(session, sender, epoch, other_epoch=True)


# ------------------------------------------------------------------------------------------------ audit chains

def check_audit_epochs(session: Session, sender: str, epoch: str, rows: list[dict]) -> None:
    """A post's audit rows arriving under `epoch` against those stored under its earlier epochs, seq by seq
    (the audit_log id): a row that differs from the stored one must be later than it (written after the
    restore, in place of one the backup lost). An earlier or equally dated other row is an altered trail:
    AuditAltered."""
    if not rows:
        return
    seqs = [int(r["seq"]) for r in rows]
    stored = checks.audit_rows_of_other_epochs(session, sender, epoch, min(seqs), max(seqs))
    if not stored:
        return
    by_seq: dict[int, list[tuple[str, str, str]]] = {}
    for old_epoch, seq, digest, body in stored:
        by_seq.setdefault(seq, []).append((old_epoch, digest, body))
    for row in rows:
        for old_epoch, digest, body in by_seq.get(int(row["seq"]), ()):
            if digest == row["hash"]:
                continue
            if _at(row) is not None and _at(json.loads(body)) is not None and _at(row) > _at(json.loads(body)):
                continue  # written after the restore, in place of a row the backup lost
            altered = AuditAltered(_t("The audit trail of {sender} has been altered: entry #{seq} of its new epoch "
                                      "differs from the one it sent before and is not later. Keep this file and "
                                      "call the centre's security officer.").format(sender=sender, seq=row["seq"]))
            altered.details = {"seq": int(row["seq"]), "epoch": old_epoch, "stored_hash": digest,
                               "received_hash": row["hash"]}
            raise altered


def _at(row: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(row["at"]))
    except (KeyError, TypeError, ValueError):
        return None
