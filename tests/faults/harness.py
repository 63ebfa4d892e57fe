"""Run the child writer, SIGKILL it at a chosen point, and check what it left behind.

After every kill the database must hold exactly a state the child could have committed: SQLite's
integrity check passes, the rollups equal a fresh aggregate, the audit chain is intact, every write the
child acknowledged is there, and no incident is half-written (its lines are all there, its totals equal them).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from sitcentre.db.engine import make_engine
from sitcentre.services import maintenance
from sitcentre.services.audit import verify_chain
from sitcentre.settings import Settings

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    lines: list[str] = field(default_factory=list)
    killed: bool = False
    returncode: int | None = None
    stderr: str = ""

    @property
    def killed_midway(self) -> bool:
        """Killed by the signal before it said it was done (not after it had finished its work)."""
        return self.killed and self.returncode == -9 and "done" not in self.lines and not any(
            line.startswith("ack upgraded") for line in self.lines)

    def acks(self, kind: str | None = None) -> list[list[str]]:
        out = [line.split()[1:] for line in self.lines if line.startswith("ack ")]
        return [a for a in out if kind is None or a[0] == kind]


def run_child(*args: str, kill_when=None, delay: float = 0.0, timeout: float = 60.0) -> Run:
    """Start the child; once `kill_when(lines so far)` is true, wait `delay` seconds and SIGKILL it.

    Without `kill_when` the child runs to its end. Lines it printed before dying are read to the end, so an
    acknowledgement written just before the kill still counts.
    """
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    run = Run()
    try:
        for line in proc.stdout:
            run.lines.append(line.strip())
            if kill_when is not None and not run.killed and kill_when(run.lines):
                if delay:
                    time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                run.killed = True
        run.stderr = proc.stderr.read()
        run.returncode = proc.wait()
    finally:
        watchdog.cancel()
        proc.stdout.close()
        proc.stderr.close()
    return run


def acks_reached(kind: str, n: int):
    return lambda lines: sum(1 for line in lines if line.startswith(f"ack {kind}")) >= n


def open_engine(url: str, tmp_path: Path):
    return make_engine(url, Settings(data_dir=tmp_path))


def assert_sqlite_integrity(engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def assert_consistent(engine) -> None:
    """Integrity (SQLite), rollups and each post's last report equal a fresh aggregate, audit chain intact,
    no half-written incident."""
    if engine.dialect.name == "sqlite":
        assert_sqlite_integrity(engine)
    wrong = maintenance.posts_with_wrong_last_report(engine)
    assert wrong == [], f"posts {wrong}: the last report is not the latest reported_at of their incidents"
    report = maintenance.check(engine)
    assert report.rollups_ok is True, report
    assert verify_chain(engine) is None, "the audit chain is broken"
    with engine.connect() as conn:
        mismatched = conn.execute(text(
            "SELECT count(*) FROM incidents i WHERE abs(i.total_kg - (SELECT coalesce(sum(l.kg_equivalent), 0) "
            "FROM seizure_lines l WHERE l.incident_id = i.id)) > 1e-9 * (1 + abs(i.total_kg))")).scalar()
        orphans = conn.execute(text(
            "SELECT count(*) FROM seizure_lines l WHERE NOT EXISTS "
            "(SELECT 1 FROM incidents i WHERE i.id = l.incident_id)")).scalar()
    assert (mismatched, orphans) == (0, 0)


def stored_incidents(engine) -> dict[str, tuple[int, int]]:
    """incident id (32 hex digits) -> (number of lines, version)."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT i.id, i.version, (SELECT count(*) FROM seizure_lines l WHERE l.incident_id = i.id) "
            "FROM incidents i")).all()
    return {uuid.UUID(str(r[0])).hex: (int(r[2]), int(r[1])) for r in rows}


def assert_acknowledged_writes_present(engine, runs: list[Run]) -> None:
    """Every record and update a child acknowledged is there (same lines, that version or later); every
    acknowledged delete is gone. Writes not acknowledged may be there or not, but whole."""
    stored = stored_incidents(engine)
    expected: dict[str, tuple[int, int] | None] = {}
    for run in runs:
        for ack in run.acks():
            if ack[0] in ("record", "update"):
                expected[ack[1]] = (int(ack[2]), int(ack[3]))
            elif ack[0] == "delete":
                expected[ack[1]] = None
    # A delete tried but not acknowledged (the kill came between its commit and its ack line) may have happened.
    maybe_deleted = {line.split()[2] for run in runs for line in run.lines if line.startswith("try delete ")}
    for incident_id, want in expected.items():
        if want is None:
            assert incident_id not in stored, f"acknowledged delete of {incident_id} undone"
            continue
        if incident_id not in stored and incident_id in maybe_deleted:
            continue
        assert incident_id in stored, f"acknowledged write of {incident_id} lost"
        lines, version = stored[incident_id]
        assert lines == want[0] and version >= want[1], (incident_id, stored[incident_id], want)
    for incident_id, (lines, _version) in stored.items():
        assert lines >= 1, f"incident {incident_id} has no seizure lines: half-written"


def assert_every_change_audited(engine) -> None:
    """Each incident's changes and their audit rows were committed together: one 'create' row, one 'update'
    row per version after the first, and a 'delete' row only for incidents that are gone."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT entity_id, action, count(*) FROM audit_log WHERE entity = 'incident' "
                                 "GROUP BY entity_id, action")).all()
    audited: dict[tuple[str, str], int] = {(uuid.UUID(r[0]).hex, r[1]): int(r[2]) for r in rows}
    stored = stored_incidents(engine)
    for incident_id, (_lines, version) in stored.items():
        got = (audited.get((incident_id, "create"), 0), audited.get((incident_id, "update"), 0))
        assert got == (1, version - 1), (incident_id, version, got)
        assert (incident_id, "delete") not in audited
    for (incident_id, action), _count in audited.items():
        if action == "delete":
            assert incident_id not in stored
