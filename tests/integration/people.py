"""Accounts and audit rows for the tests of sign-in, permissions, review and the audit trail."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from sitcentre.db.tables import AuditRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.services.users import UserService
from sitcentre.settings import Settings

PASSWORD = "a long enough secret"


def test_settings(tmp_path: Path, **changes) -> Settings:
    return Settings(data_dir=tmp_path, **changes)


test_settings.__test__ = False  # a builder, not a test


def add_user(engine, settings: Settings, name: str, role: Role | str, post_code: str | None = None,
             password: str | None = None) -> Actor:
    """An account made by the system (no password unless given: hashing costs a tenth of a second)."""
    info = UserService(engine, settings).add(name, role, password, post_code=post_code, actor=SYSTEM)
    return Actor(id=info.id, username=info.username, role=info.role, post_id=info.post_id)


def audit_rows(engine, **where) -> list[AuditRow]:
    with UnitOfWork(engine) as uow:
        query = select(AuditRow).order_by(AuditRow.id)
        for key, value in where.items():
            query = query.where(getattr(AuditRow, key) == value)
        rows = list(uow.session.scalars(query))
        uow.session.expunge_all()
    return rows


def last_audit_id(engine) -> int:
    rows = audit_rows(engine)
    return rows[-1].id if rows else 0


def audit_since(engine, after_id: int) -> list[AuditRow]:
    return [r for r in audit_rows(engine) if r.id > after_id]
