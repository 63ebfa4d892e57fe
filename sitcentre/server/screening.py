"""What the server asks the key registry (services.keys) before it does real work: whether an upload's first
bytes come from a trusted key (so junk is dropped at its first chunk), and which keys may sign a download."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.exchange import signing
from sitcentre.exchange.errors import BundleRejected
from sitcentre.exchange.signing import BUNDLE_PAYLOAD_TYPE, BadKey, KeyInfo
from sitcentre.server.uploads import Envelope
from sitcentre.services import keys


def check_envelope(engine: Engine, envelope: Envelope, bundle_id: str) -> None:
    """BundleRejected unless the envelope is the one of bundle `bundle_id` and signed by a trusted key. An
    unknown key whose signature holds is noted pending (as a whole bundle's would be)."""
    if envelope.bundle_id != bundle_id:
        raise BundleRejected("wrong_id", "These bytes are not the bundle named in the upload's address.")
    with UnitOfWork(engine) as uow:
        info = keys.key_info(uow.session, envelope.key_id)
    if info is None or info.state == "pending":
        claimed = _claimed(envelope)
        if claimed is not None and info is None:
            try:
                keys.note_pending(engine, claimed)
            except keys.KeyProblem:
                pass  # a manifest naming an impossible origin or role: refused all the same
        who = f"{claimed.origin}, fingerprint {signing.fingerprint(claimed.public_key)}" if claimed else "?"
        raise BundleRejected("unknown_key", f"This bundle is signed by a key the centre has not accepted yet ({who}). "
                                            "A supervisor at the centre must check the fingerprint and trust it.")
    if info.state == "revoked":
        raise BundleRejected("revoked_key", f"This bundle is signed by a revoked key ({info.origin}, key "
                                            f"{info.key_id}); it is refused.")
    if not signing.verify(info.public_key, BUNDLE_PAYLOAD_TYPE, envelope.payload, envelope.signature):
        raise BundleRejected("bad_signature", "The bundle's signature does not match its contents.")


def _claimed(envelope: Envelope) -> KeyInfo | None:
    """The key the manifest names, if it has the envelope's key id and made its signature; else None."""
    try:
        sender = envelope.manifest().get("from")
        public_key = sender["public_key"]
        if signing.key_id(public_key) != envelope.key_id or not signing.verify(
                public_key, BUNDLE_PAYLOAD_TYPE, envelope.payload, envelope.signature):
            return None
        installation = sender.get("installation_id")
        return KeyInfo(envelope.key_id, public_key, str(sender.get("origin") or "")[:16],
                       str(sender.get("role") or "post"), "pending",
                       str(uuid.UUID(str(installation))) if installation else None)
    except (BundleRejected, BadKey, KeyError, TypeError, ValueError, AttributeError):
        return None


def download_keys(engine: Engine, origin: str) -> list[str]:
    """The public keys that may sign a download for `origin`: its trusted keys."""
    return [k.public_key for k in keys.list_keys(engine) if k.origin == origin and k.state == "trusted"]
