"""Permission checks for services, with every refusal audited.

A refused action rolls its own transaction back, so the refusal is written to the audit trail in a
transaction of its own, after the refused one has ended (on SQLite a second writer inside the first would
wait for itself). Two ways to use it:

    authorize(engine, actor, Action.POST_SET_STATUS, entity="post", entity_id=post_id, settings=settings)

    with refusals_audited(engine, "incident", incident.id):          # around the unit of work, when the
        with UnitOfWork(engine, write=True) as uow:                   # check needs rows read inside it
            permit(uow.session, actor, Action.INCIDENT_EDIT, post_id=before.post_id, policy=...)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Action, Actor, PermissionDenied, Policy, require
from sitcentre.repositories.users import UserRepository
from sitcentre.services.audit_writing import AuditAction, append_now
from sitcentre.settings import Settings


def policy_of(settings: Settings) -> Policy:
    """The policy of the settings built at start-up (there is no fallback: pass them in)."""
    if not isinstance(settings, Settings):
        raise TypeError("a service needs the Settings built at start-up")
    return Policy(operators_all_posts=settings.operators_all_posts)


def require_actor(actor: object) -> Actor:
    """Every write and permission-checked read acts for an Actor; system work passes Actor.system_actor().
    Called before any unit of work is opened, so a call without one cannot reach the database."""
    if not isinstance(actor, Actor):
        raise TypeError(f"an Actor is required (got {type(actor).__name__}); pass Actor.system_actor(name) "
                        "for system work")
    return actor


def permit(session: Session, actor: Actor, action: Action, post_id: int | None = None,
           policy: Policy = Policy()) -> Actor:
    """Raise PermissionDenied unless the account is still usable and its role NOW allows the action.

    The Actor carries the role and post it had at sign-in; an administrator may have changed them since,
    so both are read again here, in the caller's transaction. Returns the actor as the database has it now,
    for callers that take further decisions by role (what status an edit may leave, ...).
    """
    require_actor(actor)
    current = current_actor(session, actor, action, post_id)
    require(current, action, post_id, policy)
    return current


def current_actor(session: Session, actor: Actor, action: Action | str = "", post_id: int | None = None) -> Actor:
    """The actor with the role and post its account has now; PermissionDenied if it was disabled or removed."""
    if actor.id is None or actor.system:
        return actor
    row = UserRepository(session).access(actor.id)
    if row is None or row.disabled:
        raise PermissionDenied(actor, Action(action) if action else None, "Your account has been disabled or "
                               "removed since you signed in. Ask an administrator.", post_id)
    return replace(actor, role=_role(row.role), post_id=row.post_id)


def _role(value: str | None) -> Role | None:
    try:
        return Role(value)
    except ValueError:  # a role this version does not know (written by a newer one): no powers here
        return None


def record_refusal(engine: Engine, denied: PermissionDenied, entity: str = "", entity_id: object = "") -> None:
    """The refusal's audit row names the role the account had when refused (it may differ from sign-in)."""
    after = {"action": str(denied.action or ""), "message": denied.message,
             "role": denied.actor.role.value if denied.actor.role else None}
    if denied.post_id is not None:
        after["post_id"] = denied.post_id
    append_now(engine, denied.actor, AuditAction.REFUSED, entity, entity_id, None, after)


@contextmanager
def refusals_audited(engine: Engine, entity: str = "", entity_id: object = "") -> Iterator[None]:
    """A PermissionDenied leaving the block is audited (in its own transaction), then raised on."""
    try:
        yield
    except PermissionDenied as denied:
        record_refusal(engine, denied, entity, entity_id)
        raise


def authorize(engine: Engine, actor: Actor, action: Action, post_id: int | None = None, entity: str = "",
              entity_id: object = "", *, settings: Settings) -> None:
    """Check before starting the work: returns when allowed, else audits the refusal and raises it."""
    require_actor(actor)
    policy = policy_of(settings)
    if actor.system:  # work no person does: nothing to check (permit() would say yes without reading)
        return
    with refusals_audited(engine, entity, entity_id):
        with UnitOfWork(engine) as uow:
            permit(uow.session, actor, action, post_id, policy)
