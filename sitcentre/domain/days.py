"""Days and clocks: which day it is at the posts, and which clock a time is shown in. No Qt, no database.

The region keeps fixed UTC offsets (no daylight saving), from +04:30 to +06:00, so at one moment two posts
can be on different calendar days. Whatever ends "today" (a date filter, a chart range) ends on the latest
of the posts' days: at 18:30 UTC a UTC+6 post is already at 00:30 of the next day, and an incident it
reports then must not fall outside "today" until someone moves the end date.

Times are shown on one clock chosen by the user, so that a list sorted by time reads as sorted: the
centre's clock (the default), UTC, or each post's own clock (which can read unsorted across posts).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

from sitcentre.domain.records import local_date


def latest_local_day(now: datetime, offsets: Iterable[int], fallback_offset: int) -> date:
    """The latest calendar day any post has reached at `now` (the day of the post furthest east).

    `offsets` are the posts' UTC offsets in minutes; with none known yet, the day at `fallback_offset`
    (the centre's) stands in."""
    known = [int(o) for o in offsets]
    return local_date(now, max(known) if known else fallback_offset)


def last_days(today: date, days: int) -> tuple[date, date]:
    """The `days` days ending on `today`, both ends included (1: today only)."""
    if days < 1:
        raise ValueError("a range holds at least one day")
    return today - timedelta(days=days - 1), today


class Clock(StrEnum):
    """The clock times are shown in."""

    CENTRE = "centre"
    UTC = "utc"
    POST = "post"


def offset_text(minutes: int) -> str:
    """UTC+5, UTC+4:30, UTC-3:30, UTC (no offset)."""
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def local_text(moment: datetime | None, minutes: int) -> str:
    """A UTC moment as the wall-clock time at a fixed UTC offset, to the minute ("2026-03-10 12:30"); "" for None.

    With `offset_text(minutes)` beside it, the one way a local time and its offset are shown."""
    if moment is None:
        return ""
    return f"{on_clock(moment, minutes):%Y-%m-%d %H:%M}"


def on_clock(moment: datetime, offset_minutes: int) -> datetime:
    """The moment as a wall-clock time at a fixed UTC offset."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must be timezone-aware")
    return moment.astimezone(timezone(timedelta(minutes=offset_minutes)))


def clock_offset(clock: Clock, post_offset: int, centre_offset: int) -> int:
    """The UTC offset in minutes a time is shown at on `clock`."""
    return {Clock.CENTRE: centre_offset, Clock.UTC: 0, Clock.POST: post_offset}[Clock(clock)]
