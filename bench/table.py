"""Incident table benchmark: the real panel, offscreen, against Qt's own QSqlTableModel on the same file.

    python bench/table.py --rows 1000000 [--pg URL] [--runs 5] [--inserts 100]

Prints ONE JSON line (progress goes to stderr):

  rows, backend             incidents in the bench database (see _common.py), "sqlite" or "postgresql"
  first_paint_ms            TaskRunner + IncidentPanel created, shown at 1400x900, until painted
  first_paint_cold_ms       the same for the first panel of the process (SQLAlchemy's caches still cold)
  jump_mid_ms, jump_end_ms  vertical scrollbar set to 50 % / its maximum, until painted
  sort_change_ms            header.setSortIndicator to another column, until reloaded and painted
  filter_ms                 a post chosen in the filter bar's post combo, until reloaded and painted
  rss_growth_mb             resident memory after visiting 20 scroll positions minus before
  live_p50_ms, live_p99_ms  commit in another process -> the new incident painted as row 0 of a Workstation
  live_max_ms               the slowest of those (p99 is nearest-rank: the 99th of 100 hides one outlier)
  qsql_first_paint_ms       QSqlDatabase opened + QSqlTableModel("incidents", sorted by occurred_at desc)
                            selected + QTableView shown at 1400x900, until painted
  qsql_jump_end_ms          `while canFetchMore(): fetchMore()` + scrollToBottom, until painted
  qsql_rss_growth_mb        the same 20 scroll positions, each reached by fetching up to it as Qt must
  first_paint_ratio, jump_end_ratio, rss_growth_ratio   sitcentre / QSqlTableModel (null with --pg)

"Painted" means: a paint event of the view's viewport has run that began while every row the viewport
shows held real data (not the placeholder "…"), and, for sort/filter/live, after the answer in question
arrived. An event filter on the viewport notes such paints; the time is taken by a 1 ms precise timer
right after (the paint runs within one event). Qt's own paints are counted, not forced repaints, so a
figure is what the operator sees; waiting runs the Qt event loop, so the GUI thread does not spin
against the DB worker for the GIL.

Repetitions (median of --runs, default 5, unless "single"):
- first paint: --runs fresh panels (the first is also reported alone as first_paint_cold_ms).
- jumps: --runs rounds, each on a freshly reloaded panel (new KeysetIndex, empty page cache), mid then end
  on even rounds and end then mid on odd ones, so no jump profits from an earlier one.
- sort change: --runs changes alternating between kg-equivalent and occurred (both descending).
- filter: --runs changes, each to a different post, from "All posts" (cleared, untimed, in between).
- RSS growth: single, from /proc/self/statm (resident pages), on the first panel of the process right
  after its first paint (before other panels leave freed heap the visits could reuse; a database built
  by this run is measured by a fresh copy of the process for the same reason). Positions are k/19 of the
  table for k = 0..19, each reached with scrollTo(PositionAtTop) and painted.
- live: single series of --inserts (default 100) rows written one at a time by one helper process
  (sqlite3 or psycopg, raw INSERT, its own commit), each occurred "now" so it lands on top; the next
  insert is sent after the previous one was seen and a random 100-200 ms pause. Latency = wall clock
  after the paint minus the helper's wall clock right after its commit. p99 is nearest-rank. The rows
  are deleted afterwards (and the post's last_report_at put back), so the database keeps --rows rows.
- QSqlTableModel runs in a subprocess of this script (a clean heap, so its RSS growth is not hidden by
  memory the sitcentre measurements freed), after the sitcentre figures, on the same SQLite file whose
  pages are by then in the OS cache for both. First paint: median of --runs; jump to end: single, on a
  fresh model; RSS growth: single. Its view has the same settings as the panel's (hidden fixed 22 px
  vertical header, no word wrap) but shows the whole incidents table (all columns, no posts join).
Everything else is in this process, on the bench engine (SQLite: NullPool, so SQLite's page cache is
cold for every task while the OS cache is warm). Targets at 1M rows: first paint <= 250 ms, jumps <=
200 ms, RSS growth <= 150 MB, live p99 <= 300 ms. The script reports; it does not fail on a miss.

This file holds the panel measurements and the command line; _paint.py the Qt helpers (waiting, painted rows,
RSS), _live.py the live figures, _qsql_baseline.py the QSqlTableModel run (started as `table.py --qsql-child`).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from _common import bench_desk, emit, incident_count, log, open_bench_db, parser, sqlite_path
from _live import live_latency, remove_leftovers
from _paint import POSITIONS, SIZE, median, paint_when, ratio, real_rows_shown, rss_mb, scroll_targets, visible_rows
from _qsql_baseline import qsql_child, run_qsql
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from sitcentre.db.engine import is_sqlite
from ui.common.tasks import TaskRunner
from ui.incidents.incident_model import COL_KG, COL_OCCURRED
from ui.incidents.incident_panel import IncidentPanel

# ----------------------------------------------------------------------------------- sitcentre panel

class PanelBench:
    def __init__(self, engine, rows: int, runs: int):
        self.rows, self.runs = rows, runs
        self.desk = bench_desk(engine)  # the panel reads through the backend, as in the app
        self.panel: IncidentPanel | None = None
        self.runner: TaskRunner | None = None
        self.reloads = 0

    def open_panel(self) -> float:
        """ms from creating the runner and panel to the first painted rows."""
        started = time.perf_counter()
        self.runner = TaskRunner()
        self.panel = IncidentPanel(self.runner, self.desk)
        self.panel.resize(*SIZE)
        self.panel.show()
        done = paint_when(self.panel.view, lambda: self.panel.count > 0 and real_rows_shown(self.panel),
                          "first paint")
        self.panel.reloaded.connect(self._count_reload)
        return (done - started) * 1000

    def _count_reload(self) -> None:
        self.reloads += 1

    def close_panel(self) -> None:
        self.runner.shutdown()
        QApplication.processEvents()  # deliver what the runner finished before it stopped
        self.panel.close()
        self.panel.deleteLater()
        QApplication.processEvents()
        self.panel = self.runner = None

    def first_paint_and_rss(self) -> tuple[float, float, float]:
        """(cold first paint, median first paint, RSS growth): RSS on the first panel, before other panels
        have left freed memory in the heap that the visits could reuse."""
        times = [self.open_panel()]
        growth = self.rss_growth()
        for _ in range(self.runs - 1):
            self.close_panel()
            times.append(self.open_panel())
        log("  first paint: " + ", ".join(f"{t:.1f}" for t in times) + " ms")
        return times[0], median(times), growth

    def rss_growth(self) -> float:
        view, model = self.panel.view, self.panel.model
        gc.collect()
        before = rss_mb()
        for row in scroll_targets(self.rows):
            view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            paint_when(view, lambda: real_rows_shown(self.panel), f"scroll to row {row}")
        gc.collect()
        growth = rss_mb() - before
        log(f"  RSS {before:.0f} MB -> {before + growth:.0f} MB after {POSITIONS} positions")
        return growth

    def reload_fresh(self) -> None:
        """Untimed: a new KeysetIndex and an empty page cache, view at the top."""
        seen = self.reloads
        self.panel.reload()
        paint_when(self.panel.view, lambda: self.reloads > seen and real_rows_shown(self.panel), "reload")

    def jump(self, fraction: float) -> float:
        bar = self.panel.view.verticalScrollBar()
        started = time.perf_counter()
        bar.setValue(round(bar.maximum() * fraction))
        done = paint_when(self.panel.view, lambda: real_rows_shown(self.panel), f"jump to {fraction:.0%}")
        return (done - started) * 1000

    def jumps(self) -> tuple[float, float]:
        mid, end = [], []
        for i in range(self.runs):
            self.reload_fresh()
            for fraction, out in ((0.5, mid), (1.0, end))[:: 1 if i % 2 == 0 else -1]:
                out.append(self.jump(fraction))
            log(f"  jumps {i + 1}: mid {mid[-1]:.1f} ms, end {end[-1]:.1f} ms")
        return median(mid), median(end)

    def until_reloaded(self, action, what: str) -> float:
        seen = self.reloads
        started = time.perf_counter()
        action()
        done = paint_when(self.panel.view, lambda: self.reloads > seen and real_rows_shown(self.panel), what)
        return (done - started) * 1000

    def sort_change(self) -> float:
        header, times = self.panel.view.horizontalHeader(), []
        for i in range(self.runs):
            column = COL_KG if i % 2 == 0 else COL_OCCURRED
            times.append(self.until_reloaded(
                lambda c=column: header.setSortIndicator(c, Qt.SortOrder.DescendingOrder), "sort change"))
            self._check_order(column)
            log(f"  sort change {i + 1} (column {column}): {times[-1]:.1f} ms")
        if self.panel.sort.key != "occurred":
            self.until_reloaded(lambda: header.setSortIndicator(COL_OCCURRED, Qt.SortOrder.DescendingOrder), "")
        return median(times)

    def _check_order(self, column: int) -> None:
        shown = [self.panel.model.row_at(r) for r in visible_rows(self.panel.view)]
        keys = [(r.total_kg, r.id) if column == COL_KG else (r.occurred_at, r.id) for r in shown]
        if keys != sorted(keys, reverse=True):
            log(f"WARNING: after the sort change the rows shown are not in order of column {column}")

    def filter_change(self) -> float:
        reference = self.desk.reference.load()  # untimed set-up, as the Workstation loads it at start
        bar = self.panel.filters
        bar.set_reference(list(reference.posts), list(reference.countries), list(reference.substances))
        times = []
        for i in range(self.runs):
            index = 1 + (i * 3) % (bar.post.count() - 1)
            times.append(self.until_reloaded(lambda i=index: bar.post.setCurrentIndex(i), "post filter"))
            post_id = bar.post.itemData(index)
            shown = [self.panel.model.row_at(r) for r in visible_rows(self.panel.view)]
            if any(r.post_id != post_id for r in shown) or self.panel.count >= self.rows:
                log(f"WARNING: the post filter shows other posts' rows or no fewer rows ({self.panel.count})")
            log(f"  filter {i + 1} ({bar.post.itemText(index)}, {self.panel.count} rows): {times[-1]:.1f} ms")
            self.until_reloaded(lambda: bar.post.setCurrentIndex(0), "filter cleared")
        return median(times)


# ------------------------------------------------------------------------------------------------ main

def measure(db, args) -> dict:
    bench = PanelBench(db.engine, db.rows, args.runs)
    out: dict = {"rows": db.rows, "backend": db.engine.dialect.name}
    log("first paint, RSS over 20 scroll positions ...")
    cold, out["first_paint_ms"], growth = bench.first_paint_and_rss()
    out["first_paint_cold_ms"], out["rss_growth_mb"] = round(cold, 1), round(growth, 1)
    log("jumps ...")
    out["jump_mid_ms"], out["jump_end_ms"] = bench.jumps()
    log("sort change ...")
    out["sort_change_ms"] = bench.sort_change()
    log("post filter ...")
    out["filter_ms"] = bench.filter_change()
    bench.close_panel()
    qsql = run_qsql(__file__, str(sqlite_path(db.rows)), db.rows, args.runs) if is_sqlite(db.engine) else {}
    log(f"live: {args.inserts} inserts from another process ...")
    live = live_latency(db.engine, db.rows, args.inserts, args.seed)
    out["live_p50_ms"], out["live_p99_ms"], out["live_max_ms"] = live
    for name in ("first_paint_ms", "jump_end_ms", "rss_growth_mb"):
        out[f"qsql_{name}"] = qsql.get(name)
    for name in ("first_paint_ms", "jump_end_ms", "rss_growth_mb"):
        out[f"{name.rsplit('_', 1)[0]}_ratio"] = ratio(out[name], out[f"qsql_{name}"])
    return out


def main(argv=None) -> None:
    p = parser(__doc__.splitlines()[0])
    p.set_defaults(runs=5)
    p.add_argument("--inserts", type=int, default=100, help="live inserts from another process")
    p.add_argument("--qsql-child", metavar="PATH", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - kept alive for the run
    if args.qsql_child:
        emit(qsql_child(args.qsql_child, args.rows, args.runs))
        return
    log("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))  # a shared machine?
    remove_leftovers(args.rows, args.pg)
    db = open_bench_db(args.rows, args.pg, args.rebuild, args.seed)
    if not db.reused:  # seeding left this heap full of freed memory: measure in a fresh process
        db.engine.dispose()
        log("database built: measuring in a fresh process")
        argv = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--rebuild"]
        os.execv(sys.executable, [sys.executable, __file__, *argv])
    try:
        found = incident_count(db.engine)
        if found != args.rows:
            raise SystemExit(f"bench: {db.where} holds {found} incidents, not {args.rows}")
        result = measure(db, args)
        log("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    finally:
        db.engine.dispose()
    emit(result)


if __name__ == "__main__":
    main()
