"""Seizure statistics as arrays ready for a chart, aggregated in the database from the daily rollups.

Days are the post's local days (incidents.local_date, copied into the rollups by triggers). Weeks are
ISO weeks starting on Monday; a period is labelled by its first day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import numpy as np
from sqlalchemy import ColumnElement, Integer, cast, func, literal, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import DailyIncidents as DI
from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SubstanceRow as S

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


@dataclass(frozen=True, eq=False)
class Series:
    """values[i, j] is series labels[i] in the period starting periods[j]."""

    periods: np.ndarray  # datetime64[D], first day of each period, dense
    labels: tuple[str, ...]
    values: np.ndarray  # float64, shape (len(labels), len(periods))
    request: SeriesRequest = field(repr=False, default=None)

    def total(self) -> np.ndarray:
        return self.values.sum(axis=0) if len(self.labels) else np.zeros(len(self.periods))


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


class StatsRepository:
    def __init__(self, session: Session):
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def series(self, req: SeriesRequest) -> Series:
        source = DI if req.metric == "incidents" and req.split in ("none", "post", "country", "border") else DS
        amount = {DI: func.sum(DI.incidents), DS: func.sum(DS.kg if req.metric == "kg" else DS.lines)}[source]
        period = self._period(source.day, req.granularity).label("period")
        key = self._split_key(source, req.split).label("key")
        query = select(period, key, amount).where(source.day >= req.date_from, source.day <= req.date_to)
        if req.split in ("country", "border"):
            query = query.join(P, P.id == source.post_id)
        if req.split == "group":
            query = query.join(S, S.id == source.substance_id)
        query = query.where(source.status.in_(("verified",) if req.verified_only else COUNTED_STATUSES))
        if req.post_ids:
            query = query.where(source.post_id.in_(req.post_ids))
        rows = self.session.connection().execute(query.group_by(period, key)).all()
        return self._to_series(rows, req)

    def _period(self, day, granularity: Granularity) -> ColumnElement:
        if granularity == "day":
            return day
        if self.dialect == "postgresql":
            return cast(func.date_trunc(granularity, day), type_=day.type)
        if granularity == "week":  # SQLite: back to Monday; strftime('%w') is 0 for Sunday
            return func.date(day, func.printf("-%d days", (cast(func.strftime("%w", day), Integer) + 6) % 7))
        return func.strftime("%Y-%m-01", day)

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
        names = self._labels(req.split)
        if not rows:
            return Series(periods=periods, labels=(), values=np.zeros((0, len(periods))), request=req)
        day_col, key_col, amount_col = zip(*rows)
        keys = sorted(set(key_col), key=lambda k: str(names.get(k, k)))
        index = {k: i for i, k in enumerate(keys)}
        values = np.zeros((len(keys), len(periods)))
        days = np.array(day_col, dtype="datetime64[D]") if isinstance(day_col[0], date) else \
            np.array([d[:10] for d in day_col], dtype="datetime64[D]")
        cols = np.searchsorted(periods, days)
        amounts = np.array(amount_col, dtype=float)
        np.add.at(values, (np.fromiter((index[k] for k in key_col), dtype=np.intp, count=len(key_col)), cols),
                  np.nan_to_num(amounts))
        labels = tuple(str(names.get(k, k)) for k in keys)
        return Series(periods=periods, labels=labels, values=values, request=req)
