"""What the charts panel shows, read on the DB worker, and what its clicks and exports turn into (no Qt).

`load_chart_data` is the one small function the panel hands to the task runner (design rule 4): it reads
the series, the breakdowns and the reference lists in one read transaction and returns a frozen
`ChartData` of numpy arrays. The rest are pure functions over that value: the incident filter behind a
point or a bar, and the rows of the CSV export. Keeping them here lets tests check them without a
widget, and keeps the panel to layout and signals.

A range that ends "today" (`date_to` None) ends on the posts' today, worked out on the worker from the
posts' offsets (sitcentre.domain.days.latest_local_day): the latest local day any post has reached. A
period cut by the range, or still running, is marked partial, so the plot can say so instead of showing a
drop.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.days import latest_local_day
from sitcentre.domain.queries import IncidentFilter
from sitcentre.domain.records import utcnow
from sitcentre.domain.series import (
    Breakdown,
    Granularity,
    Metric,
    Series,
    SeriesRequest,
    Split,
    period_end,
    top_n,
    trailing_mean,
)
from sitcentre.output_paths import atomic_write
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.stats import StatsRepository
from sitcentre.settings import Settings

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


def load_chart_data(engine, query: ChartQuery) -> ChartData:
    """Run it on the DB worker: `runner.submit(lambda: load_chart_data(engine, q), on_done, key=...)`."""
    with UnitOfWork(engine) as uow:
        stats = StatsRepository(uow.session)
        reference = ReferenceRepository(uow.session)
        posts_today = latest_local_day(query.now or utcnow(), (p.utc_offset_minutes for p in reference.posts()),
                                       Settings.centre_utc_offset_minutes)
        request = _resolve(stats, query, posts_today)
        widen = AVERAGE_DAYS - 1 if query.averaged else 0  # the first days' averages need the days before
        raw = stats.series(replace(request, date_from=request.date_from - timedelta(days=widen)))
        grouped = top_n(raw, query.top, query.other_label, rank_from=widen)
        average = trailing_mean(grouped.values, AVERAGE_DAYS)[:, widen:] if query.averaged else None
        series = replace(grouped, periods=grouped.periods[widen:], values=grouped.values[:, widen:],
                         request=request)
        breakdown = stats.breakdown(request)
        groups: dict[str, list[int]] = {}
        for substance in reference.substances():
            groups.setdefault(substance.group.value, []).append(substance.id)
        countries = {c.code: c.name for c in reference.countries()}
    return ChartData(query, request, series, average, breakdown,
                     {g: tuple(sorted(ids)) for g, ids in groups.items()}, countries,
                     partial_periods(series.periods, request, posts_today))


def partial_periods(periods: np.ndarray, request: SeriesRequest, posts_today: date) -> tuple[bool, ...]:
    """Per period: True when the range cuts it (a week or month begun before `date_from` or ending after
    `date_to`) or when it is still running at the posts (its last day not over before `posts_today`)."""
    out = []
    for start in periods.astype("datetime64[D]").tolist():
        end = period_end(start, request.granularity)
        out.append(start < request.date_from or end > request.date_to or min(end, request.date_to) >= posts_today)
    return tuple(out)


def _resolve(stats: StatsRepository, query: ChartQuery, posts_today: date) -> SeriesRequest:
    date_to = query.date_to or posts_today
    date_from = query.date_from
    if date_from is None and query.days:
        date_from = date_to - timedelta(days=query.days - 1)
    if date_from is None:
        span = stats.data_range()
        date_from = min(span[0], date_to) if span else date_to
    return SeriesRequest(date_from=min(date_from, date_to), date_to=date_to,
                         granularity=query.granularity, metric=query.metric, split=query.split,
                         verified_only=query.verified_only)


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


def write_csv(path: str | Path, rows: list[list[str]], overwrite: bool = False) -> None:
    """UTF-8 (names in Cyrillic too), through sitcentre.output_paths: whole or not at all, never over the open
    database, a folder or a device, over an existing file only when `overwrite` (UnsafeOutput otherwise)."""
    with atomic_write(path, replace=overwrite, text=True, what="CSV") as out:
        csv.writer(out).writerows(rows)


def _formatter(metric: Metric):
    if metric == "incidents":
        return lambda v: str(int(round(v)))
    return lambda v: f"{v:.3f}"
