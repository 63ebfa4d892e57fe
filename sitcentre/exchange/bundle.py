"""The bundle file: a zip read in memory and never extracted, holding a signed manifest and the feed entries.

`build` makes one (the same input gives the same bytes), `write` puts it on disk atomically, `open_bundle`
checks a received one before anything in it is trusted, in the order of docs/exchange.md ("Import", step A):
size, zip sanity (member names, sizes read through a bounded reader so a zip bomb stops at its cap), the
envelope, the key, the signature — only then the manifest is decoded — the recipient, each part's hash, the
schema revision, the entries' hash chain and the audit part's chain. Every failure is a BundleRejected with a
stable code and words for a person; nothing else escapes (a hostile file must not be able to raise a
traceback, or exhaust memory).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import logging
import math
import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitcentre import output_paths
from sitcentre.exchange import signing
from sitcentre.exchange.bundle_zip import (
    AUDIT,
    ENTRIES,
    ENVELOPE,
    MEMBERS,
    PARTS,
    REFDATA,
    Limits,
    _read_members,
    _reject,
    _shown,
)
from sitcentre.exchange.canonical import canonical_bytes, sha256_hex
from sitcentre.exchange.errors import BundleRejected
from sitcentre.exchange.signing import BUNDLE_PAYLOAD_TYPE, KeyInfo

log = logging.getLogger(__name__)

FORMAT, FORMAT_VERSION = "sitcentre-bundle", 1
SUFFIX = ".scb"
ENTRY_KEYS = {"origin": str, "epoch": str, "audience": str, "seq": int, "prev": str, "kind": str, "id": str,
              "rev": str}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip timestamps: the same input gives the same bytes


@dataclass(frozen=True)
class Opened:
    """A bundle that passed every check of open_bundle."""

    bundle_id: str                       # sha256 hex of the manifest bytes
    manifest: dict
    manifest_bytes: bytes
    key: KeyInfo                         # the registry's key that verified the signature
    entries: list[tuple[bytes, dict]]    # exact line bytes (no newline) and the parsed object, in file order
    entry_hashes: list[str]              # sha256 hex of each line
    audit: list[tuple[bytes, dict]]      # audit.jsonl lines (may be empty)
    refdata: dict | None


@dataclass(frozen=True)
class _Envelope:
    payload: bytes
    keyid: str
    sig: str


# ------------------------------------------------------------------------------------------------------ writing


def jsonl(lines: Iterator[bytes] | list[bytes]) -> bytes:
    """The bytes of a .jsonl part: each line followed by a newline (lines must not contain one)."""
    out = bytearray()
    for line in lines:
        if b"\n" in line or b"\r" in line:
            raise ValueError("a JSON line must not contain a line break")
        out += line
        out += b"\n"
    return bytes(out)


def build(manifest: dict, parts: dict[str, bytes], *, private_key: str) -> tuple[bytes, str, dict]:
    """(zip bytes, bundle_id, the final manifest): fills manifest["parts"] from `parts` (entries.jsonl
    required; audit.jsonl and refdata.json optional), signs PAE(BUNDLE_PAYLOAD_TYPE, manifest) into
    envelope.json and zips the lot with fixed timestamps."""
    unknown = set(parts) - set(PARTS)
    if unknown or ENTRIES not in parts:
        raise ValueError(f"bundle parts must be {', '.join(PARTS)} with {ENTRIES} required, not {sorted(parts)}")
    final = dict(manifest)
    final.setdefault("format", FORMAT)
    final.setdefault("format_version", FORMAT_VERSION)
    final["parts"] = [_part_record(name, parts[name]) for name in PARTS if name in parts]
    manifest_bytes = canonical_bytes(final)
    envelope = {"payloadType": BUNDLE_PAYLOAD_TYPE,
                "payload": base64.b64encode(manifest_bytes).decode("ascii"),
                "signatures": [{"keyid": signing.key_id(signing.public_of(private_key)),
                                "sig": signing.sign(private_key, BUNDLE_PAYLOAD_TYPE, manifest_bytes)}]}
    members = {ENVELOPE: canonical_bytes(envelope), **parts}
    return _zip(members), sha256_hex(manifest_bytes), final


def _part_record(name: str, data: bytes) -> dict:
    return {"name": name, "sha256": sha256_hex(data), "bytes": len(data),
            "lines": data.count(b"\n") if name.endswith(".jsonl") else None}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in MEMBERS:
            if name not in members:
                continue
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes on every operating system
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name], compresslevel=6)
    return buffer.getvalue()


def file_name(manifest: dict, bundle_id: str) -> str:
    """'KZ-KOR_to_C_000120-000180_3f9a2c1d.scb': sender, recipient, feed range, first 8 hex of the bundle id."""
    feed = manifest.get("feed") or {}
    sender = _safe((manifest.get("from") or {}).get("origin"))
    recipient = _safe((manifest.get("to") or {}).get("origin"))
    first, last = _seq_text(feed.get("from_seq")), _seq_text(feed.get("to_seq"))
    return f"{sender}_to_{recipient}_{first}-{last}_{_safe(bundle_id[:8])}{SUFFIX}"


def _safe(text: Any) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9-]+", "-", str(text or "")).strip("-")[:32]
    return cleaned or "X"


def _seq_text(seq: Any) -> str:
    return f"{seq:06d}" if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 0 else "000000"


def write(out: str | Path, data: bytes, manifest: dict, bundle_id: str, *, force: bool = False) -> Path:
    """Write the bundle atomically (temporary file in the same folder, fsync, rename). `out` is a folder (the
    file is named by file_name) or a file path. An existing file is replaced only with force; refusals raise
    output_paths.UnsafeOutput / OutputExists with words for a person."""
    target = Path(out).expanduser()
    if target.is_dir():
        target = target / file_name(manifest, bundle_id)
    return output_paths.write_bytes(target, data, replace=force, what="bundle")


# ------------------------------------------------------------------------------------------------------ reading


def claimed_sender(data: bytes, *, limits: Limits = Limits()) -> KeyInfo:
    """The key the bundle says signed it, state 'pending' (for `keys trust BUNDLE` and for recording an unknown
    key): only after the zip checks, after checking that the manifest's public key has the envelope's key id
    and that it verifies the signature. Raises BundleRejected."""
    with _unexpected():
        members = _read_members(data, limits)
        envelope = _envelope(members[ENVELOPE])
        return _claimed(envelope)


def open_bundle(data: bytes, *, keys: Callable[[str], KeyInfo | None], me_origin: str,
                me_installation_id: str | None, known_revisions: Collection[str],
                limits: Limits = Limits(), entries: bool = True) -> Opened:
    """Every check of a received bundle before anything in it is used; raises BundleRejected(code, words).
    `keys(key_id)` is the registry (None for a key never seen); its own errors are not caught here.
    entries=False: the entries part is checked against its signed hash but not parsed (Opened.entries empty),
    enough to answer a bundle already imported without the cost of reading every entry."""
    with _unexpected():
        members = _read_members(data, limits)
        envelope = _envelope(members[ENVELOPE])
    key = keys(envelope.keyid)
    with _unexpected():
        key = _check_key(envelope, key)
        manifest = _manifest(envelope.payload)
        _check_sender(manifest, key)
        _check_recipient(manifest, me_origin, me_installation_id)
        _check_parts(manifest, members)
        _check_schema(manifest, known_revisions)
        parsed, hashes = _entries(members[ENTRIES], manifest) if entries else ([], [])
        audit = _audit(members.get(AUDIT), manifest)
        refdata = _refdata(members.get(REFDATA))
        return Opened(bundle_id=sha256_hex(envelope.payload), manifest=manifest, manifest_bytes=envelope.payload,
                      key=key, entries=parsed, entry_hashes=hashes, audit=audit, refdata=refdata)


@contextmanager
def _unexpected() -> Iterator[None]:
    """The last line of defence: whatever a hostile file provokes that the checks did not foresee is a
    rejection ('unreadable', logged with its traceback), never a traceback for the person importing."""
    try:
        yield
    except BundleRejected:
        raise
    except MemoryError as exc:
        raise BundleRejected("zip_bomb", "The bundle file is too large to read on this computer.") from exc
    except Exception as exc:  # see the docstring: a last resort, logged
        log.exception("bundle check failed unexpectedly")
        raise BundleRejected("unreadable", "The bundle file could not be read: it is damaged or not a "
                                           "sitcentre bundle.") from exc


# 3-4: the envelope, the key, the signature


def _envelope(raw: bytes) -> _Envelope:
    bad = "The bundle's signature block (envelope.json) is damaged."
    document = _json(raw, "bad_envelope", bad)
    if not isinstance(document, dict) or document.get("payloadType") != BUNDLE_PAYLOAD_TYPE:
        raise _reject("bad_envelope", bad)
    payload, signatures = document.get("payload"), document.get("signatures")
    if not isinstance(payload, str) or not isinstance(signatures, list) or len(signatures) != 1 \
            or not isinstance(signatures[0], dict):
        raise _reject("bad_envelope", bad)
    keyid, sig = signatures[0].get("keyid"), signatures[0].get("sig")
    if not isinstance(keyid, str) or not re.fullmatch(r"[0-9a-f]{16}", keyid) or not isinstance(sig, str):
        raise _reject("bad_envelope", bad)
    try:
        decoded = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _reject("bad_envelope", bad) from exc
    return _Envelope(decoded, keyid, sig)


def _claimed(envelope: _Envelope) -> KeyInfo:
    """The sender's key as its own manifest states it, proved by the signature it made."""
    forged = _reject("bad_signature", "The bundle's signature does not match its contents: it was changed "
                                      "after it was made, or it is not from the sender it names.")
    document = _json(envelope.payload, forged.code, forged.message)
    sender = document.get("from") if isinstance(document, dict) else None
    public_key = sender.get("public_key") if isinstance(sender, dict) else None
    if not isinstance(public_key, str):
        raise forged
    try:
        matches = signing.key_id(public_key) == envelope.keyid
    except signing.BadKey as exc:
        raise forged from exc
    if not matches or not signing.verify(public_key, BUNDLE_PAYLOAD_TYPE, envelope.payload, envelope.sig):
        raise forged
    origin, role, installation = (sender.get(field) for field in ("origin", "role", "installation_id"))
    return KeyInfo(key_id=envelope.keyid, public_key=public_key, origin=origin if isinstance(origin, str) else "",
                   role=role if isinstance(role, str) else "", state="pending",
                   installation_id=installation if isinstance(installation, str) else None)


def _check_key(envelope: _Envelope, key: KeyInfo | None) -> KeyInfo:
    if key is None or key.state == "pending":
        claimed = _claimed(envelope)
        raise _reject("unknown_key",
                      "This bundle is signed by a key this installation has not accepted yet "
                      f"({claimed.origin or '?'}, "
                      f"fingerprint {signing.fingerprint(claimed.public_key)}). Check the fingerprint with the "
                      "sender, accept the key with `sitcentre keys trust`, then import the bundle again.",
                      public_key=claimed.public_key, origin=claimed.origin)
    if key.state == "revoked":
        raise _reject("revoked_key", f"This bundle is signed by a key that was revoked ({key.origin}, key "
                                     f"{key.key_id}); it is refused.", public_key=key.public_key, origin=key.origin)
    if key.state != "trusted" or key.key_id != envelope.keyid \
            or not signing.verify(key.public_key, BUNDLE_PAYLOAD_TYPE, envelope.payload, envelope.sig):
        raise _reject("bad_signature", "The bundle's signature does not match its contents: it was changed after "
                                       "it was made, or it is not from the sender it names.")
    return key


# 5-8: the manifest


def _manifest(payload: bytes) -> dict:
    bad = "The bundle's manifest is not one this program can read."
    manifest = _json(payload, "bad_manifest", bad)
    if not isinstance(manifest, dict) or canonical_bytes(manifest) != payload:
        raise _reject("bad_manifest", bad)
    if manifest.get("format") != FORMAT or not _is_int(manifest.get("format_version")):
        raise _reject("bad_manifest", bad)
    if manifest["format_version"] != FORMAT_VERSION:
        raise _reject("newer_schema", "This bundle was written in a newer bundle format. Update sitcentre on "
                                      "this computer, then import it again.")
    sender, recipient, feed = manifest.get("from"), manifest.get("to"), manifest.get("feed")
    if not (isinstance(sender, dict) and isinstance(sender.get("origin"), str)
            and isinstance(recipient, dict) and isinstance(recipient.get("origin"), str)
            and (recipient.get("installation_id") is None or isinstance(recipient.get("installation_id"), str))):
        raise _reject("bad_manifest", bad)
    if not (isinstance(feed, dict) and all(_is_int(feed.get(f)) for f in ("from_seq", "to_seq"))
            and all(isinstance(feed.get(f), str) for f in ("epoch", "audience", "prev_hash", "head_hash"))
            and 1 <= feed["from_seq"] <= feed["to_seq"] + 1):
        raise _reject("bad_manifest", bad)
    if not isinstance(manifest.get("schema_revision"), str) or not isinstance(manifest.get("parts"), list):
        raise _reject("bad_manifest", bad)
    audit = manifest.get("audit")
    if audit is not None and not (isinstance(audit, dict) and isinstance(audit.get("prev_hash"), str)):
        raise _reject("bad_manifest", bad)
    return manifest


def _check_sender(manifest: dict, key: KeyInfo) -> None:
    """A trusted key speaks only for its own installation: a post's key cannot sign another post's bundle."""
    sender = manifest["from"]
    if sender["origin"] != key.origin or sender.get("key_id") not in (None, key.key_id) \
            or (key.installation_id and sender.get("installation_id") != key.installation_id):
        raise _reject("wrong_sender", f"This bundle says it comes from {sender['origin']} but is signed with the "
                                      f"key of {key.origin}; it is refused.", origin=key.origin)


def _check_recipient(manifest: dict, me_origin: str, me_installation_id: str | None) -> None:
    recipient = manifest["to"]
    wanted = recipient.get("installation_id")
    if recipient["origin"] != me_origin or (wanted is not None and wanted != me_installation_id):
        raise _reject("wrong_recipient", f"This bundle is addressed to {recipient['origin']}, not to this "
                                         f"installation ({me_origin}).")


def _check_parts(manifest: dict, members: dict[str, bytes]) -> None:
    listed: dict[str, dict] = {}
    for part in manifest["parts"]:
        if not isinstance(part, dict) or part.get("name") not in PARTS or part["name"] in listed:
            raise _reject("bad_part", "The bundle's list of parts is damaged.")
        listed[part["name"]] = part
    if set(listed) != set(members) - {ENVELOPE}:
        raise _reject("bad_part", "The bundle's parts do not match its manifest: a part is missing or added.")
    for name, part in listed.items():
        data = members[name]
        expected_lines = data.count(b"\n") if name.endswith(".jsonl") else None
        if part.get("sha256") != sha256_hex(data) or part.get("bytes") != len(data) \
                or part.get("lines", expected_lines) != expected_lines:
            raise _reject("bad_part", f"{name} in the bundle is not what the sender signed: it was changed or "
                                      "damaged.")


def _check_schema(manifest: dict, known_revisions: Collection[str]) -> None:
    revision = manifest["schema_revision"]
    if revision not in known_revisions:
        raise _reject("newer_schema", f"This bundle was made by a newer version of sitcentre (schema "
                                      f"{_shown(revision)}). Update sitcentre on this computer, then import it "
                                      "again.")


# 9-11: the parts


def _lines(data: bytes, code: str, what: str) -> list[bytes]:
    if not data:
        return []
    if not data.endswith(b"\n") or b"\r" in data:
        raise _reject(code, f"{what} in the bundle is not one JSON object per line.")
    lines = data[:-1].split(b"\n")
    if any(not line for line in lines):
        raise _reject(code, f"{what} in the bundle has an empty line.")
    return lines


def _entries(data: bytes, manifest: dict) -> tuple[list[tuple[bytes, dict]], list[str]]:
    feed, origin = manifest["feed"], manifest["from"]["origin"]
    lines = _lines(data, "bad_entries", ENTRIES)
    if len(lines) != feed["to_seq"] - feed["from_seq"] + 1:
        raise _reject("bad_entries", f"{ENTRIES} holds {len(lines)} entries where the manifest announces "
                                     f"{feed['to_seq'] - feed['from_seq'] + 1}.")
    entries, hashes, prev = [], [], feed["prev_hash"]
    for offset, line in enumerate(lines):
        entry = _json(line, "bad_entries", f"Entry {offset + 1} of the bundle is not valid JSON.")
        if not isinstance(entry, dict) or not all(_typed(entry.get(k), t) for k, t in ENTRY_KEYS.items()):
            raise _reject("bad_entries", f"Entry {offset + 1} of the bundle lacks a field every entry has.")
        if (entry["origin"], entry["epoch"], entry["audience"]) != (origin, feed["epoch"], feed["audience"]):
            raise _reject("bad_entries", f"Entry {offset + 1} of the bundle belongs to another feed than the "
                                         "manifest announces.")
        if entry["seq"] != feed["from_seq"] + offset:
            raise _reject("broken_chain", f"The bundle's entries are not numbered in sequence (entry "
                                          f"{offset + 1} has number {entry['seq']}).")
        if entry["prev"] != prev:
            raise _reject("broken_chain", f"The bundle's entries do not follow one another (entry {entry['seq']}): "
                                          "one was changed, removed or inserted.")
        prev = hashlib.sha256(line).hexdigest()
        entries.append((line, entry))
        hashes.append(prev)
    if prev != feed["head_hash"]:
        raise _reject("broken_chain", "The bundle's last entry is not the one its manifest announces.")
    return entries, hashes


def _audit(data: bytes | None, manifest: dict) -> list[tuple[bytes, dict]]:
    if data is None:
        return []
    lines = _lines(data, "bad_audit", AUDIT)
    if lines and manifest.get("audit") is None:
        raise _reject("bad_audit", "The bundle carries audit entries its manifest does not announce.")
    rows, prev, last_seq = [], (manifest.get("audit") or {}).get("prev_hash"), None
    for offset, line in enumerate(lines):
        row = _json(line, "bad_audit", f"Audit entry {offset + 1} of the bundle is not valid JSON.")
        if not isinstance(row, dict) or not _is_int(row.get("seq")) or not isinstance(row.get("prev_hash"), str) \
                or not isinstance(row.get("hash"), str):
            raise _reject("bad_audit", f"Audit entry {offset + 1} of the bundle lacks its number or hashes.")
        if row["prev_hash"] != prev or (last_seq is not None and row["seq"] <= last_seq):
            raise _reject("bad_audit", f"The sender's audit entries do not follow one another (entry "
                                       f"{row['seq']}): its audit trail was altered.")
        prev, last_seq = row["hash"], row["seq"]
        rows.append((line, row))
    return rows


def _refdata(data: bytes | None) -> dict | None:
    if data is None:
        return None
    refdata = _json(data, "bad_part", f"{REFDATA} in the bundle is not valid JSON.")
    if not isinstance(refdata, dict):
        raise _reject("bad_part", f"{REFDATA} in the bundle is not a reference-data snapshot.")
    return refdata


# helpers


def _json(raw: bytes, code: str, words: str) -> Any:
    """Strict JSON from UTF-8 bytes (no NaN or Infinity); any failure is BundleRejected(code, words)."""
    try:
        return _DECODER.decode(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise _reject(code, words) from exc


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses as infinity, which no canonical JSON can hold
        raise ValueError(f"{text[:20]} is out of range")
    return value


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite_float)  # one, not one per line


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _typed(value: Any, kind: type) -> bool:
    return _is_int(value) if kind is int else isinstance(value, kind)

