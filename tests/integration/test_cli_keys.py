"""`sitcentre keys export|trust|revoke|list` and `install init|show|new-epoch` (issue 12, item 1), run as real
processes: a centre (the parametrised database, SQLite or PostgreSQL) and a post (its own SQLite file) exchange
key files; the supervisor answers the fingerprint question on stdin."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.services import keys
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings

from .test_cli import assert_fails_plainly, cli_env, run_cli


def _cli(tmp_path: Path, url: str, *args: str, answer: str | None = None) -> subprocess.CompletedProcess:
    """`sitcentre --db URL ARGS` with `answer` on stdin (None: stdin closed at once, as at end of input)."""
    return subprocess.run([sys.executable, "-m", "sitcentre", "--db", url, *args], cwd=tmp_path,
                          env=cli_env(tmp_path), input=answer or "", capture_output=True, text=True, timeout=120,
                          check=False)


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0 and "Traceback" not in result.stderr, (result.stdout, result.stderr)
    return result.stdout


def _identity(url: str, tmp_path: Path) -> keys.OwnIdentity:
    engine = make_engine(url, Settings(data_dir=tmp_path))
    try:
        with UnitOfWork(engine) as uow:
            return keys.own_identity(uow.session)
    finally:
        engine.dispose()


def _states(tmp_path: Path, url: str) -> dict[str, str]:
    """key id -> the STATE column of `keys list`."""
    lines = _ok(_cli(tmp_path, url, "keys", "list")).splitlines()
    rows = {}
    for line in lines[1:]:
        key_id, _origin, _role, rest = line.split(None, 3)
        rows[key_id] = "waiting for confirmation" if rest.startswith("waiting") else rest.split()[0]
    return rows


@pytest.fixture
def centre_url(db_url: str, tmp_path: Path) -> str:
    engine = make_engine(db_url, Settings(data_dir=tmp_path))
    seed_reference_data(engine)
    engine.dispose()
    _ok(_cli(tmp_path, db_url, "install", "init", "--role", "centre", "--origin", "C"))
    return db_url


@pytest.fixture
def post_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'post.sqlite'}"
    engine = make_engine(url, Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    seed_reference_data(engine)
    engine.dispose()
    _ok(_cli(tmp_path, url, "install", "init", "--role", "post", "--origin", "KZ-KOR"))
    return url


def test_install_show_prints_the_key_and_epoch_never_the_private_key(tmp_path, post_url):
    me = _identity(post_url, tmp_path)
    shown = _ok(_cli(tmp_path, post_url, "install", "show"))
    assert f"key id:    {me.key_id}\n" in shown and f"fingerprint: {me.fingerprint}\n" in shown
    assert f"epoch:     {me.epoch}\n" in shown
    assert me.private_key not in shown and me.public_key not in shown
    again = _ok(_cli(tmp_path, post_url, "install", "init", "--role", "post", "--origin", "KZ-KOR"))
    assert f"signing key {me.key_id}, fingerprint {me.fingerprint}" in again
    assert _identity(post_url, tmp_path).private_key == me.private_key


def test_install_new_epoch_starts_a_new_feed_epoch(tmp_path, centre_url):
    before = _identity(centre_url, tmp_path).epoch
    done = _ok(_cli(tmp_path, centre_url, "install", "new-epoch", "--reason", "restored"))
    after = _identity(centre_url, tmp_path).epoch
    assert after != before and f"new feed epoch {after}" in done
    assert f"epoch:     {after}\n" in _ok(_cli(tmp_path, centre_url, "install", "show"))


def test_a_key_file_trusted_only_when_the_supervisor_says_yes(tmp_path, centre_url, post_url):
    post = _identity(post_url, tmp_path)
    out = tmp_path / "kor.key"
    exported = _ok(_cli(tmp_path, post_url, "keys", "export", "--out", str(out)))
    assert str(out) in exported and post.key_id in exported and post.fingerprint in exported
    assert post.private_key not in out.read_text() and post.private_key not in exported
    assert_fails_plainly(_cli(tmp_path, post_url, "keys", "export", "--out", str(out)), 3, "already exists")

    refused = _cli(tmp_path, centre_url, "keys", "trust", str(out), answer="n\n")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert f"fingerprint: {post.fingerprint}" in refused.stdout and "origin:      KZ-KOR" in refused.stdout
    assert "Does this fingerprint match the one read out by KZ-KOR? [y/N]" in refused.stdout
    assert "stays waiting for confirmation" in refused.stderr
    assert _states(tmp_path, centre_url) == {post.key_id: "waiting for confirmation"}

    at_eof = _cli(tmp_path, centre_url, "keys", "trust", str(out), answer=None)
    assert at_eof.returncode == 1 and _states(tmp_path, centre_url) == {post.key_id: "waiting for confirmation"}

    accepted = _ok(_cli(tmp_path, centre_url, "keys", "trust", str(out), answer="y\n"))
    assert f"key {post.key_id} of KZ-KOR (post) is trusted" in accepted
    assert _states(tmp_path, centre_url) == {post.key_id: "trusted"}
    assert "already trusted" in _ok(_cli(tmp_path, centre_url, "keys", "trust", str(out)))

    # and the other way: the post trusts the centre's key without being asked (--yes)
    centre_file = tmp_path / "c.key"
    _ok(_cli(tmp_path, centre_url, "keys", "export", "--out", str(centre_file)))
    _ok(_cli(tmp_path, post_url, "keys", "trust", str(centre_file), "--yes"))
    assert _states(tmp_path, post_url) == {_identity(centre_url, tmp_path).key_id: "trusted"}


def test_revoke_then_trust_is_refused_and_list_shows_it(tmp_path, centre_url, post_url):
    post = _identity(post_url, tmp_path)
    out = tmp_path / "kor.key"
    _ok(_cli(tmp_path, post_url, "keys", "export", "--out", str(out)))
    _ok(_cli(tmp_path, centre_url, "keys", "trust", str(out), "--yes"))
    revoked = _ok(_cli(tmp_path, centre_url, "keys", "revoke", post.key_id, "--reason", "laptop stolen"))
    assert f"key {post.key_id} of KZ-KOR (post) is revoked" in revoked
    listed = _ok(_cli(tmp_path, centre_url, "keys", "list"))
    assert "revoked" in listed and "(laptop stolen)" in listed and post.fingerprint in listed
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(out), answer="y\n"), 3,
                         "revoked keys stay revoked")
    assert _states(tmp_path, centre_url) == {post.key_id: "revoked"}


def test_a_key_rotation_is_said_before_the_question(tmp_path, centre_url, post_url):
    first = tmp_path / "first.key"
    _ok(_cli(tmp_path, post_url, "keys", "export", "--out", str(first)))
    _ok(_cli(tmp_path, centre_url, "keys", "trust", str(first), "--yes"))
    second_url = f"sqlite:///{tmp_path / 'post2.sqlite'}"
    engine = make_engine(second_url, Settings(data_dir=tmp_path))
    migrate.upgrade(engine)
    seed_reference_data(engine)
    engine.dispose()
    _ok(_cli(tmp_path, second_url, "install", "init", "--role", "post", "--origin", "KZ-KOR"))
    second = tmp_path / "second.key"
    _ok(_cli(tmp_path, second_url, "keys", "export", "--out", str(second)))
    asked = _ok(_cli(tmp_path, centre_url, "keys", "trust", str(second), answer="yes\n"))
    old = _identity(post_url, tmp_path).key_id
    assert f"KZ-KOR already has a trusted post key {old}" in asked and "key rotation" in asked
    assert asked.index("key rotation") < asked.index("Does this fingerprint match")
    assert set(_states(tmp_path, centre_url).values()) == {"trusted"}


def test_bad_input_is_one_line_of_words_and_exit_3(tmp_path, centre_url, post_url):
    me = _identity(centre_url, tmp_path)
    own = tmp_path / "own.key"
    _ok(_cli(tmp_path, centre_url, "keys", "export", "--out", str(own)))
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(own), "--yes"), 3, "own key")
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(tmp_path / "none.key")), 3,
                         "There is no file")
    (tmp_path / "junk.key").write_bytes(b"\x89PNG not a key")
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(tmp_path / "junk.key")), 3,
                         "not a key file")
    post_key = tmp_path / "kor.key"
    _ok(_cli(tmp_path, post_url, "keys", "export", "--out", str(post_key)))
    envelope = json.loads(post_key.read_bytes())
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[-1] ^= 0x80
    envelope["signatures"][0]["sig"] = base64.b64encode(sig).decode()
    (tmp_path / "flipped.key").write_text(json.dumps(envelope))
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(tmp_path / "flipped.key"), "--yes"), 3,
                         "signature does not match")
    with open(tmp_path / "huge.key", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "trust", str(tmp_path / "huge.key")), 3,
                         "too large")
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "revoke", "0123456789abcdef"), 3,
                         "No key with id '0123456789abcdef' is known here")
    assert_fails_plainly(_cli(tmp_path, centre_url, "keys", "revoke", me.key_id), 3, "own key")
    assert "no keys of other installations" in _ok(_cli(tmp_path, centre_url, "keys", "list"))


def test_export_before_install_init_says_what_to_run(tmp_path, db_url):
    assert_fails_plainly(run_cli(tmp_path, "--db", db_url, "keys", "export", "--out", str(tmp_path / "k.key")),
                         3, "run 'sitcentre install init")
    assert not (tmp_path / "k.key").exists()
    shown = _ok(run_cli(tmp_path, "--db", db_url, "install", "show"))
    assert "key id:    none yet" in shown
