"""This installation's signing identity, and the registry of other installations' keys (issue 12, item 1).

Keys are made by `sitcentre install init` (services.installation). Another installation's key arrives in a
key file (`keys export`: a signed JSON document, never holding the private key) or with a bundle; the first
time it is seen it is `pending` until a supervisor compares its fingerprint with the one read out by the
other side and trusts it. Revoked keys stay revoked: a new key must be made. At a post, the centre's
reference data carries its registry (registry_for_post / apply_registry), so posts learn revocations.

Epochs: a restore from an old backup would make this installation reuse sequence numbers with other content;
`new_epoch` starts a new feed (the importer calls `start_new_epoch` itself when the centre acknowledges more
of our feed than we hold).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange import signing
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.exchange.signing import KEY_FILE_PAYLOAD_TYPE, BadKey, KeyInfo
from sitcentre.output_paths import write_bytes
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.repositories.keys import KeyRecord, KeyRepository, registry_for_post
from sitcentre.services import audit, numbering
from sitcentre.services.audit import AuditAction
from sitcentre.services.guard import permit, refusals_audited, require_actor

log = logging.getLogger(__name__)
__all__ = ["registry_for_post"]  # what a centre sends its posts (repositories.keys), re-exported here
KEY_FILE_FORMAT = "sitcentre-key"
KEY_FILE_MAX_BYTES = 1024 * 1024  # a key file is a few hundred bytes; anything past 1 MB is not one
ROLES = ("post", "centre")
ORIGIN_MAX = 16  # trusted_keys.origin_code
ZIP_MAGIC = b"PK\x03\x04"

__all__ = ["KeyRecord", "OwnIdentity", "ExchangeNotReady", "KeyProblem", "KeyFileError", "KeyRefused",
           "own_identity", "key_info", "note_pending", "export_key_file", "read_key_file", "read_key_source",
           "trustable", "trust", "revoke", "list_keys", "same_origin_keys", "registry_for_post", "apply_registry",
           "new_epoch", "start_new_epoch"]


@dataclass(frozen=True)
class OwnIdentity:
    installation_id: str
    origin: str
    role: str
    epoch: str
    key_id: str
    public_key: str
    private_key: str = field(repr=False)
    refdata_version: str | None = None

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.public_key)

    def info(self) -> KeyInfo:
        """This installation's key as another installation's registry would hold it, once trusted."""
        return KeyInfo(self.key_id, self.public_key, self.origin, self.role, "trusted", self.installation_id)


class ExchangeNotReady(OperatorError):
    """This installation cannot sign yet (no key pair: `install init` was never run since issue 12)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _t("This installation has no signing key yet: run "
                                       "'sitcentre install init --role ... --origin ...'."))


class KeyProblem(ValueError):
    """A key operation that cannot be done as asked; the message is for a person."""


class KeyFileError(KeyProblem):
    """Bytes that are not a sound key file (or bundle) naming a key."""


class KeyRefused(KeyProblem):
    """A key that may not be trusted or revoked as asked (our own, a revoked one, an unknown id)."""


# ------------------------------------------------------------------------------------------- own identity


def own_identity(session: Session) -> OwnIdentity:
    row = InstallationRepository(session).current()
    if row is None or not row.private_key or not row.public_key or not row.key_id or row.epoch is None:
        raise ExchangeNotReady()
    return OwnIdentity(str(row.id), row.origin_code, row.role, str(row.epoch), row.key_id, row.public_key,
                       row.private_key, row.refdata_version)


def _own_key_id(session: Session) -> str | None:
    row = InstallationRepository(session).current()
    return row.key_id if row is not None else None


def key_info(session: Session, key_id: str) -> KeyInfo | None:
    """The key with this id as the registry knows it; this installation's own key counts as trusted."""
    row = InstallationRepository(session).current()
    if row is not None and row.key_id and row.key_id == key_id and row.public_key:
        return KeyInfo(row.key_id, row.public_key, row.origin_code, row.role, "trusted", str(row.id))
    record = KeyRepository(session).get(key_id)
    return _info(record) if record is not None else None


def note_pending(engine: Engine, info: KeyInfo) -> None:
    """Record a key seen for the first time as pending (its own short transaction, so a refused bundle
    leaves it listed); a key already known keeps its state (never downgraded). Our own key is not recorded."""
    _check_info(info)
    with UnitOfWork(engine, write=True) as uow:
        if _own_key_id(uow.session) == info.key_id:
            return
        if KeyRepository(uow.session).add_if_absent(info.key_id, info.public_key, info.origin, info.role,
                                                    _uuid(info.installation_id), "pending", utcnow()):
            log.info("key %s of %s (%s) seen for the first time: pending", info.key_id, info.origin, info.role)
        uow.commit()


# ------------------------------------------------------------------------------------------- key files


def export_key_file(engine: Engine, out: str | os.PathLike, *, force: bool = False) -> Path:
    """Write this installation's public key file (signed by the key itself); returns the path written."""
    with UnitOfWork(engine) as uow:
        me = own_identity(uow.session)
    payload = canonical_bytes({"format": KEY_FILE_FORMAT, "installation_id": me.installation_id,
                               "origin": me.origin, "role": me.role, "public_key": me.public_key,
                               "key_id": me.key_id, "made_at": utcnow().isoformat(timespec="seconds")})
    envelope = {"payloadType": KEY_FILE_PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode("ascii"),
                "signatures": [{"keyid": me.key_id,
                                "sig": signing.sign(me.private_key, KEY_FILE_PAYLOAD_TYPE, payload)}]}
    data = json.dumps(envelope, indent=2).encode("utf-8") + b"\n"
    return write_bytes(out, data, replace=force, what="key file")


def read_key_file(data: bytes) -> KeyInfo:
    """The key a key file (or a bundle) names, checked: its own signature, its id, its form. The state of
    the returned KeyInfo is 'pending' (nobody has confirmed it here yet); KeyFileError in words otherwise."""
    if data[:4] == ZIP_MAGIC:
        return _bundle_sender(data)
    if len(data) > KEY_FILE_MAX_BYTES:
        raise KeyFileError(_t("This file is too large to be a key file."))
    envelope = _json_object(data, _t("This is not a key file (it is not a signed JSON document)."))
    if envelope.get("payloadType") != KEY_FILE_PAYLOAD_TYPE:
        raise KeyFileError(_t("This is not a sitcentre key file (it is some other kind of signed document)."))
    payload = _b64(envelope.get("payload"), _t("The key file is damaged (its content cannot be read)."))
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or len(signatures) != 1 or not isinstance(signatures[0], dict):
        raise KeyFileError(_t("The key file is damaged (it must carry exactly one signature)."))
    body = _json_object(payload, _t("The key file is damaged (its content is not a key description)."))
    if body.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(_t("This is not a sitcentre key file (its content is of another format)."))
    info = _info_from(body)
    sig = signatures[0]
    if sig.get("keyid") != info.key_id or not signing.verify(info.public_key, KEY_FILE_PAYLOAD_TYPE, payload,
                                                               sig.get("sig") if isinstance(sig.get("sig"), str)
                                                               else ""):
        raise KeyFileError(_t("The key file is damaged or was altered: its signature does not match its key."))
    return info


def read_key_source(path: str | os.PathLike) -> KeyInfo:
    """read_key_file() of a file, read with a size cap (a key file: 1 MB; a bundle: the bundle cap)."""
    path = Path(path).expanduser()
    try:
        with open(path, "rb") as f:
            head = f.read(4)
            cap = _bundle_cap() if head == ZIP_MAGIC else KEY_FILE_MAX_BYTES
            data = head + f.read(cap + 1 - len(head))
    except FileNotFoundError as exc:
        raise KeyFileError(_t("There is no file {path}.").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise KeyFileError(_t("{path} is a folder, not a key file.").format(path=path)) from exc
    except OSError as exc:
        raise KeyFileError(_t("Cannot read {path}: {problem}.").format(path=path, problem=exc.strerror or exc)) \
            from exc
    if len(data) > cap:
        raise KeyFileError((_t("{path} is too large to be a key file.") if head != ZIP_MAGIC
                            else _t("{path} is too large to be a bundle.")).format(path=path))
    return read_key_file(data)


def _bundle_cap() -> int:
    try:
        from sitcentre.exchange import bundle
    except ImportError:
        return KEY_FILE_MAX_BYTES
    return int(bundle.Limits().max_file)


def _bundle_sender(data: bytes) -> KeyInfo:
    try:
        from sitcentre.exchange.bundle import claimed_sender
    except ImportError as exc:
        raise KeyFileError(_t("Reading a key from a bundle is not available in this version: use the key file "
                              "('sitcentre keys export' at the other installation).")) from exc
    from sitcentre.exchange.errors import BundleRejected

    try:
        claimed = claimed_sender(data)
    except BundleRejected as exc:
        raise KeyFileError(_t("The bundle's key cannot be read: {problem}").format(problem=exc.message)) from exc
    info = claimed if isinstance(claimed, KeyInfo) else None
    if info is None:
        raise KeyFileError(_t("The bundle's key cannot be read."))
    _check_info(info)
    return KeyInfo(info.key_id, info.public_key, info.origin, info.role, "pending", info.installation_id)


def _json_object(data: bytes, words: str) -> dict:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise KeyFileError(words) from exc
    if not isinstance(value, dict):
        raise KeyFileError(words)
    return value


def _b64(value: object, words: str) -> bytes:
    if not isinstance(value, str):
        raise KeyFileError(words)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFileError(words) from exc


def _info_from(body: dict) -> KeyInfo:
    values = {name: body.get(name) for name in ("origin", "role", "public_key", "key_id")}
    if not all(isinstance(v, str) and v for v in values.values()):
        raise KeyFileError(_t("The key file is damaged (its origin, role or key is missing)."))
    installation_id = body.get("installation_id")
    if installation_id is not None and not isinstance(installation_id, str):
        raise KeyFileError(_t("The key file is damaged (its installation id is not readable)."))
    info = KeyInfo(values["key_id"], values["public_key"], values["origin"], values["role"], "pending",
                   installation_id)
    _check_info(info)
    return info


def _check_info(info: KeyInfo) -> None:
    try:
        computed = signing.key_id(info.public_key)
    except (BadKey, TypeError) as exc:
        raise KeyFileError(_t("The key is damaged: {problem}").format(problem=exc)) from exc
    if computed != info.key_id:
        raise KeyFileError(_t("The key is damaged: its id does not match the key itself."))
    if info.role not in ROLES:
        raise KeyFileError(_t("The key names an unknown role ({role}); expected post or centre.").format(
            role=repr(str(info.role)[:20])))
    if not isinstance(info.origin, str) or not info.origin.strip() or len(info.origin) > ORIGIN_MAX:
        raise KeyFileError(_t("The key names no valid origin code."))
    if info.installation_id is not None:
        try:
            uuid.UUID(str(info.installation_id))
        except ValueError as exc:
            raise KeyFileError(_t("The key names an installation id that is not valid.")) from exc


# ------------------------------------------------------------------------------------------- decisions


def same_origin_keys(engine: Engine, info: KeyInfo) -> list[KeyRecord]:
    """Other trusted keys of the same origin and role (trusting this one too is a key rotation)."""
    with UnitOfWork(engine) as uow:
        return [k for k in KeyRepository(uow.session).in_states("trusted")
                if k.origin == info.origin and k.role == info.role and k.key_id != info.key_id]


def trustable(engine: Engine, info: KeyInfo) -> KeyInfo | None:
    """Before asking anyone: KeyRefused when the key cannot be trusted (ours, revoked); else the registry's
    current view of it (None when it was never seen)."""
    _check_info(info)
    with UnitOfWork(engine) as uow:
        known = key_info(uow.session, info.key_id)
        if known is not None and _own_key_id(uow.session) == info.key_id:
            raise KeyRefused(_t("This is this installation's own key: it needs no trusting here."))
    if known is not None and known.state == "revoked":
        raise KeyRefused(_revoked_words(info.key_id, known.origin))
    return known


def _revoked_words(key_id: str, origin: str) -> str:
    return _t("Key {key_id} of {origin} was revoked; revoked keys stay revoked: {origin} must make a new key "
              "and send its key file.").format(key_id=key_id, origin=origin)


def trust(engine: Engine, info: KeyInfo, *, actor: Actor) -> KeyInfo:
    """Trust the key (a supervisor compared its fingerprint); audited. Refused: our own key, a revoked key."""
    require_actor(actor)
    _check_info(info)
    with refusals_audited(engine, "key", info.key_id), UnitOfWork(engine, write=True) as uow:
        s = uow.session
        permit(s, actor, Action.EXCHANGE_TRUST_KEY)  # supervisors and administrators (the CLI acts as the system)
        if _own_key_id(s) == info.key_id:
            raise KeyRefused(_t("This is this installation's own key: it needs no trusting here."))
        repo = KeyRepository(s)
        now = utcnow()
        repo.add_if_absent(info.key_id, info.public_key, info.origin, info.role, _uuid(info.installation_id),
                           "pending", now)
        before = repo.get(info.key_id, for_update=True)
        if before.state == "revoked":
            raise KeyRefused(_revoked_words(info.key_id, before.origin))
        if before.state == "trusted":
            return _info(before)
        after = repo.decide(info.key_id, "trusted", at=now, by=actor.username, origin=info.origin,
                            role=info.role, installation_id=_uuid(info.installation_id))
        audit.append(s, actor, AuditAction.TRUST_KEY, "key", info.key_id, _audited(before), _audited(after))
        uow.commit()
    return _info(after)


def revoke(engine: Engine, key_id: str, *, actor: Actor, reason: str = "") -> KeyInfo:
    """Revoke a key: bundles signed with it are refused from now on; audited."""
    require_actor(actor)
    key_id = (key_id or "").strip().lower()
    with refusals_audited(engine, "key", key_id), UnitOfWork(engine, write=True) as uow:
        s = uow.session
        permit(s, actor, Action.EXCHANGE_TRUST_KEY)
        if key_id and _own_key_id(s) == key_id:
            raise KeyRefused(_t("This is this installation's own key; it cannot be revoked here."))
        repo = KeyRepository(s)
        before = repo.get(key_id, for_update=True) if key_id else None
        if before is None:
            raise KeyRefused(_t("No key with id '{key_id}' is known here; 'sitcentre keys list' shows them.").format(
                key_id=key_id[:40]))
        if before.state == "revoked":
            return _info(before)
        after = repo.decide(key_id, "revoked", at=utcnow(), by=actor.username, reason=reason)
        audit.append(s, actor, AuditAction.REVOKE_KEY, "key", key_id, _audited(before), _audited(after))
        uow.commit()
    return _info(after)


def list_keys(engine: Engine) -> list[KeyRecord]:
    with UnitOfWork(engine) as uow:
        return KeyRepository(uow.session).all()


# ------------------------------------------------------------------------------------------- the centre's registry


def apply_registry(session: Session, keys: list[dict], *, sender_key_id: str, actor: Actor | None = None) -> int:
    """At a post: trust what the centre lists as trusted, revoke what it lists as revoked; returns how many
    keys changed. Never touches our own key nor the sender's; never un-revokes; an entry that is not a sound
    key is skipped (logged). Each change is audited (actor: the importing actor, else the system)."""
    actor = actor or Actor.system_actor("exchange")
    own = _own_key_id(session)
    repo = KeyRepository(session)
    changed = 0
    for entry in keys if isinstance(keys, list) else []:
        info = _registry_entry(entry)
        if info is None or info.key_id in (own, sender_key_id):
            continue
        now = utcnow()
        repo.add_if_absent(info.key_id, info.public_key, info.origin, info.role, None, "pending", now)
        before = repo.get(info.key_id, for_update=True)
        if before.state == info.state or before.state == "revoked":
            continue
        after = repo.decide(info.key_id, info.state, at=now, by=f"centre key {sender_key_id}"[:64],
                            reason="from the centre's registry" if info.state == "revoked" else "",
                            origin=info.origin, role=info.role)
        action = AuditAction.TRUST_KEY if info.state == "trusted" else AuditAction.REVOKE_KEY
        audit.append(session, actor, action, "key", info.key_id, _audited(before),
                     dict(_audited(after), source=f"centre key {sender_key_id}"))
        changed += 1
    return changed


def _registry_entry(entry: object) -> KeyInfo | None:
    if not isinstance(entry, dict) or entry.get("state") not in ("trusted", "revoked"):
        log.warning("registry entry skipped: not a key entry")
        return None
    try:
        info = KeyInfo(str(entry.get("key_id")), str(entry.get("public_key")), str(entry.get("origin")),
                       str(entry.get("role")), entry["state"])
        _check_info(info)
    except KeyFileError as exc:
        log.warning("registry entry skipped: %s", exc)
        return None
    return info


# ------------------------------------------------------------------------------------------- epochs


def start_new_epoch(session: Session, actor: Actor, reason: str) -> str:
    """A new feed epoch for this installation, in the caller's transaction; audited. Returns the epoch."""
    require_actor(actor)
    row = InstallationRepository(session).current()
    if row is None:
        raise ExchangeNotReady(_t("This database records no installation yet: run "
                                  "'sitcentre install init --role ... --origin ...'."))
    old, new = row.epoch, uuid.uuid4()
    row.epoch, row.epoch_started_at = new, utcnow()
    session.flush()
    # A new epoch means a restore: the incident counters are as old as the backup too.
    counters = numbering.skip_ahead_after_restore(session, row.origin_code)
    audit.append(session, actor, AuditAction.NEW_EPOCH, "installation", row.id,
                 {"epoch": str(old) if old else None},
                 {"epoch": str(new), "reason": reason or "",
                  "numbers_from": sorted({last + 1 for last in counters.values()})})
    log.info("new epoch %s (was %s): %s", new, old, reason)
    return str(new)


def new_epoch(engine: Engine, *, actor: Actor, reason: str) -> str:
    require_actor(actor)
    with UnitOfWork(engine, write=True) as uow:
        epoch = start_new_epoch(uow.session, actor, reason)
        uow.commit()
    return epoch


# ------------------------------------------------------------------------------------------- helpers


def _info(record: KeyRecord) -> KeyInfo:
    return KeyInfo(record.key_id, record.public_key, record.origin, record.role, record.state,
                   record.installation_id)


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _audited(record: KeyRecord | None) -> dict | None:
    if record is None:
        return None
    return {"key_id": record.key_id, "origin": record.origin, "role": record.role, "state": record.state,
            "fingerprint": record.fingerprint, "reason": record.reason}
