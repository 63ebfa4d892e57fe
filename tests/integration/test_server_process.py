"""`sitcentre serve` as a real process (tests/server_proc.py): HTTPS with a test certificate on 127.0.0.1, a
resumable upload across a server killed and restarted, Ctrl+C, and the start-up failures as one line and
exit code 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sitcentre.exit_codes import EXIT_DATABASE, EXIT_OK
from sitcentre.server.uploads import first_member
from tests.integration.exchange_world import content, export, make_centre, make_post, record
from tests.server_proc import ROOT, ServerProcess, free_port, make_certificate


def run_serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITCENTRE_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "sitcentre", "serve", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_real_server_imports_over_https_resumes_after_a_kill_and_stops_on_ctrl_c(pair, tmp_path):
    post, centre = pair
    incident = record(post, narrative="over the wire " * 300)
    data = export(post, "C")
    bid, total = first_member(data).bundle_id, len(data)
    half = total // 2
    with ServerProcess(centre.engine.url, tmp_path / "srv") as server:
        with server.client() as http:
            sent = http.patch(f"/v1/uploads/{bid}", content=data[:half],
                              headers={"Upload-Offset": "0", "Upload-Length": str(total)})
            assert sent.status_code == 204, sent.text
        server.kill()
        with pytest.raises(httpx.ConnectError), server.client(timeout=5) as http:
            http.head(f"/v1/uploads/{bid}")
        server.restart()
        with server.client() as http:
            held = int(http.head(f"/v1/uploads/{bid}").headers["Upload-Offset"])
            assert held == half, "the bytes written before the kill are held"
            done = http.patch(f"/v1/uploads/{bid}", content=data[held:],
                              headers={"Upload-Offset": str(held), "Upload-Length": str(total)})
            assert done.status_code == 200 and done.json()["status"] == "imported", done.text
            assert http.post("/v1/bundles", content=data).json()["status"] == "already"
        code = server.stop()
        assert code == EXIT_OK, server.output()
    assert "serve stopped" in server.output()
    assert "Traceback" not in server.output()
    assert content(centre, incident)["narrative"].startswith("over the wire")


def test_a_client_that_does_not_pin_the_certificate_is_refused_by_tls(tmp_path):
    centre = make_centre(tmp_path)
    with ServerProcess(centre.engine.url, tmp_path / "srv") as server:
        with pytest.raises(httpx.ConnectError), httpx.Client(base_url=server.url, timeout=10) as http:
            http.head("/v1/bundles/" + "0" * 64)  # the system's CAs know nothing of this certificate


def test_start_up_failures_are_one_line_and_exit_code_2(tmp_path):
    centre = make_centre(tmp_path)
    post = make_post(tmp_path)
    url = centre.engine.url.render_as_string(hide_password=False)
    cert, key = make_certificate(tmp_path / "tls")
    other_cert, other_key = make_certificate(tmp_path / "tls2")
    port = free_port()
    listen = ["--listen", f"127.0.0.1:{port}"]
    tls = ["--cert", str(cert), "--key", str(key)]
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        cases = {
            "no such certificate": (["--db", url, *listen, "--cert", str(tmp_path / "none.pem"), "--key", str(key)],
                                    "does not exist"),
            "a key of another certificate": (["--db", url, *listen, "--cert", str(cert), "--key", str(other_key)],
                                             "cannot be used together"),
            "a port in use": (["--db", url, "--listen", f"127.0.0.1:{busy.getsockname()[1]}", *tls],
                              "cannot listen on"),
            "no such database": (["--db", f"sqlite:///{tmp_path / 'none.sqlite'}", *listen, *tls], "none.sqlite"),
            "a post's database": (["--db", post.engine.url.render_as_string(hide_password=False), *listen, *tls],
                                  "runs at a centre"),
        }
        for name, (args, words) in cases.items():
            result = run_serve(tmp_path, *args)
            assert result.returncode == EXIT_DATABASE, f"{name}: {result.returncode} {result.stderr}"
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and words in lines[0], f"{name}: {result.stderr}"
            assert "Traceback" not in result.stderr
    finally:
        busy.close()
    assert not (tmp_path / "none.sqlite").exists()
    assert other_cert.exists()
