"""Reference data from a centre to a post (sitcentre.repositories.refdata): the snapshot holds that post's
accounts and no incidents, its version is stable, and a post that applies it has the centre's substances,
aliases and posts and its officers can sign in offline with their passwords. SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import insert, select, update

from sitcentre.db.tables import InstallationRow, PostRow, SubstanceAliasRow, SubstanceRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories.refdata import apply_snapshot, snapshot, version_of
from sitcentre.services import installation
from sitcentre.services.auth import LoginRefused, authenticate
from sitcentre.services.incidents import IncidentService
from sitcentre.services.users import UserService

from .helpers import SETTINGS, ids, incident, utc
from .test_owned_records import other_engine  # noqa: F401  (the post's database, a fixture)

PASSWORD = "Patar-night-shift-2026"
KEYS = [{"key_id": "0123456789abcdef", "public_key": "AAAA", "origin": "C", "role": "centre", "state": "trusted"}]


@pytest.fixture
def centre(engine):
    """The centre's database: two officers at TJ-PAT (one disabled), one at KZ-KOR, a supervisor without a
    post, a renamed substance with its old code as an alias, a new post, and an incident."""
    installation.init(engine, "centre", "C", actor=SYSTEM)
    users = UserService(engine, SETTINGS)
    users.add("patar.officer", "operator", PASSWORD, post_code="TJ-PAT", display_name="Patar officer", actor=SYSTEM)
    users.add("patar.night", "operator", PASSWORD + "!", post_code="TJ-PAT", actor=SYSTEM)
    users.disable("patar.night", actor=SYSTEM)
    users.add("kordai.officer", "operator", PASSWORD, post_code="KZ-KOR", actor=SYSTEM)
    users.add("centre.chief", "supervisor", PASSWORD, actor=SYSTEM)
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        s.execute(update(SubstanceRow).where(SubstanceRow.code == "cathinones")
                  .values(code="synthetic_cathinones", name="Synthetic cathinones (bath salts)"))
        s.execute(insert(SubstanceAliasRow).values(alias="cathinones", substance_code="synthetic_cathinones"))
        s.execute(insert(SubstanceRow).values(code="pregabalin", name="Pregabalin (capsules)",
                                              group="pharmaceuticals", default_unit="tablets",
                                              mass_per_tablet_mg=300.0))
        s.execute(insert(PostRow).values(code="TJ-NEW", name="BLO New", crossing="New bridge", country_code="TJ",
                                         counterpart_country_code="AF", border="AF-TJ", latitude=37.1,
                                         longitude=68.9, utc_offset_minutes=300, number_prefix="NEW"))
        uow.commit()
    posts, subs = ids(engine)
    IncidentService(engine, SETTINGS).record(
        incident(posts["TJ-PAT"], utc(2026, 11, 20, 8), (subs["heroin"], 2.5, Unit.KG),
                 status=IncidentStatus.REPORTED), actor=SYSTEM)
    return engine


def _snapshot(engine, code="TJ-PAT", **kw):
    with UnitOfWork(engine) as uow:
        return snapshot(uow.session, code, **kw)


def _apply(engine, data):
    with UnitOfWork(engine, write=True) as uow:
        counts = apply_snapshot(uow.session, data, sender_key_id="0123456789abcdef")
        uow.commit()
    return counts


def test_the_snapshot_for_a_post_holds_its_accounts_and_no_incident(centre):
    data = _snapshot(centre, keys=KEYS)
    assert data["format"] == 1 and data["centre"] == "C"
    assert set(data) == {"format", "centre", "posts", "countries", "substances", "aliases", "users", "keys"}
    assert [u["username"] for u in data["users"]] == ["patar.night", "patar.officer"]
    officer = data["users"][1]
    assert officer["post"] == "TJ-PAT" and officer["role"] == "operator" and not officer["disabled"]
    assert officer["password_hash"].startswith("$argon2id$") and data["users"][0]["disabled"] is True
    assert {"code": "pregabalin", "name": "Pregabalin (capsules)", "group": "pharmaceuticals",
            "default_unit": "tablets", "mass_per_tablet_mg": 300.0} in data["substances"]
    assert data["aliases"] == [{"alias": "cathinones", "substance_code": "synthetic_cathinones"}]
    assert "TJ-NEW" in [p["code"] for p in data["posts"]] and len(data["posts"]) == 16
    assert "status" not in data["posts"][0] and data["keys"] == KEYS
    text = json.dumps(data)
    assert "heroin" in text and "kordai.officer" not in text and "centre.chief" not in text
    assert "occurred_at" not in text and "2.5" not in text  # no incident
    with pytest.raises(EntryError, match="no post 'XX-NOPE'"):
        _snapshot(centre, "XX-NOPE")


def test_the_version_is_stable_and_moves_with_the_content(centre):
    first, again = _snapshot(centre, keys=KEYS), _snapshot(centre, keys=KEYS)
    assert version_of(first) == version_of(again) and len(version_of(first)) == 16
    assert version_of(json.loads(json.dumps(first))) == version_of(first)  # survives the trip through a file
    with UnitOfWork(centre, write=True) as uow:
        uow.session.execute(update(SubstanceRow).where(SubstanceRow.code == "heroin").values(name="Heroin base"))
        uow.commit()
    assert version_of(_snapshot(centre, keys=KEYS)) != version_of(first)
    assert version_of(_snapshot(centre, "KZ-KOR", keys=KEYS)) != version_of(first)


def test_a_post_applies_the_snapshot_and_its_officers_sign_in_offline(centre, other_engine):
    post = other_engine
    installation.init(post, "post", "TJ-PAT", actor=SYSTEM)
    with pytest.raises(LoginRefused):
        authenticate(post, "patar.officer", PASSWORD, SETTINGS)
    data = json.loads(json.dumps(_snapshot(centre, keys=[])))  # as read from refdata.json
    counts = _apply(post, data)
    assert counts == {"countries": 0, "posts": 1, "substances": 2, "aliases": 1, "users": 2, "keys": 0,
                      "disabled": []}

    actor = authenticate(post, "patar.officer", PASSWORD, SETTINGS)
    post_ids, subs = ids(post)
    assert actor.role.value == "operator" and actor.post_id == post_ids["TJ-PAT"]
    with pytest.raises(LoginRefused):
        authenticate(post, "patar.night", PASSWORD + "!", SETTINGS)  # disabled at the centre
    with UnitOfWork(post) as uow:
        s = uow.session
        assert s.scalar(select(SubstanceRow.name).where(SubstanceRow.code == "synthetic_cathinones")) == \
            "Synthetic cathinones (bath salts)"
        # a code is never deleted: the post's old code stays, and the alias says what it is now called
        assert {"cathinones", "synthetic_cathinones", "pregabalin"} <= set(subs)
        assert s.execute(select(SubstanceAliasRow.alias, SubstanceAliasRow.substance_code)).all() == \
            [("cathinones", "synthetic_cathinones")]
        assert s.scalar(select(PostRow.number_prefix).where(PostRow.code == "TJ-NEW")) == "NEW"
        assert s.scalar(select(UserRow.username).where(UserRow.username == "kordai.officer")) is None
        row = s.scalars(select(InstallationRow)).one()
        assert (row.refdata_version, row.refdata_at is not None) == (version_of(data), True)

    assert _apply(post, data) == {"countries": 0, "posts": 0, "substances": 0, "aliases": 0, "users": 0, "keys": 0,
                                  "disabled": []}
    # an account made at the post is left alone; a new password at the centre reaches the post
    UserService(post, SETTINGS).add("patar.local", "operator", PASSWORD, post_code="TJ-PAT", actor=SYSTEM)
    UserService(centre, SETTINGS).set_password("patar.officer", PASSWORD + "-new", actor=SYSTEM)
    assert _apply(post, _snapshot(centre, keys=[]))["users"] == 1
    authenticate(post, "patar.officer", PASSWORD + "-new", SETTINGS)
    authenticate(post, "patar.local", PASSWORD, SETTINGS)


def test_a_number_prefix_moving_between_posts_and_a_renamed_post_apply(centre, other_engine):
    installation.init(other_engine, "post", "TJ-PAT", actor=SYSTEM)
    data = _snapshot(centre, keys=[])
    by_code = {p["code"]: p for p in data["posts"]}
    by_code["TJ-PAT"]["number_prefix"], by_code["TJ-NEW"]["number_prefix"] = "NEW", "PAT"  # swapped
    by_code["TJ-PAT"]["name"] = "BLO Patar-Andarhan"
    _apply(other_engine, data)
    with UnitOfWork(other_engine) as uow:
        rows = dict(uow.session.execute(select(PostRow.code, PostRow.number_prefix)
                                        .where(PostRow.code.in_(["TJ-PAT", "TJ-NEW"]))).all())
        name = uow.session.scalar(select(PostRow.name).where(PostRow.code == "TJ-PAT"))
    assert rows == {"TJ-PAT": "NEW", "TJ-NEW": "PAT"} and name == "BLO Patar-Andarhan"


def test_a_bad_snapshot_is_refused_in_words_and_writes_nothing(centre, other_engine):
    installation.init(other_engine, "post", "TJ-PAT", actor=SYSTEM)
    good = _snapshot(centre, keys=[])

    def broken(change):
        data = copy.deepcopy(good)
        change(data)
        return data

    cases = [
        None, [], {"format": 2},
        broken(lambda d: d.update(users="all of them")),
        broken(lambda d: d["users"][0].update(password_hash="plain-text-password")),
        broken(lambda d: d["users"][0].update(role="emperor")),
        broken(lambda d: d["users"][0].update(post="XX-NOPE")),
        broken(lambda d: d["substances"][0].update(group="sweets")),
        broken(lambda d: d["aliases"].append({"alias": "x", "substance_code": "unknown"})),
        broken(lambda d: d["posts"][0].update(latitude=float("nan"))),
        broken(lambda d: d["posts"][0].update(country_code="ZZ")),
        broken(lambda d: d["posts"].append(dict(d["posts"][0]))),
    ]
    for data in cases:
        with pytest.raises(EntryError) as caught:
            _apply(other_engine, data)
        assert str(caught.value) and "Traceback" not in str(caught.value)
    with UnitOfWork(other_engine) as uow:
        assert uow.session.scalar(select(UserRow.id).limit(1)) is None
        assert uow.session.scalar(select(SubstanceRow.id).where(SubstanceRow.code == "pregabalin")) is None
    with pytest.raises(EntryError, match="centre"):
        _apply(centre, good)  # a centre keeps its own reference data


def test_the_centres_key_registry_travels_with_the_reference_data(centre, other_engine):
    from sitcentre.db.tables import TrustedKeyRow
    from sitcentre.exchange import signing

    _, public = signing.generate()
    with UnitOfWork(centre, write=True) as uow:
        uow.session.add(TrustedKeyRow(key_id=signing.key_id(public), public_key=public, origin_code="KZ-KOR",
                                      role="post", state="trusted"))
        centre_key = uow.session.scalars(select(InstallationRow)).one().key_id
        uow.commit()
    data = _snapshot(centre)  # the registry as repositories.keys.registry_for_post gives it
    assert {(k["key_id"], k["state"]) for k in data["keys"]} == {(centre_key, "trusted"),
                                                                  (signing.key_id(public), "trusted")}
    installation.init(other_engine, "post", "TJ-PAT", actor=SYSTEM)
    from sitcentre.services.keys import apply_registry

    with UnitOfWork(other_engine, write=True) as uow:
        counts = apply_snapshot(uow.session, data, sender_key_id=centre_key,
                                apply_keys=lambda s, k, sender: apply_registry(s, k, sender_key_id=sender))
        uow.commit()
    assert counts["keys"] == 1
    with UnitOfWork(other_engine) as uow:
        assert uow.session.scalar(select(TrustedKeyRow.state)
                                  .where(TrustedKeyRow.key_id == signing.key_id(public))) == "trusted"


def test_user_add_at_a_post_is_refused_unless_local(tmp_path, engine, db_url):
    from tests.integration.test_cli import assert_fails_plainly
    from tests.integration.test_cli_users import add

    installation.init(engine, "post", "TJ-PAT", actor=SYSTEM)
    line = assert_fails_plainly(add(tmp_path, db_url, "olga", "operator", "--post", "TJ-PAT"), 3,
                                "accounts come from the situation centre")
    assert "--local" in line
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(UserRow.id).where(UserRow.username == "olga")) is None
    assert add(tmp_path, db_url, "olga", "operator", "--post", "TJ-PAT", "--local").returncode == 0
    authenticate(engine, "olga", "a long enough secret", SETTINGS)
    installation.init(engine, "centre", "C", actor=SYSTEM)
    assert add(tmp_path, db_url, "sam", "supervisor").returncode == 0  # at a centre, as before
