"""Peer centres (issue 13, item 6; docs/exchange.md "Between countries"): another country's centre or the regional
centre this centre exchanges bundles with, and the sharing policy that says what leaves for it
(`sitcentre install peer --origin KGC --policy regional-default`). The peer's key is trusted as any other
(`sitcentre keys trust`, role centre)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from sitcentre.db.tables import PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Actor
from sitcentre.exchange import sharing
from sitcentre.repositories import peer_feed
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.guard import require_actor
from sitcentre.services.keys import own_identity


class PeerError(ValueError):
    """A peer that cannot be set as asked; the message is for a person."""


@dataclass(frozen=True)
class Peer:
    origin: str
    policy: str
    version: int
    enabled: bool


def set_peer(engine: Engine, origin: str, policy: str | None = None, *, actor: Actor) -> Peer:
    """Make `origin` a peer centre of this centre under `policy` (sharing.DEFAULT when None); audited."""
    require_actor(actor)
    origin = (origin or "").strip().upper()
    try:
        chosen = sharing.latest(policy)
    except sharing.PolicyError as exc:
        raise PeerError(str(exc)) from exc
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        me = own_identity(s)
        if me.role != "centre":
            raise PeerError(_t("Only a situation centre has peer centres; a post exchanges with its own centre."))
        if not origin or len(origin) > 16:
            raise PeerError(_t("Name the peer centre by its origin code (as in its key file), at most 16 "
                               "characters."))
        if origin == me.origin:
            raise PeerError(_t("{origin} is this centre itself.").format(origin=origin))
        if s.scalar(select(PostRow.id).where(PostRow.code == origin)) is not None:
            raise PeerError(_t("{origin} is a post: a peer is another country's centre or the regional "
                               "centre.").format(origin=origin))
        before, now = peer_feed.save_peer(s, origin, chosen.name)
        audit.append(s, actor, AuditAction.UPDATE, "exchange_link", origin, {"sharing_policy": before},
                     {"sharing_policy": now, "version": chosen.version})
        uow.commit()
    return Peer(origin, chosen.name, chosen.version, True)


def list_peers(engine: Engine) -> list[Peer]:
    with UnitOfWork(engine) as uow:
        found = peer_feed.peers(uow.session)
    result = []
    for origin, name, enabled in found:
        try:
            version = sharing.latest(name).version
        except sharing.PolicyError:
            version = 0
        result.append(Peer(origin, name, version, enabled))
    return result
