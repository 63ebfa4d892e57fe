"""The baseline for the table benchmark: Qt's own QSqlTableModel on the same SQLite file, measured in a
subprocess (`table.py --qsql-child PATH`) so that its heap is clean (see table.py's docstring)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time

from _common import log
from _paint import POSITIONS, SIZE, median, paint_when, rss_mb, scroll_targets, visible_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView


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


def run_qsql(script: str, path: str, rows: int, runs: int) -> dict:
    """QSqlTableModel figures from `script --qsql-child` (table.py, which calls qsql_child) in a fresh process."""
    log("QSqlTableModel (subprocess) ...")
    result = subprocess.run([sys.executable, script, "--qsql-child", path, "--rows", str(rows),
                             "--runs", str(runs)], stdout=subprocess.PIPE, text=True, timeout=3600)
    if result.returncode != 0:
        log(f"WARNING: the QSqlTableModel run failed (exit {result.returncode})")
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])
