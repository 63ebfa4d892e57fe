"""Seizure statistics as arrays ready for a chart, aggregated in the database from the daily rollups.

Days are the post's local days (incidents.local_date, copied into the rollups by triggers). Weeks are
ISO weeks starting on Monday; a period is labelled by its first day.

The database groups the rollup rows (daily_seizures, daily_incidents) and returns each period as an
integer day number (days since 1970-01-01): turning tens of thousands of date strings into Python
dates would cost more than the query itself. numpy then lays the rows out as a dense
(series x period) array. Counting incidents split by substance or substance group reads the seizure
lines of the rollup: an incident that seized two substances counts once for each of them.

Precursor chemicals (issue 16) are counted apart from drugs, as international reporting keeps them: litres of
acetic anhydride are no kilograms of heroin. `series` reads all substances, drugs only or precursors only
(`substances`); the breakdowns' kg figures are drugs only, and `precursors` gives the precursors' own totals.

Verified-only figures leave out verified incidents with an open hard conflict (issue 12: the exchange kept two
versions of them and a supervisor has not chosen yet): their own lines and counts are subtracted from the
rollup rows in the same query (`_source`; few rows: conflicts are rare), and `left_out` says how many.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import numpy as np
from sqlalchemy import ColumnElement, Float, Integer, case, cast, func, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from sitcentre.db.tables import MG_PER_KG, ConflictRow, kg_mg_sql
from sitcentre.db.tables import DailyIncidents as DI
from sitcentre.db.tables import DailySeizures as DS
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.db.tables import SubstanceRow as S
from sitcentre.domain.enums import SubstanceGroup

# The value types live in sitcentre.domain.series (no SQLAlchemy there, so ui/ can hold them); re-exported
# for the services and scripts that import them from here.
from sitcentre.domain.series import (  # noqa: F401
    COUNTED_STATUSES,
    Breakdown,
    Granularity,
    Metric,
    PeriodTotals,
    Series,
    SeriesRequest,
    Split,
    Totals,
    period_end,
    period_of,
    period_starts,
    previous_range,
    top_n,
    trailing_mean,
)
from sitcentre.repositories.conflicts import HARD_KINDS as HARD_CONFLICTS

EPOCH = date(1970, 1, 1)
PRECURSORS = SubstanceGroup.PRECURSORS.value
Substances = Literal["all", "drugs", "precursors"]
SQLITE_JULIAN_EPOCH = 2440587.5  # julianday('1970-01-01')


def kg_sum(column=DS.kg_mg) -> ColumnElement:
    """sum(kg) of daily_seizures rows: the exact integer sum of milligrams, then kg as a float."""
    return cast(func.sum(column), Float) / MG_PER_KG


class _Columns:
    """A subquery's columns under the rollup's attribute names (source.day, source.post_id, ...)."""

    def __init__(self, subquery):
        for column in subquery.c:
            setattr(self, column.key, column)


class StatsRepository:
    def __init__(self, session: Session):
        self.session = session
        self.dialect = session.get_bind().dialect.name

    # ------------------------------------------------------------------------------------- series

    def series(self, req: SeriesRequest, substances: Substances = "all") -> Series:
        """`substances`: every seizure line, drugs only or precursor chemicals only (an incident count of a split
        without substances counts every incident whatever it seized)."""
        counting = req.metric == "incidents" and req.split in ("none", "post", "country", "border")
        source = self._source(DI if counting else DS, req)
        amount = func.sum(source.incidents) if counting else \
            kg_sum(source.kg_mg) if req.metric == "kg" else func.sum(source.lines)
        key = self._split_key(source, req.split)
        if req.granularity == "day":  # group by the stored columns: the primary key's order, no sort
            groups = (source.day, key)
        else:
            groups = (self._period(source.day, req.granularity), key)
        query = select(self._day_number(groups[0]), key, amount)
        if req.split in ("country", "border"):
            query = query.join(P, P.id == source.post_id)
        if req.split == "group" or (substances != "all" and not counting):
            query = query.join(S, S.id == source.substance_id)
        if substances != "all" and not counting:
            query = query.where(S.group == PRECURSORS if substances == "precursors" else S.group != PRECURSORS)
        query = self._where(query, source, req, req.date_from, req.date_to).group_by(*groups)
        rows = self.session.connection().execute(query).all()
        return self._to_series(rows, req)

    def _where(self, query, source, req: SeriesRequest, start: date, end: date):
        query = query.where(source.day >= start, source.day <= end, source.status.in_(req.statuses))
        if req.post_ids:
            query = query.where(source.post_id.in_(req.post_ids))
        return query

    # ------------------------------------------------------------- verified incidents in conflict

    def in_conflict(self, req: SeriesRequest) -> list:
        """Ids of the verified incidents with an open hard conflict that verified-only figures leave out
        (none when the request counts reported incidents too)."""
        if not req.verified_only:
            return []
        query = (select(I.id).join(ConflictRow, ConflictRow.row_id == I.id)
                 .where(ConflictRow.status == "open", ConflictRow.kind.in_(HARD_CONFLICTS), I.status == "verified")
                 .distinct())
        return list(self.session.scalars(query))

    def left_out(self, req: SeriesRequest, ids: list | None = None) -> int:
        """How many incidents of the request's days (and posts) verified-only figures leave out: in conflict."""
        ids = self.in_conflict(req) if ids is None else ids
        if not ids:
            return 0
        query = select(func.count()).select_from(I).where(
            I.id.in_(ids), I.local_date >= req.date_from, I.local_date <= req.date_to, I.status.in_(req.statuses))
        if req.post_ids:
            query = query.where(I.post_id.in_(req.post_ids))
        return int(self.session.scalar(query) or 0)

    def adjusted(self, rollup, verified_only: bool):
        """`rollup` (DS or DI), or with verified_only and incidents in conflict, the rollup minus their rows
        (same column names): for callers outside this class that read the rollups (the brief)."""
        return self._source(rollup, SeriesRequest(EPOCH, EPOCH, verified_only=verified_only))

    def _source(self, rollup, req: SeriesRequest, ids: list | None = None):
        ids = self.in_conflict(req) if ids is None else ids
        if not ids:
            return rollup
        if rollup is DS:
            mg = literal_column(kg_mg_sql(f"{L.__tablename__}.kg_equivalent", self.dialect))
            base = select(DS.day, DS.post_id, DS.substance_id, DS.status, DS.kg_mg, DS.lines)
            minus = select(L.local_date, L.post_id, L.substance_id, L.status, -mg, literal(-1)).where(
                L.incident_id.in_(ids))
        else:
            base = select(DI.day, DI.post_id, DI.status, DI.incidents)
            minus = select(I.local_date, I.post_id, I.status, literal(-1)).where(I.id.in_(ids))
        return _Columns(union_all(base, minus).subquery("adjusted"))

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

        Bars follow the request's metric: kg-equivalent of drugs (precursor chemicals are counted apart: see
        `precursors`), or incidents (per group: seizure lines, see the module note; precursors' lines are a group
        of their own). Posts with nothing in either range still get a bar, so a quiet post shows.
        """
        prev_from, prev_to = previous_range(req.date_from, req.date_to)
        ids = self.in_conflict(req)
        ds, di = self._source(DS, req, ids), self._source(DI, req, ids)
        current = case((ds.day >= req.date_from, 1), else_=0)
        seized = self._where(
            select(current, ds.post_id, S.group, kg_sum(ds.kg_mg), func.sum(ds.lines))
            .select_from(ds if ds is DS else ds.day.table).join(S, S.id == ds.substance_id),
            ds, req, prev_from, req.date_to).group_by(current, ds.post_id, S.group)
        current_i = case((di.day >= req.date_from, 1), else_=0)
        counted = self._where(select(current_i, di.post_id, func.sum(di.incidents)), di, req, prev_from,
                              req.date_to).group_by(current_i, di.post_id)
        conn = self.session.connection()
        seized_rows, counted_rows = conn.execute(seized).all(), conn.execute(counted).all()
        posts = self.session.execute(select(P.id, P.name).order_by(P.name)).all()
        if req.post_ids:
            posts = [p for p in posts if p.id in req.post_ids]
        groups = sorted(self.session.execute(select(S.group).distinct()).scalars().all())
        drug_rows = [r for r in seized_rows if r[2] != PRECURSORS]
        drug_groups = [g for g in groups if g != PRECURSORS]
        kg_by_post = _sum_by(drug_rows, 1, 3, [p.id for p in posts])
        lines_by_group = _sum_by(seized_rows, 2, 4, groups)
        kg_by_group = _sum_by(drug_rows, 2, 3, drug_groups)
        incidents_by_post = _sum_by(counted_rows, 1, 2, [p.id for p in posts])
        by_post = incidents_by_post if req.metric == "incidents" else kg_by_post
        return Breakdown(
            request=req, previous_from=prev_from, previous_to=prev_to,
            by_post=_totals([p.id for p in posts], [p.name for p in posts], by_post),
            by_group=_totals(groups, groups, lines_by_group) if req.metric == "incidents" else _totals(
                drug_groups, drug_groups, kg_by_group),
            current=_period_totals(seized_rows, counted_rows, 1),
            previous=_period_totals(seized_rows, counted_rows, 0),
        )

    def precursors(self, req: SeriesRequest) -> tuple[tuple[float, float], dict[int, tuple[float, float]]]:
        """Precursor chemicals seized (kg, litres counted as kg) in the range and in the range of equal length
        before it: (range, before) in all, and per post that seized any in either range."""
        prev_from, _prev_to = previous_range(req.date_from, req.date_to)
        ds = self._source(DS, req)
        current = case((ds.day >= req.date_from, 1), else_=0)
        query = self._where(
            select(current, ds.post_id, kg_sum(ds.kg_mg))
            .select_from(ds if ds is DS else ds.day.table).join(S, S.id == ds.substance_id)
            .where(S.group == PRECURSORS), ds, req, prev_from, req.date_to).group_by(current, ds.post_id)
        total = [0.0, 0.0]
        by_post: dict[int, list[float]] = {}
        for now, post_id, kg in self.session.connection().execute(query):
            total[int(now)] += float(kg or 0)
            by_post.setdefault(post_id, [0.0, 0.0])[int(now)] += float(kg or 0)
        return (total[1], total[0]), {p: (v[1], v[0]) for p, v in by_post.items() if v[0] or v[1]}

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
    """kg: drugs only (precursor chemicals apart); lines: every seizure line."""
    return PeriodTotals(
        kg=float(sum(r[3] or 0 for r in seized_rows if int(r[0]) == current and r[2] != PRECURSORS)),
        incidents=int(sum(r[2] or 0 for r in counted_rows if int(r[0]) == current)),
        lines=int(sum(r[4] or 0 for r in seized_rows if int(r[0]) == current)),
    )


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
