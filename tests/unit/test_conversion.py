"""kg-equivalent conversion: the rules of international drug statistics, and the method text that shows them."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitcentre.domain.conversion import ConversionError, KgEquivalent, to_kg
from sitcentre.domain.enums import Unit

# Quantities an operator could type: up to 6 decimals (the method text shows that many), up to 100 tonnes.
quantities = st.integers(min_value=1, max_value=100_000_000_000).map(lambda micro: micro / 1_000_000)
tablet_counts = st.integers(min_value=1, max_value=10_000_000)
tablet_masses = st.floats(min_value=90.0, max_value=300.0, allow_nan=False, allow_infinity=False)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """The numbers a person reads in a method text, thousands separators removed."""
    return [float(match.replace(",", "")) for match in NUMBER.findall(text)]


# --- the rules -------------------------------------------------------------------------------------------


@given(quantities)
def test_kilograms_are_kept_as_recorded(quantity):
    assert to_kg(quantity, Unit.KG).kg == quantity


@given(quantities)
def test_grams_are_divided_by_a_thousand(quantity):
    assert math.isclose(to_kg(quantity, Unit.G).kg, quantity / 1000, rel_tol=1e-12)


@given(quantities)
def test_a_litre_counts_as_one_kilogram(quantity):
    assert to_kg(quantity, Unit.LITRE).kg == quantity


@given(tablet_counts, tablet_masses)
def test_tablets_are_counted_times_mass_per_tablet_in_milligrams(count, mg):
    assert math.isclose(to_kg(count, Unit.TABLETS, mg).kg, count * mg / 1_000_000, rel_tol=1e-12)


@given(tablet_counts, tablet_masses)
def test_more_tablets_never_weigh_less(count, mg):
    assert to_kg(count + 1, Unit.TABLETS, mg).kg > to_kg(count, Unit.TABLETS, mg).kg


def test_the_unit_may_be_given_as_its_stored_text():
    assert to_kg(1500, "g") == to_kg(1500, Unit.G)
    assert to_kg(1000, "tablets", 200).kg == pytest.approx(0.2)


def test_the_result_cannot_be_changed_after_the_fact():
    result = to_kg(2, Unit.KG)
    with pytest.raises(AttributeError):
        result.kg = 3  # type: ignore[misc]


# --- the method text: the conversion is shown, not hidden -----------------------------------------------


def test_the_method_reads_as_the_rule_applied():
    assert to_kg(1000, Unit.TABLETS, 200).method == "1,000 tablets x 200 mg = 0.2 kg"
    assert to_kg(1500, Unit.G).method == "1,500 g / 1,000 = 1.5 kg"
    assert to_kg(2.5, Unit.LITRE).method == "2.5 l counted as 2.5 kg (1 l = 1 kg)"
    assert to_kg(12.25, Unit.KG).method == "12.25 kg as recorded"


@given(quantities)
def test_the_gram_method_states_the_quantity_and_the_result(quantity):
    result = to_kg(quantity, Unit.G)
    stated_quantity, thousand, stated_kg = numbers_in(result.method)
    # Six decimals are stated: half a unit of the last one off at most (1e-12 more for the float that is exactly
    # half-way, e.g. 0.0145 g = 1.45e-05 kg stated as 0.000015 kg, found by hypothesis).
    assert stated_quantity == pytest.approx(quantity, abs=5e-7 + 1e-12)
    assert thousand == 1000
    assert stated_kg == pytest.approx(result.kg, abs=5e-7 + 1e-12)
    assert " g / " in result.method and result.method.endswith(" kg")


@given(quantities)
def test_the_litre_method_says_litres_count_as_kilograms(quantity):
    result = to_kg(quantity, Unit.LITRE)
    stated = numbers_in(result.method)
    assert stated[:2] == [pytest.approx(quantity, abs=5e-7)] * 2
    assert "1 l = 1 kg" in result.method


@given(tablet_counts, st.integers(min_value=90, max_value=300))
def test_the_tablet_method_states_count_mass_and_result(count, mg):
    result = to_kg(count, Unit.TABLETS, float(mg))
    assert result.method.startswith(f"{count:,} tablets x {mg:,} mg = ")
    stated_kg = numbers_in(result.method)[-1]
    assert stated_kg == pytest.approx(result.kg, abs=5e-7)


@given(quantities)
def test_the_kilogram_method_states_the_quantity(quantity):
    result = to_kg(quantity, Unit.KG)
    assert numbers_in(result.method) == [pytest.approx(quantity, abs=5e-7)]
    assert result.method.endswith("kg as recorded")


# --- what cannot be converted ----------------------------------------------------------------------------


@given(tablet_counts, st.one_of(st.none(), st.just(0.0), st.floats(max_value=0.0, allow_nan=False)))
def test_tablets_without_a_positive_mass_per_tablet_cannot_be_converted(count, mg):
    with pytest.raises(ConversionError, match="no mass per tablet"):
        to_kg(count, Unit.TABLETS, mg)


def test_a_conversion_error_is_a_value_error_with_a_sentence_for_the_operator():
    with pytest.raises(ValueError) as caught:
        to_kg(10, Unit.TABLETS, None)
    message = str(caught.value)
    assert isinstance(caught.value, ConversionError)
    assert message[0].isupper() and message.endswith(".")
    assert "mg" not in message and "None" not in message


def test_mass_per_tablet_is_ignored_for_units_that_are_not_tablets():
    assert to_kg(3, Unit.KG, 200.0) == KgEquivalent(3, "3 kg as recorded")
    assert to_kg(3, Unit.LITRE, 0.0).kg == 3


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        to_kg(1, "lb")
