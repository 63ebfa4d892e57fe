"""Whom the Export dialog offers (backend.exchange.Exchange.peers) on the `sitcentre demo --exchange` layout: at a
post only its own centre (never another country's centre whose key came through the centre's key registry); at a
centre its own country's posts, then its peer centres (exchange links with a sharing policy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitcentre.backend import Backend
from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.repositories.keys import KeyRepository
from sitcentre.services import demo_exchange
from sitcentre.services.demo_exchange import CENTRE_ORIGIN, KG_CENTRE_ORIGIN, KG_POST, KZ_POST
from sitcentre.settings import Settings, sqlite_url


@pytest.fixture(scope="module")
def recipients(tmp_path_factory) -> dict[str, list]:
    """database file -> the peers its desk offers, and whether the other country's centre key is held there."""
    tmp = tmp_path_factory.mktemp("recipients")
    settings = Settings(data_dir=tmp / "data")
    made = demo_exchange.build(tmp / "demo", settings)
    found = {}
    for path in [*made.centres.values(), *made.posts.values()]:
        engine = make_engine(sqlite_url(Path(path)), settings)
        with UnitOfWork(engine) as uow:
            held = {k.origin for k in KeyRepository(uow.session).in_states("trusted") if k.role == "centre"}
        desk = Backend(engine, settings).system_desk()
        found[Path(path).name] = (desk.exchange.peers(), held)
        found["board:" + Path(path).name] = [c.post.code for c in desk.posts.board().cards]
        engine.dispose()
    return found


def test_a_post_offers_only_its_own_centre_even_when_it_holds_the_other_countrys_centre_key(recipients):
    kz, kz_keys = recipients["post-kz.sqlite"]
    kg, _ = recipients["post-kg.sqlite"]
    assert KG_CENTRE_ORIGIN in kz_keys  # the registry brought it: the case that was offered (and first) before
    assert [(p.origin, p.role) for p in kz] == [(CENTRE_ORIGIN, "centre")]
    assert [(p.origin, p.role) for p in kg] == [(KG_CENTRE_ORIGIN, "centre")]


def test_a_centre_offers_its_own_posts_then_its_peer_centres_not_every_post_of_the_reference_data(recipients):
    kzc, _ = recipients["centre.sqlite"]
    kgc, _ = recipients["centre-kg.sqlite"]
    kz_posts = [p.origin for p in kzc if p.role == "post"]
    assert KZ_POST in kz_posts and all(code.startswith("KZ-") for code in kz_posts)
    assert [p.origin for p in kzc if p.role == "centre"] == [KG_CENTRE_ORIGIN]
    assert [p.role for p in kzc] == sorted((p.role for p in kzc), key=["post", "centre"].index)  # posts first
    kg_posts = [p.origin for p in kgc if p.role == "post"]
    assert KG_POST in kg_posts and all(code.startswith("KG-") for code in kg_posts)
    assert [p.origin for p in kgc if p.role == "centre"] == [CENTRE_ORIGIN]



def test_a_posts_board_shows_its_own_post_and_a_centres_every_post(recipients):
    """At a post the Post status board holds its own card only (no false 'no report ever received' for posts it
    never hears from); a centre's board is unchanged."""
    assert recipients["board:post-kz.sqlite"] == [KZ_POST]
    assert KZ_POST in recipients["board:centre.sqlite"] and len(recipients["board:centre.sqlite"]) > 2
