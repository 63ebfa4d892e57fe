"""Small builders shared by the integration tests."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from sitcentre.db.tables import PostRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.records import Incident, SeizureLine


def ids(engine) -> tuple[dict[str, int], dict[str, int]]:
    """Post ids by code and substance ids by code."""
    with UnitOfWork(engine) as uow:
        posts = dict(uow.session.execute(select(PostRow.code, PostRow.id)).all())
        subs = dict(uow.session.execute(select(SubstanceRow.code, SubstanceRow.id)).all())
    return posts, subs


def incident(post_id: int, when: datetime, *lines: tuple[int, float, Unit | str],
             status: IncidentStatus = IncidentStatus.REPORTED, **fields) -> Incident:
    return Incident(
        post_id=post_id, occurred_at=when, reported_at=when, status=status,
        lines=tuple(SeizureLine(substance_id=s, quantity=q, unit=Unit(u)) for s, q, u in lines), **fields,
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)
