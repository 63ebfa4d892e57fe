"""Step A of an import (docs/exchange.md "Import"): everything checked before anything is written, and a refused
file kept aside. services.exchange_import runs the rest."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from sitcentre.db import migrate
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import utcnow
from sitcentre.exchange import bundle, sharing
from sitcentre.exchange.errors import BundleRejected, EntryError
from sitcentre.exchange.signing import KeyInfo, key_id
from sitcentre.repositories import peer_feed, refdata
from sitcentre.services import exchange_rules as rules
from sitcentre.services import keys
from sitcentre.services.audit import chain_hash

log = logging.getLogger(__name__)


def open_checked(engine: Engine, data: bytes, *, entries: bool = True):
    """Step A: the bundle opened and checked (exchange.bundle.open_bundle, then the sender against its key and
    each audit row's hash), and who we are. Raises BundleRejected; writes nothing but a pending key.
    entries=False: every check but the entries are not parsed (their part's hash is checked)."""
    with UnitOfWork(engine) as uow:
        me = keys.own_identity(uow.session)
        registry = functools.partial(keys.key_info, uow.session)
        peer = None
        try:
            opened = bundle.open_bundle(data, keys=registry, me_origin=me.origin,
                                        me_installation_id=me.installation_id, known_revisions=known_revisions(),
                                        entries=entries)
        except BundleRejected as exc:
            rejected = exc
        else:
            rejected = None
            peer = _peer_policy(uow.session, me, opened.key)
    if rejected is not None:
        if rejected.code == "unknown_key":
            _note_pending(engine, data, rejected)
        raise rejected
    _check_opened(opened, me, peer)
    return opened, me


def _peer_policy(session, me, key) -> str | None:
    """At a centre, the sharing policy agreed with a peer centre that signed the bundle (None: not a peer)."""
    if me.role != "centre" or key.role != "centre":
        return None
    return peer_feed.peer_policy(session, key.origin)


def _check_policy(opened, agreed: str, sender: str) -> None:
    """Between centres: the manifest names a policy known here, the one agreed with the sender, and every entry
    holds only what it releases (exchange.sharing). BundleRejected('policy') otherwise."""
    try:
        policy = sharing.named(opened.manifest.get("policy"))
    except sharing.PolicyError as exc:
        raise BundleRejected("policy", f"The bundle from {sender} cannot be taken: {exc}") from exc
    if policy.name != agreed:
        raise BundleRejected("policy", f"The bundle from {sender} was made under sharing policy {policy.name}; this "
                                       f"centre takes bundles from {sender} under {agreed} only.")
    for _line, entry in opened.entries:
        try:
            sharing.check_entry(policy, entry)
        except sharing.PolicyError as exc:
            raise BundleRejected("policy", f"Refused: the bundle from {sender} holds what its sharing policy does "
                                           f"not release: {exc}") from exc


def _check_opened(opened, me, peer: str | None = None) -> None:
    manifest = opened.manifest
    try:
        sender, role = str(manifest["from"]["origin"]), str(manifest["from"].get("role") or opened.key.role)
        int(manifest["feed"]["from_seq"]), int(manifest["feed"]["to_seq"])
        acks = manifest.get("acks") or []
        if not isinstance(acks, list) or not all(isinstance(a, dict) for a in acks):
            raise TypeError("acks")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BundleRejected("bad_manifest", "The bundle's manifest is incomplete or damaged.") from exc
    if sender != opened.key.origin:
        raise BundleRejected("wrong_sender", f"The bundle says it comes from {sender}, but it is signed with the "
                                             f"key of {opened.key.origin}.")
    if opened.refdata is not None and not (opened.key.role == "centre" and me.role == "post"):
        raise BundleRejected("bad_part", f"The bundle from {sender} carries reference data; only a centre's "
                                         "bundle to a post may.")
    if role != opened.key.role:
        raise BundleRejected("wrong_sender", f"The bundle from {sender} says it comes from a {role}, but its key "
                                             f"is a {opened.key.role}'s.")
    rules.check_sender_role(me.role, opened.key.role, sender, peer=peer is not None)
    if peer is not None:
        _check_policy(opened, peer, sender)
    if opened.refdata is not None:
        try:
            refdata.check(opened.refdata)
        except EntryError as exc:
            raise BundleRejected("bad_refdata", f"The reference data in the bundle from {sender} cannot be used: "
                                                f"{exc}") from exc
    _check_audit_hashes(opened.audit, sender)


def _check_audit_hashes(rows, sender: str) -> None:
    for _line, row in rows:
        try:
            expected = chain_hash(str(row["prev_hash"]), at=datetime.fromisoformat(row["at"]),
                                  user_id=row.get("user_id"), username=row["username"], action=row["action"],
                                  entity=row["entity"], entity_id=row["entity_id"], before_json=row.get("before_json"),
                                  after_json=row.get("after_json"), db_user=row.get("db_user"))
            same = expected == row["hash"]
        except (KeyError, TypeError, ValueError) as exc:
            raise BundleRejected("bad_audit", f"An audit entry in the bundle from {sender} is damaged.") from exc
        if not same:
            raise BundleRejected("bad_audit", f"The audit entry #{row.get('seq')} in the bundle from {sender} does "
                                              "not match its hash: it was changed after it was written.")


@functools.cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def _note_pending(engine: Engine, data: bytes, rejected: BundleRejected) -> None:
    try:
        info = bundle.claimed_sender(data)
    except BundleRejected:
        if not rejected.public_key:
            return
        try:
            info = KeyInfo(key_id=key_id(rejected.public_key), public_key=rejected.public_key,
                           origin=rejected.origin or "", role="post", state="pending")
        except ValueError:
            return
    keys.note_pending(engine, info)


def quarantine(path: Path, folder: Path, code: str) -> Path | None:
    """Copy a refused file aside under a unique name (the original stays where it was)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        target = folder / f"{stamp}_{code}_{uuid.uuid4().hex[:8]}_{path.name}"
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)
        return target
    except OSError:
        log.exception("the refused bundle %s could not be copied to %s", path, folder)
        return None
