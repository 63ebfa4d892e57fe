"""Quantities as operators type them (sitcentre.domain.numbers): decimal comma or point, grouped thousands."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitcentre.domain.numbers import NumberProblem, echo, parse_quantity


@pytest.mark.parametrize(("typed", "expected"), [
    ("12,4", "12.4"), ("12.4", "12.4"), ("0,250", "0.25"), (",5", "0.5"), ("7", "7"),
    ("1 000", "1000"), ("1\u00a0000,5", "1000.5"), ("1'000", "1000"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"),
    ("1,000,000", "1000000"), ("1.000.000", "1000000"), ("12,45", "12.45"), ("1,5000", "1.5"), ("  3,5 ", "3.5"),
])
def test_a_comma_or_a_point_is_a_decimal_and_spaces_group_thousands(typed, expected):
    assert parse_quantity(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["1,000", "1.000", "1 000"])
def test_tablets_read_a_lone_separator_before_three_digits_as_thousands(typed):
    assert parse_quantity(typed, whole=True) == 1000


@pytest.mark.parametrize(("typed", "code"), [
    ("12kg", "not_a_number"), ("12 kg", "not_a_number"), ("abc", "not_a_number"), ("", "empty"), ("   ", "empty"),
    ("-3", "negative"), ("1e5", "not_a_number"), ("nan", "not_a_number"), ("inf", "not_a_number"),
    ("12,", "not_a_number"), ("1,2,3", "not_a_number"), ("1.2.3", "not_a_number"), ("12,34.5", "not_a_number"),
    ("1 00", "not_a_number"), ("1,000", "ambiguous"), ("1.500", "ambiguous"), ("999,999", "ambiguous"),
])
def test_anything_that_is_not_a_plain_number_is_refused_with_its_reason(typed, code):
    with pytest.raises(NumberProblem) as raised:
        parse_quantity(typed)
    assert raised.value.code == code
    assert raised.value.message and "{" not in raised.value.message


def test_a_decimal_in_tablets_is_refused():
    with pytest.raises(NumberProblem) as raised:
        parse_quantity("2,5", whole=True)
    assert raised.value.code == "whole_number"


def test_the_ambiguous_message_names_both_readings_and_how_to_type_them():
    with pytest.raises(NumberProblem) as raised:
        parse_quantity("1,500")
    assert "1.5" in str(raised.value) and "1500" in str(raised.value) and "1,5" in str(raised.value)


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (Decimal("12.4"), 3, "12.4"), (Decimal("1000"), 0, "1\u00a0000"), (1234567.125, 3, "1\u00a0234\u00a0567.125"),
    (0.2, 3, "0.2"), (Decimal("5"), 3, "5"),
])
def test_echo_shows_what_will_be_saved(value, decimals, shown):
    assert echo(value, decimals) == shown


amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_russian_and_english_writing_of_the_same_amount_read_the_same(value):
    whole, _, fraction = f"{value:f}".partition(".")
    russian = f"{int(whole):,}".replace(",", " ") + ("," + fraction if fraction else "")
    english = f"{int(whole):,}" + ("." + fraction if fraction else "")
    for written in (russian, english, echo(value)):
        if re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", written):  # "1,250": 1.25 in Russian, 1250 in English
            with pytest.raises(NumberProblem):
                parse_quantity(written)  # refused, never guessed
        else:
            assert parse_quantity(written) == value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_any_text_is_either_a_number_or_a_reason(text):
    try:
        value = parse_quantity(text)
    except NumberProblem as problem:
        assert problem.message
    else:
        assert value.is_finite() and value >= 0
