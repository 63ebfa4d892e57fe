"""Validating an incident: every problem at once, in an operator's words. Also the records it checks
(client-made UUIDv7 keys, the post's local day) that validation and storage rely on."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitcentre.domain.enums import IncidentType, SubstanceGroup, Unit
from sitcentre.domain.records import Incident, SeizureLine, Substance, border_of, local_date, new_id, uuid7_from
from sitcentre.domain.validation import (
    CLOCK_SKEW,
    EARLIEST,
    MAX_KG_EQUIVALENT,
    MAX_PERSONS_DETAINED,
    MAX_QUANTITY,
    TEXT_LIMITS,
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


# --- records: keys made where the incident is recorded --------------------------------------------------------


def test_new_ids_are_uuid_version_7_with_the_rfc_variant():
    key = new_id()
    assert key.version == 7
    assert key.variant == uuid.RFC_4122


def test_a_new_id_carries_the_creation_time_in_milliseconds():
    at = datetime(2025, 7, 1, 8, 30, 15, 123000, tzinfo=UTC)
    assert new_id(at).int >> 80 == int(at.timestamp() * 1000)


def test_ids_made_later_sort_after_ids_made_earlier():
    start = datetime(2025, 1, 1, tzinfo=UTC)
    keys = [new_id(start + timedelta(milliseconds=ms)) for ms in range(0, 5000, 7)]
    assert keys == sorted(keys)


def test_ids_made_in_the_same_millisecond_do_not_collide():
    at = datetime(2025, 1, 1, tzinfo=UTC)
    assert len({new_id(at) for _ in range(10_000)}) == 10_000


@given(st.integers(min_value=0, max_value=(1 << 48) - 1), st.integers(min_value=0, max_value=(1 << 80) - 1))
def test_uuid7_from_keeps_the_timestamp_and_sets_version_and_variant(ms, rand80):
    key = uuid7_from(ms, rand80)
    assert key.int >> 80 == ms
    assert key.version == 7 and key.variant == uuid.RFC_4122


def test_records_get_their_own_key_when_created():
    a, b = seizure(), seizure()
    assert a.id != b.id and a.id.version == 7
    assert a.lines[0].id.version == 7


def test_an_incident_total_is_the_sum_of_its_lines_kg_equivalent():
    lines = (SeizureLine(HEROIN.id, 2, Unit.KG, kg_equivalent=2.0),
             SeizureLine(TRAMADOL.id, 1000, Unit.TABLETS, kg_equivalent=0.2))
    assert seizure(lines=lines).total_kg == pytest.approx(2.2)
    assert seizure(lines=()).total_kg == 0


# --- records: the post's local day ------------------------------------------------------------------------------


def test_a_late_evening_in_utc_is_the_next_day_in_kyrgyzstan():
    assert local_date(datetime(2025, 5, 31, 18, 30, tzinfo=UTC), 360) == date(2025, 6, 1)


def test_afghanistan_is_four_and_a_half_hours_ahead_of_utc():
    assert local_date(datetime(2025, 5, 31, 19, 29, tzinfo=UTC), 270) == date(2025, 5, 31)
    assert local_date(datetime(2025, 5, 31, 19, 30, tzinfo=UTC), 270) == date(2025, 6, 1)


def test_a_time_given_in_another_zone_is_taken_as_the_same_moment():
    tashkent = timezone(timedelta(hours=5))
    assert local_date(datetime(2025, 6, 1, 0, 30, tzinfo=tashkent), 0) == date(2025, 5, 31)


def test_a_naive_time_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="naive"):
        local_date(datetime(2025, 6, 1, 12, 0), 300)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.timezones()),
       st.sampled_from([270, 300, 360]))
def test_the_local_day_is_the_utc_moment_shifted_by_the_post_offset(moment, offset):
    expected = (moment.astimezone(UTC) + timedelta(minutes=offset)).date()
    assert local_date(moment, offset) == expected


def test_a_border_reads_the_same_from_both_sides():
    assert border_of("KZ", "KG") == border_of("KG", "KZ") == "KG-KZ"
    assert border_of("UZ", "AF") == "AF-UZ"


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
