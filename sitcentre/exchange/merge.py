"""Three-way comparison of record versions (no database): what each side changed from their common base, and
whether the two edits merge ("parallel": different fields) or conflict (the same field, other values).

Contents are the canonical dicts of sitcentre.exchange.canonical; fields are its flattened fields (top-level
keys and "lines/<id>").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sitcentre.exchange.canonical import canonical_bytes, changed_fields, fields, unflatten


@dataclass(frozen=True)
class Comparison:
    ours: dict[str, list]    # field -> [base value, our value]
    theirs: dict[str, list]  # field -> [base value, their value]
    overlap: tuple[str, ...]  # fields both changed to different values: a conflict when not empty
    merged: dict[str, Any] | None  # the merged content when there is no overlap

    @property
    def conflict(self) -> bool:
        return bool(self.overlap)


def compare(base: Mapping[str, Any] | None, ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> Comparison:
    mine, other = changed_fields(base, ours), changed_fields(base, theirs)
    overlap = tuple(sorted(f for f in mine.keys() & other.keys()
                           if canonical_bytes(mine[f][1]) != canonical_bytes(other[f][1])))
    merged = None
    if not overlap:
        flat = fields(ours)
        for field, (_, value) in other.items():
            flat[field] = value
        merged = unflatten(flat)
    return Comparison(mine, other, overlap, merged)
