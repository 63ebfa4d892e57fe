"""Resumable uploads (docs/exchange.md, "Online sync"): `HEAD /v1/uploads/{id}` says how many bytes are held,
`PATCH` adds the next chunk at that offset; partial files live in the spool within its quota.

A bundle's first zip member is its envelope (exchange.bundle writes it first), a few kilobytes: as soon as
the held bytes cover it, the upload is checked (`first_member`, then the app's key check): the manifest's
hash must be the upload's id and its signature a trusted key's. Junk, or a bundle of an unknown key, is
dropped at its first chunk, so it cannot sit in the quota for a day and keep real posts' uploads out.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from sitcentre.exchange.bundle_zip import ENVELOPE, Limits
from sitcentre.exchange.errors import BundleRejected
from sitcentre.server.spool import Spool

log = logging.getLogger(__name__)

BUNDLE_ID = re.compile(r"[0-9a-f]{64}")
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_NOT_A_BUNDLE = "This is not a bundle file."


class UploadError(Exception):
    """An answer other than success: HTTP status, code, words, and the offset held (when it matters)."""

    def __init__(self, status: int, code: str, message: str, offset: int | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.offset = status, code, message, offset


@dataclass(frozen=True)
class Envelope:
    payload: bytes  # the signed manifest
    key_id: str
    signature: str

    @property
    def bundle_id(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()

    def manifest(self) -> dict:
        try:
            document = json.loads(self.payload.decode("utf-8"))
        except ValueError as exc:
            raise BundleRejected("bad_manifest", "The bundle's manifest is damaged.") from exc
        if not isinstance(document, dict):
            raise BundleRejected("bad_manifest", "The bundle's manifest is damaged.")
        return document


def first_member(head: bytes, limits: Limits = Limits()) -> Envelope | None:
    """The envelope from the first bytes of a bundle file; None while more bytes are needed. Raises
    BundleRejected when these bytes cannot begin a bundle."""
    if len(head) < _LOCAL_HEADER.size:
        return None
    magic, _version, flags, method, _t, _d, crc, csize, usize, name_len, extra_len = _LOCAL_HEADER.unpack_from(head)
    if magic != b"PK\x03\x04":
        raise BundleRejected("not_zip", _NOT_A_BUNDLE)
    start = _LOCAL_HEADER.size + name_len + extra_len
    if len(head) < _LOCAL_HEADER.size + name_len:
        return None
    if head[_LOCAL_HEADER.size:_LOCAL_HEADER.size + name_len] != ENVELOPE.encode() or flags & 0x9 \
            or method not in (0, 8) or csize > limits.max_envelope or usize > limits.max_envelope:
        raise BundleRejected("bad_member", "The bundle does not begin with its signature block (envelope.json).")
    if len(head) < start + csize:
        return None
    raw = head[start:start + csize]
    try:
        data = zlib.decompressobj(-15).decompress(raw, limits.max_envelope + 1) if method == 8 else raw
    except zlib.error as exc:
        raise BundleRejected("bad_member", "The bundle's signature block is damaged.") from exc
    if len(data) != usize or zlib.crc32(data) != crc:
        raise BundleRejected("bad_member", "The bundle's signature block is damaged.")
    try:
        document = json.loads(data.decode("utf-8"))
        payload = base64.b64decode(document["payload"], validate=True)
        signature = document["signatures"][0]
        key_id, sig = signature["keyid"], signature["sig"]
        if not isinstance(key_id, str) or not isinstance(sig, str):
            raise TypeError("keyid")
    except (ValueError, KeyError, IndexError, TypeError, binascii.Error) as exc:
        raise BundleRejected("bad_envelope", "The bundle's signature block (envelope.json) is damaged.") from exc
    return Envelope(payload, key_id, sig)


class Uploads:
    """The partial uploads under <spool>/uploads/. One event loop drives it: `_busy` needs no lock."""

    def __init__(self, spool: Spool, max_bundle: int):
        self.spool = spool
        self.max_bundle = max_bundle
        self._busy: set[str] = set()
        self._checked: set[str] = set()  # uploads whose envelope passed (this process's memory)

    def _find(self, bundle_id: str) -> tuple[Path | None, int | None]:
        for path in self.spool.uploads.glob(f"{bundle_id}.*.part"):
            try:
                return path, int(path.name.split(".")[1])
            except (IndexError, ValueError):
                continue
        return None, None

    def held(self, bundle_id: str) -> tuple[int, int | None]:
        """(bytes held, total length announced) of the upload; (0, None) when there is none."""
        _check_id(bundle_id)
        path, length = self._find(bundle_id)
        if path is None:
            return 0, None
        try:
            return path.stat().st_size, length
        except OSError:
            return 0, None

    def begin(self, bundle_id: str, offset: int, length: int) -> Path:
        """Check a PATCH before its body is read; the partial file it appends to. Marks the upload busy
        (end() unmarks it)."""
        _check_id(bundle_id)
        if length <= 0:
            raise UploadError(400, "bad_request", "Upload-Length must be a positive number of bytes.")
        if length > self.max_bundle:
            raise UploadError(413, "too_large", f"A bundle is at most {self.max_bundle:,} bytes; this one is "
                                                f"{length:,}.")
        if bundle_id in self._busy:
            raise UploadError(409, "in_progress", "Another request is sending this upload now; ask for its offset "
                                                  "and try again.", self.held(bundle_id)[0])
        path, known = self._find(bundle_id)
        held = path.stat().st_size if path is not None else 0
        if known is not None and known != length:
            raise UploadError(409, "bad_request", f"This upload began with Upload-Length {known}, not {length}.",
                              held)
        if offset != held:
            raise UploadError(409, "offset_mismatch", f"This server holds {held} bytes of the upload, not "
                                                      f"{offset}.", held)
        if path is None:
            self.spool.expire()
            path = self.spool.uploads / f"{bundle_id}.{length}.part"
            path.touch(mode=0o600)
        self._busy.add(bundle_id)
        return path

    def end(self, bundle_id: str) -> None:
        self._busy.discard(bundle_id)

    def needs_check(self, bundle_id: str) -> bool:
        return bundle_id not in self._checked

    def checked(self, bundle_id: str) -> None:
        self._checked.add(bundle_id)

    def read_head(self, path: Path, limit: int) -> bytes:
        with open(path, "rb") as source:
            return source.read(limit)

    def drop(self, bundle_id: str) -> None:
        """Remove the partial file (refused, or complete and taken)."""
        path, _ = self._find(bundle_id)
        if path is not None:
            self.spool.remove(path)
        self._checked.discard(bundle_id)

    def take(self, bundle_id: str) -> bytes:
        """The complete upload's bytes; the partial file is removed."""
        path, _ = self._find(bundle_id)
        if path is None:
            raise UploadError(404, "bad_request", "No upload with this id is held.")
        data = path.read_bytes()
        self.drop(bundle_id)
        return data


def _check_id(bundle_id: str) -> None:
    if not BUNDLE_ID.fullmatch(bundle_id or ""):
        raise UploadError(400, "bad_request", "A bundle id is 64 lowercase hexadecimal digits (the SHA-256 of its "
                                              "manifest).")
