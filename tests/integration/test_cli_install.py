"""`sitcentre install init|show` (issue 10, item 5): a post's own installation numbers as the post."""

from __future__ import annotations

from datetime import timedelta

from sitcentre.db.engine import make_engine
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import local_date, utcnow
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident
from .test_cli import assert_fails_plainly, run_cli


def _database(tmp_path):
    url = f"sqlite:///{tmp_path / 'post.sqlite'}"
    assert run_cli(tmp_path, "--db", url, "db", "upgrade").returncode == 0
    engine = make_engine(url, SETTINGS)
    seed_reference_data(engine)
    return url, engine


def test_install_init_makes_the_database_a_post_that_numbers_as_itself(tmp_path):
    url, engine = _database(tmp_path)
    try:
        shown = run_cli(tmp_path, "--db", url, "install", "show")
        assert shown.returncode == 0 and "role:      centre" in shown.stdout and "origin:    C\n" in shown.stdout
        done = run_cli(tmp_path, "--db", url, "install", "init", "--role", "post", "--origin", "kz-kor")
        assert done.returncode == 0, done.stderr
        assert "post, origin code KZ-KOR" in done.stdout
        key_line = next(line for line in done.stdout.splitlines() if line.startswith("signing key "))
        shown = run_cli(tmp_path, "--db", url, "install", "show")
        assert f"key id:    {key_line.split()[2].rstrip(',')}\n" in shown.stdout
        posts, subs = ids(engine)
        saved = IncidentService(engine, SETTINGS).record(incident(posts["KZ-KOR"], utcnow() - timedelta(hours=1),
                                                        (subs["heroin"], 1.0, Unit.KG)), actor=SYSTEM)
        assert saved.number == f"KOR-{local_date(utcnow(), 300).year}-0001"
        refused = run_cli(tmp_path, "--db", url, "install", "init", "--role", "centre", "--origin", "C")
        assert_fails_plainly(refused, 3, "already numbered incidents as 'KZ-KOR'")
        forced = run_cli(tmp_path, "--db", url, "install", "init", "--role", "centre", "--origin", "C", "--force")
        assert forced.returncode == 0, forced.stderr
        assert key_line in forced.stdout  # a re-init keeps the key
    finally:
        engine.dispose()


def test_install_init_refuses_an_origin_code_that_is_a_posts_prefix(tmp_path):
    url, engine = _database(tmp_path)
    engine.dispose()
    refused = run_cli(tmp_path, "--db", url, "install", "init", "--role", "centre", "--origin", "KOR")
    assert_fails_plainly(refused, 3, "already a post's code or number prefix")
