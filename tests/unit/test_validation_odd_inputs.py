"""Inputs that used to reach the database as exceptions (issue 9, defect 7) are validation problems in words.
(Split from test_validation.py.)"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitcentre.domain.enums import Unit
from sitcentre.domain.records import SeizureLine
from sitcentre.domain.validation import EARLIEST, MAX_PERSONS_DETAINED, TEXT_LIMITS, Problem
from tests.unit.test_validation import HEROIN, fields, problems_of, seizure

# --- inputs that used to reach the database as exceptions (issue 9, defect 7) ----------------------------------


@pytest.mark.parametrize("name", ["occurred_at", "reported_at"])
def test_a_time_without_a_time_zone_is_a_problem_not_a_type_error(name):
    problems = problems_of(seizure(**{name: datetime(2026, 3, 15, 9, 0)}))
    assert fields(problems) == [name]
    assert "time zone" in problems[0].message


@pytest.mark.parametrize("value", ["2026-03-15 09:00", date(2026, 3, 15), 1773565200],
                         ids=["text", "date", "number"])
def test_a_time_that_is_not_a_date_and_time_is_a_problem(value):
    assert fields(problems_of(seizure(occurred_at=value, reported_at=None))) == ["occurred_at"]


def test_a_time_before_1970_is_refused_without_overflowing_even_in_year_one():
    year_one = datetime(1, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=5)))
    assert fields(problems_of(seizure(occurred_at=year_one, reported_at=None))) == ["occurred_at"]
    assert fields(problems_of(seizure(occurred_at=EARLIEST - timedelta(seconds=1), reported_at=None))) == [
        "occurred_at"]
    assert problems_of(seizure(occurred_at=EARLIEST, reported_at=None)) == []


@pytest.mark.parametrize(("persons", "message"), [
    (None, "Enter the number of persons detained (0 if none)."),
    (1.5, "Persons detained must be a whole number."),
    (2.0, "Persons detained must be a whole number."),
    (True, "Persons detained must be a whole number."),
    ("3", "Persons detained must be a whole number."),
    (2**31, "Persons detained cannot be more than 10,000."),
    (10_001, "Persons detained cannot be more than 10,000."),
], ids=["none", "fraction", "float", "bool", "text", "2^31", "one-too-many"])
def test_persons_detained_must_be_a_whole_number_up_to_ten_thousand(persons, message):
    problems = problems_of(seizure(persons_detained=persons))
    assert [(p.field, p.message) for p in problems] == [("persons_detained", message)]


def test_ten_thousand_persons_detained_is_the_largest_number_accepted():
    assert MAX_PERSONS_DETAINED == 10_000
    assert problems_of(seizure(persons_detained=MAX_PERSONS_DETAINED)) == []


TEXT_FIELDS = ["concealment", "route_transit", "detainee_nationalities", "joint_operation", "narrative"]


@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_text_up_to_its_limit_is_accepted_and_one_character_more_is_refused(name):
    limit = TEXT_LIMITS[name]
    assert problems_of(seizure(**{name: "ж" * limit})) == []
    problems = problems_of(seizure(**{name: "ж" * (limit + 1)}))
    assert fields(problems) == [name]
    assert f"at most {limit:,} characters" in problems[0].message


def test_text_limits_are_the_lengths_of_their_columns_where_the_column_has_one():
    from sitcentre.db.tables import IncidentRow  # the schema, read without a database

    columns = IncidentRow.__table__.c
    lengths = {name: getattr(columns[name].type, "length", None) for name in TEXT_FIELDS}
    assert {name: TEXT_LIMITS[name] for name, length in lengths.items() if length} == {
        name: length for name, length in lengths.items() if length}
    assert lengths["route_transit"] == lengths["detainee_nationalities"] == 64  # they do have one
    assert columns["route_departure"].type.length == columns["route_destination"].type.length == 2


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\ud800"],
                         ids=["nul", "bell", "escape", "carriage-return", "delete", "c1-next-line", "lone-surrogate"])
@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_nul_and_other_control_characters_are_refused_in_text(name, bad):
    problems = problems_of(seizure(**{name: f"bag{bad}under the seat"[:8]}))
    assert fields(problems) == [name]
    assert "cannot be stored" in problems[0].message


def test_newlines_and_tabs_are_welcome_in_the_narrative():
    assert problems_of(seizure(narrative="Stopped at 06:10.\n\tTwo bags\tin the boot.\n")) == []


@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_text_that_is_not_text_is_a_problem_of_its_field(name):
    assert fields(problems_of(seizure(**{name: None}))) == [name]
    assert fields(problems_of(seizure(**{name: 42}))) == [name]


@pytest.mark.parametrize("code", ["af", "A", "AFG", "12", "АФ", "A\x00", " AF"])
@pytest.mark.parametrize("name", ["route_departure", "route_destination"])
def test_a_route_country_must_be_a_two_letter_code_or_empty(name, code):
    problems = problems_of(seizure(**{name: code}))
    assert fields(problems) == [name]
    assert "two-letter country code" in problems[0].message


def test_route_countries_may_be_any_two_letter_code_or_none():
    assert problems_of(seizure(route_departure="AF", route_destination="RU")) == []
    assert problems_of(seizure(route_departure=None, route_destination="")) == []


@pytest.mark.parametrize(("name", "value"), [
    ("incident_type", "bribery"), ("direction", "sideways"), ("transport_mode", "balloon"), ("status", "lost"),
    ("post_id", "KG-DOS"), ("post_id", 2**31), ("post_id", True), ("lines", None),
])
def test_a_value_outside_its_list_is_a_problem_of_its_field(name, value):
    assert fields(problems_of(seizure(**{name: value}))) == [name]


def test_every_hostile_field_gets_its_own_problem_in_operator_words():
    hostile = seizure(occurred_at=datetime(2026, 3, 15, 9, 0), persons_detained=1.5, route_transit="TJ" * 40,
                      detainee_nationalities="AF\x00", route_departure="Afghanistan", narrative="x" * 20_001)
    problems = problems_of(hostile)
    assert fields(problems) == ["occurred_at", "route_departure", "route_transit", "persons_detained",
                                "detainee_nationalities", "narrative"]
    for problem in problems:
        assert problem.message[0].isupper() and problem.message.endswith("."), problem
        assert "_" not in problem.message and "None" not in problem.message and "\x00" not in problem.message


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
                 st.datetimes(timezones=st.none() | st.timezones()), st.dates()))
def test_validation_never_raises_whatever_a_time_field_holds(value):
    for name in ("occurred_at", "reported_at"):
        problems = problems_of(seizure(**{name: value}))
        assert all(isinstance(p, Problem) for p in problems)


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=70)))
def test_validation_never_raises_whatever_a_number_or_text_field_holds(value):
    for name in ("persons_detained", "post_id", *TEXT_FIELDS, "route_departure"):
        problems_of(seizure(**{name: value}))
    problems_of(seizure(lines=(SeizureLine(HEROIN.id, value, Unit.KG),)))
