"""Data-layer benchmark: the incident table's windows, a filtered count and the daily series.

    python bench/data.py --rows 1000000 [--pg URL] [--rebuild] [--runs 7]

Builds or reuses a database of that size (see _common.py) and prints ONE JSON line:

  rows                        incidents in the database (checked with a count before measuring)
  backend                     "sqlite" or "postgresql"
  reused                      true if the database was already there
  seed_s                      seconds `seed_incidents` took; for a reused database the figure stored when
                              it was built (sidecar JSON), or null when that is not known for this schema
  window_first_ms             first 100 rows, sort "occurred" descending (the table's default)
  window_end_ms               last 100 rows, same sort
  window_end_by_substance_ms  last 100 rows, sort "substance" ascending (substance_sort, occurred_at, id)
  count_filtered_ms           IncidentRepository.count: three posts and status reported/verified
  daily_series_ms             StatsRepository.series: 5 years, daily, kg, split by substance
  <name>_sql_ms, <name>_ratio the same query as hand-written SQL; ratio = repository ms / SQL ms

What is timed, so that the figures are honest:
- Windows are "cold jumps": every timed call gets a fresh KeysetIndex, so nothing learnt by an earlier
  call helps. The index's count is set beforehand from a count made once outside the timings, because
  a panel knows its row count before it asks for rows and counting is measured on its own
  (count_filtered_ms). The repository returns frozen IncidentListRow dataclasses; the SQL side
  fetches the same 14 columns as plain driver tuples (no conversion), with LIMIT 100 in the natural
  order for the first window and the reversed order + list.reverse() for the end window, which is what
  a skilled hand would write without a keyset index.
- The daily series: the SQL side runs the GROUP BY day, substance_id over daily_seizures, looks up the
  substance names and turns the rows into the same dense (substance x day) float array, sorted by
  name, with numpy, because a chart needs that array and the repository's figure includes making it.
  Both results are compared once (untimed) and a mismatch is reported on stderr.
- The date range is the last 5 years of the data (ending at its latest day), not of today, so that a
  reused database measures the same rows every time.
- Each figure is the median of --runs timed calls after one warm-up, repository and SQL interleaved
  in the same process, on the same connection and the same (read) transaction, time.perf_counter.
Targets at 1M rows: any window <= 10 ms, the daily series <= 150 ms, every ratio <= 1.5. The script
reports numbers; it does not fail when a target is missed.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from _common import compare, emit, figures, hand_written_series, log, open_bench_db, parser, placeholders, qmark

from sitcentre.db.engine import is_sqlite
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.queries import IncidentFilter, Sort
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex
from sitcentre.repositories.stats import StatsRepository

PAGE = 100
COUNT_STATUSES = ("reported", "verified")
COUNT_POSTS = 3  # the filtered count: the first three posts by id

WINDOW_SQL = (
    "SELECT i.id, i.occurred_at, i.local_date, i.post_id, p.name, p.border, p.utc_offset_minutes, "
    "i.incident_type, i.substances, i.total_kg, i.status, i.transport_mode, i.persons_detained, i.version "
    "FROM incidents i JOIN posts p ON p.id = i.post_id ORDER BY {order} LIMIT ?"
)


class Bench:
    def __init__(self, session, total: int):
        self.session = session
        self.engine = session.get_bind().engine
        self.raw = session.connection().connection.driver_connection  # same connection, same transaction
        self.incidents = IncidentRepository(session)
        self.stats = StatsRepository(session)
        self.total = total

    def sql(self, statement: str, params=()):
        return self.raw.execute(qmark(self.engine, statement), params).fetchall()

    def param_day(self, day: date):
        return day.isoformat() if is_sqlite(self.engine) else day

    # ----------------------------------------------------------------------------------- windows

    def repo_window(self, sort: Sort, start: int):
        index = KeysetIndex(IncidentFilter(), sort, page_size=PAGE)
        index.count = self.total
        return self.incidents.window(index, start, PAGE)

    def sql_first(self, order: str):
        return self.sql(WINDOW_SQL.format(order=order), (PAGE,))

    def sql_last(self, reverse_order: str):
        rows = self.sql(WINDOW_SQL.format(order=reverse_order), (PAGE,))
        rows.reverse()
        return rows

    # ------------------------------------------------------------------------------------- count

    def count_filter(self) -> IncidentFilter:
        posts = tuple(r[0] for r in self.sql(f"SELECT id FROM posts ORDER BY id LIMIT {COUNT_POSTS}"))
        return IncidentFilter(post_ids=posts, statuses=COUNT_STATUSES)

    def sql_count(self, flt: IncidentFilter) -> int:
        statement = (f"SELECT count(*) FROM incidents WHERE post_id IN ({placeholders(len(flt.post_ids))}) "
                     f"AND status IN ({placeholders(len(flt.statuses))})")
        return self.sql(statement, (*flt.post_ids, *flt.statuses))[0][0]

    # ------------------------------------------------------------------------------------ series

    def series_request(self) -> SeriesRequest:
        last = self.sql("SELECT max(day) FROM daily_seizures")[0][0]
        last = date.fromisoformat(last) if isinstance(last, str) else last
        return SeriesRequest(last - timedelta(days=int(365.25 * 5) - 1), last, granularity="day", metric="kg",
                             split="substance")

    def sql_series(self, req: SeriesRequest):
        return hand_written_series(self.sql, self.engine, req)


def check_same(bench: Bench, req: SeriesRequest, first_sort: Sort, by_substance: Sort) -> None:
    """Untimed: the hand-written SQL returns what the repository returns (else the ratios mean nothing)."""
    def ids(rows):
        return [r.id.hex for r in rows]

    def sql_ids(rows):
        return [r[0].hex if hasattr(r[0], "hex") and not isinstance(r[0], str) else str(r[0]).replace("-", "")
                for r in rows]

    pairs = {
        "window_first": (bench.repo_window(first_sort, 0),
                         bench.sql_first("i.occurred_at DESC, i.id DESC")),
        "window_end": (bench.repo_window(first_sort, bench.total - PAGE),
                       bench.sql_last("i.occurred_at ASC, i.id ASC")),
        "window_end_by_substance": (bench.repo_window(by_substance, bench.total - PAGE),
                                    bench.sql_last("i.substance_sort DESC, i.occurred_at DESC, i.id DESC")),
    }
    for name, (repo_rows, sql_rows) in pairs.items():
        if ids(repo_rows) != sql_ids(sql_rows):
            log(f"WARNING: {name}: repository and SQL return different rows")
    series = bench.stats.series(req)
    periods, labels, values = bench.sql_series(req)
    if (series.labels != labels or not np.array_equal(series.periods, periods)
            or not np.allclose(series.values, values)):
        log("WARNING: daily_series: repository and SQL return different arrays")


def measure(bench: Bench, runs: int) -> dict:
    by_time = Sort("occurred", descending=True)
    by_substance = Sort("substance", descending=False)
    flt = bench.count_filter()
    req = bench.series_request()
    check_same(bench, req, by_time, by_substance)
    last = bench.total - PAGE
    cases = {
        "window_first": (lambda: bench.repo_window(by_time, 0),
                         lambda: bench.sql_first("i.occurred_at DESC, i.id DESC")),
        "window_end": (lambda: bench.repo_window(by_time, last),
                       lambda: bench.sql_last("i.occurred_at ASC, i.id ASC")),
        "window_end_by_substance": (lambda: bench.repo_window(by_substance, last),
                                    lambda: bench.sql_last("i.substance_sort DESC, i.occurred_at DESC, i.id DESC")),
        "count_filtered": (lambda: bench.incidents.count(flt), lambda: bench.sql_count(flt)),
        "daily_series": (lambda: bench.stats.series(req), lambda: bench.sql_series(req)),
    }
    out = {}
    for name, (repo_fn, sql_fn) in cases.items():
        log(f"timing {name} ...")
        out.update(figures(name, *compare(repo_fn, sql_fn, runs=runs)))
    return out


def main(argv=None) -> None:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    db = open_bench_db(args.rows, args.pg, args.rebuild, args.seed)
    try:
        with UnitOfWork(db.engine) as uow:
            total = IncidentRepository(uow.session).count()
            if total != args.rows:
                raise SystemExit(f"bench: {db.where} holds {total} incidents, not {args.rows}")
            if total < PAGE:
                raise SystemExit(f"bench: need at least {PAGE} incidents")
            result = {"rows": total, "backend": db.engine.dialect.name, "reused": db.reused,
                      "seed_s": None if db.seed_s is None else round(db.seed_s, 2)}
            result.update(measure(Bench(uow.session, total), args.runs))
    finally:
        db.engine.dispose()
    emit(result)


if __name__ == "__main__":
    main()
