"""The table benchmark's live figures: rows committed by another process until painted on top of a Workstation,
and the clean-up of rows an aborted run left behind (see table.py's docstring)."""

from __future__ import annotations

import json
import math
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

from _common import DB_ERRORS, SETTINGS, bench_desk, incident_count, log, sqlite_path
from _paint import SIZE, PaintWatch, pause, real_rows_shown, wait_until
from PySide6.QtWidgets import QApplication
from sqlalchemy import delete, inspect, select, text, update

from sitcentre.db.engine import is_sqlite, make_engine
from sitcentre.db.tables import IncidentRow, PostRow
from ui.shell.workstation import Workstation

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


def live_latency(engine, rows: int, inserts: int, seed: int) -> tuple[float | None, ...]:
    """(p50, p99, max) ms from a commit in another process to the new row painted on top of a Workstation."""
    with engine.connect() as conn:
        post_id, last_report = conn.execute(select(PostRow.id, PostRow.last_report_at).order_by(PostRow.id)).first()
    ws = Workstation(bench_desk(engine), live=True)
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
    engine = make_engine(pg_url or f"sqlite:///{sqlite_path(rows)}", SETTINGS)
    try:
        if "incidents" in inspect(engine).get_table_names() and incident_count(engine) > rows:
            with engine.begin() as conn:
                gone = conn.execute(text("DELETE FROM incidents WHERE concealment = :m"), {"m": MARKER}).rowcount
            log(f"removed {gone} rows an earlier run of this script left behind")
    except DB_ERRORS as exc:
        log(f"could not look for leftover rows ({type(exc).__name__}); _common decides")
    finally:
        engine.dispose()
