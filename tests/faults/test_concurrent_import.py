"""Two processes import the same bundle into one PostgreSQL centre at the same moment (issue 12, "Tests").

Both children read the bundle and connect, say "ready", and start importing when the parent writes one line to
both. One imports; the other answers "already imported" or imports nothing new. Neither shows an error, and no
row is there twice: the incidents, the feed entries, the versions, the bundle record and the import's audit
entry are there once. Then the same with a cumulative bundle that repeats the first one's entries and adds more,
into the centre that already holds the first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.exchange_flow import export, fill_post, make_site, rows, trust
from tests.faults.harness import REPO

KOR, CENTRE = "KZ-KOR", "C"
FIRST, MORE = 400, 150  # the import runs at a few hundred records a second today: kept small
CHILD = Path(__file__).with_name("import_child.py")

pytestmark = pytest.mark.pg


def _race(url: str, bundle: Path) -> list[dict]:
    """Start two importers, release them together; their summaries (exit codes and stderr checked)."""
    children = [subprocess.Popen([sys.executable, str(CHILD), url, str(bundle), "--wait"], cwd=REPO,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    summaries = []
    for child, (out, err) in zip(children, outputs):
        assert child.returncode == 0, (out, err[-3000:])
        assert "Traceback" not in err and not [line for line in out.splitlines() if line.startswith("error")], err
        summaries.append(json.loads(next(line for line in out.splitlines() if line.startswith("summary "))[8:]))
    return summaries


def _no_duplicates(centre) -> None:
    twice = rows(centre.engine, "SELECT number, count(*) FROM incidents GROUP BY number HAVING count(*) > 1")
    assert twice == []
    twice = rows(centre.engine, "SELECT row_id, rev, count(*) FROM record_versions GROUP BY row_id, rev "
                                "HAVING count(*) > 1")
    assert twice == []


@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_processes_import_one_bundle_into_postgresql(db_url: str, tmp_path: Path):
    post = make_site(tmp_path / "post", "post", KOR)
    centre = make_site(tmp_path / "centre", "centre", CENTRE, url=db_url)
    trust(centre, post, tmp_path / "keys")
    try:
        fill_post(post.engine, KOR, FIRST)
        first = export(post, CENTRE, tmp_path / "b" / "first.scb").path
        summaries = _race(db_url, first)
        winners = [s for s in summaries if not s["already"] and s["added"] > 0]
        assert len(winners) == 1 and winners[0]["added"] == FIRST, summaries
        loser = next(s for s in summaries if s is not winners[0])
        assert loser["already"] or (loser["added"], loser["updated"], loser["merged"]) == (0, 0, 0), summaries
        assert sum(s["errors"] + s["conflicts"] + s["held"] for s in summaries) == 0, summaries
        assert rows(centre.engine, "SELECT count(*) FROM incidents")[0][0] == FIRST
        assert rows(centre.engine, "SELECT count(*) FROM bundles_received")[0][0] == 1
        assert rows(centre.engine, "SELECT count(*) FROM feed_entries WHERE origin = :o", o=KOR)[0][0] == FIRST
        assert rows(centre.engine, "SELECT count(*) FROM audit_log WHERE action = 'import'")[0][0] == 1
        _no_duplicates(centre)

        fill_post(post.engine, KOR, MORE, seed=7)
        cumulative = export(post, CENTRE, tmp_path / "b" / "cumulative.scb")
        assert cumulative.from_seq == 1  # the centre has acknowledged nothing: it repeats the first
        summaries = _race(db_url, cumulative.path)
        assert sorted(s["added"] for s in summaries) == [0, MORE], summaries
        assert sum(s["errors"] + s["conflicts"] + s["held"] for s in summaries) == 0, summaries
        assert rows(centre.engine, "SELECT count(*) FROM incidents")[0][0] == FIRST + MORE
        assert rows(centre.engine, "SELECT count(*) FROM bundles_received")[0][0] == 2
        assert rows(centre.engine, "SELECT count(*) FROM feed_entries WHERE origin = :o", o=KOR)[0][0] == \
            FIRST + MORE
        _no_duplicates(centre)
    finally:
        post.dispose()
        centre.dispose()
