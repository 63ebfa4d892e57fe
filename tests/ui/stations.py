"""Builders shared by the sign-in, review and audit tests: a workstation signed in as someone, incidents
recorded as another workstation would, and the table's rows."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sitcentre.backend import Backend
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import Settings
from tests.integration.helpers import SETTINGS, ids, incident
from ui.incidents.incident_model import ROW_ROLE
from ui.shell.workstation import Workstation

WHEN = datetime(2026, 3, 10, 6, 30, tzinfo=UTC)
LOAD_TIMEOUT_MS = 15_000


def make_station(qtbot, engine, actor: Actor, settings: Settings | None = None) -> Workstation:
    """The real workstation on a desk of `actor`, without the live feed (the change hub refreshes the table
    after its own writes). Without `settings`, defaults with a data folder of its own (preferences)."""
    settings = settings or Settings(data_dir=Path(tempfile.mkdtemp(prefix="sitcentre-station-")))
    ws = Workstation(Backend(engine, settings).desk(actor), live=False)
    qtbot.addWidget(ws.window)
    ws.window.resize(1300, 800)
    ws.window.show()
    qtbot.waitUntil(lambda: ws.reference is not None and not ws.runner.pending(), timeout=LOAD_TIMEOUT_MS)
    return ws


def record(engine, post_code: str = "KG-DOS", when: datetime = WHEN, kg: float = 4.2, substance: str = "heroin",
           status: IncidentStatus = IncidentStatus.REPORTED):
    """An incident saved by the system, as another workstation or an import would."""
    posts, subs = ids(engine)
    return IncidentService(engine, SETTINGS).record(
        incident(posts[post_code], when, (subs[substance], kg, Unit.KG), status=status), actor=SYSTEM)


def rows(ws) -> list:
    model = ws.panel.model
    return [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def wait_rows(qtbot, ws, count: int) -> None:
    qtbot.waitUntil(lambda: len(rows(ws)) == count and all(r is not None for r in rows(ws)), timeout=LOAD_TIMEOUT_MS)


def select(ws, incident_id) -> None:
    row = ws.panel.model.find_row(incident_id)
    assert row is not None
    ws.panel.view.selectRow(row)


def status_in_table(ws, incident_id) -> IncidentStatus | None:
    row = ws.panel.model.find_row(incident_id)
    return None if row is None else IncidentStatus(ws.panel.model.index(row, 0).data(ROW_ROLE).status)
