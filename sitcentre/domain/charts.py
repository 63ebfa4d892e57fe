"""What a chart asks for and what it gets back, and the pure arithmetic on that value (no Qt, no database).

`ChartQuery` is what the supervisor chose; `ChartData` is everything the charts panel shows for it, read in
one transaction by sitcentre.services.charts (desk.charts.load). The rest are pure functions over a
ChartData: which periods are partial, the incident filter behind a point or a bar, and the rows of the CSV
export. Keeping them here lets tests check them without a widget or a database.

A range that ends "today" (`date_to` None) ends on the posts' today (sitcentre.domain.days.latest_local_day):
the latest local day any post has reached. A period cut by the range, or still running, is marked partial,
so the plot can say so instead of showing a drop.

Precursor chemicals (issue 16) are counted apart from drugs, as international reporting keeps them: with the kg
metric the series, the breakdowns and their totals are drugs only (a kg-equivalent total of drugs never includes
litres of acetic anhydride), and `ChartData.precursors` carries the precursors' own figures: per chart period (a
line the chart may show beside the drugs, never stacked on them), in the range and before it, and per post.
With the incidents metric an incident is an incident, whatever it seized (the precursors' kg still come apart).

Published statistics (issue 15) travel beside the posts' series as `ChartData.published`: per source and country,
the kg-equivalent each agency published for a day, month or year overlapping the chart's window. They are context
("national totals as published"), never added to a series, a total, a breakdown or the brief. A published period is
longer than a chart's point, so the chart draws each figure as its average per chart period (`PublishedFigure.level`):
a year's 3,650 kg is 10 kg a day on a daily chart, 70 kg a week on a weekly one, about 304 kg a month on a monthly
one, the same scale as the posts' own points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
    post_ids: tuple[int, ...] = ()  # only these posts (and the published figures of their countries); () all

    @property
    def averaged(self) -> bool:
        """A 7-day moving average only means something over daily points."""
        return self.moving_average and self.granularity == "day"


@dataclass(frozen=True)
class PublishedFigure:
    """One source's published total for one country and period, summed over its substances and categories."""

    source: str
    country_code: str
    period_kind: str  # "day", "month" or "year"
    start: date
    end: date  # inclusive
    kg: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def kg_per_day(self) -> float:
        return self.kg / self.days

    def level(self, granularity: Granularity) -> float:
        """What the chart draws: the figure's average per chart period (a day, an ISO week, a calendar month)."""
        if granularity == "month":
            whole = self.start.day == 1 and (self.end + timedelta(days=1)).day == 1
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            return self.kg / months if whole else self.kg_per_day * 365.25 / 12
        return self.kg_per_day * (7 if granularity == "week" else 1)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PublishedSeries:
    """The figures one source published for one country, oldest first: one context line of the time chart."""

    source: str
    country_code: str
    figures: tuple[PublishedFigure, ...]


def published_series(figures: Iterable[PublishedFigure], own_countries: Iterable[str] = ()) -> tuple[
        PublishedSeries, ...]:
    """Figures grouped per (source, country): the posts' own countries first, then by country code and source, so a
    line keeps its place (and colour) when a refresh brings more figures."""
    own = set(own_countries)
    grouped: dict[tuple[str, str], list[PublishedFigure]] = {}
    for figure in figures:
        grouped.setdefault((figure.source, figure.country_code), []).append(figure)
    order = sorted(grouped, key=lambda k: (k[1] not in own, k[1], k[0]))
    return tuple(PublishedSeries(source, country, tuple(sorted(grouped[(source, country)], key=_figure_order)))
                 for source, country in order)


def _figure_order(figure: PublishedFigure) -> tuple:
    return figure.start, figure.end


@dataclass(frozen=True, eq=False)
class Precursors:
    """Precursor chemicals seized (kg; litres count as kg), apart from the drugs (kg metric only)."""

    values: np.ndarray  # per chart period (same periods as the series)
    kg: float  # in the chosen range
    previous_kg: float  # in the range of equal length before it
    by_post: dict[int, tuple[float, float]] = field(default_factory=dict)  # post id -> (range, before); posts with any

    def of_post(self, post_id: int) -> tuple[float, float]:
        return self.by_post.get(post_id, (0.0, 0.0))


def no_precursors(periods: int) -> Precursors:
    return Precursors(np.zeros(periods), 0.0, 0.0)


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
    # published statistics overlapping the window (kg metric only): context beside the series, never added to them
    published: tuple[PublishedSeries, ...] = ()
    # precursor chemicals apart from the drugs, in kg whatever the metric (None: not read)
    precursors: Precursors | None = None
    post_names: dict[int, str] = field(default_factory=dict)  # the chosen posts' names (query.post_ids), else {}

    @property
    def drugs_apart(self) -> bool:
        """The series, breakdowns and their kg totals are drugs only, precursors apart (the kg metric)."""
        return self.request.metric == "kg"

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
                          **_posts_kept(data, split_fields(data, data.request.split, data.series.keys[slot])))


def bar_filter(data: ChartData, kind: str, index: int) -> IncidentFilter:
    """The incidents behind one bar ("post" or "group") over the whole chosen range."""
    totals = data.breakdown.by_post if kind == "post" else data.breakdown.by_group
    return IncidentFilter(date_from=data.request.date_from, date_to=data.request.date_to,
                          statuses=data.request.statuses,
                          **_posts_kept(data, split_fields(data, kind, (totals.keys[index],))))


def _posts_kept(data: ChartData, fields: dict) -> dict:
    """A chart of some posts lists only their incidents, whatever it is split by."""
    if data.request.post_ids and "post_ids" not in fields:
        return {**fields, "post_ids": tuple(sorted(data.request.post_ids))}
    return fields


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

def csv_rows(data: ChartData, labels: tuple[str, ...], headings: tuple[str, str, str, str],
             precursors_heading: str = "") -> list[list[str]]:
    """Header and one row per period: first day, last day, each series, the total, then the averages; with
    `precursors_heading` and the kg metric, after the (drugs') total a column of the precursor chemicals apart.

    `labels` are the series names as shown; `headings` = (first day, last day, total, average suffix).
    """
    first_day, last_day, total, avg_suffix = headings
    apart = data.precursors.values if precursors_heading and data.drugs_apart and data.precursors else None
    header = [first_day, last_day, *labels, total] + ([precursors_heading] if apart is not None else [])
    if data.average is not None:
        header += [f"{label} {avg_suffix}" for label in labels]
    rows = [header]
    fmt = _formatter(data.request.metric)
    totals = data.series.total()
    for j in range(len(data.series.periods)):
        start, end = data.period_range(j)
        row = [start.isoformat(), end.isoformat(), *(fmt(v) for v in data.series.values[:, j]), fmt(totals[j])]
        if apart is not None:
            row.append(fmt(apart[j]))
        if data.average is not None:
            row += [f"{v:.3f}" for v in data.average[:, j]]
        rows.append(row)
    return rows


def _formatter(metric: Metric):
    if metric == "incidents":
        return lambda v: str(int(round(v)))
    return lambda v: f"{v:.3f}"
