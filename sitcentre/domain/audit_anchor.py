"""An anchor of the audit trail: the chain's head written down outside the database, and what checking the
trail against one found (sitcentre.services.audit_anchor makes and checks them; no I/O here).

Problems and notes carry a code and parameters besides their English words, so the app can word them in
another language (design rule 11).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

ANCHOR_FORMAT = "sitcentre.audit-anchor"
ANCHOR_VERSION = 1
ANCHOR_PAYLOAD_TYPE = "application/vnd.sitcentre.audit-anchor+json;v=1"
CLOCK_SLACK_SECONDS = 60  # a row after the anchored head may be dated this much before the anchor (clocks differ)


@dataclass(frozen=True)
class AnchorStatement:
    """What an anchor says: this database's trail ended at row `head_id` with `head_hash` at `at`."""

    database: str  # where it was read (sitcentre.db.engine.describe_url: never a password)
    origin: str | None  # the installation's origin code, when it has one
    installation_id: str | None
    head_id: int
    head_hash: str
    rows: int  # rows in the chain, the head included
    at: datetime  # when the head was read (UTC)
    by: str  # who anchored it (the audit trail's user name)

    def describe(self) -> str:
        """'row #1234 of 5 May 2026 14:03 UTC' (for messages)."""
        return f"row #{self.head_id}, anchored on {self.at:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True)
class Anchor:
    statement: AnchorStatement
    key_id: str | None = None  # None: unsigned (the installation had no signing key)
    public_key: str | None = None
    signature: str | None = None

    @property
    def signed(self) -> bool:
        return self.signature is not None


@dataclass(frozen=True)
class AnchorFinding:
    """One thing the check found: a problem (the trail does not extend the anchor) or a note."""

    code: str
    text: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor
    problems: tuple[AnchorFinding, ...]  # the first one is the one to tell
    notes: tuple[AnchorFinding, ...]  # who signed it, an unsigned anchor, another database's address
    rows: int  # rows in today's chain (as far as it verified)
    head_id: int | None  # today's head
    head_hash: str

    @property
    def intact(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class AnchorSaved:
    """An anchor written to a file."""

    path: str
    anchor: Anchor


@dataclass(frozen=True)
class LastAnchor:
    """The newest anchor recorded in the audit trail (its audit row)."""

    at: datetime
    head_id: int | None
    by: str
    signed: bool
