"""Country fields take codes and full names; transit takes a list of them (issue 10, item 4)."""

from __future__ import annotations

import pytest

from sitcentre.domain.countries import UnknownCountries, is_country_code, parse_country, parse_country_list
from sitcentre.domain.records import Country

REGION = (Country("AF", "Afghanistan", 270), Country("TJ", "Tajikistan", 300), Country("UZ", "Uzbekistan", 300))


@pytest.mark.parametrize("typed", ["Afghanistan", "afghanistan", "af", "AF", " AF — Afghanistan ", "AF - Afghanistan"])
def test_a_code_a_name_or_the_listed_text_all_mean_the_same_country(typed):
    assert parse_country(typed, REGION) == "AF"


def test_a_code_of_a_country_outside_the_region_is_taken_and_an_empty_field_is_none():
    assert parse_country("ru", REGION) == "RU"
    assert parse_country("  ", REGION) is None


@pytest.mark.parametrize("typed", ["ZZ", "Afghanistan?", "Narnia", "A"])
def test_text_that_names_no_country_is_refused_naming_what_was_typed(typed):
    with pytest.raises(UnknownCountries) as refused:
        parse_country(typed, REGION)
    assert refused.value.unknown == (typed.strip(),)
    assert typed.strip() in refused.value.message


def test_a_transit_list_takes_commas_spaces_codes_and_names_and_gives_codes_once_in_order():
    assert parse_country_list("tj, UZ", REGION) == ("TJ", "UZ")
    assert parse_country_list("Tajikistan uz; af", REGION) == ("TJ", "UZ", "AF")
    assert parse_country_list("TJ, tj", REGION) == ("TJ",)
    assert parse_country_list("", REGION) == ()


def test_a_transit_list_with_unknown_entries_is_refused_naming_each_of_them():
    with pytest.raises(UnknownCountries) as refused:
        parse_country_list("ZZ, tj, Narnia", REGION)
    assert refused.value.unknown == ("ZZ", "Narnia")
    assert "ZZ" in refused.value.message and "Narnia" in refused.value.message


def test_only_assigned_iso_codes_are_country_codes():
    assert is_country_code("RU") and is_country_code("ir") and is_country_code("AF")
    assert not is_country_code("ZZ") and not is_country_code("XX") and not is_country_code("AFG")
