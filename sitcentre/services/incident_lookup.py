"""Find incidents the way people name them: by number (KOR-2026-0412, or just 0412), post or substance.

For the screens that point at an incident (an alert's related incident, the alerts list): they show the
incident's number, post, local time and substances, never its 32-digit id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.repositories.incident_query import IncidentFilter, IncidentListRow, Sort
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex

PICK_LIMIT = 30


def find_incidents(engine: Engine, text: str, limit: int = PICK_LIMIT) -> list[IncidentListRow]:
    """The latest incidents matching the words (all of them: number, post name, substances, narrative...);
    with no words, the latest incidents."""
    with UnitOfWork(engine) as uow:
        index = KeysetIndex(IncidentFilter(text=text), Sort("occurred", descending=True), page_size=limit)
        return IncidentRepository(uow.session).window(index, 0, limit)


def incidents_by_id(engine: Engine, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, IncidentListRow]:
    """The list rows of these incidents (those that exist here: an alert may name one not arrived yet)."""
    wanted = list(dict.fromkeys(i for i in ids if i is not None))
    if not wanted:
        return {}
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).list_rows(wanted)
