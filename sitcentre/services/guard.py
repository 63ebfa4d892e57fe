"""Permission checks for services, with every refusal audited.

A refused action rolls its own transaction back, so the refusal is written to the audit trail in a
transaction of its own, after the refused one has ended (on SQLite a second writer inside the first would
wait for itself). Two ways to use it:

    authorize(engine, actor, Action.POST_SET_STATUS, entity="post", entity_id=post_id)   # before the work

    with refusals_audited(engine, "incident", incident.id):          # around the unit of work, when the
        with UnitOfWork(engine, write=True) as uow:                   # check needs rows read inside it
            permit(uow.session, actor, Action.INCIDENT_EDIT, post_id=before.post_id, policy=...)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Action, Actor, PermissionDenied, Policy, require
from sitcentre.services import audit
from sitcentre.settings import Settings, load_settings


def policy_of(settings: Settings | None) -> Policy:
    settings = settings or load_settings()
    return Policy(operators_all_posts=settings.operators_all_posts)


def permit(session: Session, actor: Actor, action: Action, post_id: int | None = None,
           policy: Policy = Policy()) -> None:
    """Raise PermissionDenied unless the actor's account is still usable and its role allows the action."""
    if actor.id is not None and not actor.system:
        disabled = session.scalar(select(UserRow.disabled).where(UserRow.id == actor.id))
        if disabled is None or disabled:
            raise PermissionDenied(actor, Action(action), "Your account has been disabled or removed since you "
                                   "signed in. Ask an administrator.", post_id)
    require(actor, action, post_id, policy)


def record_refusal(engine: Engine, denied: PermissionDenied, entity: str = "", entity_id: object = "") -> None:
    after = {"action": str(denied.action), "message": denied.message}
    if denied.post_id is not None:
        after["post_id"] = denied.post_id
    audit.append_now(engine, denied.actor, audit.AuditAction.REFUSED, entity, entity_id, None, after)


@contextmanager
def refusals_audited(engine: Engine, entity: str = "", entity_id: object = "") -> Iterator[None]:
    """A PermissionDenied leaving the block is audited (in its own transaction), then raised on."""
    try:
        yield
    except PermissionDenied as denied:
        record_refusal(engine, denied, entity, entity_id)
        raise


def authorize(engine: Engine, actor: Actor, action: Action, post_id: int | None = None, entity: str = "",
              entity_id: object = "", settings: Settings | None = None) -> None:
    """Check before starting the work: returns when allowed, else audits the refusal and raises it."""
    with refusals_audited(engine, entity, entity_id):
        with UnitOfWork(engine) as uow:
            permit(uow.session, actor, action, post_id, policy_of(settings))
