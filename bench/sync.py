"""Online sync benchmark: a post pushes N records to its centre and pulls its return bundle, over HTTPS on
127.0.0.1 through a real `sitcentre serve`, against the same exchange through files.

    python bench/sync.py --records 20000 [--runs 3] [--keep]

Prints ONE JSON line:

  records          incidents in the post's bundle (one seizure line each)
  http_sync_s      one `sync_round` at the post (services.sync_client): export into the outbox, upload (POST, or
                   resumable PATCHes above 2 MB), the centre's import inside the server, the signed download of
                   the centre's return bundle (the centre's export), the post's import of it, the link's state
  file_exchange_s  the same through files: the post's export to a file, the centre's import of it, the
                   centre's export for the post, the post's import of that
  http_ratio       the median of each run's http / file (the two paths of a run go back to back, so a
                   machine busy with something else weighs on both alike; target <= 1.5)
  bundle_bytes     the post's bundle
  runs             timed runs of each (the median is reported); every run starts from fresh copies of the same
                   post and centre, so both paths begin from the same state

The post and the centre are SQLite files in a temporary folder (removed unless --keep), the post filled straight
through the driver (tests/exchange_flow.fill_post, deterministic for --seed). The server is started before the
timing (its start-up is not a sync) with a throwaway certificate (tests/server_proc.py); which path goes first
alternates run by run. The script reports; it does not fail when the target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import emit, log  # first: it puts the project root on sys.path

from sitcentre.domain.permissions import SYSTEM
from sitcentre.services import sync_setup
from sitcentre.services.sync_client import sync_round
from tests.exchange_flow import copy_site, export, fill_post, import_path, make_site, trust_both
from tests.server_proc import ServerProcess

POST, CENTRE = "KZ-KOR", "C"


def file_exchange(post, centre, folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    pushed = export(post, CENTRE, folder / "to-centre.scb")
    summary = import_path(centre, pushed.path)
    back = export(centre, POST, folder / "to-post.scb")
    returned = import_path(post, back.path)
    took = time.perf_counter() - started
    assert summary.added == pushed.entries and not summary.errors, summary
    assert not returned.errors, returned
    return took, pushed.path.stat().st_size


def http_sync(post, centre, folder: Path) -> float:
    with ServerProcess(centre.url, folder / "server") as server:
        sync_setup.configure(post.engine, post.settings, actor=SYSTEM, url=server.url, cert_pem=server.cert_pem)
        started = time.perf_counter()
        report = sync_round(post.engine, post.settings, actor=SYSTEM)
        took = time.perf_counter() - started
    assert report.ok and report.exported is not None and report.received is not None, report.lines()
    assert [s.status for s in report.sent] == ["imported"], report.lines()
    return took


def fresh_pair(pristine_post, pristine_centre, folder: Path):
    return copy_site(pristine_post, folder / "post"), copy_site(pristine_centre, folder / "centre")


def run_files(post, centre, here: Path) -> tuple[float, int]:
    a_post, a_centre = fresh_pair(post, centre, here / "file")
    try:
        return file_exchange(a_post, a_centre, here / "file" / "bundles")
    finally:
        a_post.dispose()
        a_centre.dispose()


def run_http(post, centre, here: Path) -> float:
    b_post, b_centre = fresh_pair(post, centre, here / "http")
    b_centre.dispose()  # the server process opens it
    try:
        return http_sync(b_post, b_centre, here / "http")
    finally:
        b_post.dispose()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=20_000, help="incidents in the post's bundle (one line each)")
    p.add_argument("--runs", type=int, default=1, help="timed runs of each path (the median is reported)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is logged)")
    args = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitcentre-bench-sync-"))
    try:
        log(f"post with {args.records} incidents and a centre in {folder}")
        post = make_site(folder / "pristine-post", "post", POST)
        centre = make_site(folder / "pristine-centre", "centre", CENTRE)
        trust_both(post, centre, folder / "keys")
        fill_post(post.engine, POST, args.records, seed=args.seed)
        post.dispose()
        centre.dispose()
        http_times, file_times, size = [], [], 0
        for run in range(max(args.runs, 1)):
            here = folder / f"run-{run}"
            for path in (("file", "http") if run % 2 == 0 else ("http", "file")):
                if path == "file":
                    took, size = run_files(post, centre, here)
                    file_times.append(took)
                else:
                    http_times.append(run_http(post, centre, here))
                log(f"run {run + 1}: {path} {took if path == 'file' else http_times[-1]:.2f} s")
            shutil.rmtree(here, ignore_errors=True)
        ratios = [h / f for h, f in zip(http_times, file_times, strict=True)]
        emit({"records": args.records, "http_sync_s": round(statistics.median(http_times), 3),
              "file_exchange_s": round(statistics.median(file_times), 3),
              "http_ratio": round(statistics.median(ratios), 2), "bundle_bytes": size, "runs": len(http_times)})
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
