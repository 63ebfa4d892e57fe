"""A bounded local flood against a real `sitcentre serve` (tests/server_proc.py): junk uploads, whole and
resumable, from many threads at once, with a tiny spool quota and two uploads at once. The spool never holds
more than its quota, the server answers 503 while its two upload slots are taken, and a real post's bundle
still gets through (retrying on 503 as the client does)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from sitcentre.server.uploads import first_member
from tests.integration.exchange_world import content, export, make_centre, make_post, record, trust_both
from tests.server_proc import ServerProcess

QUOTA_MB = 0.05
QUOTA = int(QUOTA_MB * 2**20)
SENDERS, REQUESTS_EACH = 8, 12


def spool_bytes(spool: Path) -> int:
    total = 0
    for sub in ("uploads", "refused"):
        for path in (spool / sub).glob("*"):
            try:
                total += path.stat().st_size
            except OSError:
                pass  # removed between the listing and the stat
    return total


def test_a_flood_of_junk_never_fills_the_spool_nor_keeps_a_real_post_out(tmp_path):
    post, centre = make_post(tmp_path), make_centre(tmp_path)
    trust_both(post, centre)
    incident = record(post, narrative="through the flood")
    data = export(post, "C")
    server = ServerProcess(centre.engine.url, tmp_path / "srv", max_uploads=2, quota_mb=QUOTA_MB)
    statuses: list[int] = []
    largest = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            largest[0] = max(largest[0], spool_bytes(server.spool))
            time.sleep(0.005)

    def slow_junk() -> None:  # holds an upload slot for about three seconds
        def body():
            for _ in range(60):
                time.sleep(0.05)
                yield os.urandom(256)
        with server.client() as http:
            statuses.append(http.post("/v1/bundles", content=body()).status_code)

    def junk(seed: int) -> None:
        with server.client() as http:
            for n in range(REQUESTS_EACH):
                blob = os.urandom(6000 + 500 * (n % 5))
                if n % 2:
                    answer = http.post("/v1/bundles", content=blob)
                else:
                    upload = os.urandom(32).hex()
                    answer = http.patch(f"/v1/uploads/{upload}", content=blob,
                                        headers={"Upload-Offset": "0", "Upload-Length": str(len(blob) * 4)})
                statuses.append(answer.status_code)

    with server:
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        busy_seen, slow = False, []
        for _attempt in range(3):  # on a loaded machine a probe may beat a slow upload to its slot: try again
            pair = [threading.Thread(target=slow_junk) for _ in range(2)]
            slow += pair
            for thread in pair:
                thread.start()
            time.sleep(0.5)  # both slow uploads are in (a probe sent first would take a slot and make one 503)
            with server.client() as http:
                deadline = time.monotonic() + 10
                while not busy_seen and time.monotonic() < deadline and any(t.is_alive() for t in pair):
                    answer = http.post("/v1/bundles", content=b"probe")
                    busy_seen = answer.status_code == 503
                    if busy_seen:
                        assert answer.headers["Retry-After"] and answer.json()["code"] == "busy"
                    time.sleep(0.02)
            if busy_seen:
                break
            for thread in pair:
                thread.join(timeout=30)
        assert busy_seen, "two slow uploads hold both slots: a third is answered 503 at once"
        flood = [threading.Thread(target=junk, args=(i,)) for i in range(SENDERS)]
        for thread in flood:
            thread.start()
        with server.client() as http:  # the real post, during the flood
            for _attempt in range(200):
                answer = http.post("/v1/bundles", content=data)
                if answer.status_code != 503:
                    break
                time.sleep(min(float(answer.headers.get("Retry-After", "1")), 0.2))
            assert answer.status_code == 200 and answer.json()["status"] == "imported", answer.text
        for thread in flood + slow:
            thread.join(timeout=60)
        stop.set()
        watcher.join(timeout=5)
        with server.client() as http:
            assert http.head(f"/v1/bundles/{first_member(data).bundle_id}").status_code == 200
        final = spool_bytes(server.spool)

    assert largest[0] <= QUOTA and final <= QUOTA, f"the spool held {largest[0]:,} bytes; quota {QUOTA:,}"
    assert len(statuses) == SENDERS * REQUESTS_EACH + len(slow)
    assert set(statuses) <= {422, 503}, sorted(set(statuses))
    assert content(centre, incident)["narrative"] == "through the flood"
    assert "Traceback" not in server.output()
