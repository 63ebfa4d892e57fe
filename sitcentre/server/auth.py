"""Who is asking for a download: the `X-Sitcentre-Auth` header (docs/exchange.md, "Online sync", "Who is asking").

    X-Sitcentre-Auth: <origin>;<unix time>;<base64 Ed25519 signature>

signed by the caller's installation key over auth_message(origin, time). Uploads need no header: a bundle's
own signature says who sent it.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

HEADER = "X-Sitcentre-Auth"
WINDOW_S = 300
PURPOSE = "GET /v1/bundles/outgoing"
_ORIGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")  # trusted_keys.origin_code: 16 characters


class AuthRefused(Exception):
    """The header is missing or malformed (status 401) or does not prove who it names (403)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Claim:
    origin: str
    when: int
    signature: bytes


def auth_message(origin: str, when: int, purpose: str = PURPOSE) -> bytes:
    return f"sitcentre-sync-v1\n{origin}\n{int(when)}\n{purpose}".encode()


def auth_header(origin: str, private_key: str, when: int | None = None) -> str:
    """The header's value, signed with an installation's private key (base64 of its raw 32 bytes)."""
    when = int(time.time()) if when is None else int(when)
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    signature = key.sign(auth_message(origin, when))
    return f"{origin};{when};{base64.b64encode(signature).decode('ascii')}"


def parse(value: str | None) -> Claim:
    """The header split and checked for form; AuthRefused(401) when it is absent or malformed."""
    if not value:
        raise AuthRefused(401, f"A download needs the {HEADER} header (the caller's origin, the time and its "
                               "signature).")
    parts = value.strip().split(";")
    if len(parts) != 3 or not _ORIGIN.fullmatch(parts[0]) or not re.fullmatch(r"\d{1,12}", parts[1]):
        raise AuthRefused(401, f"The {HEADER} header is not '<origin>;<unix time>;<signature>'.")
    try:
        signature = base64.b64decode(parts[2], validate=True)
    except (binascii.Error, ValueError):
        raise AuthRefused(401, f"The signature in the {HEADER} header is not base64.") from None
    if len(signature) != 64:
        raise AuthRefused(401, f"The signature in the {HEADER} header is not an Ed25519 signature.")
    return Claim(parts[0], int(parts[1]), signature)


def check(claim: Claim, public_keys: list[str], now: float | None = None) -> None:
    """AuthRefused(403) unless the time is within WINDOW_S of now and one of the origin's trusted keys made
    the signature."""
    now = time.time() if now is None else now
    if abs(now - claim.when) > WINDOW_S:
        raise AuthRefused(403, f"The {HEADER} header was signed at a time more than {WINDOW_S} s from this "
                               "server's clock: check the caller's clock.")
    message = auth_message(claim.origin, claim.when)
    for public_key in public_keys:
        try:
            Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True)).verify(
                claim.signature, message)
            return
        except (InvalidSignature, ValueError, binascii.Error):
            continue
    raise AuthRefused(403, f"The {HEADER} header is not signed by a trusted key of {claim.origin}.")
