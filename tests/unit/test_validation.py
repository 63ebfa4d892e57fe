"""Validating an incident: every problem at once, in an operator's words. Also the records it checks
(client-made UUIDv7 keys, the post's local day) that validation and storage rely on."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from sitcentre.domain.enums import IncidentType, SubstanceGroup, Unit
from sitcentre.domain.records import Incident, SeizureLine, Substance
from sitcentre.domain.validation import (
    CLOCK_SKEW,
    MAX_KG_EQUIVALENT,
    MAX_QUANTITY,
    Problem,
    ValidationError,
    allowed_units,
    validate_incident,
)

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
HEROIN = Substance(1, "heroin", "Heroin", SubstanceGroup.OPIATES, Unit.KG, None)
TRAMADOL = Substance(2, "tramadol", "Tramadol (tablets)", SubstanceGroup.PHARMACEUTICALS, Unit.TABLETS, 200.0)
ANHYDRIDE = Substance(3, "acetic_anhydride", "Acetic anhydride", SubstanceGroup.PRECURSORS, Unit.LITRE, None)
NPS = Substance(4, "nps_other", "Other new psychoactive substances", SubstanceGroup.NPS, Unit.G, None)
PILLS_NO_MASS = Substance(5, "pills", "Unknown pills", SubstanceGroup.NPS, Unit.TABLETS, None)
SUBSTANCES = {s.id: s for s in (HEROIN, TRAMADOL, ANHYDRIDE, NPS, PILLS_NO_MASS)}


def seizure(**changes) -> Incident:
    """A drug seizure that passes validation; tests change one thing at a time."""
    incident = Incident(
        post_id=1,
        occurred_at=NOW - timedelta(hours=3),
        reported_at=NOW - timedelta(hours=1),
        lines=(SeizureLine(HEROIN.id, 2.5, Unit.KG),),
    )
    return replace(incident, **changes)


def problems_of(incident: Incident) -> list[Problem]:
    return validate_incident(incident, SUBSTANCES, now=NOW)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


# --- what passes -------------------------------------------------------------------------------------------


def test_a_complete_seizure_has_no_problems():
    assert problems_of(seizure()) == []


@pytest.mark.parametrize("line", [
    SeizureLine(TRAMADOL.id, 2000, Unit.TABLETS),
    SeizureLine(TRAMADOL.id, 0.4, Unit.KG),
    SeizureLine(ANHYDRIDE.id, 60, Unit.LITRE),
    SeizureLine(ANHYDRIDE.id, 60, Unit.KG),
    SeizureLine(NPS.id, 150, Unit.G),
    SeizureLine(HEROIN.id, 750, Unit.G),
], ids=["tramadol-tablets", "tramadol-kg", "anhydride-litres", "anhydride-kg", "nps-grams", "heroin-grams"])
def test_each_substance_accepts_the_units_that_make_sense_for_it(line):
    assert problems_of(seizure(lines=(line,))) == []


@pytest.mark.parametrize("kind", [IncidentType.WEAPONS, IncidentType.SMUGGLED_GOODS, IncidentType.HUMAN_TRAFFICKING,
                                  IncidentType.OTHER])
def test_incidents_that_are_not_seizures_need_no_seizure_line(kind):
    assert problems_of(seizure(incident_type=kind, lines=())) == []


def test_a_clock_a_few_minutes_ahead_of_the_centre_is_tolerated():
    assert problems_of(seizure(occurred_at=NOW + timedelta(minutes=9), reported_at=None)) == []


def test_reported_at_may_be_left_empty():
    assert problems_of(seizure(reported_at=None)) == []


def test_reported_in_the_same_instant_it_happened_is_fine():
    assert problems_of(seizure(reported_at=NOW - timedelta(hours=3))) == []


def test_without_now_the_current_time_is_used():
    recent = seizure(occurred_at=datetime.now(UTC) - timedelta(minutes=1), reported_at=None)
    future = seizure(occurred_at=datetime.now(UTC) + timedelta(days=1), reported_at=None)
    assert validate_incident(recent, SUBSTANCES) == []
    assert fields(validate_incident(future, SUBSTANCES)) == ["occurred_at"]


# --- what is refused, one problem at a time -------------------------------------------------------------------


def test_a_missing_post_is_reported():
    assert fields(problems_of(seizure(post_id=None))) == ["post_id"]


def test_a_missing_time_is_reported_once_and_not_compared():
    assert fields(problems_of(seizure(occurred_at=None))) == ["occurred_at"]


def test_a_time_in_the_future_is_refused():
    problems = problems_of(seizure(occurred_at=NOW + timedelta(minutes=11), reported_at=None))
    assert fields(problems) == ["occurred_at"]
    assert "future" in problems[0].message


def test_an_incident_cannot_be_reported_before_it_happened():
    problems = problems_of(seizure(reported_at=NOW - timedelta(hours=4)))
    assert fields(problems) == ["reported_at"]


def test_persons_detained_cannot_be_negative():
    assert fields(problems_of(seizure(persons_detained=-1))) == ["persons_detained"]


@pytest.mark.parametrize("kind", [IncidentType.DRUG_SEIZURE, IncidentType.PRECURSOR_SEIZURE])
def test_a_seizure_needs_at_least_one_line(kind):
    problems = problems_of(seizure(incident_type=kind, lines=()))
    assert fields(problems) == ["lines"]


@pytest.mark.parametrize("quantity", [0, -1, -0.001])
def test_a_quantity_must_be_above_zero(quantity):
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, quantity, Unit.KG),)))
    assert fields(problems) == ["lines[0].quantity"]
    assert problems[0].message == "Seizure line 1: the quantity must be above zero."


@pytest.mark.parametrize("quantity", [float("nan"), float("inf")])
def test_a_quantity_that_is_not_a_finite_number_is_refused(quantity):
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, quantity, Unit.KG),)))
    assert fields(problems) == ["lines[0].quantity"]


def test_a_substance_not_in_the_list_is_refused():
    problems = problems_of(seizure(lines=(SeizureLine(99, 1, Unit.KG),)))
    assert fields(problems) == ["lines[0].substance_id"]
    assert "choose a substance" in problems[0].message


def test_a_unit_that_does_not_fit_the_substance_names_the_units_that_do():
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, 3, Unit.LITRE),)))
    assert fields(problems) == ["lines[0].unit"]
    assert problems[0].message == "Seizure line 1: Heroin cannot be recorded in 'l'. Use one of: g, kg."


def test_tablets_are_refused_for_a_substance_without_a_mass_per_tablet():
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, 30, Unit.TABLETS),)))
    assert fields(problems) == ["lines[0].unit"]


def test_a_tablet_substance_without_a_mass_cannot_be_counted_in_tablets():
    problems = problems_of(seizure(lines=(SeizureLine(PILLS_NO_MASS.id, 30, Unit.TABLETS),)))
    assert fields(problems) == ["lines[0].unit"]
    assert "no mass per tablet" in problems[0].message


def test_a_substance_with_a_mass_per_tablet_may_be_counted_in_tablets():
    assert Unit.TABLETS in allowed_units(TRAMADOL)
    assert Unit.TABLETS not in allowed_units(HEROIN)
    assert allowed_units(ANHYDRIDE) == {Unit.LITRE, Unit.KG}


# --- all problems at once, in operator wording ------------------------------------------------------------


def test_every_problem_is_reported_at_once():
    incident = seizure(
        post_id=None,
        occurred_at=NOW + timedelta(days=1),
        reported_at=NOW,
        persons_detained=-2,
        lines=(
            SeizureLine(HEROIN.id, 0, Unit.KG),
            SeizureLine(HEROIN.id, 5, Unit.LITRE),
            SeizureLine(42, -1, Unit.KG),
        ),
    )
    assert fields(problems_of(incident)) == [
        "post_id", "occurred_at", "reported_at", "persons_detained",
        "lines[0].quantity", "lines[1].unit", "lines[2].quantity", "lines[2].substance_id",
    ]


def test_messages_are_sentences_that_name_lines_as_an_operator_counts_them():
    incident = seizure(post_id=None, occurred_at=None, persons_detained=-1,
                       lines=(SeizureLine(HEROIN.id, 1, Unit.KG), SeizureLine(77, 0, Unit.G)))
    problems = problems_of(incident)
    assert len(problems) == 5
    for problem in problems:
        assert problem.message[0].isupper() and problem.message.endswith("."), problem
        assert "[" not in problem.message and "_id" not in problem.message and "None" not in problem.message
    assert all(p.message.startswith("Seizure line 2:") for p in problems if p.field.startswith("lines[1]"))


def test_a_validation_error_carries_the_problems_and_joins_their_messages():
    problems = problems_of(seizure(post_id=None, persons_detained=-1))
    error = ValidationError(problems)
    assert error.problems == problems
    assert str(error) == "Choose the post that reported the incident.; Persons detained cannot be negative."


# --- the report time (issue 9, defect 2) ----------------------------------------------------------------------


def test_a_report_time_in_the_future_is_refused_like_the_incident_time():
    problems = problems_of(seizure(reported_at=NOW + timedelta(days=36 * 365)))
    assert fields(problems) == ["reported_at"]
    assert "future" in problems[0].message


@pytest.mark.parametrize("name", ["occurred_at", "reported_at"])
def test_a_time_exactly_at_the_clock_skew_limit_is_accepted_and_one_second_past_it_is_refused(name):
    at_limit = seizure(**{"reported_at": None, name: NOW + CLOCK_SKEW})  # occurred 3 hours ago, or not reported
    past_limit = seizure(**{"reported_at": None, name: NOW + CLOCK_SKEW + timedelta(seconds=1)})
    assert problems_of(at_limit) == []
    assert fields(problems_of(past_limit)) == [name]


# --- quantities and kg-equivalents are bounded (issue 9, defect 5) ---------------------------------------------


@pytest.mark.parametrize(("substance", "unit", "largest"), [
    (HEROIN, Unit.KG, 1_000_000), (HEROIN, Unit.G, 1_000_000_000), (ANHYDRIDE, Unit.LITRE, 1_000_000),
    (TRAMADOL, Unit.TABLETS, 100_000_000),
], ids=["kg", "g", "litres", "tablets"])
def test_the_largest_quantity_of_each_unit_is_accepted_and_a_little_more_is_refused(substance, unit, largest):
    assert MAX_QUANTITY[unit] == largest
    assert problems_of(seizure(lines=(SeizureLine(substance.id, largest, unit),))) == []
    problems = problems_of(seizure(lines=(SeizureLine(substance.id, largest * 1.000001, unit),)))
    assert fields(problems) == ["lines[0].quantity"]
    assert problems[0].message.startswith("Seizure line 1:") and f"{largest:,}" in problems[0].message


@pytest.mark.parametrize(("substance", "quantity", "unit"), [
    (HEROIN, 1e17, Unit.KG), (TRAMADOL, 1e308, Unit.TABLETS), (HEROIN, 1e308, Unit.G),
], ids=["1e17-kg", "1e308-tablets", "1e308-g"])
def test_the_amounts_that_broke_the_rollups_are_refused(substance, quantity, unit):
    assert fields(problems_of(seizure(lines=(SeizureLine(substance.id, quantity, unit),)))) == ["lines[0].quantity"]


def test_a_kg_equivalent_above_the_kg_maximum_is_refused_even_when_the_count_is_allowed():
    brick = Substance(6, "brick", "Pressed bricks", SubstanceGroup.CANNABIS, Unit.TABLETS, 500_000.0)  # 0.5 kg each
    allowed = SeizureLine(brick.id, 2_000_000, Unit.TABLETS)  # 1,000,000 kg: the limit itself
    too_much = SeizureLine(brick.id, 2_000_002, Unit.TABLETS)
    substances = {**SUBSTANCES, brick.id: brick}
    assert validate_incident(seizure(lines=(allowed,)), substances, now=NOW) == []
    problems = validate_incident(seizure(lines=(too_much,)), substances, now=NOW)
    assert fields(problems) == ["lines[0].quantity"]
    assert "kg-equivalent" in problems[0].message and "1,000,000 kg" in problems[0].message
    assert MAX_KG_EQUIVALENT == 1_000_000


@pytest.mark.parametrize("quantity", [None, "12", True], ids=["none", "text", "bool"])
def test_a_quantity_that_is_not_a_number_is_a_problem_of_that_line(quantity):
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, quantity, Unit.KG),)))
    assert fields(problems) == ["lines[0].quantity"]


def test_a_unit_or_basis_that_is_not_in_the_list_is_a_problem_of_that_line():
    problems = problems_of(seizure(lines=(SeizureLine(HEROIN.id, 1, "barrels", basis="guessed"),)))
    assert fields(problems) == ["lines[0].unit", "lines[0].basis"]
