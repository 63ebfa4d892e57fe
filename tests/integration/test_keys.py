"""Installations' signing keys and the registry of other installations' keys (issue 12, item 1), and epochs
(a post restored from a backup starts a new one). SQLite and PostgreSQL: `engine` is the parametrised
database (a centre); a post is its own SQLite file."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import AuditRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.exchange import signing
from sitcentre.exchange.signing import KEY_FILE_PAYLOAD_TYPE, KeyInfo
from sitcentre.services import installation, keys
from sitcentre.services.audit_chain import verify_chain
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings

SUPERVISOR = Actor.system_actor("cli:supervisor")


@pytest.fixture
def post_engine(tmp_path: Path):
    """A second installation: a post's own SQLite file, initialised as KZ-KOR."""
    eng = make_engine(f"sqlite:///{tmp_path / 'post.sqlite'}", Settings(data_dir=tmp_path))
    migrate.upgrade(eng)
    seed_reference_data(eng)
    installation.init(eng, "post", "KZ-KOR", SYSTEM)
    yield eng
    eng.dispose()


def _identity(engine) -> keys.OwnIdentity:
    with UnitOfWork(engine) as uow:
        return keys.own_identity(uow.session)


def _audit(engine, action: str) -> list:
    """(entity_id, username, before_json, after_json) of the audit rows of one action, in order."""
    with UnitOfWork(engine) as uow:
        return list(uow.session.execute(
            select(AuditRow.entity_id, AuditRow.username, AuditRow.before_json, AuditRow.after_json)
            .where(AuditRow.action == action).order_by(AuditRow.id)))


def _state(engine, key_id: str) -> str | None:
    with UnitOfWork(engine) as uow:
        info = keys.key_info(uow.session, key_id)
    return info.state if info else None


def _other_key(origin: str = "UZ-TER", role: str = "post") -> KeyInfo:
    _, public = signing.generate()
    return KeyInfo(signing.key_id(public), public, origin, role, "pending")


def _key_file_of(post_engine, tmp_path: Path) -> tuple[Path, KeyInfo]:
    path = keys.export_key_file(post_engine, tmp_path / "kor.key")
    return path, keys.read_key_file(path.read_bytes())


# ------------------------------------------------------------------------------------------- own key


def test_install_init_makes_a_key_pair_and_a_reinit_keeps_it(engine):
    with UnitOfWork(engine) as uow, pytest.raises(keys.ExchangeNotReady, match="install init"):
        keys.own_identity(uow.session)
    first_epoch = installation.show(engine).epoch
    assert first_epoch and installation.show(engine).key_id is None  # the migration made an epoch, no key

    done = installation.init(engine, "centre", "C", SYSTEM)
    me = _identity(engine)
    assert me.key_id == done.key_id == signing.key_id(me.public_key)
    assert signing.public_of(me.private_key) == me.public_key
    assert me.epoch == first_epoch == done.epoch and me.origin == "C" and me.role == "centre"
    assert done.fingerprint == signing.fingerprint(me.public_key)
    assert me.private_key not in repr(me)

    installation.init(engine, "centre", "KZC", SYSTEM)
    again = _identity(engine)
    assert (again.key_id, again.private_key, again.epoch) == (me.key_id, me.private_key, me.epoch)
    assert again.origin == "KZC"
    assert verify_chain(engine) is None


def test_the_exported_key_file_is_signed_by_its_key_and_holds_no_private_key(post_engine, tmp_path):
    me = _identity(post_engine)
    path, info = _key_file_of(post_engine, tmp_path)
    raw = path.read_bytes()
    envelope = json.loads(raw)
    payload = base64.b64decode(envelope["payload"])
    body = json.loads(payload)
    assert me.private_key not in raw.decode() and me.private_key not in payload.decode()
    assert "private" not in payload.decode()
    assert body == {"format": "sitcentre-key", "installation_id": me.installation_id, "origin": "KZ-KOR",
                    "role": "post", "public_key": me.public_key, "key_id": me.key_id, "made_at": body["made_at"]}
    assert envelope["payloadType"] == KEY_FILE_PAYLOAD_TYPE
    assert signing.verify(me.public_key, KEY_FILE_PAYLOAD_TYPE, payload, envelope["signatures"][0]["sig"])
    assert info == KeyInfo(me.key_id, me.public_key, "KZ-KOR", "post", "pending", me.installation_id)
    with pytest.raises(Exception, match="already exists"):
        keys.export_key_file(post_engine, path)
    assert keys.export_key_file(post_engine, path, force=True) == path


def test_exporting_without_a_key_says_to_run_install_init(engine, tmp_path):
    with pytest.raises(keys.ExchangeNotReady, match="install init"):
        keys.export_key_file(engine, tmp_path / "c.key")
    assert not (tmp_path / "c.key").exists()


# ------------------------------------------------------------------------------------------- the registry


def test_a_key_file_is_pending_until_trusted_and_the_trust_is_audited(engine, post_engine, tmp_path):
    installation.init(engine, "centre", "C", SYSTEM)
    _, info = _key_file_of(post_engine, tmp_path)
    assert _state(engine, info.key_id) is None
    keys.note_pending(engine, info)
    assert _state(engine, info.key_id) == "pending"
    assert [k.state for k in keys.list_keys(engine)] == ["pending"]

    trusted = keys.trust(engine, info, actor=SUPERVISOR)
    assert trusted.state == "trusted" and _state(engine, info.key_id) == "trusted"
    (record,) = keys.list_keys(engine)
    assert (record.origin, record.role, record.decided_by) == ("KZ-KOR", "post", "cli:supervisor")
    assert record.fingerprint == signing.fingerprint(info.public_key) and record.decided_at is not None
    (entry,) = _audit(engine, "trust_key")
    assert entry.entity_id == info.key_id and entry.username == "cli:supervisor"
    assert json.loads(entry.after_json)["state"] == "trusted" and json.loads(entry.before_json)["state"] == "pending"
    keys.trust(engine, info, actor=SUPERVISOR)  # trusting again changes nothing, writes nothing
    assert len(_audit(engine, "trust_key")) == 1
    assert verify_chain(engine) is None


def test_our_own_key_counts_as_trusted_and_cannot_be_trusted_or_revoked(engine):
    installation.init(engine, "centre", "C", SYSTEM)
    me = _identity(engine)
    assert _state(engine, me.key_id) == "trusted"
    keys.note_pending(engine, me.info())
    assert keys.list_keys(engine) == []
    with pytest.raises(keys.KeyRefused, match="own key"):
        keys.trust(engine, me.info(), actor=SUPERVISOR)
    with pytest.raises(keys.KeyRefused, match="own key"):
        keys.trustable(engine, me.info())
    with pytest.raises(keys.KeyRefused, match="own key"):
        keys.revoke(engine, me.key_id, actor=SUPERVISOR)
    assert keys.list_keys(engine) == [] and _audit(engine, "trust_key") == []


def test_a_revoked_key_stays_revoked(engine):
    other = _other_key()
    keys.trust(engine, other, actor=SUPERVISOR)
    revoked = keys.revoke(engine, other.key_id, actor=SUPERVISOR, reason="laptop stolen")
    assert revoked.state == "revoked"
    (entry,) = _audit(engine, "revoke_key")
    assert json.loads(entry.after_json)["reason"] == "laptop stolen"
    with pytest.raises(keys.KeyRefused, match="revoked keys stay revoked"):
        keys.trust(engine, other, actor=SUPERVISOR)
    with pytest.raises(keys.KeyRefused, match="revoked keys stay revoked"):
        keys.trustable(engine, other)
    keys.note_pending(engine, other)
    assert _state(engine, other.key_id) == "revoked"
    assert len(_audit(engine, "trust_key")) == 1  # the first trust only
    (record,) = keys.list_keys(engine)
    assert record.reason == "laptop stolen" and record.state == "revoked"


def test_revoking_an_unknown_key_is_refused_in_words(engine):
    with pytest.raises(keys.KeyRefused, match="No key with id '0123456789abcdef' is known here"):
        keys.revoke(engine, "0123456789abcdef", actor=SUPERVISOR)
    assert _audit(engine, "revoke_key") == []


def test_a_pending_key_can_be_revoked(engine):
    other = _other_key()
    keys.note_pending(engine, other)
    keys.revoke(engine, other.key_id.upper(), actor=SUPERVISOR)
    assert _state(engine, other.key_id) == "revoked"


def test_note_pending_never_downgrades_a_decided_key(engine):
    trusted, revoked, new = _other_key("UZ-TER"), _other_key("KG-DOS"), _other_key("KZ-KOR")
    keys.trust(engine, trusted, actor=SUPERVISOR)
    keys.trust(engine, revoked, actor=SUPERVISOR)
    keys.revoke(engine, revoked.key_id, actor=SUPERVISOR)
    before = {k.key_id: k for k in keys.list_keys(engine)}
    for info in (trusted, revoked, new, new):
        keys.note_pending(engine, info)
    after = {k.key_id: k for k in keys.list_keys(engine)}
    assert after[trusted.key_id] == before[trusted.key_id] and after[revoked.key_id] == before[revoked.key_id]
    assert after[new.key_id].state == "pending" and len(after) == 3


def test_note_pending_refuses_a_key_whose_id_is_not_its_own(engine):
    other = _other_key()
    forged = KeyInfo("0" * 16, other.public_key, other.origin, other.role, "pending")
    with pytest.raises(keys.KeyFileError, match="id does not match"):
        keys.note_pending(engine, forged)
    assert keys.list_keys(engine) == []


def test_list_keys_shows_every_state(engine):
    a, b, c = _other_key("UZ-TER"), _other_key("KG-DOS"), _other_key("KZ-KOR")
    keys.note_pending(engine, a)
    keys.trust(engine, b, actor=SUPERVISOR)
    keys.trust(engine, c, actor=SUPERVISOR)
    keys.revoke(engine, c.key_id, actor=SUPERVISOR)
    assert {(k.origin, k.state) for k in keys.list_keys(engine)} == {
        ("UZ-TER", "pending"), ("KG-DOS", "trusted"), ("KZ-KOR", "revoked")}


def test_a_second_key_for_an_origin_is_a_rotation_both_trusted(engine):
    old, new = _other_key("UZ-TER"), _other_key("UZ-TER")
    keys.trust(engine, old, actor=SUPERVISOR)
    assert [k.key_id for k in keys.same_origin_keys(engine, new)] == [old.key_id]
    assert keys.same_origin_keys(engine, _other_key("UZ-TER", "centre")) == []
    keys.trust(engine, new, actor=SUPERVISOR)
    assert {k.state for k in keys.list_keys(engine)} == {"trusted"}


# ------------------------------------------------------------------------------------------- centre to post


def test_a_post_applies_the_centres_registry(engine, post_engine, tmp_path):
    installation.init(engine, "centre", "C", SYSTEM)
    centre = _identity(engine)
    post = _identity(post_engine)
    _, post_info = _key_file_of(post_engine, tmp_path)
    keys.trust(engine, post_info, actor=SUPERVISOR)
    ter, dos, waiting, stolen = _other_key("UZ-TER"), _other_key("KG-DOS"), _other_key("KG-WAIT"), _other_key()
    for info in (ter, dos, stolen):
        keys.trust(engine, info, actor=SUPERVISOR)
    keys.revoke(engine, dos.key_id, actor=SUPERVISOR)
    keys.revoke(engine, stolen.key_id, actor=SUPERVISOR)
    keys.note_pending(engine, waiting)
    keys.trust(post_engine, centre.info(), actor=SUPERVISOR)
    keys.trust(post_engine, dos, actor=SUPERVISOR)  # the post trusted it before the centre revoked it

    with UnitOfWork(engine) as uow:
        registry = keys.registry_for_post(uow.session)
    assert {(k["key_id"], k["state"]) for k in registry} == {
        (centre.key_id, "trusted"), (post.key_id, "trusted"), (ter.key_id, "trusted"),
        (dos.key_id, "revoked"), (stolen.key_id, "revoked")}
    assert all("private" not in name for k in registry for name in k)
    damaged = dict(registry[-1], key_id="f" * 16)
    garbage = [damaged, {"state": "trusted"}, "not a key", dict(registry[0], state="pending")]

    with UnitOfWork(post_engine, write=True) as uow:
        changed = keys.apply_registry(uow.session, registry + garbage, sender_key_id=centre.key_id)
        uow.commit()
    assert changed == 3  # ter trusted, dos and stolen revoked; the centre's and our own key untouched
    states = {k.key_id: k.state for k in keys.list_keys(post_engine)}
    assert states == {centre.key_id: "trusted", ter.key_id: "trusted", dos.key_id: "revoked",
                      stolen.key_id: "revoked"}
    assert _state(post_engine, post.key_id) == "trusted"  # our own, never in the registry table
    assert len(_audit(post_engine, "revoke_key")) == 2

    # the centre's next registry says ter is revoked; a revoked key listed as trusted stays revoked
    flipped = [dict(k, state="revoked") if k["key_id"] == ter.key_id else
               dict(k, state="trusted") if k["key_id"] == dos.key_id else k for k in registry]
    with UnitOfWork(post_engine, write=True) as uow:
        assert keys.apply_registry(uow.session, flipped, sender_key_id=centre.key_id) == 1
        assert keys.apply_registry(uow.session, flipped, sender_key_id=centre.key_id) == 0
        uow.commit()
    states = {k.key_id: k.state for k in keys.list_keys(post_engine)}
    assert states[ter.key_id] == "revoked" and states[dos.key_id] == "revoked"
    assert verify_chain(post_engine) is None


# ------------------------------------------------------------------------------------------- epochs


def test_a_new_epoch_changes_the_epoch_and_is_audited(engine):
    installation.init(engine, "centre", "C", SYSTEM)
    before = _identity(engine)
    epoch = keys.new_epoch(engine, actor=SUPERVISOR, reason="restored from a backup of 1 December")
    after = _identity(engine)
    assert after.epoch == epoch != before.epoch and after.key_id == before.key_id
    assert installation.show(engine).epoch == epoch
    (entry,) = _audit(engine, "new_epoch")
    assert json.loads(entry.before_json) == {"epoch": before.epoch}
    assert json.loads(entry.after_json) == {"epoch": epoch, "reason": "restored from a backup of 1 December",
                                            "numbers_from": []}  # nothing numbered yet: no counter moved
    assert verify_chain(engine) is None


def test_a_new_epoch_in_the_callers_transaction_is_rolled_back_with_it(engine):
    before = installation.show(engine).epoch
    with UnitOfWork(engine, write=True) as uow:
        assert keys.start_new_epoch(uow.session, SUPERVISOR, "test") != before
    assert installation.show(engine).epoch == before and _audit(engine, "new_epoch") == []
    with pytest.raises(TypeError):
        keys.new_epoch(engine, actor=None, reason="no actor")


# ------------------------------------------------------------------------------------------- damaged key files


def _damaged_files(post_engine, tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    raw = keys.export_key_file(post_engine, tmp_path / "good.key").read_bytes()
    envelope = json.loads(raw)
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[10] ^= 0x01
    flipped = dict(envelope, signatures=[dict(envelope["signatures"][0], sig=base64.b64encode(sig).decode())])
    body = json.loads(base64.b64decode(envelope["payload"]))
    renamed = dict(envelope, payload=base64.b64encode(json.dumps(dict(body, origin="UZ-TER")).encode()).decode())
    other = _other_key()
    swapped = dict(envelope, payload=base64.b64encode(json.dumps(dict(body, public_key=other.public_key)).encode())
                   .decode())

    def dumped(value) -> bytes:
        return json.dumps(value).encode()

    return {
        "flipped signature byte": (dumped(flipped), "signature does not match"),
        "origin altered": (dumped(renamed), "signature does not match"),
        "another public key": (dumped(swapped), "id does not match"),
        "wrong payload type": (dumped(dict(envelope, payloadType="application/vnd.sitcentre.bundle+json;v=1")),
                               "some other kind of signed document"),
        "not JSON": (b"\x00\xffthis is not json", "not a signed JSON document"),
        "a JSON list": (b"[1, 2, 3]", "not a signed JSON document"),
        "empty": (b"", "not a signed JSON document"),
        "payload not base64": (dumped(dict(envelope, payload="***")), "damaged"),
        "no signature": (dumped(dict(envelope, signatures=[])), "exactly one signature"),
        "bad role": (dumped(dict(envelope, payload=base64.b64encode(json.dumps(dict(body, role="boss")).encode())
                                 .decode())), "unknown role"),
    }


def test_damaged_key_files_are_refused_in_words(engine, post_engine, tmp_path):
    for name, (data, words) in _damaged_files(post_engine, tmp_path).items():
        with pytest.raises(keys.KeyFileError, match=words):
            keys.read_key_file(data)
        path = tmp_path / f"{name}.key"
        path.write_bytes(data)
        with pytest.raises(keys.KeyFileError, match=words):
            keys.read_key_source(path)
    assert keys.list_keys(engine) == []


def test_a_50_mb_file_is_refused_after_reading_at_most_1_mb(tmp_path, monkeypatch):
    big = tmp_path / "big.key"
    with open(big, "wb") as f:
        f.write(b'{"payloadType": "' + b" " * (50 * 1024 * 1024) + b'"}')
    read = []
    real_open = open

    class Counting:
        def __init__(self, f):
            self.f = f

        def read(self, n=-1):
            assert n >= 0, "an unbounded read"
            data = self.f.read(n)
            read.append(len(data))
            return data

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr("builtins.open", lambda *a, **k: Counting(real_open(*a, **k)))
    with pytest.raises(keys.KeyFileError, match="too large to be a key file"):
        keys.read_key_source(big)
    assert sum(read) <= keys.KEY_FILE_MAX_BYTES + 1
    with pytest.raises(keys.KeyFileError, match="too large"):
        keys.read_key_file(b" " * (keys.KEY_FILE_MAX_BYTES + 1))


def test_a_missing_file_or_a_folder_is_refused_in_words(tmp_path):
    with pytest.raises(keys.KeyFileError, match="There is no file"):
        keys.read_key_source(tmp_path / "nothing.key")
    with pytest.raises(keys.KeyFileError, match="is a folder"):
        keys.read_key_source(tmp_path)


def test_a_bundle_names_its_senders_key_and_can_be_trusted_from(engine, post_engine, tmp_path):
    from sitcentre.services.exchange_export import export_bundle

    installation.init(engine, "centre", "C", SYSTEM)
    post = _identity(post_engine)
    done = export_bundle(post_engine, Settings(data_dir=tmp_path), to="C", out=tmp_path / "kor.scb",
                         actor=SYSTEM)
    info = keys.read_key_source(done.path)
    assert info == KeyInfo(post.key_id, post.public_key, "KZ-KOR", "post", "pending", post.installation_id)
    assert keys.trust(engine, info, actor=SUPERVISOR).state == "trusted"
    data = done.path.read_bytes()
    with pytest.raises(keys.KeyFileError, match="The bundle's key cannot be read"):
        keys.read_key_file(data[: len(data) // 2])
