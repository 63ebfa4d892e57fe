"""validate_incident's quick path (_plainly_valid, used for every row of a spreadsheet import) never passes an
incident the full rules would refuse, and does pass the plain valid ones (else it would save nothing)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from sitcentre.domain import validation
from sitcentre.domain.conversion import kg_of, to_kg
from sitcentre.domain.enums import AmountBasis, Direction, IncidentStatus, IncidentType, Unit
from sitcentre.domain.records import SeizureLine
from tests.unit.test_validation import NOW, SUBSTANCES, TRAMADOL, seizure

EARLY = datetime(1969, 12, 31, 23, 59, tzinfo=UTC)
LINE = SeizureLine(1, 2.5, Unit.KG)

VALID = [
    seizure(),
    seizure(reported_at=None),
    seizure(occurred_at=NOW + validation.CLOCK_SKEW, reported_at=NOW + validation.CLOCK_SKEW),
    seizure(occurred_at=datetime(1970, 1, 1, tzinfo=UTC)),
    seizure(occurred_at=datetime(2026, 3, 15, 14, 0, tzinfo=timezone(timedelta(hours=5)))),
    seizure(lines=(SeizureLine(TRAMADOL.id, 2000, Unit.TABLETS),)),
    seizure(lines=(SeizureLine(TRAMADOL.id, 2000.0, Unit.TABLETS, mass_per_tablet_mg=180.0),)),
    seizure(lines=(SeizureLine(3, 10.0, Unit.LITRE), SeizureLine(4, 5.0, Unit.G))),
    seizure(lines=(SeizureLine(1, float(validation.MAX_QUANTITY[Unit.KG]), Unit.KG),)),
    seizure(incident_type=IncidentType.OTHER, lines=()),
    seizure(route_departure="AF", route_destination="", route_transit="TJ,UZ", narrative="a\nb\tc",
            persons_detained=validation.MAX_PERSONS_DETAINED, concealment="x" * 500),
]

INVALID = [
    seizure(post_id=0), seizure(post_id=True), seizure(post_id=2**31), seizure(post_id=None), seizure(post_id=1.0),
    seizure(occurred_at=EARLY), seizure(occurred_at=NOW + validation.CLOCK_SKEW + timedelta(seconds=1)),
    seizure(occurred_at=datetime(2026, 3, 15)), seizure(occurred_at=None), seizure(occurred_at="2026-03-15"),
    seizure(reported_at=NOW - timedelta(hours=4)), seizure(reported_at=NOW + timedelta(hours=1)),
    seizure(incident_type="nonsense"), seizure(direction=None), seizure(transport_mode=3), seizure(status="x"),
    seizure(concealment="x" * 501), seizure(narrative="nul\x00"), seizure(joint_operation=None),
    seizure(route_transit="x" * 65), seizure(detainee_nationalities=5), seizure(route_departure="af"),
    seizure(route_destination="AFG"), seizure(route_departure=1),
    seizure(persons_detained=-1), seizure(persons_detained=10_001), seizure(persons_detained=True),
    seizure(persons_detained=1.0), seizure(persons_detained=None),
    seizure(lines=()), seizure(lines=None), seizure(lines=[LINE, "line"]),
    seizure(lines=(replace(LINE, quantity=0.0),)), seizure(lines=(replace(LINE, quantity=-1.0),)),
    seizure(lines=(replace(LINE, quantity=math.nan),)), seizure(lines=(replace(LINE, quantity=math.inf),)),
    seizure(lines=(replace(LINE, quantity=True),)), seizure(lines=(replace(LINE, quantity="2.5"),)),
    seizure(lines=(replace(LINE, quantity=1_000_001.0),)), seizure(lines=(replace(LINE, unit="kg"),)),
    seizure(lines=(replace(LINE, unit=Unit.TABLETS),)), seizure(lines=(replace(LINE, unit=Unit.LITRE),)),
    seizure(lines=(replace(LINE, substance_id=99),)), seizure(lines=(replace(LINE, substance_id=[1]),)),
    seizure(lines=(replace(LINE, substance_id=None),)), seizure(lines=(replace(LINE, basis="guess"),)),
    seizure(lines=(replace(LINE, mass_per_tablet_mg=200.0),)),
    seizure(lines=(SeizureLine(TRAMADOL.id, 2000, Unit.TABLETS, mass_per_tablet_mg=0.5),)),
    seizure(lines=(SeizureLine(TRAMADOL.id, 2000, Unit.TABLETS, mass_per_tablet_mg=math.nan),)),
    seizure(lines=(SeizureLine(5, 10.0, Unit.TABLETS),)),  # no mass per tablet: cannot be converted
    seizure(lines=(SeizureLine(TRAMADOL.id, 100_000_000, Unit.TABLETS, mass_per_tablet_mg=2000.0),)),  # 200 t
    seizure(lines=(SeizureLine(TRAMADOL.id, 99_000_000, Unit.TABLETS, mass_per_tablet_mg=2000.0),)),
]


def full_problems(incident, monkeypatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(validation, "_plainly_valid", lambda *args: False)
        return validation.validate_incident(incident, SUBSTANCES, now=NOW)


@pytest.mark.parametrize("incident", VALID)
def test_plain_valid_incidents_take_the_quick_path(incident, monkeypatch):
    assert full_problems(incident, monkeypatch) == []
    assert validation._plainly_valid(incident, SUBSTANCES, NOW)
    assert validation.validate_incident(incident, SUBSTANCES, now=NOW) == []


@pytest.mark.parametrize("incident", INVALID)
def test_the_quick_path_passes_nothing_the_full_rules_refuse(incident, monkeypatch):
    problems = full_problems(incident, monkeypatch)
    if problems:
        assert not validation._plainly_valid(incident, SUBSTANCES, NOW)
    assert validation.validate_incident(incident, SUBSTANCES, now=NOW) == problems


def test_the_quick_path_is_used_for_every_basis():
    for basis in AmountBasis:
        incident = seizure(lines=(replace(LINE, basis=basis),), direction=Direction.ENTERING,
                           status=IncidentStatus.REPORTED)
        assert validation._plainly_valid(incident, SUBSTANCES, NOW)


@pytest.mark.parametrize("args", [(2.5, Unit.KG), (2.5, Unit.G), (3.0, Unit.LITRE), (1000, Unit.TABLETS, 200.0),
                                  (1000.0, Unit.TABLETS, 200.0, 180.0), (7, "g")])
def test_kg_of_is_to_kg_without_the_words(args):
    assert kg_of(*args) == to_kg(*args).kg
