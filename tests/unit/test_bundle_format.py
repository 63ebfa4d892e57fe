"""The bundle file (docs/exchange.md, "The bundle file" and "Import" step A): what build() writes, open_bundle()
reads back exactly; every hostile or damaged file is refused with its reason before anything in it is used."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import struct
import tracemalloc
import zipfile

import pytest

from sitcentre import output_paths
from sitcentre.exchange import bundle, signing
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.exchange.errors import BundleRejected

from .bundle_samples import (
    EPOCH,
    KEY_ID,
    ME,
    PRIVATE,
    PUBLIC,
    SENDER,
    TRUSTED,
    chain,
    entry_line,
    flip,
    manifest,
    members,
    open_,
    registry,
    replaced,
    rezip,
    sample,
    with_manifest_bytes,
)


def rejected(data: bytes, **kwargs) -> BundleRejected:
    with pytest.raises(BundleRejected) as caught:
        open_(data, **kwargs)
    return caught.value


# ------------------------------------------------------------------------------------------------- round trip


def test_a_built_bundle_opens_with_the_same_entry_bytes_hashes_audit_and_refdata():
    made = sample(5, with_audit=True, refdata={"posts": [{"code": "KZ-KOR"}], "version": "r1"})
    opened = open_(made.data)
    assert [line for line, _ in opened.entries] == made.lines
    assert [entry["seq"] for _, entry in opened.entries] == [1, 2, 3, 4, 5]
    assert opened.entry_hashes == [hashlib.sha256(line).hexdigest() for line in made.lines]
    assert [line for line, _ in opened.audit] == made.audit
    assert opened.refdata == {"posts": [{"code": "KZ-KOR"}], "version": "r1"}
    assert opened.bundle_id == made.bundle_id == hashlib.sha256(opened.manifest_bytes).hexdigest()
    assert opened.manifest == made.manifest and opened.key == TRUSTED


def test_the_manifest_lists_each_part_with_its_hash_size_and_line_count():
    made = sample(4, with_audit=True, refdata={"v": 1})
    parts = {part["name"]: part for part in made.manifest["parts"]}
    entries = bundle.jsonl(made.lines)
    assert parts["entries.jsonl"] == {"name": "entries.jsonl", "sha256": hashlib.sha256(entries).hexdigest(),
                                      "bytes": len(entries), "lines": 4}
    assert parts["audit.jsonl"]["lines"] == 3 and parts["refdata.json"]["lines"] is None
    assert made.manifest["format"] == "sitcentre-bundle" and made.manifest["format_version"] == 1


def test_the_zip_holds_the_envelope_and_parts_only_and_never_the_private_key():
    made = sample(2, refdata={"v": 1})
    names = [name for name, _ in members(made.data)]
    assert names == ["envelope.json", "entries.jsonl", "refdata.json"]
    assert PRIVATE.encode() not in made.data and PRIVATE.encode() not in b"".join(d for _, d in members(made.data))


def test_an_empty_range_opens_when_its_prev_hash_is_its_head_hash():
    made = sample(0, first_seq=8, prev="a" * 64)
    opened = open_(made.data)
    assert opened.entries == [] and made.manifest["feed"]["to_seq"] == 7


def test_the_same_input_builds_identical_bytes():
    lines, head = chain(1, 20)
    value = manifest(1, 20, "", head)
    first = bundle.build(value, {bundle.ENTRIES: bundle.jsonl(lines)}, private_key=PRIVATE)
    second = bundle.build(json.loads(json.dumps(value)), {bundle.ENTRIES: bundle.jsonl(lines)}, private_key=PRIVATE)
    assert first[0] == second[0] and first[1] == second[1]
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first[0])).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_build_refuses_unknown_parts_and_a_bundle_without_entries():
    with pytest.raises(ValueError):
        bundle.build(manifest(1, 0, "", ""), {"notes.txt": b"x", bundle.ENTRIES: b""}, private_key=PRIVATE)
    with pytest.raises(ValueError):
        bundle.build(manifest(1, 0, "", ""), {}, private_key=PRIVATE)
    with pytest.raises(ValueError):
        bundle.jsonl([b"a\nb"])


def test_claimed_sender_is_the_manifests_own_key_as_pending():
    made = sample(1)
    claimed = bundle.claimed_sender(made.data)
    assert claimed == signing.KeyInfo(KEY_ID, PUBLIC, SENDER, "post", "pending", "inst-kor")


def test_claimed_sender_refuses_a_manifest_naming_a_key_that_did_not_sign_it():
    _, other_public = signing.generate()
    made = sample(1, public_key=other_public)  # signed with PRIVATE, claims another key
    with pytest.raises(BundleRejected) as caught:
        bundle.claimed_sender(made.data)
    assert caught.value.code == "bad_signature"


def test_claimed_sender_refuses_a_manifest_whose_key_is_not_the_envelopes_key_id():
    made = sample(1)
    payload = bundle.open_bundle(made.data, keys=registry(TRUSTED), me_origin=ME, me_installation_id=None,
                                 known_revisions={"0007"}).manifest_bytes
    data = with_manifest_bytes(made.data, payload, keyid="0123456789abcdef")
    with pytest.raises(BundleRejected) as caught:
        bundle.claimed_sender(data)
    assert caught.value.code == "bad_signature"


# --------------------------------------------------------------------------------------------- names and files


def test_the_file_name_shows_sender_recipient_range_and_bundle_id():
    value = manifest(120, 180, "", "")
    assert bundle.file_name(value, "3f9a2c1d" + "0" * 56) == "KZ-KOR_to_C_000120-000180_3f9a2c1d.scb"


def test_the_file_name_keeps_only_safe_characters():
    value = manifest(1, 2, "", "", to={"origin": "../../etc/passwd"})
    value["from"] = {"origin": "A B\\C:*"}
    name = bundle.file_name(value, "../../xx")
    assert name == "A-B-C_to_etc-passwd_000001-000002_xx.scb"
    assert "/" not in name and "\\" not in name and ".." not in name


def test_write_names_the_file_inside_a_folder_and_refuses_to_replace_without_force(tmp_path):
    made = sample(2)
    path = bundle.write(tmp_path, made.data, made.manifest, made.bundle_id)
    assert path == tmp_path / bundle.file_name(made.manifest, made.bundle_id)
    assert path.read_bytes() == made.data
    with pytest.raises(output_paths.OutputExists):
        bundle.write(path, b"other", made.manifest, made.bundle_id)
    assert path.read_bytes() == made.data
    bundle.write(path, b"other", made.manifest, made.bundle_id, force=True)
    assert path.read_bytes() == b"other"
    assert sorted(os.listdir(tmp_path)) == [path.name]


def test_a_write_that_fails_leaves_no_file_and_no_temporary_file(tmp_path, monkeypatch):
    made = sample(2)

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(output_paths.UnsafeOutput, match="disk is full"):
        bundle.write(tmp_path / "out.scb", made.data, made.manifest, made.bundle_id)
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------------------------------------ rejections: zip


def test_a_file_over_the_size_cap_is_refused_before_it_is_opened():
    made = sample(2)
    assert rejected(made.data, limits=bundle.Limits(max_file=len(made.data) - 1)).code == "too_large"


@pytest.mark.parametrize("length", [0, 1, 4, 30, 100, 300, -200, -23, -22, -1])
def test_a_truncated_zip_is_refused(length):
    data = sample(10).data
    assert rejected(data[:length]).code == "not_zip"


def test_bytes_that_are_not_a_zip_are_refused():
    assert rejected(b"this is a letter, not a bundle" * 10).code == "not_zip"


@pytest.mark.parametrize("name", ["../x", "/abs", "a/b", "..\\x", "entries.jsonl/", "C:\\x", "notes.txt",
                                  "ENTRIES.JSONL", "entries.jsonl\x00.exe"])
def test_a_member_with_a_foreign_or_traversing_name_is_refused(name):
    data = sample(2).data
    assert rejected(rezip(members(data) + [(name, b"{}")])).code == "bad_member"


def test_a_duplicate_member_is_refused():
    data = sample(2).data
    items = members(data)
    assert rejected(rezip(items + [items[1]])).code == "bad_member"


def test_a_directory_entry_is_refused():
    data = sample(2).data
    folder = zipfile.ZipInfo("refdata.json/")
    folder.external_attr = 0o40755 << 16 | 0x10
    assert rejected(rezip(members(data) + [(folder, b"")])).code == "bad_member"


def test_a_bundle_without_entries_or_envelope_is_refused():
    items = members(sample(2).data)
    assert rejected(rezip([i for i in items if i[0] != "entries.jsonl"])).code == "bad_member"
    assert rejected(rezip([i for i in items if i[0] != "envelope.json"])).code == "bad_member"


def test_stored_and_encrypted_members_are_refused():
    items = members(sample(2).data)
    assert rejected(rezip(items, compression=zipfile.ZIP_STORED)).code == "bad_member"
    locked = bytearray(sample(2).data)  # zipfile writes no encrypted member: set the flag in both headers
    for header, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = locked.find(header, locked.find(header) + 1)  # the second member's, entries.jsonl
        locked[at + flags_at] |= 0x01
    assert zipfile.ZipFile(io.BytesIO(bytes(locked))).getinfo("entries.jsonl").flag_bits & 0x1
    assert rejected(bytes(locked)).code == "bad_member"


def test_more_members_than_a_bundle_has_are_refused_from_the_directory_size():
    items = members(sample(2).data)
    assert rejected(rezip(items + [(f"x{i}", b"") for i in range(3000)])).code == "bad_member"
    error = rejected(sample(2).data, limits=bundle.Limits(max_directory=50))  # read before zipfile parses it
    assert error.code == "bad_member" and "x0" not in error.message


def _zeros_bomb(size: int) -> bytes:
    """A valid bundle plus refdata.json of `size` zero bytes, streamed in so the test never holds it whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members(sample(2).data):
            archive.writestr(name, data)
        info = zipfile.ZipInfo("refdata.json")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as stream:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                stream.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zeros_bomb(100 << 20)


def test_a_zip_bomb_is_refused_without_unpacking_it(bomb):
    assert len(bomb) < 1 << 20  # 100 MB of zeros packed into about 100 KB
    tracemalloc.start()
    try:
        code = rejected(bomb).code
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == "zip_bomb"
    assert peak < 8 << 20


def test_a_member_over_its_cap_is_refused_even_when_it_packs_plainly():
    made = sample(50)
    assert rejected(made.data, limits=bundle.Limits(max_member=1000)).code == "zip_bomb"
    assert rejected(made.data, limits=bundle.Limits(max_total=1000)).code == "zip_bomb"


def test_a_directory_that_understates_a_members_size_reads_only_the_stated_bytes_and_is_refused(bomb):
    """Headers can lie: a member said to be small is read only as far as stated (and the CRC then fails)."""
    lying = bytearray(bomb)
    header = lying.rfind(b"PK\x01\x02", 0, lying.rfind(b"refdata.json"))  # its central directory entry
    struct.pack_into("<L", lying, header + 24, 1000)  # uncompressed size in the central directory
    tracemalloc.start()
    try:
        code = rejected(bytes(lying)).code
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == "bad_part"
    assert peak < 8 << 20


@pytest.mark.parametrize("member", ["envelope.json", "entries.jsonl", "audit.jsonl", "refdata.json"])
def test_a_flipped_byte_in_the_packed_data_of_each_member_is_refused(member):
    data = sample(20, with_audit=True, refdata={"posts": ["KZ-KOR"] * 20}).data
    original = open_(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode())
    codes, same = set(), 0
    for index in range(start, start + info.compress_size, max(1, info.compress_size // 9)):
        try:
            opened = open_(flip(data, index))
        except BundleRejected as error:
            codes.add(error.code)
        else:  # a flip that deflate reads back as the very same bytes (a block's "last" bit, padding)
            # changes nothing
            assert opened.entries == original.entries and opened.audit == original.audit
            assert opened.refdata == original.refdata and opened.manifest == original.manifest
            same += 1
    assert codes <= {"bad_part", "not_zip", "bad_member"} and len(codes) and same < 3


# ------------------------------------------------------------------------------------ rejections: what is signed


@pytest.mark.parametrize("member", ["entries.jsonl", "audit.jsonl", "refdata.json"])
def test_a_changed_byte_in_each_part_fails_its_signed_hash(member):
    data = sample(5, with_audit=True, refdata={"posts": ["KZ-KOR"]}).data
    content = dict(members(data))[member]
    changed = content.replace(b"5", b"6", 1) if b"5" in content else content.replace(b"K", b"L", 1)
    assert changed != content
    assert rejected(replaced(data, member, changed)).code == "bad_part"


def test_a_part_added_or_removed_after_signing_is_refused():
    data = sample(3, refdata={"v": 1}).data
    items = members(data)
    assert rejected(rezip([i for i in items if i[0] != "refdata.json"])).code == "bad_part"
    assert rejected(rezip(items + [("audit.jsonl", b"")])).code == "bad_part"


def test_a_flipped_byte_in_the_signature_is_refused():
    data = sample(3).data
    envelope = json.loads(dict(members(data))["envelope.json"])
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[10] ^= 0x01
    envelope["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    assert rejected(replaced(data, "envelope.json", canonical_bytes(envelope))).code == "bad_signature"


def test_a_flipped_byte_in_the_manifest_is_refused_before_it_is_decoded():
    data = sample(3).data
    envelope = json.loads(dict(members(data))["envelope.json"])
    payload = bytearray(base64.b64decode(envelope["payload"]))
    payload[payload.index(b'"C"') + 1] = ord("D")  # addressed elsewhere after signing
    envelope["payload"] = base64.b64encode(bytes(payload)).decode()
    assert rejected(replaced(data, "envelope.json", canonical_bytes(envelope))).code == "bad_signature"


@pytest.mark.parametrize("envelope", [
    b"not json", b"[]", b'{"payloadType": "application/json", "payload": "", "signatures": []}',
    b'{"payloadType": "application/vnd.sitcentre.bundle+json;v=1", "payload": "!!", '
    b'"signatures": [{"keyid": "0123456789abcdef", "sig": ""}]}',
    b'{"payloadType": "application/vnd.sitcentre.bundle+json;v=1", "payload": "", "signatures": []}',
    b'{"payloadType": "application/vnd.sitcentre.bundle+json;v=1", "payload": "", '
    b'"signatures": [{"keyid": "../../x", "sig": ""}]}',
    "\u00ff".encode("latin-1"),
])
def test_an_envelope_that_is_not_one_signed_sitcentre_bundle_is_refused(envelope):
    assert rejected(replaced(sample(1).data, "envelope.json", envelope)).code == "bad_envelope"


def test_a_manifest_signed_as_another_payload_type_is_refused():
    made = sample(1)
    payload = canonical_bytes(made.manifest)
    data = with_manifest_bytes(made.data, payload, payload_type=signing.KEY_FILE_PAYLOAD_TYPE)
    assert rejected(data).code == "bad_envelope"


def test_an_unknown_key_is_refused_with_the_key_it_claims():
    error = rejected(sample(2).data, keys=registry())
    assert error.code == "unknown_key"
    assert (error.public_key, error.origin) == (PUBLIC, SENDER)
    assert signing.fingerprint(PUBLIC) in error.message


def test_a_pending_key_is_refused_as_not_yet_accepted():
    pending = signing.KeyInfo(KEY_ID, PUBLIC, SENDER, "post", "pending", "inst-kor")
    assert rejected(sample(2).data, keys=registry(pending)).code == "unknown_key"


def test_a_revoked_key_is_refused():
    revoked = signing.KeyInfo(KEY_ID, PUBLIC, SENDER, "post", "revoked", "inst-kor")
    error = rejected(sample(2).data, keys=registry(revoked))
    assert error.code == "revoked_key" and "revoked" in error.message


def test_an_unknown_key_whose_own_signature_fails_is_a_bad_signature_and_names_no_key():
    data = sample(2).data
    envelope = json.loads(dict(members(data))["envelope.json"])
    envelope["signatures"][0]["sig"] = base64.b64encode(bytes(64)).decode()
    error = rejected(replaced(data, "envelope.json", canonical_bytes(envelope)), keys=registry())
    assert error.code == "bad_signature" and error.public_key is None


def test_a_key_id_the_registry_knows_under_another_public_key_is_a_bad_signature():
    _, impostor_public = signing.generate()
    registered = signing.KeyInfo(KEY_ID, impostor_public, SENDER, "post", "trusted", "inst-kor")
    assert rejected(sample(2).data, keys=registry(registered)).code == "bad_signature"


def test_a_trusted_key_cannot_sign_for_another_origin():
    other_post = signing.KeyInfo(KEY_ID, PUBLIC, "KZ-ZHA", "post", "trusted", "inst-kor")
    assert rejected(sample(2).data, keys=registry(other_post)).code == "wrong_sender"


def test_a_bundle_for_another_recipient_is_refused():
    assert rejected(sample(2).data, me_origin="KZC").code == "wrong_recipient"
    addressed = sample(2, to={"origin": ME, "installation_id": "inst-other"}).data
    assert rejected(addressed).code == "wrong_recipient"
    assert open_(sample(2, to={"origin": ME, "installation_id": "inst-c"}).data).entries


def test_a_bundle_from_a_newer_schema_asks_to_update_sitcentre():
    error = rejected(sample(2, schema_revision="0009").data)
    assert error.code == "newer_schema"
    assert error.message == ("This bundle was made by a newer version of sitcentre (schema 0009). Update "
                             "sitcentre on this computer, then import it again.")


@pytest.mark.parametrize("change", [
    {"format": "other"}, {"format_version": "1"}, {"format_version": True}, {"feed": None},
    {"to": {"installation_id": None}}, {"parts": {}}, {"schema_revision": 7},
])
def test_a_signed_manifest_without_the_fields_of_format_1_is_refused(change):
    made = sample(1)
    payload = canonical_bytes({**made.manifest, **change})
    assert rejected(with_manifest_bytes(made.data, payload)).code == "bad_manifest"


def test_a_signed_manifest_that_is_not_canonical_json_is_refused():
    made = sample(1)
    payload = json.dumps(made.manifest, indent=1).encode()
    assert rejected(with_manifest_bytes(made.data, payload)).code == "bad_manifest"


def test_a_manifest_with_a_newer_bundle_format_asks_to_update_sitcentre():
    made = sample(1)
    payload = canonical_bytes({**made.manifest, "format_version": 2})
    assert rejected(with_manifest_bytes(made.data, payload)).code == "newer_schema"


# ------------------------------------------------------------------------------------- rejections: the chains


def _signed_with_lines(lines: list[bytes], from_seq: int, to_seq: int, prev_hash: str, head_hash: str, **kw) -> bytes:
    return bundle.build(manifest(from_seq, to_seq, prev_hash, head_hash, **kw), {bundle.ENTRIES: bundle.jsonl(lines)},
                        private_key=PRIVATE)[0]


def test_a_broken_chain_inside_the_bundle_is_refused_even_when_signed():
    lines, head = chain(1, 3)
    lines[1] = entry_line(2, "0" * 64)
    assert rejected(_signed_with_lines(lines, 1, 3, "", head)).code == "broken_chain"


def test_a_wrong_first_prev_is_refused():
    lines, head = chain(10, 3, prev="a" * 64)
    assert rejected(_signed_with_lines(lines, 10, 12, "b" * 64, head)).code == "broken_chain"


def test_a_last_entry_other_than_the_announced_head_is_refused():
    lines, _ = chain(1, 3)
    assert rejected(_signed_with_lines(lines, 1, 3, "", "c" * 64)).code == "broken_chain"


def test_an_empty_range_whose_hashes_differ_is_refused():
    assert rejected(_signed_with_lines([], 5, 4, "a" * 64, "b" * 64)).code == "broken_chain"


def test_a_gap_in_the_sequence_numbers_is_refused():
    first = entry_line(1, "")
    second = entry_line(3, hashlib.sha256(first).hexdigest())
    head = hashlib.sha256(second).hexdigest()
    assert rejected(_signed_with_lines([first, second], 1, 2, "", head)).code == "broken_chain"


@pytest.mark.parametrize("lines", [
    [entry_line(1, "", origin="KZ-ZHA")], [entry_line(1, "", epoch="other")], [entry_line(1, "", audience="KZ-KOR")],
    [canonical_bytes({**json.loads(entry_line(1, "")), "seq": "1"})], [entry_line(1, "", rev=None)], [b"[1, 2]"],
    [b"{not json"], [b'{"seq": NaN}'],
    [entry_line(1, ""), entry_line(2, "")],
])
def test_entries_of_another_feed_or_without_their_fields_are_refused(lines):
    head = hashlib.sha256(lines[-1]).hexdigest()
    code = rejected(_signed_with_lines(lines, 1, 1, "", head)).code
    assert code == "bad_entries"


def test_entries_not_one_per_line_are_refused():
    lines, head = chain(1, 2)
    for body in (b"\n".join(lines), b"\r\n".join(lines) + b"\r\n", lines[0] + b"\n\n" + lines[1] + b"\n"):
        data = bundle.build(manifest(1, 2, "", head), {bundle.ENTRIES: body}, private_key=PRIVATE)[0]
        assert rejected(data).code == "bad_entries"


def _with_audit(rows: list[bytes], prev_hash: str) -> bytes:
    lines, head = chain(1, 1)
    value = manifest(1, 1, "", head, audit={"from_seq": 1, "to_seq": 2, "prev_hash": prev_hash})
    parts = {bundle.ENTRIES: bundle.jsonl(lines), bundle.AUDIT: bundle.jsonl(rows)}
    return bundle.build(value, parts, private_key=PRIVATE)[0]


def test_an_audit_part_that_does_not_continue_its_chain_is_refused():
    one = canonical_bytes({"seq": 1, "prev_hash": "p", "hash": "h1"})
    two = canonical_bytes({"seq": 2, "prev_hash": "h1", "hash": "h2"})
    assert len(open_(_with_audit([one, two], "p")).audit) == 2
    assert rejected(_with_audit([one, two], "q")).code == "bad_audit"
    assert rejected(_with_audit([two, one], "h1")).code == "bad_audit"
    rechained = canonical_bytes({"seq": 2, "prev_hash": "hX", "hash": "h2"})
    assert rejected(_with_audit([one, rechained], "p")).code == "bad_audit"
    assert rejected(_with_audit([b'{"seq": 1}'], "p")).code == "bad_audit"


def test_audit_entries_the_manifest_does_not_announce_are_refused():
    lines, head = chain(1, 1)
    parts = {bundle.ENTRIES: bundle.jsonl(lines),
             bundle.AUDIT: bundle.jsonl([canonical_bytes({"seq": 1, "prev_hash": "", "hash": "h"})])}
    assert rejected(bundle.build(manifest(1, 1, "", head), parts, private_key=PRIVATE)[0]).code == "bad_audit"


@pytest.mark.parametrize("refdata", [b"[]", b"not json", b'{"a": 1e999}'])
def test_refdata_that_is_not_a_json_object_is_refused(refdata):
    lines, head = chain(1, 1)
    parts = {bundle.ENTRIES: bundle.jsonl(lines), bundle.REFDATA: refdata}
    assert rejected(bundle.build(manifest(1, 1, "", head), parts, private_key=PRIVATE)[0]).code == "bad_part"


def test_each_rejection_has_words_for_a_person_and_no_exception_text():
    error = rejected(sample(2).data[:50])
    assert error.message and "Error" not in error.message and "Traceback" not in error.message
    assert str(error) == error.message
    assert EPOCH not in error.message
