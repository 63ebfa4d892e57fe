"""Three workstations writing at once through the service (records, corrections and deletes), on SQLite and on
PostgreSQL: every process finishes, every acknowledged write is there, and the rollups and the audit chain hold.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from tests.faults.harness import (
    assert_acknowledged_writes_present,
    assert_consistent,
    assert_every_change_audited,
    run_child,
)

PROCESSES, WRITES = 3, 40


def test_three_processes_writing_at_once_all_succeed_and_lose_nothing(engine, db_url):
    with ThreadPoolExecutor(PROCESSES) as pool:
        runs = list(pool.map(lambda n: run_child("writes", db_url, str(7000 + n), str(WRITES), timeout=120),
                             range(PROCESSES)))
    for run in runs:
        assert run.returncode == 0 and "done" in run.lines, run.stderr[-3000:]
        assert len(run.acks()) == WRITES
    assert_consistent(engine)
    assert_acknowledged_writes_present(engine, runs)
    assert_every_change_audited(engine)
    live = {a[1] for run in runs for a in run.acks() if a[0] == "record"} - \
        {a[1] for run in runs for a in run.acks() if a[0] == "delete"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM incidents")).scalar() == len(live)
        audited = conn.execute(text("SELECT count(*) FROM audit_log WHERE entity = 'incident'")).scalar()
    assert audited == PROCESSES * WRITES  # one audit row per acknowledged write
