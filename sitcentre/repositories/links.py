"""Links to other installations (exchange_links, migration 0008): where a peer is reached online, its pinned
certificate, the sharing policy, and the state of the last sync attempts. Rows in, frozen dataclasses out;
services.sync_client decides what the state becomes."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitcentre.db.tables import ExchangeLinkRow


@dataclass(frozen=True)
class Link:
    """One peer: its address (None: files only), pinned certificate (PEM), sharing policy and sync state."""

    origin: str
    url: str | None = None
    cert_pem: str | None = None
    sharing_policy: str | None = None
    enabled: bool = True
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_heard_at: datetime | None = None
    last_error: str = ""
    failures: int = 0
    next_attempt_at: datetime | None = None

    @property
    def online(self) -> bool:
        """Reached over the network: an address is set and the link is switched on."""
        return bool(self.url) and self.enabled


ADDRESS_FIELDS = ("url", "cert_pem", "enabled")
STATE_FIELDS = ("last_attempt_at", "last_success_at", "last_heard_at", "last_error", "failures", "next_attempt_at")
_COLUMNS = tuple(f.name for f in fields(Link))


class LinkRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, origin: str, for_update: bool = False) -> Link | None:
        query = select(ExchangeLinkRow).where(ExchangeLinkRow.origin == origin)
        row = self.session.scalars(query.with_for_update() if for_update else query).first()
        return _link(row) if row is not None else None

    def all(self) -> list[Link]:
        return [_link(row) for row in self.session.scalars(select(ExchangeLinkRow).order_by(ExchangeLinkRow.origin))]

    def online(self) -> list[Link]:
        """The links with an address, switched on or not (a person may switch one off for a while)."""
        query = select(ExchangeLinkRow).where(ExchangeLinkRow.url.is_not(None)).order_by(ExchangeLinkRow.origin)
        return [_link(row) for row in self.session.scalars(query)]

    def save_address(self, origin: str, *, url: str | None, cert_pem: str | None, enabled: bool = True) -> Link:
        """Set where the peer is reached (a new row, or the address of an existing one: its policy kept). A new
        address starts with a clean state: the failures of another address say nothing about this one."""
        row = self.session.get(ExchangeLinkRow, origin)
        if row is None:
            row = ExchangeLinkRow(origin=origin, last_error="", failures=0)
            self.session.add(row)
        if row.url != url or row.cert_pem != cert_pem:
            row.failures, row.last_error, row.next_attempt_at = 0, "", None
        row.url, row.cert_pem, row.enabled = url, cert_pem, bool(enabled)
        self.session.flush()
        return _link(row)

    def save_state(self, origin: str, **state) -> Link:
        """Record the outcome of an attempt (any of STATE_FIELDS); the row must exist."""
        unknown = set(state) - set(STATE_FIELDS)
        if unknown:
            raise TypeError(f"not sync state: {sorted(unknown)}")
        row = self.session.get(ExchangeLinkRow, origin)
        if row is None:
            raise LookupError(f"no link to {origin}")
        for name, value in state.items():
            setattr(row, name, value)
        self.session.flush()
        return _link(row)


def _link(row: ExchangeLinkRow) -> Link:
    values = {name: getattr(row, name) for name in _COLUMNS}
    values["enabled"] = True if values["enabled"] is None else bool(values["enabled"])
    values["last_error"] = values["last_error"] or ""
    values["failures"] = values["failures"] or 0
    return Link(**values)
