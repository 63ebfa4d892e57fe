"""Chart series as plain values: what a chart asks for, the arrays it gets back, and the arithmetic on them.

No SQLAlchemy here: ui/ and the services hold these without loading database code. The database side
(StatsRepository, which fills them from the daily rollups) is sitcentre.repositories.stats.
Days are the post's local days; weeks are ISO weeks starting on Monday; a period is labelled by its first day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

import numpy as np

# Drafts are not reported yet and rejected incidents did not happen as reported: charts leave both out.
COUNTED_STATUSES = ("reported", "verified")
Granularity = Literal["day", "week", "month"]
Metric = Literal["kg", "incidents"]
Split = Literal["none", "substance", "group", "post", "country", "border"]


@dataclass(frozen=True)
class SeriesRequest:
    date_from: date
    date_to: date
    granularity: Granularity = "day"
    metric: Metric = "kg"
    split: Split = "substance"
    verified_only: bool = False
    post_ids: tuple[int, ...] = ()

    @property
    def statuses(self) -> tuple[str, ...]:
        return ("verified",) if self.verified_only else COUNTED_STATUSES


@dataclass(frozen=True, eq=False)
class Series:
    """values[i, j] is series labels[i] in the period starting periods[j].

    keys[i] is what series i is split by in the database (substance or post id, group, country code or
    border); after `top_n` it is the tuple of keys a series stands for ("Other" stands for several).
    """

    periods: np.ndarray  # datetime64[D], first day of each period, dense
    labels: tuple[str, ...]
    values: np.ndarray  # float64, shape (len(labels), len(periods))
    request: SeriesRequest = field(repr=False, default=None)
    keys: tuple = ()

    def total(self) -> np.ndarray:
        return self.values.sum(axis=0) if len(self.labels) else np.zeros(len(self.periods))


@dataclass(frozen=True, eq=False)
class Totals:
    """One bar per key, largest first: `values` in the chosen range, `previous` in the one before it."""

    keys: tuple
    labels: tuple[str, ...]
    values: np.ndarray
    previous: np.ndarray


@dataclass(frozen=True)
class PeriodTotals:
    kg: float
    incidents: int
    lines: int


@dataclass(frozen=True, eq=False)
class Breakdown:
    """Totals of a range per post and per substance group, and the same for the range just before it."""

    request: SeriesRequest
    previous_from: date
    previous_to: date
    by_post: Totals
    by_group: Totals
    current: PeriodTotals
    previous: PeriodTotals


def period_starts(start: date, end: date, granularity: Granularity) -> np.ndarray:
    """Every period start from the one containing `start` to the one containing `end`."""
    first, last = period_of(start, granularity), period_of(end, granularity)
    if granularity == "day":
        return np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    if granularity == "week":
        return np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1, 7)
    months = np.arange(np.datetime64(first, "M"), np.datetime64(last, "M") + 1)
    return months.astype("datetime64[D]")


def period_of(day: date, granularity: Granularity) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def period_end(start: date, granularity: Granularity) -> date:
    """The last day of the period that starts on `start`."""
    if granularity == "week":
        return start + timedelta(days=6)
    if granularity == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


def previous_range(date_from: date, date_to: date) -> tuple[date, date]:
    """The range of equal length that ends the day before `date_from`."""
    length = date_to - date_from
    end = date_from - timedelta(days=1)
    return end - length, end


def top_n(series: Series, n: int, other: str = "Other", rank_from: int = 0) -> Series:
    """The n largest series by total (largest first), the rest summed into one series `other`, last.

    Each key of the result is a tuple of the original keys. Totals are taken over periods[rank_from:],
    so a series widened for a moving average is ranked over the range that is shown.
    """
    count = len(series.labels)
    keys = series.keys or series.labels
    totals = series.values[:, rank_from:].sum(axis=1) if count else np.zeros(0)
    order = sorted(range(count), key=lambda i: (-totals[i], series.labels[i]))
    kept, rest = (order, []) if count <= n + 1 else (order[:n], order[n:])  # never an "Other" of one
    labels = tuple(series.labels[i] for i in kept)
    new_keys = tuple((keys[i],) for i in kept)
    rows = [series.values[i] for i in kept]
    if rest:
        labels += (other,)
        new_keys += (tuple(keys[i] for i in rest),)
        rows.append(series.values[rest].sum(axis=0))
    values = np.vstack(rows) if rows else np.zeros((0, len(series.periods)))
    return replace(series, labels=labels, values=values, keys=new_keys)


def trailing_mean(values: np.ndarray, window: int = 7) -> np.ndarray:
    """Mean of each column and the window-1 columns before it (fewer at the very start), per row."""
    if values.size == 0:
        return values.astype(float)
    sums = np.cumsum(values, axis=-1, dtype=float)
    out = sums.copy()
    out[..., window:] = sums[..., window:] - sums[..., :-window]
    counts = np.minimum(np.arange(1, values.shape[-1] + 1), window)
    return out / counts
