"""An unusually large quantity for its substance: asked about before saving, never refused.

A slip of the keyboard (an extra zero, grams typed as kg) turns a seizure into a record one. The rule is
deliberately simple, by what is counted on the line:

- tablets: more than 100,000 tablets on one line;
- precursors (chemicals, often by the drum or tanker): more than 10,000 kg-equivalent (litres count as kg);
- every other substance group (drugs): more than 1,000 kg-equivalent (a tonne).

These are far above the region's usual seizures and well below the hard limits of domain.validation, so a real
record seizure still saves once the operator confirms it. Messages carry a code and parameters (design rule 11).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitcentre.domain.conversion import ConversionError, to_kg
from sitcentre.domain.enums import SubstanceGroup, Unit
from sitcentre.domain.records import Substance

MAX_USUAL_TABLETS = 100_000
MAX_USUAL_KG = {SubstanceGroup.PRECURSORS: 10_000}
MAX_USUAL_KG_DEFAULT = 1_000
_UNIT_WORDS = {Unit.KG: "kg", Unit.G: "g", Unit.LITRE: "litres", Unit.TABLETS: "tablets"}
_MESSAGES = {
    "unusually_large": "{quantity} {unit} of {substance} is more than {usual} seen on one line. "
                       "Is the quantity right?",
}


@dataclass(frozen=True)
class UnusualQuantity:
    code: str
    params: dict

    @property
    def message(self) -> str:
        return _MESSAGES[self.code].format(**self.params)


def usual_limit(unit: Unit, substance: Substance) -> str:
    """The threshold that applies, in words: "100,000 tablets", "1,000 kg-equivalent"."""
    if Unit(unit) is Unit.TABLETS:
        return f"{MAX_USUAL_TABLETS:,} tablets"
    return f"{MAX_USUAL_KG.get(substance.group, MAX_USUAL_KG_DEFAULT):,} kg-equivalent"


def unusually_large(quantity: float, unit: Unit | str, substance: Substance) -> UnusualQuantity | None:
    """Why this line's quantity deserves a second look, or None when it is within the usual range."""
    unit = Unit(unit)
    if unit is Unit.TABLETS:
        large = quantity > MAX_USUAL_TABLETS
    else:
        try:
            kg = to_kg(quantity, unit, substance.mass_per_tablet_mg).kg
        except ConversionError:
            return None
        large = kg > MAX_USUAL_KG.get(substance.group, MAX_USUAL_KG_DEFAULT)
    if not large:
        return None
    return UnusualQuantity("unusually_large", {
        "quantity": f"{quantity:,.3f}".rstrip("0").rstrip("."), "unit": _UNIT_WORDS[unit],
        "substance": substance.name, "usual": usual_limit(unit, substance)})
