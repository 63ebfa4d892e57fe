"""How the incident form and its dialogs name posts and amounts. UI-only text helpers, no data access.

The reference lists themselves come from the desk (`desk.reference.load()` -> sitcentre.domain.reference
.ReferenceData), times and offsets from sitcentre.domain.days (`offset_text`, `local_text`: the one format).
"""

from __future__ import annotations

from sitcentre.domain.records import Post


def post_label(post: Post) -> str:
    """How a post appears in lists: its name and the border it sits on."""
    return f"{post.name} ({post.border})"


def fmt_number(value: float) -> str:
    """1,000 / 0.25 / 12.5: the style of the kg conversion text, without trailing zeros."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text or "0"
