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
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from _common import DB_ERRORS, emit, incident_count, log, open_bench_db, parser, sqlite_path
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView
from sqlalchemy import delete, inspect, select, text, update

from sitcentre.db.engine import is_sqlite, make_engine
from sitcentre.db.tables import IncidentRow, PostRow
from ui.incident_model import COL_KG, COL_OCCURRED
from ui.incident_panel import IncidentPanel
from ui.incident_reference import load_reference
from ui.tasks import TaskRunner
from ui.workstation import Workstation

SIZE = (1400, 900)
POSITIONS = 20
WAIT_S = 120.0
MARKER = "bench/table.py live insert"  # in `concealment`: lets a later run remove rows an aborted run left
LIVE_INSERT = (
    "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode, "
    "concealment) VALUES (?, ?, ?, ?, 'drug_seizure', 'entering', 'truck', ?)"
)
# The helper process: one raw INSERT per line read from stdin, each its own commit; prints [id, time].
WRITER = r"""
import json, sys, time
backend, target, sql = sys.argv[1:4]
if backend == "sqlite":
    import sqlite3
    conn = sqlite3.connect(target, timeout=30)
else:
    import psycopg
    conn = psycopg.connect(target, autocommit=True)
    sql = sql.replace("?", "%s")
print(json.dumps("ready"), flush=True)
for line in sys.stdin:
    args = json.loads(line)
    conn.execute(sql, args)
    if backend == "sqlite":
        conn.commit()
    print(json.dumps([args[0], time.time()]), flush=True)
"""


# ------------------------------------------------------------------------------------------ Qt helpers

def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        resident = int(f.read().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_until(condition, timeout_s: float = WAIT_S) -> bool:
    """Run the event loop until condition() holds (checked every ms) or the timeout passes."""
    if condition():
        return True
    loop, deadline, met = QEventLoop(), time.perf_counter() + timeout_s, [False]

    def tick():
        if condition():
            met[0] = True
            loop.quit()
        elif time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return met[0]


def pause(seconds: float) -> None:
    wait_until(lambda: False, seconds)


def visible_rows(view: QTableView) -> range | None:
    """The rows the viewport shows, or None while the view is not laid out yet."""
    count = view.model().rowCount()
    first = view.rowAt(0)
    if count == 0:
        return range(0)
    if first < 0:
        return None
    last = view.rowAt(view.viewport().height() - 1)
    return range(first, (count - 1 if last < 0 else last) + 1)


class PaintWatch(QObject):
    """Counts the viewport's paint events that begin while `ready()` holds (the data they paint is real)."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.ready, self.hits = (lambda: False), 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            self.hits += 1
        return False


def paint_when(view: QTableView, ready, what: str) -> float:
    """perf_counter once the viewport has finished a paint that began with `ready()` true.

    A paint runs within one event, so the 1 ms check after it sees it done. update() asks for a paint in
    case nothing else does (a scroll to where the view already is); it merges with any pending one.
    """
    watch = view.findChild(PaintWatch) or PaintWatch(view)
    watch.ready, seen = ready, watch.hits
    view.viewport().update()
    if not wait_until(lambda: watch.hits > seen):
        log(f"WARNING: {what}: not painted within {WAIT_S:.0f} s")
    watch.ready = lambda: False
    return time.perf_counter()


def real_rows_shown(panel: IncidentPanel) -> bool:
    rows = visible_rows(panel.view)
    return rows is not None and all(panel.model.row_at(r) is not None for r in rows)


def scroll_targets(count: int) -> list[int]:
    return [round(k * (count - 1) / (POSITIONS - 1)) for k in range(POSITIONS)]


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


# ----------------------------------------------------------------------------------- sitcentre panel

class PanelBench:
    def __init__(self, engine, rows: int, runs: int):
        self.engine, self.rows, self.runs = engine, rows, runs
        self.panel: IncidentPanel | None = None
        self.runner: TaskRunner | None = None
        self.reloads = 0

    def open_panel(self) -> float:
        """ms from creating the runner and panel to the first painted rows."""
        started = time.perf_counter()
        self.runner = TaskRunner()
        self.panel = IncidentPanel(self.runner, self.engine)
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
        reference = load_reference(self.engine)  # untimed set-up, as the Workstation loads it at start
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


# ------------------------------------------------------------------------------------------ live feed

def live_latency(engine, where: str, rows: int, inserts: int, seed: int) -> tuple[float | None, ...]:
    """(p50, p99, max) ms from a commit in another process to the new row painted on top of a Workstation."""
    with engine.connect() as conn:
        post_id, last_report = conn.execute(select(PostRow.id, PostRow.last_report_at).order_by(PostRow.id)).first()
    ws = Workstation(engine, where, "head", username="bench")
    ws.window.resize(*SIZE)
    ws.window.show()
    panel, inserted = ws.panel, []
    writer = None
    try:
        if not wait_until(lambda: panel.count == rows and ws.live is not None and ws.live.is_live
                          and real_rows_shown(panel)):
            log(f"WARNING: live: the workstation did not get live (count {panel.count}, state {ws.live.state})")
            return None, None, None
        writer, lines = _start_writer(engine)
        watch = panel.view.findChild(PaintWatch) or PaintWatch(panel.view)
        rng, latencies = random.Random(seed), []
        for i in range(inserts):
            new, now = uuid.uuid4(), datetime.now(UTC)
            when = now.strftime("%Y-%m-%d %H:%M:%S.%f") if is_sqlite(engine) else now.isoformat()

            def shown(new=new, expected=rows + i + 1):  # the new incident on top, painted
                top = panel.model.row_at(0)
                return panel.count == expected and top is not None and top.id == new and real_rows_shown(panel)

            watch.ready, paints = shown, watch.hits
            inserted.append(new)
            writer.stdin.write(json.dumps([new.hex if is_sqlite(engine) else str(new), post_id, when, when,
                                           MARKER]) + "\n")
            writer.stdin.flush()
            ok = wait_until(lambda n=paints: watch.hits > n, 10.0)
            seen, (_ident, committed) = time.time(), lines.get(timeout=30)
            watch.ready = lambda: False
            if ok:
                latencies.append((seen - committed) * 1000)
            else:
                log(f"WARNING: live insert {i + 1} not shown within 10 s (count {panel.count})")
            pause(rng.uniform(0.1, 0.2))
        log(f"  live: {len(latencies)} of {inserts} seen; max {max(latencies, default=0):.0f} ms")
        if not latencies:
            return None, None, None
        ordered = sorted(latencies)
        return (round(statistics.median(ordered), 1), round(ordered[math.ceil(0.99 * len(ordered)) - 1], 1),
                round(ordered[-1], 1))
    finally:
        if writer is not None:
            writer.stdin.close()
            writer.wait(30)
        ws.shutdown()
        ws.window.close()
        ws.window.deleteLater()
        QApplication.processEvents()
        _remove_inserted(engine, inserted, post_id, last_report)


def _start_writer(engine):
    backend = "sqlite" if is_sqlite(engine) else "postgresql"
    target = engine.url.database if is_sqlite(engine) else \
        engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, backend, target, LIVE_INSERT],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    lines: queue.Queue = queue.Queue()

    def read():  # a thread, so that the GUI thread never blocks on the pipe
        for line in writer.stdout:
            lines.put(json.loads(line))

    threading.Thread(target=read, daemon=True).start()
    if lines.get(timeout=30) != "ready":
        raise RuntimeError("the writer process did not start")
    return writer, lines


def _remove_inserted(engine, ids: list[uuid.UUID], post_id: int, last_report) -> None:
    if not ids:
        return
    with engine.begin() as conn:
        conn.execute(delete(IncidentRow).where(IncidentRow.id.in_(ids)))
        conn.execute(update(PostRow).where(PostRow.id == post_id).values(last_report_at=last_report))
    log(f"  removed the {len(ids)} live rows again")


def remove_leftovers(rows: int, pg_url: str | None) -> None:
    """Rows an aborted earlier run inserted would make _common rebuild (or refuse) the database."""
    if not pg_url and not sqlite_path(rows).exists():
        return
    engine = make_engine(pg_url or f"sqlite:///{sqlite_path(rows)}")
    try:
        if "incidents" in inspect(engine).get_table_names() and incident_count(engine) > rows:
            with engine.begin() as conn:
                gone = conn.execute(text("DELETE FROM incidents WHERE concealment = :m"), {"m": MARKER}).rowcount
            log(f"removed {gone} rows an earlier run of this script left behind")
    except DB_ERRORS as exc:
        log(f"could not look for leftover rows ({type(exc).__name__}); _common decides")
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------------ QSqlTableModel

class QsqlTable:
    """A QSqlTableModel over `incidents` (newest first, like the panel) in a QTableView set up like it."""

    def __init__(self, path: str, name: str):
        from PySide6.QtSql import QSqlDatabase, QSqlTableModel

        self.name = name
        db = QSqlDatabase.addDatabase("QSQLITE", name)
        db.setDatabaseName(path)
        if not db.open():
            raise SystemExit(f"QSQLITE cannot open {path}: {db.lastError().text()}")
        self.model = QSqlTableModel(None, db)
        self.model.setTable("incidents")
        self.model.setSort(self.model.fieldIndex("occurred_at"), Qt.SortOrder.DescendingOrder)
        self.model.select()
        self.view = view = QTableView()
        view.setModel(self.model)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(22)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.resize(*SIZE)
        view.show()

    def shown(self) -> bool:
        return visible_rows(self.view) is not None and self.model.rowCount() > 0

    def painted(self, what: str) -> float:
        return paint_when(self.view, self.shown, what)

    def close(self) -> None:
        from PySide6.QtSql import QSqlDatabase

        self.view.close()
        self.view.setModel(None)
        self.view = None  # Python owns both: dropping the last reference deletes them (view first)
        self.model = None
        gc.collect()
        QApplication.processEvents()
        QSqlDatabase.removeDatabase(self.name)  # closes the connection


def qsql_child(path: str, rows: int, runs: int) -> dict:
    """Runs in its own process: QSqlTableModel figures on the SQLite file at `path`."""
    names = (f"bench-{i}" for i in range(1000))
    times = []

    def open_table() -> QsqlTable:
        started = time.perf_counter()
        table = QsqlTable(path, next(names))
        times.append((table.painted("qsql first paint") - started) * 1000)
        return table

    table = open_table()  # RSS on the first one, as for the panel
    per_screen = table.view.viewport().height() // 22 + 2
    gc.collect()
    before = rss_mb()
    for row in scroll_targets(rows):  # Qt shows only fetched rows: fetch up to the position first
        while table.model.rowCount() < min(row + per_screen, rows) and table.model.canFetchMore():
            table.model.fetchMore()
        target = table.model.index(min(row, table.model.rowCount() - 1), 0)
        table.view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)
        table.painted(f"qsql scroll to row {row}")
    gc.collect()
    growth, fetched = rss_mb() - before, table.model.rowCount()
    log(f"  RSS {before:.0f} MB -> {before + growth:.0f} MB after {POSITIONS} positions ({fetched} rows fetched)")
    table.close()
    for _ in range(runs - 1):
        open_table().close()
    log("  qsql first paint: " + ", ".join(f"{t:.1f}" for t in times) + " ms")
    table = open_table()
    started = time.perf_counter()
    while table.model.canFetchMore():
        table.model.fetchMore()
    table.view.scrollToBottom()
    last = table.view.viewport().height() - 1
    done = paint_when(table.view, lambda: table.shown() and table.view.rowAt(last) in (-1, rows - 1), "qsql end")
    if table.model.rowCount() != rows or fetched != rows:
        log(f"WARNING: QSqlTableModel holds {table.model.rowCount()} rows (after the positions: {fetched})")
    table.close()
    return {"first_paint_ms": median(times[:runs]), "jump_end_ms": round((done - started) * 1000, 1),
            "rss_growth_mb": round(growth, 1)}


def run_qsql(path: str, rows: int, runs: int) -> dict:
    log("QSqlTableModel (subprocess) ...")
    result = subprocess.run([sys.executable, __file__, "--qsql-child", path, "--rows", str(rows),
                             "--runs", str(runs)], stdout=subprocess.PIPE, text=True, timeout=3600)
    if result.returncode != 0:
        log(f"WARNING: the QSqlTableModel run failed (exit {result.returncode})")
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


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
    qsql = run_qsql(str(sqlite_path(db.rows)), db.rows, args.runs) if is_sqlite(db.engine) else {}
    log(f"live: {args.inserts} inserts from another process ...")
    live = live_latency(db.engine, db.where, db.rows, args.inserts, args.seed)
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
