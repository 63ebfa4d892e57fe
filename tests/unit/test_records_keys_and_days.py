"""The records validation and storage rely on: client-made UUIDv7 keys, an incident's total, the post's local
day. (Split from test_validation.py, which checks the incident as entered.)"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitcentre.domain.enums import Unit
from sitcentre.domain.records import SeizureLine, border_of, local_date, new_id, uuid7_from
from tests.unit.test_validation import HEROIN, TRAMADOL, seizure

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
