"""Charts benchmark: the 5-year daily series by substance, and a refresh of the charts panel.

    python bench/charts.py --rows 1000000 [--pg URL] [--rebuild] [--runs 7]

Builds or reuses a database of that size (see _common.py) and prints ONE JSON line:

  rows            incidents in the database (checked with a count before measuring)
  backend         "sqlite" or "postgresql"
  reused          true if the database was already there
  series_ms       StatsRepository.series: the last 5 years of the data, daily, kg, split by substance
                  (about 13 series of 1,826 days), as a dense numpy array with names
  series_sql_ms   the same as hand-written SQL over the daily_seizures rollup, turned into the same
                  array with numpy (what a skilled hand would write; no ORM, plain driver tuples)
  series_ratio    series_ms / series_sql_ms
  load_ms         everything the panel reads for that chart on a refresh (desk.charts.load, the backend):
                  the series, top 8 plus "Other", the per-post and per-group breakdowns of this and the
                  previous 5 years, and the reference lists
  refresh_ms      ChartsPanel.show_data with those numbers (setData on the 9 curves, legend, bars,
                  comparison table) plus the events it posts and a synchronous repaint of the panel, at
                  1100 x 360 pixels, offscreen. Two data sets alternate so that every call changes the
                  numbers.
  points          series x days drawn by the refresh

Each figure is the median of --runs timed calls after one warm-up; the repository and the SQL are
interleaved in one process, on the same connection and read transaction (time.perf_counter). The
repository's and the SQL's arrays are compared once, untimed; a mismatch is reported on stderr.
Targets at 1M rows: series <= 150 ms (<= 300 ms at 10M), refresh <= 150 ms. The script reports numbers;
it does not fail when a target is missed.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import replace
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from _common import (
    bench_desk,
    compare,
    emit,
    figures,
    hand_written_series,
    log,
    open_bench_db,
    parser,
    qmark,
    time_ms,
)

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.charts import ChartQuery
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.stats import StatsRepository

PANEL_SIZE = (1100, 360)


class SeriesBench:
    def __init__(self, session):
        self.session = session
        self.engine = session.get_bind().engine
        self.raw = session.connection().connection.driver_connection  # same connection, same transaction
        self.stats = StatsRepository(session)

    def sql(self, statement: str, params=()):
        return self.raw.execute(qmark(self.engine, statement), params).fetchall()

    def request(self) -> SeriesRequest:
        last = self.sql("SELECT max(day) FROM daily_seizures")[0][0]
        last = date.fromisoformat(last) if isinstance(last, str) else last
        return SeriesRequest(last - timedelta(days=int(365.25 * 5) - 1), last, granularity="day", metric="kg",
                             split="substance")

    def repo_series(self, req: SeriesRequest):
        return self.stats.series(req)

    def sql_series(self, req: SeriesRequest):
        return hand_written_series(self.sql, self.engine, req)

    def check_same(self, req: SeriesRequest) -> None:
        series = self.repo_series(req)
        periods, labels, values = self.sql_series(req)
        if (series.labels != labels or not np.array_equal(series.periods, periods)
                or not np.allclose(series.values, values)):
            log("WARNING: series: repository and SQL return different arrays")


def measure_series(db, runs: int) -> tuple[dict, SeriesRequest]:
    with UnitOfWork(db.engine) as uow:
        bench = SeriesBench(uow.session)
        req = bench.request()
        bench.check_same(req)
        log(f"timing series {req.date_from} .. {req.date_to} ...")
        repo_ms, sql_ms = compare(lambda: bench.repo_series(req), lambda: bench.sql_series(req), runs=runs)
    return figures("series", repo_ms, sql_ms), req


def measure_panel(engine, req: SeriesRequest, runs: int) -> dict:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from ui.charts.charts_panel import ChartsPanel  # the panel is what refresh_ms measures; it reads through the desk
    from ui.common.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    desk = bench_desk(engine)
    query = ChartQuery(req.date_from, req.date_to, "day", "kg", "substance", top=8)
    log("timing desk.charts.load ...")
    desk.charts.load(query)
    load_ms = statistics.median(time_ms(lambda: desk.charts.load(query)) for _ in range(runs))
    data = desk.charts.load(query)
    other = replace(data, series=replace(data.series, values=data.series.values * 1.1))
    runner = TaskRunner()
    try:
        panel = ChartsPanel(runner, desk, today=lambda: req.date_to)
        panel.resize(*PANEL_SIZE)
        panel.show()
        while runner.pending():  # the panel's own first load (30 days), out of the way
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

        def refresh(shown) -> None:
            panel.show_data(shown)
            app.processEvents()
            panel.repaint()

        log("timing refresh ...")
        refresh(data)
        refresh(other)
        times = [time_ms(lambda i=i: refresh(other if i % 2 else data)) for i in range(runs)]
        points = int(data.series.values.size)
        panel.close()
    finally:
        runner.shutdown()
    return {"load_ms": round(load_ms, 3), "refresh_ms": round(statistics.median(times), 3), "points": points}


def main(argv=None) -> None:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    db = open_bench_db(args.rows, args.pg, args.rebuild, args.seed)
    try:
        with UnitOfWork(db.engine) as uow:
            total = IncidentRepository(uow.session).count()
        if total != args.rows:
            raise SystemExit(f"bench: {db.where} holds {total} incidents, not {args.rows}")
        result = {"rows": total, "backend": db.engine.dialect.name, "reused": db.reused}
        series, req = measure_series(db, args.runs)
        result.update(series)
        result.update(measure_panel(db.engine, req, args.runs))
    finally:
        db.engine.dispose()
    emit(result)


if __name__ == "__main__":
    main()
