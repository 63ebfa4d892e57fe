"""Fixtures and helpers shared by the incident form's tests (test_incident_form, test_form_times,
test_form_numbers, test_form_keyboard): the form opened as an operator would see it, reference data with or
without a database, and reading back what was stored.

Test modules import the fixtures they use (`runner`, `reference`) from here.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sitcentre.backend import Backend, Desk
from sitcentre.db.errors import describe
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import PostStatus, Unit
from sitcentre.domain.records import Country, Incident, Post, SeizureLine, Substance, border_of
from sitcentre.domain.reference import ReferenceData
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import reference_data
from sitcentre.settings import Settings
from ui.common.tasks import TaskRunner
from ui.incidents.incident_form import IncidentForm

SAVE_TIMEOUT_MS = 15_000


@pytest.fixture
def runner():
    tasks = TaskRunner(lambda exc: str(describe(exc)))
    yield tasks
    tasks.shutdown()


def desk_for(engine, name: str = "operator") -> Desk:
    """A desk over `engine` acting as the system under `name` (None: a desk with no database behind it, for
    forms that never save or whose service is replaced)."""
    backend = Backend(engine if engine is not None else object(), Settings(data_dir=Path(tempfile.gettempdir())))
    return backend.system_desk(name)


@pytest.fixture
def reference(engine) -> ReferenceData:
    return desk_for(engine).reference.load()  # the test thread may query; only the GUI thread may not


def offline_reference() -> ReferenceData:
    """The seeded reference data without a database, for tests that never save."""
    offsets = {code: minutes for code, _, minutes in reference_data.COUNTRIES}
    return ReferenceData(
        posts=tuple(Post(n, code, name, crossing, own, other, border_of(own, other), lat, lon, offsets[own],
                         PostStatus.OPERATIONAL, "", None, None)
                    for n, (code, name, crossing, own, other, lat, lon) in enumerate(reference_data.POSTS, 1)),
        substances=tuple(Substance(n, *row) for n, row in enumerate(reference_data.SUBSTANCES, 1)),
        countries=tuple(Country(*row) for row in reference_data.COUNTRIES),
    )


def make_form(qtbot, runner, engine, reference, incident: Incident | None = None) -> IncidentForm:
    form = IncidentForm(runner, desk_for(engine), reference, incident)  # saves as the system, named "operator"
    form.discard_questions = 0

    def discard() -> bool:  # stands in for the modal question; tests set the answer
        form.discard_questions += 1
        return getattr(form, "discard_answer", True)

    form.confirm_discard = discard
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()  # shortcuts (Ctrl+S, Ctrl+L, Esc) and focus need the active window
    qtbot.waitUntil(form.isActiveWindow)
    return form


def post_id(reference: ReferenceData, code: str) -> int:
    return next(p.id for p in reference.posts if p.code == code)


def substance_id(reference: ReferenceData, code: str) -> int:
    return next(s.id for s in reference.substances if s.code == code)


def type_quantity(qtbot, row, text: str) -> None:
    row.quantity.selectAll()
    qtbot.keyClicks(row.quantity, text)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def stored(engine, incident_id) -> Incident | None:
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


def incident_count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).count()


def saved_incident(engine, reference, **changes) -> Incident:
    """An incident recorded through the service, as another workstation would."""
    when = datetime(2026, 3, 10, 6, 30, tzinfo=UTC)
    incident = Incident(
        post_id=post_id(reference, "KG-DOS"), occurred_at=when, reported_at=when + timedelta(hours=1),
        lines=(SeizureLine(substance_id(reference, "heroin"), 4.2, Unit.KG),), narrative="Car stopped at Dostuk.",
    )
    return desk_for(engine, "someone").incidents.record(replace(incident, **changes)).value


def save_and_wait(qtbot, form: IncidentForm) -> None:
    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        assert form.save()


