"""Bundles for the bundle-format tests: a valid one made by build(), and the means to take one apart and put
it together again wrong (a member changed, duplicated, renamed; a manifest signed as it is)."""

from __future__ import annotations

import base64
import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass, field

from sitcentre.exchange import bundle, signing
from sitcentre.exchange.canonical import canonical_bytes

SENDER, ME = "KZ-KOR", "C"
EPOCH = "6b1f7d1e-3c1a-4a53-9a1e-0d6c2f1b9a77"
SCHEMAS = frozenset({"0006", "0007"})
PRIVATE, PUBLIC = signing.generate()
KEY_ID = signing.key_id(PUBLIC)
TRUSTED = signing.KeyInfo(KEY_ID, PUBLIC, SENDER, "post", "trusted", "inst-kor")


def entry_line(seq: int, prev: str, **fields) -> bytes:
    entry = {"v": 1, "origin": SENDER, "epoch": EPOCH, "audience": "*", "seq": seq, "prev": prev,
             "kind": "incident", "op": "upsert", "id": f"00000000-0000-4000-8000-{seq:012d}", "rev": f"1-{seq:032x}",
             "parent": None, "merge": None, "by": SENDER, "author": "officer1",
             "device_time": "2026-11-29T08:12:00.000000+00:00", "changed": {"narrative": ["", f"seen {seq}"]},
             "row": {"narrative": f"seen {seq}", "lines": {"a": {"quantity": 12.4}}}}
    entry.update(fields)
    return canonical_bytes(entry)


def chain(first_seq: int, count: int, prev: str = "") -> tuple[list[bytes], str]:
    lines = []
    for seq in range(first_seq, first_seq + count):
        line = entry_line(seq, prev)
        lines.append(line)
        prev = hashlib.sha256(line).hexdigest()
    return lines, prev


def audit_lines(count: int, prev: str = "") -> tuple[list[bytes], str]:
    lines = []
    for seq in range(5001, 5001 + count):
        digest = hashlib.sha256(f"{prev}{seq}".encode()).hexdigest()
        lines.append(canonical_bytes({"seq": seq, "prev_hash": prev, "hash": digest, "action": "incident.create"}))
        prev = digest
    return lines, prev


def manifest(from_seq: int, to_seq: int, prev_hash: str, head_hash: str, **overrides) -> dict:
    value = {"from": {"installation_id": "inst-kor", "origin": SENDER, "role": "post", "epoch": EPOCH,
                      "key_id": KEY_ID, "public_key": PUBLIC, "app_version": "0.12"},
             "to": {"origin": ME, "installation_id": None},
             "created_at_device": "2026-11-29T09:00:00.000000+00:00", "schema_revision": "0007",
             "refdata_version": "r1",
             "feed": {"audience": "*", "epoch": EPOCH, "from_seq": from_seq, "to_seq": to_seq,
                      "prev_hash": prev_hash, "head_hash": head_hash},
             "acks": [], "counts": {"incident": to_seq - from_seq + 1}}
    value.update(overrides)
    return value


@dataclass
class Sample:
    data: bytes
    bundle_id: str
    manifest: dict
    lines: list[bytes]
    audit: list[bytes] = field(default_factory=list)


def sample(count: int = 3, *, first_seq: int = 1, prev: str = "", with_audit: bool = False,
           refdata: dict | None = None, private_key: str = PRIVATE, public_key: str = PUBLIC,
           **overrides) -> Sample:
    lines, head = chain(first_seq, count, prev)
    extra = {}
    parts = {bundle.ENTRIES: bundle.jsonl(lines)}
    audit: list[bytes] = []
    if with_audit:
        audit, audit_head = audit_lines(3, "f" * 64)
        parts[bundle.AUDIT] = bundle.jsonl(audit)
        extra["audit"] = {"from_seq": 5001, "to_seq": 5003, "prev_hash": "f" * 64}
        extra["audit_head"] = {"epoch": EPOCH, "seq": 5003, "hash": audit_head}
    if refdata is not None:
        parts[bundle.REFDATA] = canonical_bytes(refdata)
    value = manifest(first_seq, first_seq + count - 1, prev, head, **extra)
    value["from"] = {**value["from"], "public_key": public_key, "key_id": signing.key_id(public_key)}
    value.update(overrides)
    data, bundle_id, final = bundle.build(value, parts, private_key=private_key)
    return Sample(data, bundle_id, final, lines, audit)


def registry(*known: signing.KeyInfo):
    table = {key.key_id: key for key in known}
    return table.get


def open_(data: bytes, *, keys=None, me_origin: str = ME, me_installation_id: str | None = "inst-c",
          limits: bundle.Limits = bundle.Limits()) -> bundle.Opened:
    return bundle.open_bundle(data, keys=keys or registry(TRUSTED), me_origin=me_origin,
                              me_installation_id=me_installation_id, known_revisions=SCHEMAS, limits=limits)


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(items: list[tuple[str | zipfile.ZipInfo, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of exactly these members, in this order, duplicates and odd names included."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return buffer.getvalue()


def replaced(data: bytes, name: str, content: bytes) -> bytes:
    return rezip([(n, content if n == name else d) for n, d in members(data)])


def signed_envelope(payload: bytes, *, private_key: str = PRIVATE, payload_type: str = signing.BUNDLE_PAYLOAD_TYPE,
                    keyid: str | None = None) -> bytes:
    return canonical_bytes({"payloadType": payload_type, "payload": base64.b64encode(payload).decode("ascii"),
                            "signatures": [{"keyid": keyid or signing.key_id(signing.public_of(private_key)),
                                            "sig": signing.sign(private_key, payload_type, payload)}]})


def with_manifest_bytes(data: bytes, payload: bytes, **kwargs) -> bytes:
    """The same parts under another manifest, signed by the sender as it is."""
    return replaced(data, bundle.ENVELOPE, signed_envelope(payload, **kwargs))


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]
