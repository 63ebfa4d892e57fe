"""The posts' today and the clocks times are shown in (sitcentre.domain.days), worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sitcentre.domain.days import Clock, clock_offset, last_days, latest_local_day, offset_text, on_clock

JUST_AFTER_MIDNIGHT_AT_UTC6 = datetime(2025, 3, 30, 18, 30, tzinfo=UTC)  # 00:30 on 31 March at UTC+6


def test_today_is_the_day_of_the_post_furthest_east():
    assert latest_local_day(JUST_AFTER_MIDNIGHT_AT_UTC6, [300, 360, 270], fallback_offset=300) == date(2025, 3, 31)


def test_before_any_post_reaches_midnight_today_is_still_the_day_before():
    assert latest_local_day(datetime(2025, 3, 30, 17, 59, tzinfo=UTC), [300, 360], 300) == date(2025, 3, 30)


def test_without_known_posts_the_centres_day_stands_in():
    assert latest_local_day(JUST_AFTER_MIDNIGHT_AT_UTC6, [], fallback_offset=300) == date(2025, 3, 30)


def test_last_days_include_both_ends():
    assert last_days(date(2025, 3, 31), 7) == (date(2025, 3, 25), date(2025, 3, 31))
    assert last_days(date(2025, 3, 31), 1) == (date(2025, 3, 31), date(2025, 3, 31))
    with pytest.raises(ValueError):
        last_days(date(2025, 3, 31), 0)


def test_offsets_are_written_as_people_read_them():
    assert [offset_text(m) for m in (300, 360, 270, 0, -210)] == ["UTC+5", "UTC+6", "UTC+4:30", "UTC", "UTC-3:30"]


def test_each_clock_shows_a_moment_at_its_own_offset():
    moment = datetime(2025, 3, 30, 8, 54, tzinfo=UTC)
    shown = {c: on_clock(moment, clock_offset(c, post_offset=360, centre_offset=300)).strftime("%H:%M") for c in Clock}
    assert shown == {Clock.CENTRE: "13:54", Clock.UTC: "08:54", Clock.POST: "14:54"}
