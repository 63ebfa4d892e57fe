"""What a chart asks for and what it gets back, and the pure arithmetic on that value (no Qt, no database).

`ChartQuery` is what the supervisor chose; `ChartData` is everything the charts panel shows for it, read in
one transaction by sitcentre.services.charts (desk.charts.load). The rest are pure functions over a
ChartData: which periods are partial, the incident filter behind a point or a bar, and the rows of the CSV
export. Keeping them here lets tests check them without a widget or a database.

A range that ends "today" (`date_to` None) ends on the posts' today (sitcentre.domain.days.latest_local_day):
the latest local day any post has reached. A period cut by the range, or still running, is marked partial,
so the plot can say so instead of showing a drop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from sitcentre.domain.queries import IncidentFilter
from sitcentre.domain.series import Breakdown, Granularity, Metric, Series, SeriesRequest, Split, period_end

AVERAGE_DAYS = 7


@dataclass(frozen=True)
class ChartQuery:
    """What the supervisor chose. `date_to` None: the posts' today at `now` (None: the time of reading).
    `date_from` None: `days` days ending on `date_to`, or without `days` the first day with data."""

    date_from: date | None
    date_to: date | None
    granularity: Granularity = "day"
    metric: Metric = "kg"
    split: Split = "group"
    verified_only: bool = False
    top: int = 8
    moving_average: bool = False
    other_label: str = "Other"
    days: int | None = None
    now: datetime | None = None

    @property
    def averaged(self) -> bool:
        """A 7-day moving average only means something over daily points."""
        return self.moving_average and self.granularity == "day"


@dataclass(frozen=True, eq=False)
class ChartData:
    query: ChartQuery
    request: SeriesRequest  # the query with its dates resolved
    series: Series  # top N plus "other"; keys[i] is the tuple of database keys series i stands for
    average: np.ndarray | None  # trailing 7-day mean of each series, same shape, or None
    breakdown: Breakdown
    group_substances: dict[str, tuple[int, ...]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    partial: tuple[bool, ...] = ()  # per period: cut by the range or still running at the posts
    # verified-only figures: verified incidents of the range left out because they are in conflict (issue 12)
    in_conflict_left_out: int = 0

    def is_partial(self, index: int) -> bool:
        return index < len(self.partial) and self.partial[index]

    def period_days(self, index: int) -> tuple[int, int]:
        """(days of period `index` inside the chosen range, days of the whole period)."""
        start = self.series.periods[index].astype("datetime64[D]").item()
        first, last = self.period_range(index)
        return (last - first).days + 1, (period_end(start, self.request.granularity) - start).days + 1

    def period_range(self, index: int) -> tuple[date, date]:
        """The local days of period `index`, clipped to the chosen range (a partial first week counts less)."""
        start = self.series.periods[index].astype("datetime64[D]").item()
        end = period_end(start, self.request.granularity)
        return max(start, self.request.date_from), min(end, self.request.date_to)


def partial_periods(periods: np.ndarray, request: SeriesRequest, posts_today: date) -> tuple[bool, ...]:
    """Per period: True when the range cuts it (a week or month begun before `date_from` or ending after
    `date_to`) or when it is still running at the posts (its last day not over before `posts_today`)."""
    out = []
    for start in periods.astype("datetime64[D]").tolist():
        end = period_end(start, request.granularity)
        out.append(start < request.date_from or end > request.date_to or min(end, request.date_to) >= posts_today)
    return tuple(out)


# ------------------------------------------------------------------------------------ click to filter

def point_filter(data: ChartData, slot: int, index: int) -> IncidentFilter:
    """The incidents behind one point: that period (local days) and that series' group."""
    date_from, date_to = data.period_range(index)
    return IncidentFilter(date_from=date_from, date_to=date_to, statuses=data.request.statuses,
                          **split_fields(data, data.request.split, data.series.keys[slot]))


def bar_filter(data: ChartData, kind: str, index: int) -> IncidentFilter:
    """The incidents behind one bar ("post" or "group") over the whole chosen range."""
    totals = data.breakdown.by_post if kind == "post" else data.breakdown.by_group
    return IncidentFilter(date_from=data.request.date_from, date_to=data.request.date_to,
                          statuses=data.request.statuses,
                          **split_fields(data, kind, (totals.keys[index],)))


def split_fields(data: ChartData, split: str, keys: tuple) -> dict:
    """IncidentFilter fields for a split's keys; a substance group becomes the ids of its substances."""
    if split == "substance":
        return {"substance_ids": tuple(sorted(keys))}
    if split == "group":
        ids = {i for key in keys for i in data.group_substances.get(key, ())}
        return {"substance_ids": tuple(sorted(ids))}
    if split == "post":
        return {"post_ids": tuple(sorted(keys))}
    if split == "country":
        return {"countries": tuple(sorted(keys))}
    if split == "border":
        return {"borders": tuple(sorted(keys))}
    return {}


# ------------------------------------------------------------------------------------------ export

def csv_rows(data: ChartData, labels: tuple[str, ...], headings: tuple[str, str, str, str]) -> list[list[str]]:
    """Header and one row per period: first day, last day, each series, the total, then the averages.

    `labels` are the series names as shown; `headings` = (first day, last day, total, average suffix).
    """
    first_day, last_day, total, avg_suffix = headings
    header = [first_day, last_day, *labels, total]
    if data.average is not None:
        header += [f"{label} {avg_suffix}" for label in labels]
    rows = [header]
    fmt = _formatter(data.request.metric)
    totals = data.series.total()
    for j in range(len(data.series.periods)):
        start, end = data.period_range(j)
        row = [start.isoformat(), end.isoformat(), *(fmt(v) for v in data.series.values[:, j]), fmt(totals[j])]
        if data.average is not None:
            row += [f"{v:.3f}" for v in data.average[:, j]]
        rows.append(row)
    return rows


def _formatter(metric: Metric):
    if metric == "incidents":
        return lambda v: str(int(round(v)))
    return lambda v: f"{v:.3f}"
