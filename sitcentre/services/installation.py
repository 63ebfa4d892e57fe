"""Who this database is: a post's own workstation or a situation centre, and the origin code it writes into
the incident numbers it allocates (services.numbering). Kept small on purpose; issue 12 adds keys and epochs.

A new database is a centre with origin "C" (migration 0006; $SITCENTRE_ORIGIN names another). `sitcentre
install init --role post --origin KZ-KOR` makes it the Kordai post's own installation. The origin cannot be
changed once this installation has numbered incidents (their numbers would no longer say where they were
made, and the old counters would be left behind) unless forced; every change is audited.

Origin codes: a post installation's origin is its post's code; a centre's is 1-8 capital letters or digits
starting with a letter, and never a post's number prefix or code (KOR-KOR-2026-0001 would be ambiguous).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.i18n import _t
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange import signing
from sitcentre.repositories.installation import InstallationRecord, InstallationRepository
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.guard import require_actor
from sitcentre.services.numbering import numbered_by

ROLES = ("post", "centre")
CENTRE_ORIGIN = re.compile(r"[A-Z][A-Z0-9]{0,7}")


class InstallationError(ValueError):
    """A change of the installation that cannot be made as asked; the message is for a person."""


@dataclass(frozen=True)
class Installation:
    id: uuid.UUID
    origin_code: str
    role: str
    created_at: datetime | None
    numbered: int = 0  # incident numbers this origin has allocated here
    epoch: str | None = None  # the feed epoch (issue 12; a new one after a restore from backup)
    key_id: str | None = None  # the signing key's id; None until `install init` made the key pair
    fingerprint: str | None = None  # what another installation's supervisor compares before trusting it


def current(session: Session) -> InstallationRecord | None:
    return InstallationRepository(session).current()


def show(engine: Engine) -> Installation | None:
    with UnitOfWork(engine) as uow:
        row = current(uow.session)
        return _record(uow.session, row) if row is not None else None


def init(engine: Engine, role: str, origin: str, actor: Actor, force: bool = False) -> Installation:
    """Set the role and origin code; refused once this origin has numbered incidents unless `force`."""
    require_actor(actor)
    with UnitOfWork(engine, write=True) as uow:
        after = become(uow.session, role, origin, actor, force=force)
        uow.commit()
    return after


def become(s: Session, role: str, origin: str, actor: Actor, *, force: bool = False,
           before: Installation | None = None) -> Installation:
    """init() in the caller's transaction (services.seed sets a post up from its centre's seed in one).
    `before`: what the installation was, when the caller has already changed the row."""
    origin = (origin or "").strip().upper()
    _check(s, role, origin)
    row = current(s)
    if before is None:
        before = _record(s, row) if row is not None else None
    if before is not None and before.origin_code != origin and before.numbered and not force:
        raise InstallationError(
            f"This installation has already numbered incidents as '{before.origin_code}' "
            f"({before.numbered:,} so far); "
            "changing its origin code would leave those numbers behind. Use --force if this is really wanted.")
    if row is None:
        row = InstallationRepository(s).add(origin, role)
    else:
        row.origin_code, row.role = origin, role
    _ensure_key_and_epoch(row)
    s.flush()
    after = _record(s, row)
    audit.append(s, actor, AuditAction.UPDATE if before else AuditAction.CREATE, "installation", row.id,
                 _audited(before), dict(_audited(after), forced=bool(force and before and before.numbered)))
    return after


def _ensure_key_and_epoch(row: InstallationRecord) -> None:
    """The Ed25519 key pair and the first feed epoch, made once: a re-init keeps both (issue 12)."""
    if not row.private_key:
        row.private_key, row.public_key = signing.generate()
        row.key_id = signing.key_id(row.public_key)
    if row.epoch is None:
        row.epoch, row.epoch_started_at = uuid.uuid4(), utcnow()


def _check(session: Session, role: str, origin: str) -> None:
    if role not in ROLES:
        raise InstallationError(_t("The role must be 'post' or 'centre', not '{role}'.").format(role=role))
    posts = InstallationRepository(session).post_codes()
    codes = {code for code, _ in posts}
    if role == "post":
        if origin not in codes:
            raise InstallationError(_t("A post installation's origin is its post's code (e.g. KZ-KOR); '{origin}' "
                                       "is no post of this database.").format(origin=origin))
        return
    if not CENTRE_ORIGIN.fullmatch(origin):
        raise InstallationError(_t("A centre's origin code is 1 to 8 capital letters or digits starting with a "
                                   "letter (e.g. C, KZC)."))
    if origin in codes or origin in {prefix for _, prefix in posts}:
        raise InstallationError(_t("'{origin}' is already a post's code or number prefix; choose another origin "
                                   "code.").format(origin=origin))


def describe(session: Session, row: InstallationRecord) -> Installation:
    return _record(session, row)


def _record(session: Session, row: InstallationRecord) -> Installation:
    return Installation(row.id, row.origin_code, row.role, row.created_at, numbered_by(session, row.origin_code),
                        str(row.epoch) if row.epoch else None, row.key_id or None,
                        signing.fingerprint(row.public_key) if row.public_key else None)


def _audited(value: Installation | None) -> dict | None:
    return None if value is None else {"origin_code": value.origin_code, "role": value.role, "key_id": value.key_id}
