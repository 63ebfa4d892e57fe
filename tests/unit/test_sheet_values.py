"""Spreadsheet cells read as dates, periods, times, numbers, units and names (sitcentre.sheets.values)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitcentre.domain.enums import Unit
from sitcentre.sheets.values import (
    CellProblem,
    Moment,
    Period,
    PeriodKind,
    excel_serial,
    normalise_name,
    read_moment,
    read_month,
    read_number,
    read_period,
    read_text,
    read_time,
    read_unit,
    read_year,
)


def problem_code(reader, *args, **kwargs) -> str:
    with pytest.raises(CellProblem) as caught:
        reader(*args, **kwargs)
    assert caught.value.message and str(caught.value) == caught.value.message
    return caught.value.code


# --- Excel serials ---

@pytest.mark.parametrize(("serial", "expected"), [
    (1, datetime(1900, 1, 1)), (59, datetime(1900, 2, 28)), (61, datetime(1900, 3, 1)),
    (45000, datetime(2023, 3, 15)), (45000.75, datetime(2023, 3, 15, 18, 0)), (2958465, datetime(9999, 12, 31)),
])
def test_excel_1900_serials_count_as_excel_does(serial, expected):
    assert excel_serial(serial) == expected


def test_excel_1904_serials_start_in_1904():
    assert excel_serial(1, date1904=True) == datetime(1904, 1, 2)
    assert excel_serial(43538, date1904=True) == datetime(2023, 3, 15)  # 45000 - 1462 days


def test_excel_phantom_29_february_1900_is_refused_with_words():
    assert problem_code(excel_serial, 60) == "excel_1900_leap"
    assert problem_code(read_moment, 60.5) == "excel_1900_leap"


@pytest.mark.parametrize("serial", [0, -3, 2958466, float("inf"), float("nan")])
def test_serials_outside_excel_range_are_refused(serial):
    assert problem_code(excel_serial, serial) == "serial_out_of_range"


# --- days and moments ---

@pytest.mark.parametrize(("cell", "expected"), [
    (datetime(2023, 4, 5, 14, 30), Moment(date(2023, 4, 5), time(14, 30))),
    (datetime(2023, 4, 5), Moment(date(2023, 4, 5))),
    (date(2023, 4, 5), Moment(date(2023, 4, 5))),
    (45021, Moment(date(2023, 4, 5))),
    (45021.5, Moment(date(2023, 4, 5), time(12, 0))),
    ("2023-04-05", Moment(date(2023, 4, 5))),
    ("2023-04-05 14:30", Moment(date(2023, 4, 5), time(14, 30))),
    ("2023-04-05T14:30:15", Moment(date(2023, 4, 5), time(14, 30, 15))),
    ("05.04.2023", Moment(date(2023, 4, 5))),
    (" 5.4.2023 ", Moment(date(2023, 4, 5))),
    ("05.04.2023 08:05", Moment(date(2023, 4, 5), time(8, 5))),
    ("25/04/2023", Moment(date(2023, 4, 25))),
    ("04/25/2023", Moment(date(2023, 4, 25))),
    ("04/04/2023", Moment(date(2023, 4, 4))),
    ("05-04-2023", Moment(date(2023, 4, 5))), ("05.04.2023 г.", Moment(date(2023, 4, 5))),
    ("5.04.2023г", Moment(date(2023, 4, 5))), ("05.04.2023 Г.", Moment(date(2023, 4, 5))),
])
def test_a_day_is_read_from_every_common_writing(cell, expected):
    assert read_moment(cell) == expected


def test_a_slashed_date_that_reads_two_ways_is_refused_naming_both():
    with pytest.raises(CellProblem) as caught:
        read_moment("04/05/2023")
    assert caught.value.code == "ambiguous_date"
    assert "4 May 2023" in caught.value.message and "5 April 2023" in caught.value.message


@pytest.mark.parametrize(("cell", "code"), [
    ("31.02.2023", "no_such_date"), ("2023-13-01", "no_such_date"), ("yesterday", "not_a_period"),
    ("05.04.2023 25:00", "not_a_date"), (None, "empty"), ("  ", "empty"), (time(10, 0), "not_a_date"),
    (True, "not_a_date"), (2023, "only_a_period"), ("2023", "only_a_period"), ("April 2023", "only_a_period"),
])
def test_cells_that_are_no_day_are_refused_with_a_reason(cell, code):
    assert problem_code(read_moment, cell) == code


def test_a_year_alone_is_named_in_the_refusal_for_an_incident():
    with pytest.raises(CellProblem) as caught:
        read_moment(2023)
    assert "only the year 2023" in caught.value.message


# --- periods ---

@pytest.mark.parametrize(("cell", "expected"), [
    (2023, Period.year(2023)), (2023.0, Period.year(2023)), ("2023", Period.year(2023)),
    ("2023-04", Period.month(2023, 4)), ("04.2023", Period.month(2023, 4)), ("4/2023", Period.month(2023, 4)),
    ("April 2023", Period.month(2023, 4)), ("Apr-2023", Period.month(2023, 4)), ("2023 april", Period.month(2023, 4)),
    ("апрель 2023", Period.month(2023, 4)), ("Апреля 2023 г.", Period.month(2023, 4)),
    ("февраль 2024", Period.month(2024, 2)), ("05.04.2023", Period.day(date(2023, 4, 5))),
    (45021, Period.day(date(2023, 4, 5))), (datetime(2023, 4, 5, 9, 0), Period.day(date(2023, 4, 5))),
    ("2023 г.", Period.year(2023)), ("2023г", Period.year(2023)), ("2023 год", Period.year(2023)),
    (" 2023 ", Period.year(2023)), ("2023.0", Period.year(2023)), ("04-2023", Period.month(2023, 4)),
])
def test_periods_are_years_months_or_days(cell, expected):
    assert read_period(cell) == expected


def test_period_bounds_and_labels():
    february = Period.month(2024, 2)
    assert (february.start, february.end, february.kind) == (date(2024, 2, 1), date(2024, 2, 29), PeriodKind.MONTH)
    assert Period.month(2023, 12).end == date(2023, 12, 31)
    assert (Period.year(2023).label, february.label, Period.day(date(2023, 4, 5)).label) == \
        ("2023", "2024-02", "2023-04-05")


@pytest.mark.parametrize("cell", ["April", "April May 2023", "2023-00", "13.2023", "0000", "quarter 2023",
                                  "г. 2023", "2023 гг", "05-04.2023"])
def test_text_that_is_no_period_is_refused(cell):
    assert problem_code(read_period, cell) in ("not_a_period", "no_such_date")


def test_years_and_months_in_their_own_columns():
    assert (read_year(2023), read_year("2023"), read_year(2023.0)) == (2023, 2023, 2023)
    assert (read_month(4), read_month("04"), read_month("April"), read_month("апр."), read_month("Сентября")) == \
        (4, 4, 4, 4, 9)
    assert problem_code(read_year, "23") == "not_a_year"
    assert problem_code(read_year, 2023.5) == "not_a_year"
    assert problem_code(read_month, 13) == "not_a_month"


# --- times ---

@pytest.mark.parametrize(("cell", "expected"), [
    (time(14, 30), time(14, 30)), (datetime(1899, 12, 30, 14, 30), time(14, 30)), (0.5, time(12, 0)),
    ("14:30", time(14, 30)), ("8.05", time(8, 5)), ("23:59:59", time(23, 59, 59)),
])
def test_times_of_day(cell, expected):
    assert read_time(cell) == expected


@pytest.mark.parametrize("cell", ["24:00", "noon", 1.5, -0.1])
def test_what_is_no_time_of_day_is_refused(cell):
    assert problem_code(read_time, cell) == "not_a_time"


# --- numbers ---

@pytest.mark.parametrize(("cell", "expected"), [
    ("1 234,5", Decimal("1234.5")), ("1\u00a0234,5", Decimal("1234.5")), ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")), ("12,4", Decimal("12.4")), ("0,25", Decimal("0.25")), (12, Decimal(12)),
    (12.4, Decimal("12.4")), (0.1, Decimal("0.1")), (1e-7, Decimal("1e-7")), ("1 000 000", Decimal(1_000_000)),
    ("1.234.567,8", Decimal("1234567.8")), ("1 234 567,89", Decimal("1234567.89")), ("1’234,5", Decimal("1234.5")),
    (" 12,5 ", Decimal("12.5")), ("12.5\u00a0", Decimal("12.5")), ("1\u202f500,75", Decimal("1500.75")),
])
def test_numbers_with_comma_decimals_and_thousand_separators(cell, expected):
    assert read_number(cell) == expected


def test_a_lone_separator_before_three_digits_needs_the_decimal_mark():
    assert problem_code(read_number, "1,500") == "number.ambiguous"
    assert read_number("1,500", decimal_mark=".") == Decimal(1500)
    assert read_number("1,500", decimal_mark=",") == Decimal("1.5")
    assert read_number("1.500", decimal_mark=",") == Decimal(1500)
    assert read_number("1,500", whole=True) == Decimal(1500)


@pytest.mark.parametrize(("cell", "code"), [
    ("", "number.empty"), (None, "number.empty"), ("12 kg", "number.not_a_number"), ("-5", "number.negative"),
    (-5, "number.negative"), (float("nan"), "not_a_number"), (float("inf"), "not_a_number"), (True, "not_a_number"),
    (datetime(2023, 1, 1), "not_a_number"), ("2,5", "number.whole_number"),
])
def test_what_is_no_quantity_is_refused(cell, code):
    assert problem_code(read_number, cell, whole=cell == "2,5") == code


def test_domain_number_messages_are_kept_with_their_parameters():
    with pytest.raises(CellProblem) as caught:
        read_number("1,500")
    assert caught.value.params["small"] == "1.5" and "1 500" in caught.value.message


# --- names, units, text ---

def test_names_match_whatever_the_quotes_case_spacing_and_dashes():
    assert normalise_name("Heroin ") == normalise_name("HEROIN") == normalise_name("“Heroin”") == "heroin"
    assert normalise_name("«Героин»") == normalise_name('"героин"') == "героин"
    assert normalise_name("Sedatives  and\ttranquillizers") == "sedatives and tranquillizers"
    assert normalise_name("Amphetamine–type") == normalise_name("amphetamine-type") \
        == normalise_name("AMPHETAMINE—TYPE")
    assert normalise_name("Ёлка") == normalise_name("елка")
    assert normalise_name("ＨＥＲＯＩＮ") == "heroin"  # NFKC: full-width letters
    assert normalise_name("Hero\u00adin\u200b") == "heroin"
    assert normalise_name("O’Brien's") == normalise_name("O'Brien’s")


@pytest.mark.parametrize(("cell", "unit"), [
    ("kg", Unit.KG), (" KG ", Unit.KG), ("кг", Unit.KG), ("Kilograms", Unit.KG), ("g", Unit.G), ("гр.", Unit.G),
    ("litres", Unit.LITRE), ("л", Unit.LITRE), ("Tablets", Unit.TABLETS), ("таблеток", Unit.TABLETS),
])
def test_units_in_english_and_russian(cell, unit):
    assert read_unit(cell) == unit


def test_unit_aliases_of_the_mapping_come_first():
    assert read_unit("Kilo (net)", {"kilo (net)": "kg"}) == Unit.KG
    assert problem_code(read_unit, "pcs") == "not_a_unit"


def test_cells_as_text():
    assert [read_text(v) for v in (None, " a  b ", 12, 12.0, 12.5, datetime(2023, 4, 5), date(2023, 4, 5))] == \
        ["", "a b", "12", "12", "12.5", "2023-04-05", "2023-04-05"]
    assert problem_code(read_text, "x" * 1001) == "too_long"


# --- any cell at all ---

CELLS = st.one_of(
    st.none(), st.text(), st.integers(), st.floats(), st.datetimes(), st.dates(), st.times(), st.booleans(),
    st.from_regex(r"\s*\d{1,4}[./ -]\d{1,2}([./ -]\d{1,4})?( \d{1,2}:\d{2})?\s*", fullmatch=True),
    st.from_regex(r"\s*-?[\d .,\u00a0']{0,12}\s*", fullmatch=True),
)
READERS = (read_moment, read_period, read_time, read_year, read_month, read_number, read_unit, read_text)


@given(cell=CELLS, date1904=st.booleans(), decimal_mark=st.sampled_from([None, ",", "."]))
def test_any_cell_gives_a_value_or_a_cell_problem_and_nothing_else(cell, date1904, decimal_mark):
    for reader in READERS:
        kwargs = {"date1904": date1904} if reader in (read_moment, read_period) else {}
        if reader is read_number:
            kwargs = {"decimal_mark": decimal_mark, "whole": date1904}
        try:
            value = reader(cell, **kwargs)
        except CellProblem as problem:
            assert problem.message
            continue
        if reader is read_number:
            assert value >= 0 and value.is_finite()
        if reader is read_period:
            assert value.start <= value.end


def test_an_integer_too_long_to_print_is_a_cell_problem_too():
    for reader in READERS:
        with pytest.raises(CellProblem):
            reader(10**5000)


@given(st.text())
def test_normalising_any_text_never_fails_and_is_stable(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
