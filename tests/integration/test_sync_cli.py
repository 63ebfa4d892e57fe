"""`sitcentre sync --centre https://HOST:PORT --ca FILE` and the desk's sync noun, against a real `sitcentre serve`:
one round from the command line prints what went and what came back and stores the link; exit codes 0 (done),
1 (a bundle refused), 2 (the centre cannot be reached), 3 (not an https address); the noun configures, shows
the state with its due time and runs a round whose Done says everything may have changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitcentre.backend import Backend
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange.bundle import SUFFIX
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_DATABASE, EXIT_OK, EXIT_USAGE
from sitcentre.services import sync_setup
from sitcentre.services.sync_client import outbox_folder
from tests.integration.exchange_world import World, make_post, record, scalar
from tests.server_proc import ROOT, ServerProcess

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def sync_cli(post: World, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITCENTRE_DB"}
    env["SITCENTRE_DATA_DIR"] = str(post.folder)  # the post's outbox is <data_dir>/outbox
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    url = post.engine.url.render_as_string(hide_password=False)
    return subprocess.run([sys.executable, "-m", "sitcentre", "sync", *args, "--db", url], cwd=post.folder, env=env,
                          capture_output=True, text=True, timeout=180, check=False)


def test_sync_from_the_command_line_sends_receives_and_stores_the_link(pair, tmp_path: Path):
    post, centre = pair
    record(post, narrative="by the command line")
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        done = sync_cli(post, "--centre", server.url, "--ca", str(server.ca_file))
        assert done.returncode == EXIT_OK, done.stderr + done.stdout
        assert "sent, imported by the centre" in done.stdout
        assert "Imported " in done.stdout and "from C" in done.stdout
        assert scalar(centre, "SELECT count(*) FROM incidents") == 1
        stored = sync_setup.link(post.engine)
        assert stored.url == server.url and stored.cert_pem == server.cert_pem

        again = sync_cli(post)  # the stored link is used
        assert again.returncode == EXIT_OK, again.stderr + again.stdout
    record(post, narrative="while the centre is down")
    down = sync_cli(post)
    assert down.returncode == EXIT_DATABASE
    assert "cannot be reached: connection refused" in down.stdout, down.stdout + down.stderr
    assert "Traceback" not in down.stderr


def test_a_refused_bundle_exits_1_and_a_plain_http_address_exits_3(pair, tmp_path: Path):
    post, centre = pair
    stranger = make_post(tmp_path, "KG-KSU")
    from tests.integration.exchange_world import export

    outbox = outbox_folder(post.settings)
    outbox.mkdir(parents=True)
    (outbox / f"KG-KSU_to_C_000001-000001_00000000{SUFFIX}").write_bytes(export(stranger, "C"))
    stranger.dispose()
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        refused = sync_cli(post, "--centre", server.url, "--ca", str(server.ca_file))
    assert refused.returncode == EXIT_CHECK_FAILED, refused.stdout + refused.stderr
    assert "refused by the centre" in refused.stdout
    plain = sync_cli(post, "--centre", "http://127.0.0.1:8443")
    assert plain.returncode == EXIT_USAGE
    assert "https://" in plain.stderr


def test_the_sync_noun_configures_shows_the_state_and_runs_a_round(pair, tmp_path: Path):
    post, centre = pair
    desk = Backend(post.engine, post.settings).desk(SYSTEM)
    assert desk.sync.link() is None and desk.sync.state() is None
    record(post, narrative="through the desk")
    with ServerProcess(centre.engine.url, tmp_path / "server") as server:
        configured = desk.sync.configure(server.url, server.ca_file)
        assert configured.value.url == server.url and configured.value.certificate.count(":") == 31
        before = desk.sync.state()
        assert before.configured and before.due_at is not None and before.failures == 0
        done = desk.sync.round()
    assert done.value.ok, done.value.lines()
    assert done.changes.everything  # the centre's bundle was imported: every panel reloads
    after = desk.sync.state()
    assert after.last_success_at is not None and after.due_at == after.next_attempt_at
    assert scalar(centre, "SELECT count(*) FROM incidents") == 1
    assert desk.sync.configure(server.url, enabled=False).value.due_at is None  # switched off: never due
