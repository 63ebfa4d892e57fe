"""Canonical JSON, revision ids and field differences of exchanged records.

A record's *content* is a JSON object (str keys; values str, int, float, bool, None, or for an incident's
"lines" an object of line id -> line object). Its canonical bytes are compact, key-sorted UTF-8 JSON; a
revision id is "N-<32 hex>" with N the parent's N + 1 and the hex the first 32 digits of
SHA-256(parent rev + canonical bytes). The writer computes a rev once and nobody re-derives it; identical
edits from one parent get the same rev and converge (as in CouchDB).

Fields for conflict detection are the content's top-level keys, except "lines", whose entries are one field
each ("lines/<line id>"): two people editing different lines of one incident merge; the same line conflicts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

LINES = "lines"
LINE_PREFIX = "lines/"
MISSING = None  # a field absent on one side (a line added or removed) compares as None


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rev_number(rev: str | None) -> int:
    """N of "N-hex" (0 for None or a legacy 'L-...' revision)."""
    if not rev:
        return 0
    head = rev.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def make_rev(parent_rev: str | None, content: Mapping[str, Any] | None, *, deleted: bool = False) -> str:
    """The revision id of a version made from `parent_rev` with `content` (None and deleted for a tombstone)."""
    body = b"\x00deleted" if deleted else canonical_bytes(content)
    digest = sha256_hex((parent_rev or "").encode("ascii") + b"\x00" + body)[:32]
    return f"{rev_number(parent_rev) + 1}-{digest}"


def fields(content: Mapping[str, Any] | None) -> dict[str, Any]:
    """The content flattened into conflict fields: top-level keys, and one "lines/<id>" per line."""
    if not content:
        return {}
    flat = {key: value for key, value in content.items() if key != LINES}
    for line_id, line in (content.get(LINES) or {}).items():
        flat[LINE_PREFIX + line_id] = line
    return flat


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of fields(): lines whose value is None (removed) are left out."""
    content: dict[str, Any] = {LINES: {}}
    for key, value in flat.items():
        if key.startswith(LINE_PREFIX):
            if value is not None:
                content[LINES][key[len(LINE_PREFIX):]] = value
        else:
            content[key] = value
    return content


def changed_fields(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, list]:
    """{field: [old value, new value]} for every field that differs (a missing field counts as None)."""
    a, b = fields(old), fields(new)
    changed = {}
    for key in sorted(a.keys() | b.keys()):
        before, after = a.get(key, MISSING), b.get(key, MISSING)
        if canonical_bytes(before) != canonical_bytes(after):
            changed[key] = [before, after]
    return changed
