"""kg-equivalent conversion as used in international drug statistics.

1 litre counts as 1 kg; tablets are converted with the substance's mass per tablet. The result keeps
the rule it applied so that the conversion is visible to the operator, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitcentre.domain.enums import Unit
from sitcentre.domain.i18n import _t


class ConversionError(ValueError):
    """The amount cannot be converted; the message is for an operator."""


@dataclass(frozen=True)
class KgEquivalent:
    kg: float
    method: str  # human-readable rule, e.g. "1,000 tablets x 200 mg = 0.2 kg"


def _fmt(value: float) -> str:
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text or "0"


def kg_of(quantity: float, unit: Unit | str, mass_per_tablet_mg: float | None = None,
          line_mass_mg: float | None = None) -> float:
    """to_kg's kg-equivalent alone, without the rule in words (validation only checks the amount, for every row
    of an import); raises ConversionError as to_kg does. to_kg computes its amount here, so the two never differ."""
    if unit.__class__ is not Unit:
        unit = Unit(unit)
    if unit is Unit.KG or unit is Unit.LITRE:
        return quantity
    if unit is Unit.G:
        return quantity / 1000.0
    if line_mass_mg is not None and line_mass_mg > 0:
        return quantity * line_mass_mg / 1_000_000.0
    if not mass_per_tablet_mg or mass_per_tablet_mg <= 0:
        raise ConversionError(_t("This substance has no mass per tablet, so tablets cannot be converted to kg."))
    return quantity * mass_per_tablet_mg / 1_000_000.0


def to_kg(quantity: float, unit: Unit | str, mass_per_tablet_mg: float | None = None,
          line_mass_mg: float | None = None) -> KgEquivalent:
    """Convert a recorded quantity to its kg-equivalent, saying how.

    line_mass_mg: the mass per tablet of this very seizure, when a laboratory measured it; it replaces the
    substance's default and the rule says so ("... x 180 mg measured for this line = ...")."""
    unit = Unit(unit)
    kg = kg_of(quantity, unit, mass_per_tablet_mg, line_mass_mg)
    if unit is Unit.KG:
        return KgEquivalent(kg, f"{_fmt(quantity)} kg as recorded")
    if unit is Unit.G:
        return KgEquivalent(kg, f"{_fmt(quantity)} g / 1,000 = {_fmt(kg)} kg")
    if unit is Unit.LITRE:
        return KgEquivalent(kg, f"{_fmt(quantity)} l counted as {_fmt(quantity)} kg (1 l = 1 kg)")
    if line_mass_mg is not None and line_mass_mg > 0:
        return KgEquivalent(kg, f"{_fmt(quantity)} tablets x {_fmt(line_mass_mg)} mg measured for this line "
                                f"= {_fmt(kg)} kg")
    return KgEquivalent(kg, f"{_fmt(quantity)} tablets x {_fmt(mass_per_tablet_mg)} mg = {_fmt(kg)} kg")
