"""Validation of an incident: every problem at once, in words an operator understands."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sitcentre.domain.conversion import ConversionError, to_kg
from sitcentre.domain.enums import IncidentType, Unit
from sitcentre.domain.records import Incident, Substance, utcnow

CLOCK_SKEW = timedelta(minutes=10)

# Units that make sense per substance group: liquids are precursors, tablets are pharmaceuticals or ATS.
_UNITS_BY_DEFAULT = {
    Unit.KG: {Unit.KG, Unit.G},
    Unit.G: {Unit.KG, Unit.G},
    Unit.LITRE: {Unit.LITRE, Unit.KG},
    Unit.TABLETS: {Unit.TABLETS, Unit.KG, Unit.G},
}


@dataclass(frozen=True)
class Problem:
    field: str  # "post_id", "occurred_at", "lines[0].quantity", ...
    message: str


class ValidationError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def allowed_units(substance: Substance) -> set[Unit]:
    units = set(_UNITS_BY_DEFAULT[substance.default_unit])
    if substance.mass_per_tablet_mg:
        units.add(Unit.TABLETS)
    return units


def validate_incident(
    incident: Incident, substances: dict[int, Substance], now: datetime | None = None
) -> list[Problem]:
    """Return every problem found; an empty list means the incident can be saved."""
    now = now or utcnow()
    problems: list[Problem] = []
    if incident.post_id is None:
        problems.append(Problem("post_id", "Choose the post that reported the incident."))
    problems += _time_problems(incident, now)
    if incident.persons_detained < 0:
        problems.append(Problem("persons_detained", "Persons detained cannot be negative."))
    seizure_types = (IncidentType.DRUG_SEIZURE, IncidentType.PRECURSOR_SEIZURE)
    if incident.incident_type in seizure_types and not incident.lines:
        problems.append(Problem("lines", "A seizure needs at least one seizure line (substance and quantity)."))
    for index, line in enumerate(incident.lines):
        problems += _line_problems(index, line, substances)
    return problems


def _time_problems(incident: Incident, now: datetime) -> list[Problem]:
    if incident.occurred_at is None:
        return [Problem("occurred_at", "Enter when the incident happened.")]
    problems = []
    if incident.occurred_at > now + CLOCK_SKEW:
        problems.append(Problem("occurred_at", "The time of the incident is in the future. Check the date and time."))
    if incident.reported_at is not None and incident.reported_at < incident.occurred_at:
        problems.append(Problem("reported_at", "The incident cannot be reported before it happened."))
    return problems


def _positive_number(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def _line_problems(index: int, line, substances: dict[int, Substance]) -> list[Problem]:
    where = f"lines[{index}]"
    label = f"Seizure line {index + 1}"
    problems = []
    if not _positive_number(line.quantity):
        problems.append(Problem(f"{where}.quantity", f"{label}: the quantity must be above zero."))
    substance = substances.get(line.substance_id)
    if substance is None:
        problems.append(Problem(f"{where}.substance_id", f"{label}: choose a substance from the list."))
        return problems
    if Unit(line.unit) not in allowed_units(substance):
        problems.append(Problem(
            f"{where}.unit",
            f"{label}: {substance.name} cannot be recorded in '{Unit(line.unit).value}'. "
            f"Use one of: {', '.join(sorted(u.value for u in allowed_units(substance)))}.",
        ))
    elif Unit(line.unit) is Unit.TABLETS and _positive_number(line.quantity):
        try:
            to_kg(line.quantity, line.unit, substance.mass_per_tablet_mg)
        except ConversionError as exc:
            problems.append(Problem(f"{where}.unit", f"{label}: {exc}"))
    return problems
