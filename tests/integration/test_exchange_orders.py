"""Five bundles from one post, imported at the centre in every order, give the same final state (issue 12,
"Tests"): the post's own state, revision for revision.

The post records, corrects (fields, a new line), and deletes incidents between five exports: three with
--since-last (no overlap) and two cumulative ones that repeat everything not yet acknowledged. Imported in any
order, entries whose parent has not arrived are held and applied when it comes; duplicates are skipped. On
SQLite 30 of the 120 orders run (all of them with SITCENTRE_ALL_ORDERS=1), each on a copy of one prepared
centre file; on PostgreSQL three orders, each on a fresh database.
"""

from __future__ import annotations

import itertools
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest

from sitcentre.domain.enums import Role, Unit
from sitcentre.domain.records import SeizureLine
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import sqlite_url
from tests.exchange_flow import (
    bundle_entries,
    copy_sqlite,
    export,
    import_path,
    incidents_state,
    make_site,
    open_site,
    rows,
    trust,
)
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user

KOR, CENTRE = "KZ-KOR", "C"
ALL_ORDERS = list(itertools.permutations(range(5)))
# 30 of the 120 orders (the first, the last and 28 drawn with a fixed seed): all 120 took 70 s here and passed;
# set SITCENTRE_ALL_ORDERS=1 to run them all.
ORDERS = ALL_ORDERS if os.environ.get("SITCENTRE_ALL_ORDERS") else \
    [ALL_ORDERS[0], ALL_ORDERS[-1], *random.Random(5).sample(ALL_ORDERS[1:-1], 28)]
PG_ORDERS = [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (3, 0, 4, 2, 1)]


def _get(site, incident_id):
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.repositories.incidents import IncidentRepository

    with UnitOfWork(site.engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    """The post (closed), its five bundles and the post's final state."""
    tmp = tmp_path_factory.mktemp("orders")
    post = make_site(tmp / "kor", "post", KOR)
    officer = add_user(post.engine, post.settings, "officer1", Role.OPERATOR, post_code=KOR)
    chief = add_user(post.engine, post.settings, "chief", Role.SUPERVISOR, post_code=KOR)
    service = IncidentService(post.engine, post.settings)
    posts, subs = ids(post.engine)

    def record(day: int, kg: float):
        made = incident(posts[KOR], utc(2026, 11, day, 8), (subs["heroin"], kg, Unit.KG))
        return service.record(made, actor=officer)

    def edit(saved, **changes):
        return service.update(replace(_get(post, saved.id), **changes), actor=officer)

    bundles = []

    def bundle(n: int, since_last: bool):
        result = export(post, CENTRE, tmp / "bundles" / f"b{n}.scb", since_last=since_last)
        bundles.append(result.path)
        return result

    a, b, c = record(1, 2.0), record(2, 5.0), record(3, 1.5)
    bundle(1, since_last=True)
    edit(a, narrative="first correction")
    current_b = _get(post, b.id)
    edit(b, lines=(*current_b.lines, SeizureLine(substance_id=subs["hashish"], quantity=3.0, unit=Unit.KG)))
    d = record(4, 7.0)
    bundle(2, since_last=True)
    current_a = _get(post, a.id)
    edit(a, lines=(replace(current_a.lines[0], quantity=2.25),))
    service.delete(c.id, actor=chief)
    third = bundle(3, since_last=False)  # cumulative: everything since seq 1 (nothing acknowledged yet)
    assert third.from_seq == 1
    e = record(5, 0.5)
    edit(d, narrative="seen again", persons_detained=2)
    bundle(4, since_last=True)
    edit(e, narrative="a second look")
    edit(a, concealment="spare tyre")
    fifth = bundle(5, since_last=False)
    assert fifth.from_seq == 1
    state = incidents_state(post)
    assert str(c.id) not in state and len(state) == 4
    key = tmp / "keys"
    post.dispose()
    return {"post": post, "bundles": bundles, "state": state, "tmp": tmp, "key_dir": key,
            "deleted": str(c.id)}


def _check_bundles_overlap(five):
    seqs = [sorted(e["seq"] for e in bundle_entries(p)) for p in five["bundles"]]
    assert all(s == list(range(s[0], s[-1] + 1)) for s in seqs)
    return seqs


def _import_in_order(centre, five, order) -> None:
    for n in order:
        summary = import_path(centre, five["bundles"][n])
        assert summary.errors == 0 and summary.conflicts == 0, (order, n, summary)


def _assert_final(centre, five, order) -> None:
    got = incidents_state(centre)
    assert got == five["state"], f"order {[n + 1 for n in order]} ends in another state"
    leftover = rows(centre.engine, "SELECT state, count(*) FROM feed_entries WHERE state IN ('held', 'error') "
                                   "GROUP BY state")
    assert leftover == [], (order, leftover)
    assert rows(centre.engine, "SELECT count(*) FROM conflicts")[0][0] == 0, order
    last = max(e["seq"] for e in bundle_entries(five["bundles"][-1]))
    received = rows(centre.engine, "SELECT seq FROM feed_cursors WHERE origin = :o AND kind = 'received' "
                                   "AND audience = '*'", o=KOR)
    assert received == [(last,)], (order, received)


@pytest.fixture(scope="module")
def centre_template(five, tmp_path_factory) -> Path:
    """A centre SQLite file that trusts the post's key, closed: copied for each order."""
    tmp = tmp_path_factory.mktemp("centre")
    centre = make_site(tmp, "centre", CENTRE)
    post = open_site(five["post"].url, five["post"].path.parent, KOR, "post")
    trust(centre, post, five["key_dir"])
    post.dispose()
    centre.dispose()
    return centre.path


def _check_order(five, centre_template: Path, folder: Path, order) -> None:
    """A fresh copy of the centre imports the five bundles in `order` and ends in the post's state."""
    target = folder / centre_template.name
    target.parent.mkdir()
    copy_sqlite(centre_template, target)
    centre = open_site(sqlite_url(target), target.parent, CENTRE, "centre")
    try:
        _import_in_order(centre, five, order)
        _assert_final(centre, five, order)
    finally:
        centre.dispose()
    target.unlink()


def test_the_bundles_overlap_as_planned(five):
    seqs = _check_bundles_overlap(five)
    assert [s[0] for s in seqs] == [1, 4, 1, seqs[2][-1] + 1, 1]
    assert seqs[4][-1] == seqs[3][-1] + 2


def test_orders_on_sqlite_give_the_posts_state(five, centre_template: Path, tmp_path: Path):
    for k, order in enumerate(ORDERS):
        _check_order(five, centre_template, tmp_path / f"o{k}", order)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
@pytest.mark.parametrize("order", PG_ORDERS, ids=lambda o: "".join(str(n + 1) for n in o))
def test_orders_on_postgresql_give_the_posts_state(five, db_url: str, tmp_path: Path, order):
    centre = make_site(tmp_path / "centre", "centre", CENTRE, url=db_url)
    post = open_site(five["post"].url, five["post"].path.parent, KOR, "post")
    trust(centre, post, tmp_path / "keys")
    post.dispose()
    try:
        _import_in_order(centre, five, order)
        _assert_final(centre, five, order)
        again = [import_path(centre, p) for p in five["bundles"]]
        assert all(s.already for s in again)
        assert incidents_state(centre) == five["state"]
    finally:
        centre.dispose()


def test_a_resent_bundle_is_answered_at_once(five, centre_template: Path, tmp_path: Path):
    target = tmp_path / centre_template.name
    copy_sqlite(centre_template, target)
    centre = open_site(sqlite_url(target), tmp_path, CENTRE, "centre")
    try:
        first = import_path(centre, five["bundles"][0])
        assert first.added == 3 and not first.already
        for _ in range(3):
            assert import_path(centre, five["bundles"][0]).already
        assert rows(centre.engine, "SELECT count(*) FROM bundles_received")[0][0] == 1
        assert rows(centre.engine, "SELECT count(*) FROM incidents")[0][0] == 3
    finally:
        centre.dispose()


def test_a_random_sample_of_orders_with_repeats(five, centre_template: Path, tmp_path: Path):
    """Orders with bundles sent twice (a resend in the middle) end in the same state."""
    rng = random.Random(20261201)
    for k in range(6):
        order = [rng.randrange(5) for _ in range(3)] + rng.sample(range(5), 5)
        _check_order(five, centre_template, tmp_path / f"r{k}", order)

