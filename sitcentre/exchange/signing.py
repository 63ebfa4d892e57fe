"""Ed25519 keys and DSSE-style signatures (the `cryptography` package).

A key pair is made once per installation (`sitcentre install init`); keys are stored and exchanged as
base64 of their raw 32 bytes. key_id = the first 16 hex digits of SHA-256(raw public key). The fingerprint a
person reads aloud or compares on paper is the first 32 hex digits of that hash, in eight groups of four.

Signatures are over PAE(payload type, payload) (Dead Simple Signing Envelope): the type is inside the signed
bytes, so a manifest signature cannot be replayed as some other kind of document.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

BUNDLE_PAYLOAD_TYPE = "application/vnd.sitcentre.bundle+json;v=1"
KEY_FILE_PAYLOAD_TYPE = "application/vnd.sitcentre.key+json;v=1"


class BadKey(ValueError):
    """Bytes that are not an Ed25519 key in the expected form; the message is for a person."""


def generate() -> tuple[str, str]:
    """A new key pair: (private key, public key), each base64 of the raw 32 bytes."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes_raw()
    raw_public = private.public_key().public_bytes_raw()
    return _b64(raw_private), _b64(raw_public)


def public_of(private_key: str) -> str:
    return _b64(_private(private_key).public_key().public_bytes_raw())


def key_id(public_key: str) -> str:
    return hashlib.sha256(_raw(public_key)).hexdigest()[:16]


def fingerprint(public_key: str) -> str:
    """Eight groups of four hex digits, e.g. '3f9a 2c1d 77ab 9f2c 0b1e 5d4a 8c3e 6f70'."""
    digest = hashlib.sha256(_raw(public_key)).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE pre-authentication encoding."""
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def sign(private_key: str, payload_type: str, payload: bytes) -> str:
    """base64 signature of PAE(payload_type, payload)."""
    return _b64(_private(private_key).sign(pae(payload_type, payload)))


def verify(public_key: str, payload_type: str, payload: bytes, signature: str) -> bool:
    try:
        sig = base64.b64decode(signature, validate=True)
        Ed25519PublicKey.from_public_bytes(_raw(public_key)).verify(sig, pae(payload_type, payload))
    except (InvalidSignature, BadKey, ValueError, binascii.Error, TypeError):
        return False
    return True


def _private(private_key: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(_raw(private_key))
    except ValueError as exc:
        raise BadKey("This installation's signing key is damaged.") from exc


def _raw(key: str) -> bytes:
    try:
        raw = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise BadKey("This is not a key in the form sitcentre writes.") from exc
    if len(raw) != 32:
        raise BadKey("This is not an Ed25519 key (32 bytes).")
    return raw


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class KeyInfo:
    """Another installation's key as the registry knows it (services.keys); state 'trusted', 'pending' or
    'revoked'."""

    key_id: str
    public_key: str
    origin: str
    role: str
    state: str
    installation_id: str | None = None
