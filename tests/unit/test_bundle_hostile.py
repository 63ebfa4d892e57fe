"""Hostile bundles (hypothesis): whatever bytes arrive, open_bundle returns a checked bundle or raises
BundleRejected with a reason it foresaw; never another exception, and never the catch-all 'unreadable' (which
would mean a check is missing)."""

from __future__ import annotations

import io
import warnings
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitcentre.exchange import bundle
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.exchange.errors import BundleRejected

from .bundle_samples import PRIVATE, chain, entry_line, manifest, members, open_, rezip, sample

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = sample(6, with_audit=True, refdata={"posts": [{"code": "KZ-KOR"}], "users": []})
VALID_MEMBERS = members(VALID.data)
VALID_OPENED = open_(VALID.data)
VALID_NAMES = st.sampled_from(list(bundle.MEMBERS))
NAMES = VALID_NAMES | VALID_NAMES | st.sampled_from(["../x", "/abs", "a/b", "a\\b", "d/", "..", "entries.jsonl\x00",
                                                     "ÉNTRIES", "x" * 300])


def check(data: bytes) -> bundle.Opened | None:
    """The property: a result or a foreseen rejection."""
    try:
        return open_(data)
    except BundleRejected as error:
        assert error.code != "unreadable", error.__cause__
        assert error.message
        return None


@BOUNDED
@given(st.lists(st.tuples(st.integers(0, len(VALID.data) - 1), st.integers(1, 255)), min_size=1, max_size=6))
def test_changed_bytes_in_a_valid_bundle_are_refused_or_change_nothing(edits):
    data = bytearray(VALID.data)
    for index, mask in edits:
        data[index] ^= mask
    opened = check(bytes(data))
    if opened is not None:  # only bytes nobody reads (zip padding, a deflate bit) may change unnoticed
        assert opened.manifest_bytes == VALID_OPENED.manifest_bytes and opened.entries == VALID_OPENED.entries
        assert opened.audit == VALID_OPENED.audit and opened.refdata == VALID_OPENED.refdata


@BOUNDED
@given(st.integers(0, len(VALID_MEMBERS) - 1), st.data())
def test_changed_bytes_inside_a_member_repacked_with_a_good_crc_are_refused(which, draw):
    """Past the zip's own checksums: the envelope, the signature and the part hashes must catch it."""
    name, content = VALID_MEMBERS[which]
    edits = draw.draw(st.lists(st.tuples(st.integers(0, len(content) - 1), st.integers(1, 255)), min_size=1,
                               max_size=4))
    changed = bytearray(content)
    for index, mask in edits:
        changed[index] ^= mask
    opened = check(rezip([(n, bytes(changed) if n == name else d) for n, d in VALID_MEMBERS]))
    if opened is not None:  # edits that cancel out, or base64's unused bits: what is read must be the same
        assert opened.manifest_bytes == VALID_OPENED.manifest_bytes and opened.entries == VALID_OPENED.entries
        assert opened.audit == VALID_OPENED.audit and opened.refdata == VALID_OPENED.refdata


@BOUNDED
@given(st.integers(0, len(VALID.data)), st.binary(max_size=64))
def test_a_cut_or_lengthened_bundle_never_raises_anything_else(cut, tail):
    check(VALID.data[:cut] + tail)


@BOUNDED
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused(data):
    assert check(data) is None


@BOUNDED
@given(st.lists(st.tuples(NAMES, st.binary(max_size=300) | st.sampled_from([d for _, d in VALID_MEMBERS])),
                max_size=6),
       st.sampled_from([zipfile.ZIP_DEFLATED] * 5 + [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
def test_random_zips_with_random_names_are_refused(items, compression):
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
            for name, data in items:
                archive.writestr(name, data)
    assert check(buffer.getvalue()) is None


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                       | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                  max_size=3),
                       max_leaves=8)
MANIFEST_FIELDS = st.sampled_from(["from", "to", "feed", "parts", "schema_revision", "format", "format_version",
                                   "audit", "acks"])
LINES = st.lists(st.sampled_from([entry_line(1, ""), entry_line(2, ""), b"{}", b"[]", b"null", b'{"seq": 1e999}',
                                  b"\xff\xfe", b'{"a": ' * 50 + b"1" + b"}" * 50, b"[" * 5000 + b"]" * 5000,
                                  b"1" * 5000, b'"\\ud800"']) | st.binary(max_size=40), max_size=4)


@BOUNDED
@given(st.just({}) | st.dictionaries(MANIFEST_FIELDS, JSONISH, max_size=2), LINES, st.none() | LINES,
       st.none() | JSONISH)
def test_signed_but_malformed_contents_are_refused_with_a_foreseen_reason(changes, lines, audit, refdata):
    """The sender's own key signs nonsense: every check after the signature must still hold its ground."""
    good, head = chain(1, 2)
    value = {**manifest(1, 2, "", head), **changes}
    parts = {bundle.ENTRIES: b"".join(line + b"\n" for line in lines) if lines else bundle.jsonl(good)}
    if audit is not None:
        parts[bundle.AUDIT] = b"".join(line + b"\n" for line in audit)
    if refdata is not None:
        parts[bundle.REFDATA] = canonical_bytes(refdata)
    try:
        data = bundle.build(value, parts, private_key=PRIVATE)[0]
    except (ValueError, TypeError):  # the builder refuses what canonical JSON cannot hold
        return
    check(data)
