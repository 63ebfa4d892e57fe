"""How known (issue 10, item 11): "counted", and a line's own mass per tablet when a laboratory knows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import AmountBasis, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import Incident, SeizureLine, utcnow
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids


def _tramadol(engine, quantity: float, mass: float | None, basis=AmountBasis.COUNTED) -> Incident:
    posts, subs = ids(engine)
    line = SeizureLine(subs["tramadol"], quantity, Unit.TABLETS, basis, mass_per_tablet_mg=mass)
    return Incident(post_id=posts["KZ-KOR"], occurred_at=utcnow() - timedelta(hours=1), lines=(line,))


def test_a_counted_tablet_line_with_its_own_mass_uses_it_for_the_kg_equivalent_and_the_rule(engine):
    saved = IncidentService(engine, SETTINGS).record(_tramadol(engine, 1000, 150), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        stored = IncidentRepository(uow.session).get(saved.id)
    line = stored.lines[0]
    assert line.basis is AmountBasis.COUNTED and line.mass_per_tablet_mg == 150
    assert line.kg_equivalent == pytest.approx(0.15)  # the substance's default (200 mg) would give 0.2
    assert line.conversion == "1,000 tablets x 150 mg measured for this line = 0.15 kg"
    assert stored.total_kg == pytest.approx(0.15)


def test_a_tablet_line_without_its_own_mass_keeps_the_substance_default(engine):
    saved = IncidentService(engine, SETTINGS).record(_tramadol(engine, 1000, None), actor=SYSTEM)
    assert saved.lines[0].kg_equivalent == pytest.approx(0.2)
    assert saved.lines[0].conversion == "1,000 tablets x 200 mg = 0.2 kg"


def test_editing_the_mass_per_tablet_recomputes_the_kg_equivalent(engine):
    service = IncidentService(engine, SETTINGS)
    saved = service.record(_tramadol(engine, 1000, None), actor=SYSTEM)
    line = saved.lines[0]
    edited = service.update(replace(saved, lines=(replace(line, mass_per_tablet_mg=300.0),)), actor=SYSTEM)
    assert edited.lines[0].kg_equivalent == pytest.approx(0.3)


@pytest.mark.parametrize("mass", [0.5, 2001, float("nan")])
def test_a_mass_per_tablet_outside_1_to_2000_mg_is_refused(engine, mass):
    with pytest.raises(ValidationError) as refused:
        IncidentService(engine, SETTINGS).record(_tramadol(engine, 1000, mass), actor=SYSTEM)
    assert [p.field for p in refused.value.problems] == ["lines[0].mass_per_tablet_mg"]
    assert "from 1 to 2,000 mg" in refused.value.problems[0].message
