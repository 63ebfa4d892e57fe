"""Setting a post up from its centre's seed bundle (services.seed; `sitcentre install seed` at the centre,
`sitcentre install init --role post --origin CODE --seed FILE` at the post). The centre is SQLite or PostgreSQL;
a post is always its own SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import AuditRow, IncidentRow, InstallationRow, PostRow, SubstanceRow, TrustedKeyRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange.errors import BundleRejected
from sitcentre.services import seed, users
from sitcentre.settings import Settings, sqlite_url
from tests.integration.exchange_world import export, import_, make_centre, make_post, record, trust

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def centre(tmp_path, db_url):
    world = make_centre(tmp_path, url=db_url)
    yield world
    world.dispose()


def _empty_post(tmp_path: Path, name: str = "new-post"):
    folder = tmp_path / name
    folder.mkdir()
    engine = make_engine(sqlite_url(folder / "post.sqlite"), Settings(data_dir=folder))
    migrate.upgrade(engine, backup=False)
    return engine


def _count(engine, table) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


def _seed(centre, tmp_path, post="KZ-KOR") -> bytes:
    return seed.write_seed(centre.engine, post=post, out=tmp_path / f"seed-{post}.scb", actor=SYSTEM).read_bytes()


def test_a_new_post_is_set_up_from_its_centres_seed(centre, tmp_path):
    users.UserService(centre.engine, centre.settings).add("olga", "operator", "a long enough password 1",
                                                          post_code="KZ-KOR", actor=SYSTEM)
    data = _seed(centre, tmp_path)
    post = _empty_post(tmp_path)
    assert _count(post, PostRow) == 0  # a new post database knows nothing yet
    asked = []
    done = seed.init_from_seed(post, data, origin="KZ-KOR", actor=SYSTEM,
                               confirm=lambda key: asked.append(key) or True)
    assert done.role == "post" and done.origin_code == "KZ-KOR" and done.key_id and done.epoch
    assert [k.origin for k in asked] == ["C"]
    assert _count(post, PostRow) == _count(centre.engine, PostRow) > 0
    assert _count(post, SubstanceRow) == _count(centre.engine, SubstanceRow) > 0
    with UnitOfWork(post) as uow:
        s = uow.session
        assert s.scalar(select(TrustedKeyRow.state).where(TrustedKeyRow.key_id == asked[0].key_id)) == "trusted"
        assert s.scalar(select(UserRow.username).where(UserRow.username == "olga")) == "olga"
        assert s.scalar(select(InstallationRow.refdata_version)) is not None
    # the centre trusts the post's key file; a change bundle then flows both ways
    from tests.integration.exchange_world import World

    post_world = World(post, Settings(data_dir=tmp_path / "new-post"), "KZ-KOR", "post", tmp_path / "new-post")
    trust(centre, post_world)
    incident = record(post_world, narrative="first from the new post")
    assert import_(centre, export(post_world, "C")).added == 1
    back = import_(post_world, export(centre, "KZ-KOR"))
    assert back.errors == 0
    with UnitOfWork(centre.engine) as uow:
        assert uow.session.get(IncidentRow, incident) is not None


def test_a_refused_fingerprint_changes_nothing(centre, tmp_path):
    data = _seed(centre, tmp_path)
    post = _empty_post(tmp_path)
    before = (_count(post, PostRow), _count(post, AuditRow), _count(post, TrustedKeyRow))
    with pytest.raises(seed.SeedError, match="not confirmed"):
        seed.init_from_seed(post, data, origin="KZ-KOR", actor=SYSTEM, confirm=lambda key: False)
    assert (_count(post, PostRow), _count(post, AuditRow), _count(post, TrustedKeyRow)) == before
    with UnitOfWork(post) as uow:
        assert uow.session.scalar(select(InstallationRow.key_id)) is None


def test_a_seed_for_another_post_a_change_bundle_and_a_seed_from_a_post_are_refused(centre, tmp_path):
    post = _empty_post(tmp_path)
    with pytest.raises(BundleRejected) as wrong:
        seed.init_from_seed(post, _seed(centre, tmp_path, "KZ-KAR"), origin="KZ-KOR", actor=SYSTEM,
                            confirm=lambda key: True)
    assert wrong.value.code == "wrong_recipient"
    other_post = make_post(tmp_path, "KZ-KAR")
    trust(centre, other_post)
    change = export(centre, "KZ-KAR")
    with pytest.raises(seed.SeedError, match="not a seed"):
        seed.init_from_seed(_empty_post(tmp_path, "second"), change, origin="KZ-KAR", actor=SYSTEM,
                            confirm=lambda key: True)
    from_a_post = export(other_post, "C")
    with pytest.raises(seed.SeedError, match="not a situation centre"):
        seed.read_seed_sender(from_a_post)
    assert _count(post, PostRow) == 0


def test_a_database_that_already_holds_incidents_is_not_seeded(centre, tmp_path):
    data = _seed(centre, tmp_path)
    busy = make_post(tmp_path, "KZ-KOR")
    with pytest.raises(seed.SeedError):
        seed.init_from_seed(busy.engine, data, origin="KZ-KOR", actor=SYSTEM, confirm=lambda key: True)


def test_only_a_centre_writes_seeds_and_only_for_its_posts(centre, tmp_path):
    with pytest.raises(seed.SeedError, match="no post 'XX-NOPE'"):
        seed.write_seed(centre.engine, post="XX-NOPE", out=tmp_path / "x.scb", actor=SYSTEM)
    post = make_post(tmp_path, "KZ-KOR")
    with pytest.raises(seed.SeedError, match="Only a situation centre"):
        seed.write_seed(post.engine, post="KZ-KOR", out=tmp_path / "y.scb", actor=SYSTEM)
    assert not (tmp_path / "x.scb").exists() and not (tmp_path / "y.scb").exists()


def test_the_command_line_asks_for_the_fingerprint(tmp_path):
    centre = make_centre(tmp_path)  # once, on SQLite: the command line is the same for both
    env = dict(os.environ, SITCENTRE_DATA_DIR=str(tmp_path / "data"))
    centre_url = str(centre.engine.url)
    post_url = sqlite_url(tmp_path / "cli-post.sqlite")

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "sitcentre", *args], input=stdin, capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=120)

    made = run("--db", centre_url, "install", "seed", "--post", "KZ-KOR", "--out", str(tmp_path))
    assert made.returncode == 0, made.stderr
    seed_file = next(tmp_path.glob("C_to_KZ-KOR_*.scb"))
    assert run("--db", post_url, "db", "upgrade").returncode == 0
    refused = run("--db", post_url, "install", "init", "--role", "post", "--origin", "KZ-KOR", "--seed",
                  str(seed_file), stdin="n\n")
    assert refused.returncode == 3 and "fingerprint:" in refused.stdout and "Traceback" not in refused.stderr
    assert "nothing was changed" in refused.stderr
    accepted = run("--db", post_url, "install", "init", "--role", "post", "--origin", "KZ-KOR", "--seed",
                   str(seed_file), stdin="y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert "now post KZ-KOR" in accepted.stdout
