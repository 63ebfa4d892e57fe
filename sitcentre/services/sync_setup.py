"""Where the centre is reached online (issue 13, item 5): the link's address and pinned certificate, set by a
person (`sitcentre sync --centre URL --ca FILE`, Tools -> Online sync...), and the state a person sees.

At a post the peer is its centre: the origin of the centre key this post trusts. The address must be https
(the bundles travel in TLS; the post trusts the pinned certificate and nothing else). Setting it is audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import utcnow
from sitcentre.repositories.keys import KeyRepository
from sitcentre.repositories.links import Link, LinkRepository
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.guard import authorize, require_actor
from sitcentre.services.keys import ExchangeNotReady, own_identity
from sitcentre.services.sync_http import PinnedCertificateError, fingerprint, pinned_context
from sitcentre.settings import Settings

log = logging.getLogger(__name__)
PEM_MAX_BYTES = 256 * 1024  # a certificate (or a short chain) is a few kB


class SyncSetupError(OperatorError, ValueError):
    """The link cannot be set or used as asked; the message is for a person."""


@dataclass(frozen=True)
class SyncState:
    """The link to the centre as a person sees it (Tools -> Online sync..., the status bar)."""

    origin: str
    url: str | None
    enabled: bool
    certificate: str             # SHA-256 fingerprint of the pinned certificate, "" when none
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_heard_at: datetime | None
    last_error: str
    failures: int
    next_attempt_at: datetime | None

    @property
    def configured(self) -> bool:
        return bool(self.url) and bool(self.certificate)

    @property
    def due_at(self) -> datetime | None:
        """When the next round should run (None: never, the link is off or not set); a link never tried is due
        now, which the scheduler reads as 'at once'."""
        if not self.configured or not self.enabled:
            return None
        return self.next_attempt_at or utcnow()


def state_of(link: Link) -> SyncState:
    try:
        certificate = fingerprint(link.cert_pem) if link.cert_pem else ""
    except ValueError:
        certificate = ""
    return SyncState(link.origin, link.url, link.enabled, certificate, link.last_attempt_at, link.last_success_at,
                     link.last_heard_at, link.last_error, link.failures, link.next_attempt_at)


def centre_origin(session: Session) -> str:
    """The peer a post syncs with: the origin of a link already set, else of the centre key it trusts."""
    me = own_identity(session)
    links = LinkRepository(session).online()
    if len(links) == 1:
        return links[0].origin
    if me.role != "post":
        raise SyncSetupError(_t("Online sync runs at a post: a centre is reached by its posts ('sitcentre "
                                "serve')."))
    centres = sorted({k.origin for k in KeyRepository(session).in_states("trusted") if k.role == "centre"})
    if not centres:
        raise SyncSetupError(_t("This post trusts no centre's key yet: import the centre's key file and trust it "
                                "('sitcentre keys trust FILE') before syncing."))
    if len(centres) > 1:
        raise SyncSetupError(_t("This post trusts the keys of several centres ({centres}); the online sync needs "
                                "exactly one.").format(centres=", ".join(centres)))
    return centres[0]


def check_url(url: str) -> str:
    """'https://host[:port]' (a trailing slash dropped); anything else refused in words."""
    text = (url or "").strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme.lower() != "https":
        if not text:
            raise SyncSetupError(_t("The centre's address must begin with https:// (got 'nothing'): the bundles "
                                    "travel encrypted."))
        raise SyncSetupError(_t("The centre's address must begin with https:// (got {got}): the bundles travel "
                                "encrypted.").format(got=repr(text)))
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1 or parts.path or parts.query or parts.fragment or parts.username:
        raise SyncSetupError(_t("{got} is not an address of the form https://HOST:PORT.").format(got=repr(text)))
    return text


def read_certificate(path: str | Path) -> str:
    """The PEM text of the certificate to pin, checked (it must load as a trust anchor)."""
    path = Path(path).expanduser()
    try:
        if path.stat().st_size > PEM_MAX_BYTES:
            raise SyncSetupError(_t("{path} is too large to be a certificate.").format(path=path))
        pem = path.read_text(encoding="ascii", errors="strict")
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncSetupError(_t("The certificate file {path} cannot be read: {problem}.").format(
            path=path, problem=getattr(exc, "strerror", None) or exc)) from exc
    try:
        pinned_context(pem)
    except PinnedCertificateError as exc:
        raise SyncSetupError(f"{path}: {exc}") from exc
    return pem


def configure(engine: Engine, settings: Settings, *, actor: Actor, url: str, cert_pem: str | None = None,
              enabled: bool = True, origin: str | None = None) -> Link:
    """Store the centre's address and pinned certificate (cert_pem None keeps the one stored). Audited."""
    require_actor(actor)
    url = check_url(url)
    authorize(engine, actor, Action.EXCHANGE_EXPORT, entity="exchange_link", entity_id=origin or "",
              settings=settings)
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        peer = origin or centre_origin(s)
        repo = LinkRepository(s)
        before = repo.get(peer)
        pem = cert_pem if cert_pem is not None else (before.cert_pem if before else None)
        if not pem:
            raise SyncSetupError(_t("Give the centre's certificate (a PEM file, --ca FILE): the post trusts that "
                                    "certificate and no other."))
        link = repo.save_address(peer, url=url, cert_pem=pem, enabled=enabled)
        if before is None or (before.url, before.cert_pem, before.enabled) != (link.url, link.cert_pem, link.enabled):
            audit.append(s, actor, AuditAction.UPDATE, "exchange_link", peer, _audited(before), _audited(link))
        uow.commit()
    log.info("online sync with %s at %s (%s)", link.origin, link.url, "on" if link.enabled else "off")
    return link


def link(engine: Engine) -> Link | None:
    """The link to the centre, or None when none is set (or this installation cannot tell its centre)."""
    with UnitOfWork(engine) as uow:
        try:
            peer = centre_origin(uow.session)
        except (SyncSetupError, ExchangeNotReady):  # not a post, no centre trusted, no key yet: no link
            return None
        return LinkRepository(uow.session).get(peer)


def _audited(link: Link | None) -> dict | None:
    if link is None:
        return None
    return {"url": link.url, "enabled": link.enabled, "certificate": state_of(link).certificate}
