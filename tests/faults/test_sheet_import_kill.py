"""SIGKILL in the middle of a large spreadsheet import (issue 15, "Tests"): the database is as before.

A 30,000-row CSV incident log (10,000 rows on PostgreSQL, which writes slower) is imported into SQLite or
PostgreSQL by a child process (this very file, run as a program), which is killed a random time after it
reported writing its first chunk (before the time a whole write takes, measured once per module). After each
kill the database is exactly as before the import (the same incidents, lines, daily rollups, audit rows,
sheet_imports, incident counters and change log) -- or, if the kill came after the commit, exactly as after
it --, PRAGMA integrity_check (SQLite) and `sitcentre db check` pass, and importing the file again adds every
row (or, after a committed import, none). Kill points come from a seeded generator, so a failure can be
replayed: 4 kills on SQLite and 2 on PostgreSQL by default; SITCENTRE_KILLS runs more (half as many on
PostgreSQL). Every kill leaving "before" leaves the same digest, so the file is imported again after the first
kill of each outcome only (the costly part: a whole import).

    python tests/faults/test_sheet_import_kill.py URL FILE     (the child: "ready", "writing N", "summary", "done")
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import shutil
import sys
import time
import uuid
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

if __name__ == "__main__":  # the child: the repository on the path before sitcentre is imported
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import text

from sitcentre.db.engine import make_engine
from sitcentre.domain.permissions import Actor
from sitcentre.services.sheet_import import import_sheet
from sitcentre.settings import Settings, sqlite_url
from sitcentre.sheets import Mapping, MappingKind

ROWS = int(os.environ.get("SITCENTRE_KILL_SHEET_ROWS", 30_000))
PG_ROWS = int(os.environ.get("SITCENTRE_KILL_SHEET_PG_ROWS", 10_000))  # PostgreSQL writes about 4,000 a second
KILLS = int(os.environ.get("SITCENTRE_KILLS", 4))  # on SQLite
PG_KILLS = max(1, KILLS // 2)  # on PostgreSQL
BUDGET_S = 30.0  # for 4 kills: each about 4 s (start, read, write, kill, check), the first re-import 4 s more
SEED = 20261202
MAPPING = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Substance", "substance"), ("Quantity", "quantity"),
    ("Unit", "unit")))
POSTS = ("KZ-KOR", "KZ-KAR", "UZ-OYB", "TJ-TUR", "KG-DOS")
SUBSTANCES = ("Heroin", "Opium", "Hashish (cannabis resin)", "Methamphetamine")


# --- the child --------------------------------------------------------------------------------------------------

def say(line: str) -> None:
    print(line, flush=True)


def child(url: str, path: str) -> int:
    folder = Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite") else Path(path).parent
    settings = Settings(data_dir=folder)
    engine = make_engine(url, settings)
    with engine.connect():
        pass
    say("ready")
    written = []

    def progress(phase: str, done: int, total: int | None) -> None:
        if phase == "writing" and not written:
            written.append(done)
            say(f"writing {done} {total}")

    try:
        result = import_sheet(engine, settings, path, MAPPING, actor=Actor.system_actor("fault-test"),
                              progress=progress)
    except Exception as exc:  # the parent reports it
        say(f"error {type(exc).__name__}: {exc}")
        return 1
    finally:
        engine.dispose()
    counts = result.counts
    say("summary " + json.dumps({"rows": counts.rows, "added": counts.added, "present": counts.present}))
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(child(*sys.argv[1:3]))

# --- the test ---------------------------------------------------------------------------------------------------

import pytest  # noqa: E402

import tests.faults.harness as harness  # noqa: E402
from sitcentre import cli  # noqa: E402
from sitcentre.db import migrate  # noqa: E402
from sitcentre.services.demo import seed_reference_data  # noqa: E402
from tests.conftest import PG_URL, _pg_execute, _pg_url_for  # noqa: E402
from tests.faults.harness import assert_consistent, assert_sqlite_integrity  # noqa: E402

STATE_SQL = {  # what an import writes; incident ids are random, so incidents are named by their row keys
    "incidents": "SELECT import_key, import_row, post_id, occurred_at, total_kg, status, number IS NULL "
                 "FROM incidents ORDER BY import_key",
    "seizure_lines": "SELECT count(*), sum(quantity), sum(kg_equivalent) FROM seizure_lines",
    "daily_seizures": "SELECT * FROM daily_seizures ORDER BY 1, 2, 3, 4",
    "daily_incidents": "SELECT * FROM daily_incidents ORDER BY 1, 2, 3",
    "audit_log": "SELECT id, action, entity, entity_id FROM audit_log ORDER BY id",  # (hashes hold the time)
    "sheet_imports": "SELECT id, kind, file_sha256, added FROM sheet_imports ORDER BY id",
    "change_log": "SELECT count(*) FROM change_log",
    "incident_counters": "SELECT origin, post_id, year, last FROM incident_counters ORDER BY 1, 2, 3",
    "posts": "SELECT id, last_report_at FROM posts ORDER BY id",
}


def fingerprint(engine) -> tuple[tuple[int, int], str]:
    """(incidents, sheet_imports) counts and a digest of every table an import writes."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name, sql in STATE_SQL.items():
            digest.update(name.encode())
            for row in conn.execute(text(sql)):
                digest.update(repr(tuple(row)).encode())
        counts = (conn.execute(text("SELECT count(*) FROM incidents")).scalar(),
                  conn.execute(text("SELECT count(*) FROM sheet_imports")).scalar())
    return counts, digest.hexdigest()


def big_log(path: Path, rows: int) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=";")
        out.writerows([["Seizure log, all posts"], [], ["Date", "Post", "Substance", "Quantity", "Unit"]])
        for i in range(rows):
            day = date.fromordinal(date(2018, 1, 1).toordinal() + i % 2000)
            out.writerow([day.strftime("%d.%m.%Y"), POSTS[i % len(POSTS)], SUBSTANCES[i % len(SUBSTANCES)],
                          f"{1 + i},{i % 10}", "kg"])
    return path


def run_child(url: str, path: Path, kill_when=None, delay: float = 0.0) -> harness.Run:
    saved = harness.CHILD
    harness.CHILD = Path(__file__)  # the harness's runner, with this file as the child
    try:
        return harness.run_child(url, str(path), kill_when=kill_when, delay=delay, timeout=300)
    finally:
        harness.CHILD = saved


def db_check(url: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["--db", url, "db", "check"])
    return code, out.getvalue() + err.getvalue()


class Sites:
    """Copies of one database for the kills: SQLite files, or PostgreSQL databases made from a template."""

    def __init__(self, backend: str, folder: Path):
        self.backend, self.folder, self.made = backend, folder, []
        if backend == "sqlite":
            self.template = folder / "template" / "db.sqlite"
            self.template.parent.mkdir(parents=True)
            self.template_url = sqlite_url(self.template)
        else:
            self.template = f"sc_sheetkill_{uuid.uuid4().hex[:10]}"
            _pg_execute(f'CREATE DATABASE "{self.template}"')
            self.made.append(self.template)
            self.template_url = _pg_url_for(self.template)

    def copy(self, name: str) -> tuple[str, Path]:
        """A new database as the template is: (its URL, a data folder)."""
        folder = self.folder / name
        folder.mkdir(parents=True)
        if self.backend == "sqlite":
            shutil.copyfile(self.template, folder / "db.sqlite")
            return sqlite_url(folder / "db.sqlite"), folder
        database = f"{self.template}_{name}"
        _pg_execute(f'CREATE DATABASE "{database}" TEMPLATE "{self.template}"')
        self.made.append(database)
        return _pg_url_for(database), folder

    def drop(self) -> None:
        for database in reversed(self.made):
            _pg_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def check_after_kill(engine) -> None:
    if engine.dialect.name == "sqlite":
        assert_sqlite_integrity(engine)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def prepared(request, tmp_path_factory):
    """(the backend's databases, the log, its rows, the fingerprint before, the fingerprint after a whole import,
    seconds from "writing" to "done")."""
    backend = request.param
    if backend == "postgresql" and not PG_URL:
        pytest.skip("SITCENTRE_TEST_PG_URL is not set")
    tmp = tmp_path_factory.mktemp(f"sheet-kill-{backend}")
    sites = Sites(backend, tmp)
    try:
        rows = ROWS if backend == "sqlite" else PG_ROWS
        engine = make_engine(sites.template_url, Settings(data_dir=tmp))
        migrate.upgrade(engine)
        seed_reference_data(engine)
        earlier = big_log(tmp / "earlier.csv", 50)  # something imported before, that the kill must not touch
        assert import_sheet(engine, Settings(data_dir=tmp), earlier, MAPPING,
                            actor=Actor.system_actor("fault-test")).counts.added == 50
        before = fingerprint(engine)
        engine.dispose()
        log = big_log(tmp / "big.csv", rows)

        url, folder = sites.copy("reference")
        marks: dict[str, float] = {}

        def note(lines: list[str]) -> bool:
            for word in ("writing", "done"):
                if word not in marks and any(line.startswith(word) for line in lines):
                    marks[word] = time.monotonic()
            return False

        whole = run_child(url, log, kill_when=note)
        assert whole.returncode == 0 and "done" in whole.lines, (whole.lines, whole.stderr[-2000:])
        summary = json.loads(next(line for line in whole.lines if line.startswith("summary"))[8:])
        assert summary == {"rows": rows, "added": rows - 50, "present": 50}, summary
        engine = make_engine(url, Settings(data_dir=folder))
        after = fingerprint(engine)
        engine.dispose()
        assert after[0] == (rows, 2), after
        yield sites, log, rows, before, after, marks["done"] - marks["writing"]
    finally:
        if backend == "postgresql":
            sites.drop()


def test_kills_while_writing_a_large_import_leave_the_database_as_before(prepared):
    sites, log, rows, before, after, writing_s = prepared
    kills = KILLS if sites.backend == "sqlite" else PG_KILLS
    deadline = time.monotonic() + BUDGET_S * max(1.0, kills / 4)
    rng = random.Random(SEED)
    outcomes = {"before": 0, "after": 0}
    imported_again: set[bool] = set()
    for point in range(kills):
        if time.monotonic() > deadline:  # a loaded machine: stop in time, but only after enough kills
            assert point >= max(1, kills // 2), f"only {point} kills in the time allowed"
            break
        url, folder = sites.copy(f"k{point}")
        delay = rng.uniform(0.0, writing_s * 0.9)
        killed = run_child(url, log, kill_when=lambda lines: any(line.startswith("writing") for line in lines),
                           delay=delay)
        assert killed.killed and not any(line.startswith("error") for line in killed.lines), killed.lines
        engine = make_engine(url, Settings(data_dir=folder))
        try:
            check_after_kill(engine)
            state = fingerprint(engine)
            assert state in (before, after), f"kill {point} after {delay:.2f} s left a third state: {state[0]}"
            committed = state == after
            assert committed or "done" not in killed.lines, (point, killed.lines)
            outcomes["after" if committed else "before"] += 1
            code, words = db_check(url)
            assert code == 0, words
            if committed in imported_again:  # the same state (by its digest) as an earlier kill's: imports alike
                continue
            imported_again.add(committed)
            again = import_sheet(engine, Settings(data_dir=folder), log, MAPPING,
                                 actor=Actor.system_actor("fault-test"))
            expected = (0, rows) if committed else (rows - 50, 50)
            assert (again.counts.added, again.counts.present) == expected, (point, again.counts)
            counts, _digest = fingerprint(engine)
            assert counts == (rows, 3 if committed else 2)
            assert_consistent(engine)
        finally:
            engine.dispose()
    assert outcomes["before"] >= 1, outcomes  # the kills did land inside the import's transaction
    assert False in imported_again
