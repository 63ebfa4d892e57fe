"""Seizure statistics as arrays ready for a chart, aggregated in the database from the daily rollups.

Days are the post's local days (incidents.local_date, copied into the rollups by triggers). Weeks are
ISO weeks starting on Monday; a period is labelled by its first day.

The database groups the rollup rows (daily_seizures, daily_incidents) and returns each period as an
integer day number (days since 1970-01-01): turning tens of thousands of date strings into Python
dates would cost more than the query itself. numpy then lays the rows out as a dense
(series x period) array. Counting incidents split by substance or substance group reads the seizure
lines of the rollup: an incident that seized two substances counts once for each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

import numpy as np
from sqlalchemy import ColumnElement, Float, Integer, case, cast, func, literal, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import MG_PER_KG
from sitcentre.db.tables import DailyIncidents as DI
from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SubstanceRow as S

# Drafts are not reported yet and rejected incidents did not happen as reported: charts leave both out.
COUNTED_STATUSES = ("reported", "verified")
Granularity = Literal["day", "week", "month"]
Metric = Literal["kg", "incidents"]
Split = Literal["none", "substance", "group", "post", "country", "border"]
EPOCH = date(1970, 1, 1)
SQLITE_JULIAN_EPOCH = 2440587.5  # julianday('1970-01-01')


def kg_sum() -> ColumnElement:
    """sum(kg) of daily_seizures rows: the exact integer sum of milligrams, then kg as a float."""
    return cast(func.sum(DS.kg_mg), Float) / MG_PER_KG


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


class StatsRepository:
    def __init__(self, session: Session):
        self.session = session
        self.dialect = session.get_bind().dialect.name

    # ------------------------------------------------------------------------------------- series

    def series(self, req: SeriesRequest) -> Series:
        source = DI if req.metric == "incidents" and req.split in ("none", "post", "country", "border") else DS
        amount = {DI: func.sum(DI.incidents), DS: kg_sum() if req.metric == "kg" else func.sum(DS.lines)}[source]
        key = self._split_key(source, req.split)
        if req.granularity == "day":  # group by the stored columns: the primary key's order, no sort
            groups = (source.day, key)
        else:
            groups = (self._period(source.day, req.granularity), key)
        query = select(self._day_number(groups[0]), key, amount)
        if req.split in ("country", "border"):
            query = query.join(P, P.id == source.post_id)
        if req.split == "group":
            query = query.join(S, S.id == source.substance_id)
        query = self._where(query, source, req, req.date_from, req.date_to).group_by(*groups)
        rows = self.session.connection().execute(query).all()
        return self._to_series(rows, req)

    def _where(self, query, source, req: SeriesRequest, start: date, end: date):
        query = query.where(source.day >= start, source.day <= end, source.status.in_(req.statuses))
        if req.post_ids:
            query = query.where(source.post_id.in_(req.post_ids))
        return query

    def _period(self, day, granularity: Granularity) -> ColumnElement:
        """The first day of the period `day` falls in (a date on PostgreSQL, a date string on SQLite)."""
        if granularity == "day":
            return day
        if self.dialect == "postgresql":
            return cast(func.date_trunc(granularity, day), type_=day.type)
        if granularity == "week":  # SQLite: the next Sunday (or the day itself), then back to its Monday
            return func.date(day, "weekday 0", "-6 days")
        return func.date(day, "start of month")

    def _day_number(self, day) -> ColumnElement:
        """Days since 1970-01-01 as an integer: cheap to fetch and to turn into datetime64."""
        if self.dialect == "postgresql":
            return cast(day, DS.day.type) - literal(EPOCH, DS.day.type)
        return cast(func.julianday(day) - SQLITE_JULIAN_EPOCH, Integer)

    @staticmethod
    def _split_key(source, split: Split) -> ColumnElement:
        return {
            "none": literal("all"),
            "substance": getattr(source, "substance_id", None),
            "group": S.group,
            "post": source.post_id,
            "country": P.country_code,
            "border": P.border,
        }[split]

    def _labels(self, split: Split) -> dict:
        if split == "substance":
            return dict(self.session.execute(select(S.id, S.name)).all())
        if split == "post":
            return dict(self.session.execute(select(P.id, P.name)).all())
        return {}

    def _to_series(self, rows, req: SeriesRequest) -> Series:
        periods = period_starts(req.date_from, req.date_to, req.granularity)
        if not rows:
            return Series(periods=periods, labels=(), values=np.zeros((0, len(periods))), request=req)
        names = self._labels(req.split)
        day_col, key_col, amount_col = zip(*rows)
        unique, inverse = np.unique(np.array(key_col), return_inverse=True)
        unique = unique.tolist()
        order = sorted(range(len(unique)), key=lambda i: str(names.get(unique[i], unique[i])))
        rank = np.empty(len(order), dtype=np.intp)
        rank[order] = np.arange(len(order))
        days = np.array(day_col, dtype=np.int64)
        cols = np.searchsorted(periods.astype(np.int64), days)
        flat = rank[inverse.ravel()] * len(periods) + cols
        amounts = np.nan_to_num(np.array(amount_col, dtype=float))
        values = np.bincount(flat, weights=amounts, minlength=len(order) * len(periods))
        keys = tuple(unique[i] for i in order)
        labels = tuple(str(names.get(k, k)) for k in keys)
        return Series(periods=periods, labels=labels, values=values.reshape(len(order), len(periods)),
                      request=req, keys=keys)

    # --------------------------------------------------------------------------------- breakdowns

    def breakdown(self, req: SeriesRequest) -> Breakdown:
        """Per post and per substance group in the range and in the range of equal length before it.

        Bars follow the request's metric: kg-equivalent, or incidents (per group: seizure lines, see the
        module note). Posts with nothing in either range still get a bar, so a quiet post shows.
        """
        prev_from, prev_to = previous_range(req.date_from, req.date_to)
        current = case((DS.day >= req.date_from, 1), else_=0)
        seized = self._where(
            select(current, DS.post_id, S.group, kg_sum(), func.sum(DS.lines)).join(S, S.id == DS.substance_id),
            DS, req, prev_from, req.date_to).group_by(current, DS.post_id, S.group)
        current_i = case((DI.day >= req.date_from, 1), else_=0)
        counted = self._where(select(current_i, DI.post_id, func.sum(DI.incidents)), DI, req, prev_from,
                              req.date_to).group_by(current_i, DI.post_id)
        conn = self.session.connection()
        seized_rows, counted_rows = conn.execute(seized).all(), conn.execute(counted).all()
        posts = self.session.execute(select(P.id, P.name).order_by(P.name)).all()
        if req.post_ids:
            posts = [p for p in posts if p.id in req.post_ids]
        groups = self.session.execute(select(S.group).distinct()).scalars().all()
        kg_by_post = _sum_by(seized_rows, 1, 3, [p.id for p in posts])
        lines_by_group = _sum_by(seized_rows, 2, 4, sorted(groups))
        kg_by_group = _sum_by(seized_rows, 2, 3, sorted(groups))
        incidents_by_post = _sum_by(counted_rows, 1, 2, [p.id for p in posts])
        by_post = incidents_by_post if req.metric == "incidents" else kg_by_post
        by_group = lines_by_group if req.metric == "incidents" else kg_by_group
        return Breakdown(
            request=req, previous_from=prev_from, previous_to=prev_to,
            by_post=_totals([p.id for p in posts], [p.name for p in posts], by_post),
            by_group=_totals(sorted(groups), sorted(groups), by_group),
            current=_period_totals(seized_rows, counted_rows, 1),
            previous=_period_totals(seized_rows, counted_rows, 0),
        )

    def data_range(self) -> tuple[date, date] | None:
        """The first and last local day with any incident (any status), or None for an empty database."""
        first, last = self.session.execute(select(func.min(DI.day), func.max(DI.day))).one()
        if first is None:
            return None
        return _as_date(first), _as_date(last)


def _sum_by(rows, key_at: int, amount_at: int, keys: list) -> np.ndarray:
    """A (2, len(keys)) array: row 0 the previous range, row 1 the current one."""
    index = {k: i for i, k in enumerate(keys)}
    out = np.zeros((2, len(keys)))
    for row in rows:
        if row[key_at] in index:
            out[int(row[0]), index[row[key_at]]] += float(row[amount_at] or 0)
    return out


def _totals(keys: list, labels: list, amounts: np.ndarray) -> Totals:
    order = sorted(range(len(keys)), key=lambda i: (-amounts[1, i], -amounts[0, i], str(labels[i])))
    return Totals(keys=tuple(keys[i] for i in order), labels=tuple(str(labels[i]) for i in order),
                  values=amounts[1, order], previous=amounts[0, order])


def _period_totals(seized_rows, counted_rows, current: int) -> PeriodTotals:
    return PeriodTotals(
        kg=float(sum(r[3] or 0 for r in seized_rows if int(r[0]) == current)),
        incidents=int(sum(r[2] or 0 for r in counted_rows if int(r[0]) == current)),
        lines=int(sum(r[4] or 0 for r in seized_rows if int(r[0]) == current)),
    )


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
