"""An unusually large quantity for its substance is asked about before saving (issue 10, item 2)."""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import SubstanceGroup, Unit
from sitcentre.domain.records import Substance
from sitcentre.domain.unusual import unusually_large

HEROIN = Substance(1, "heroin", "Heroin", SubstanceGroup.OPIATES, Unit.KG, None)
TRAMADOL = Substance(2, "tramadol", "Tramadol (tablets)", SubstanceGroup.PHARMACEUTICALS, Unit.TABLETS, 200.0)
ANHYDRIDE = Substance(3, "acetic_anhydride", "Acetic anhydride", SubstanceGroup.PRECURSORS, Unit.LITRE, None)


@pytest.mark.parametrize(("quantity", "unit", "substance"), [
    (1_000, Unit.KG, HEROIN), (1_000_000, Unit.G, HEROIN), (100_000, Unit.TABLETS, TRAMADOL),
    (10_000, Unit.LITRE, ANHYDRIDE), (10_000, Unit.KG, ANHYDRIDE), (12.4, Unit.KG, HEROIN),
])
def test_quantities_up_to_the_threshold_of_their_group_are_not_questioned(quantity, unit, substance):
    assert unusually_large(quantity, unit, substance) is None


@pytest.mark.parametrize(("quantity", "unit", "substance", "said"), [
    (1_200, Unit.KG, HEROIN, "1,200 kg of Heroin"),
    (1_000_001, Unit.G, HEROIN, "1,000,001 g of Heroin"),
    (150_000, Unit.TABLETS, TRAMADOL, "150,000 tablets of Tramadol (tablets)"),
    (12_000, Unit.LITRE, ANHYDRIDE, "12,000 litres of Acetic anhydride"),
    (2_000, Unit.KG, TRAMADOL, "2,000 kg of Tramadol (tablets)"),
])
def test_a_quantity_above_the_threshold_of_its_group_is_named_with_the_usual_limit(quantity, unit, substance, said):
    found = unusually_large(quantity, unit, substance)
    assert found is not None and said in found.message
    assert "more than" in found.message and found.code == "unusually_large"


def test_the_threshold_of_drugs_is_a_tonne_of_kg_equivalent_and_of_precursors_ten_tonnes():
    assert unusually_large(1_000.001, Unit.KG, HEROIN) is not None
    assert unusually_large(9_999, Unit.LITRE, ANHYDRIDE) is None
    assert unusually_large(10_001, Unit.LITRE, ANHYDRIDE) is not None
