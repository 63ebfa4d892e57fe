"""SIGKILL during `sitcentre bundle export` (issue 12, "Tests"): a post with a thousand unsealed incidents
exports in a subprocess killed at random points (sealing, materialising, building, writing). After every kill:
no partial bundle (every bundle file in the folder is whole: it opens and verifies with the post's key), the
database passes the integrity check, its rollups and audit chain are intact, and its feed is one contiguous
chain. Then an export run to its end works, carries every incident once, and removes the hidden temporary
file an export killed while writing may have left (output_paths: SIGKILL runs no cleanup)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitcentre.db.migrate import head_revision
from sitcentre.db.uow import UnitOfWork
from sitcentre.exchange import bundle
from sitcentre.repositories import feed
from sitcentre.services import keys
from tests.exchange_flow import copy_site, fill_post, make_site
from tests.faults.harness import assert_consistent

REPO = Path(__file__).resolve().parents[2]
INCIDENTS = 1000
KILLS = 12
KOR = "KZ-KOR"


def _start(site, out: Path) -> subprocess.Popen:
    env = {**os.environ, "SITCENTRE_DATA_DIR": str(site.settings.data_dir)}
    return subprocess.Popen([sys.executable, "-m", "sitcentre", "--db", site.url, "bundle", "export", "--to", "C",
                             "--out", str(out)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run_to_end(site, out: Path) -> float:
    started = time.monotonic()
    proc = _start(site, out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - started


def _kill_after(site, out: Path, delay: float) -> bool:
    """Start an export, SIGKILL it after `delay` seconds; True when it was killed before it finished."""
    proc = _start(site, out)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True
    finally:
        proc.stdout.close()
        proc.stderr.close()


def _kill_while_writing(site, out: Path) -> bool:
    """Start an export and SIGKILL it the moment its temporary file appears in the folder (it may finish
    first: the file is written in a few milliseconds). True when it was killed."""
    before = set(os.listdir(out))  # a temporary file left by an earlier kill is not this export's
    proc = _start(site, out)
    deadline = time.monotonic() + 300
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if any(name.startswith(".") and name not in before for name in os.listdir(out)):
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                return True
            time.sleep(0.0002)
        return False
    finally:
        proc.stdout.close()
        proc.stderr.close()


def _assert_whole_bundles(site, out: Path) -> list[bundle.Opened]:
    with UnitOfWork(site.engine) as uow:
        info = keys.own_identity(uow.session).info()
    found = []
    for path in sorted(out.glob("*.scb")):
        found.append(bundle.open_bundle(path.read_bytes(), keys=lambda key_id: info, me_origin="C",
                                        me_installation_id=None, known_revisions={head_revision()}))
    return found


def _assert_feed_is_one_chain(site) -> int:
    with UnitOfWork(site.engine) as uow:
        me = keys.own_identity(uow.session)
        last, _ = feed.last_entry(uow.session, me.origin, me.epoch, feed.ALL)
        chain = feed.entries(uow.session, me.origin, me.epoch, feed.ALL, 1, last)
    assert [e.seq for e in chain] == list(range(1, last + 1))
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:]))
    assert len({(e.row_id, e.rev) for e in chain}) == len(chain), "a version twice in the feed"
    return last


@pytest.mark.timeout(600)
def test_an_export_killed_at_random_points_leaves_no_partial_bundle_and_runs_again(tmp_path):
    site = make_site(tmp_path / "post", "post", KOR)
    fill_post(site.engine, KOR, INCIDENTS)
    # How long a whole export takes, measured on a copy: the kills are spread over that time.
    trial = copy_site(site, tmp_path / "trial")
    (tmp_path / "trial-out").mkdir()
    full = _run_to_end(trial, tmp_path / "trial-out")
    trial.dispose()
    out = tmp_path / "out"
    out.mkdir()
    rng = random.Random(12)
    delays = sorted(rng.uniform(0.2, full * 1.1) for _ in range(KILLS))
    killed = 0
    for delay in [*delays, None, None, None]:  # None: the moment the file is being written
        killed += _kill_after(site, out, delay) if delay is not None else _kill_while_writing(site, out)
        _assert_whole_bundles(site, out)
        hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
        assert len(hidden) <= 1 and all(name.endswith(".part") for name in hidden), hidden  # the next one removes it
        assert_consistent(site.engine)
        _assert_feed_is_one_chain(site)
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} exports were killed before they finished"
    _run_to_end(site, out)
    assert not list(out.glob(".*")), "a temporary file was left behind"
    latest = max(_assert_whole_bundles(site, out), key=lambda b: (b.manifest["feed"]["to_seq"],
                                                                  b.manifest["created_at_device"]))
    assert latest.manifest["feed"]["from_seq"] == 1
    assert len({e["id"] for _, e in latest.entries}) == INCIDENTS == len(latest.entries)
    assert _assert_feed_is_one_chain(site) == INCIDENTS
    assert_consistent(site.engine)
    site.dispose()
