"""What the charts panel shows, read in one transaction.

`ChartService.load` reads the series, the breakdowns and the reference lists in one read transaction and
returns a frozen `ChartData` of numpy arrays (sitcentre.domain.charts). The UI calls it through
`desk.charts.load(query)` on its DB worker; the benchmark calls the same thing.

A range that ends "today" (`query.date_to` None) ends on the posts' today, worked out here from the posts'
offsets (sitcentre.domain.days.latest_local_day).

Published statistics (issue 15) come back beside the series in `ChartData.published`, from their own table in the
same transaction: the figures overlapping the chart's periods, for the selected posts' countries when the chart is
of some posts (every country otherwise), kg metric only (an agency publishes quantities, not incident counts). They
are never added to the series, the breakdowns or the totals.

With the kg metric the series and breakdowns are drugs only; the precursor chemicals come apart in
`ChartData.precursors` (issue 16) whatever the metric: kg per period, the range's total and the one before it,
per post.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.charts import (
    AVERAGE_DAYS,
    ChartData,
    ChartQuery,
    Precursors,
    PublishedSeries,
    partial_periods,
    published_series,
)
from sitcentre.domain.days import latest_local_day
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import Post, utcnow
from sitcentre.domain.series import SeriesRequest, top_n, trailing_mean
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.repositories.sheet_imports import SheetImportRepository
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.guard import require_actor
from sitcentre.settings import Settings


class ChartService:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.settings = settings

    def load(self, query: ChartQuery, *, actor: Actor) -> ChartData:
        """Everything one chart shows. Every role may read the charts: `actor` is who reads (required)."""
        require_actor(actor)
        with UnitOfWork(self.engine) as uow:
            stats = StatsRepository(uow.session)
            reference = ReferenceRepository(uow.session)
            posts = reference.posts()
            posts_today = latest_local_day(query.now or utcnow(), (p.utc_offset_minutes for p in posts),
                                           self.settings.centre_utc_offset_minutes)
            request = _resolve(stats, query, posts_today)
            widen = AVERAGE_DAYS - 1 if query.averaged else 0  # the first days' averages need the days before
            kg = query.metric == "kg"
            widened = replace(request, date_from=request.date_from - timedelta(days=widen))
            raw = stats.series(widened, "drugs" if kg else "all")
            grouped = top_n(raw, query.top, query.other_label, rank_from=widen)
            average = trailing_mean(grouped.values, AVERAGE_DAYS)[:, widen:] if query.averaged else None
            series = replace(grouped, periods=grouped.periods[widen:], values=grouped.values[:, widen:],
                             request=request)
            breakdown = stats.breakdown(request)
            groups: dict[str, list[int]] = {}
            for substance in reference.substances():
                groups.setdefault(substance.group.value, []).append(substance.id)
            countries = {c.code: c.name for c in reference.countries()}
            left_out = stats.left_out(request)  # verified only: incidents in conflict, not counted
            published = _published(SheetImportRepository(uow.session), posts, series) if kg else ()
            precursors = _precursors(stats, request)
        names = {p.id: p.name for p in posts if p.id in request.post_ids}
        return ChartData(query, request, series, average, breakdown,
                         {g: tuple(sorted(ids)) for g, ids in groups.items()}, countries,
                         partial_periods(series.periods, request, posts_today), left_out, published,
                         precursors, names)


def _precursors(stats: StatsRepository, request: SeriesRequest) -> Precursors:
    """Precursor chemicals apart: one line over the chart's periods (whatever the split), the totals, per post."""
    line = stats.series(replace(request, split="none"), "precursors")
    (now, before), by_post = stats.precursors(request)
    return Precursors(line.values.sum(axis=0), now, before, by_post)


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
                         verified_only=query.verified_only, post_ids=tuple(sorted(query.post_ids)))


def _published(imports: SheetImportRepository, posts: list[Post], series) -> tuple[PublishedSeries, ...]:
    """Published figures overlapping the chart's periods (from the first period's first day to the range's end)."""
    request = series.request
    start = series.periods[0].astype("datetime64[D]").item() if len(series.periods) else request.date_from
    chosen = [p for p in posts if not request.post_ids or p.id in request.post_ids]
    own = {p.country_code for p in chosen}
    figures = imports.statistics_series(min(start, request.date_from), request.date_to,
                                        country_codes=own if request.post_ids else None)
    return published_series(figures, own)
