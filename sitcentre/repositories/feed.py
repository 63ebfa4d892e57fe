"""The feeds (issue 12, item 3): this installation's own entries, the cursors, and materialising what is new.

A feed is (origin, epoch, audience): entries with seq 1, 2, 3..., each the exact JSON line whose SHA-256 is its
hash and which holds the previous entry's hash (docs/exchange.md, "Feeds"). Own entries are appended here only,
under `lock_feeds`, so one feed is always one contiguous chain.

What goes into a feed is chosen by an anti-join ("this version is not yet in that feed"), never by a cursor on
record_versions.id: PostgreSQL assigns ids when rows are inserted, not when they are committed, so a version
committed late under a lower id must still be found at the next export (tests/integration/test_feed_commit_order).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import and_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sitcentre.db.tables import FeedCursorRow as C
from sitcentre.db.tables import FeedEntryRow as F
from sitcentre.db.tables import InstallationRow
from sitcentre.db.tables import RecordVersionRow as RV
from sitcentre.exchange.canonical import canonical_bytes, sha256_hex
from sitcentre.repositories import owned, refdata

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key of the own feeds (any constant; "sitcfeed" in ASCII). Exporters take it, so two of
# them never give two entries one seq; SQLite writers are already serial (BEGIN IMMEDIATE).
PG_FEED_LOCK = 0x7369_7463_6665_6564
FORMAT_VERSION = 1
ALL = "*"  # a post's one audience
AUDIT_AUDIENCE = "#audit"  # cursors of an audit chain (not a feed): the seq is the audit_log id
OWN = "own"
CURSOR_KINDS = ("received", "acked", "sent")
INSERT_BATCH = 1000
_ENTRY_COLUMNS = (F.origin, F.epoch, F.audience, F.seq, F.prev_hash, F.hash, F.body, F.kind, F.row_id, F.rev, F.state)
_VERSION_COLUMNS = (RV.id, RV.row_id, RV.rev, RV.parent_rev, RV.merge_rev, RV.op, RV.origin, RV.author,
                    RV.device_time, RV.content_json, RV.changed_json)


class Raw(str):
    """A field value that is canonical JSON text already (a stored version's content_json or changed_json):
    append_many puts it in the entry as it is, instead of parsing it and writing it again."""


# Stands in for a Raw value while the rest of the entry is written: a NUL (written "\u0000", which no canonical
# text outside a string holds) and a random part no stored value can know.
_RAW_MARK = "\x00raw-" + uuid.uuid4().hex + "-"


@dataclass(frozen=True)
class Entry:
    origin: str
    epoch: str
    audience: str
    seq: int
    prev_hash: str
    hash: str
    body: str
    kind: str
    row_id: str
    rev: str
    state: str


def lock_feeds(session: Session) -> None:
    """Serialise writers of own feeds until this transaction ends (PostgreSQL)."""
    if _dialect(session) == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_FEED_LOCK})


def last_entry(session: Session, origin: str, epoch: str, audience: str) -> tuple[int, str]:
    """(seq, hash) of the feed's last entry; (0, "") for an empty feed."""
    row = session.execute(select(F.seq, F.hash).where(*_feed(origin, epoch, audience))
                          .order_by(F.seq.desc()).limit(1)).first()
    return (0, "") if row is None else (int(row.seq), row.hash)


def hash_at(session: Session, origin: str, epoch: str, audience: str, seq: int) -> str:
    """The hash of entry `seq` ("" for seq 0 or an entry not held)."""
    if seq <= 0:
        return ""
    return session.scalar(select(F.hash).where(*_feed(origin, epoch, audience), F.seq == seq)) or ""


def append_own(session: Session, *, origin: str, epoch: str, audience: str, fields: dict[str, Any]) -> Entry:
    """Append one entry to an own feed. `fields` is the entry without v/origin/epoch/audience/seq/prev (kind,
    id, rev and the rest); the caller holds `lock_feeds`."""
    return append_many(session, origin=origin, epoch=epoch, audience=audience, items=[fields])[-1]


def append_many(session: Session, *, origin: str, epoch: str, audience: str,
                items: Iterable[dict[str, Any]]) -> list[Entry]:
    """Append entries in the order given (append_own for each, in batches of INSERT_BATCH rows)."""
    seq, prev = last_entry(session, origin, epoch, audience)
    appended: list[Entry] = []
    batch: list[dict[str, Any]] = []
    for fields in items:
        seq += 1
        data = _entry_bytes({**fields, "v": FORMAT_VERSION, "origin": origin, "epoch": epoch,
                             "audience": audience, "seq": seq, "prev": prev})
        entry = Entry(origin=origin, epoch=epoch, audience=audience, seq=seq, prev_hash=prev, hash=sha256_hex(data),
                      body=data.decode("utf-8"), kind=str(fields["kind"]), row_id=str(fields.get("id") or ""),
                      rev=str(fields.get("rev") or ""), state=OWN)
        appended.append(entry)
        batch.append(_values(entry))
        prev = entry.hash
        if len(batch) >= INSERT_BATCH:
            session.execute(F.__table__.insert(), batch)
            batch = []
    if batch:
        session.execute(F.__table__.insert(), batch)
    return appended


def _entry_bytes(fields: dict[str, Any]) -> bytes:
    """canonical_bytes(fields), a Raw value taken as the JSON it already is (the same bytes, as Raw values are
    canonical: every writer of record_versions stores canonical_bytes)."""
    raws = {key: value for key, value in fields.items() if isinstance(value, Raw)}
    if not raws:
        return canonical_bytes(fields)
    data = canonical_bytes({**fields, **{key: _RAW_MARK + key for key in raws}})
    for key, value in raws.items():
        data = data.replace(canonical_bytes(_RAW_MARK + key), value.encode("utf-8"), 1)
    return data


def _values(entry: Entry) -> dict[str, Any]:
    return {"origin": entry.origin, "epoch": entry.epoch, "audience": entry.audience, "seq": entry.seq,
            "prev_hash": entry.prev_hash, "hash": entry.hash, "body": entry.body, "kind": entry.kind,
            "row_id": entry.row_id, "rev": entry.rev, "state": OWN}


def entries(session: Session, origin: str, epoch: str, audience: str, from_seq: int, to_seq: int) -> list[Entry]:
    """The feed's entries from_seq..to_seq (inclusive), ascending."""
    if to_seq < from_seq:
        return []
    query = (select(*_ENTRY_COLUMNS).where(*_feed(origin, epoch, audience), F.seq >= from_seq, F.seq <= to_seq)
             .order_by(F.seq))
    return [_entry(r) for r in session.execute(query)]


def cursor(session: Session, origin: str, epoch: str, audience: str, kind: str) -> tuple[int, str] | None:
    row = session.execute(select(C.seq, C.hash).where(
        C.origin == origin, C.epoch == epoch, C.audience == audience, C.kind == kind)).first()
    return None if row is None else (int(row.seq), row.hash)


def cursors(session: Session, *, origin: str, kind: str) -> list[tuple[str, str, int, str]]:
    """(epoch, audience, seq, hash) of every `kind` cursor of `origin`'s feeds (and audit chains)."""
    query = (select(C.epoch, C.audience, C.seq, C.hash).where(C.origin == origin, C.kind == kind)
             .order_by(C.epoch, C.audience))
    return [(r.epoch, r.audience, int(r.seq), r.hash) for r in session.execute(query)]


def set_cursor(session: Session, origin: str, epoch: str, audience: str, kind: str, seq: int, hash: str) -> None:
    """Create or move a cursor forward; a cursor never moves backwards (a lower or equal seq changes nothing)."""
    if kind not in CURSOR_KINDS:
        raise ValueError(f"unknown cursor kind {kind!r}")
    dialect = postgresql if _dialect(session) == "postgresql" else sqlite
    table = C.__table__
    stmt = dialect.insert(table).values(origin=origin, epoch=epoch, audience=audience, kind=kind, seq=seq,
                                        hash=hash)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.origin, table.c.epoch, table.c.audience, table.c.kind],
        set_={"seq": stmt.excluded.seq, "hash": stmt.excluded.hash, "at": text("CURRENT_TIMESTAMP")},
        where=table.c.seq < stmt.excluded.seq)
    session.execute(stmt)


def decode(entry: Entry) -> dict[str, Any]:
    return json.loads(entry.body)


# ------------------------------------------------------------------------------------------ materialising

def materialise(session: Session, me: Any, audience: str, *, refdata_version: str | None = None) -> int:
    """Append to `me`'s feed for `audience` every version written here (origin = me.origin) that is not yet
    in it, in the order they were written (record_versions.id), then the owned records not yet in it
    (alerts, acknowledgements, status changes: repositories.owned.pending_owned). At a centre, the audience
    is a post's code and only versions of incidents at that post go in. Returns the number appended.

    `me` is a keys.OwnIdentity (origin, role, epoch). The caller holds `lock_feeds` (taken here too)."""
    lock_feeds(session)
    epoch = str(me.epoch)
    if refdata_version is None:
        refdata_version = _refdata_version(session, me, audience)
    count = 0
    for chunk in _new_versions(session, me, audience):
        count += len(append_many(session, origin=me.origin, epoch=epoch, audience=audience,
                                 items=({**fields, "refdata_version": refdata_version} for fields in chunk)))
    owned_items = [{"refdata_version": refdata_version, **fields} for fields in _pending_owned(session, me, audience)]
    count += len(append_many(session, origin=me.origin, epoch=epoch, audience=audience, items=owned_items))
    if count:
        log.info("feed %s/%s/%s: %d new entries", me.origin, epoch, audience, count)
    return count


def enqueue_resync(session: Session, me: Any, audience: str) -> int:
    """Append to the centre's feed for post `audience` the current head version of every incident at that post
    (entry field "resync": true), whoever wrote it: the post that started a new epoch gets back what the centre
    holds. Incidents whose head has no stored version (a legacy row never exchanged) are left to materialise.
    Returns the number appended."""
    lock_feeds(session)
    epoch, count = str(me.epoch), 0
    refdata_version = _refdata_version(session, me, audience)
    ids = list(session.scalars(text(
        "SELECT v.id FROM record_versions v JOIN incidents i ON i.id = v.row_id AND i.rev = v.rev "
        "JOIN posts p ON p.id = i.post_id WHERE p.code = :post ORDER BY v.id"), {"post": audience}))
    for rows in _versions_by_id(session, ids):
        items = ({**_version_fields(row), "resync": True, "refdata_version": refdata_version} for row in rows)
        count += len(append_many(session, origin=me.origin, epoch=epoch, audience=audience, items=items))
    return count


def _new_versions(session: Session, me: Any, audience: str) -> Iterator[list[dict[str, Any]]]:
    """Entry fields of the versions written here and not yet in this feed, oldest first (the anti-join), in
    chunks: the ids first (every one found before anything is appended), then their rows chunk by chunk."""
    centre = audience != ALL
    params = {"me": me.origin, "epoch": str(me.epoch), "audience": audience}
    where = ""
    if centre:  # a cheap pre-filter on the post's code as a JSON string; the content decides below
        where = "AND (v.content_json IS NULL OR v.content_json LIKE :quoted) "
        params["quoted"] = "%" + json.dumps(audience, ensure_ascii=False) + "%"
    ids = list(session.scalars(text(
        f"SELECT v.id FROM record_versions v WHERE v.origin = :me {where}AND NOT EXISTS (SELECT 1 FROM "
        f"feed_entries f WHERE f.row_id = {_row_key(session)} AND f.kind = 'incident' AND f.origin = :me "
        "AND f.epoch = :epoch AND f.audience = :audience AND f.rev = v.rev) ORDER BY v.id"), params))
    for rows in _versions_by_id(session, ids):
        yield [_version_fields(row) for row in (_at_post(session, rows, audience) if centre else rows)]


def _versions_by_id(session: Session, ids: list[int]) -> Iterator[list]:
    """The record_versions rows of these ids, in the order given, INSERT_BATCH at a time."""
    for start in range(0, len(ids), INSERT_BATCH):
        chunk = ids[start:start + INSERT_BATCH]
        rows = {r.id: r for r in session.execute(select(*_VERSION_COLUMNS).where(RV.id.in_(chunk)))}
        yield [rows[i] for i in chunk]


def _version_fields(row) -> dict[str, Any]:
    deleted = row.op == "delete"
    return {"kind": "incident", "op": row.op, "id": str(row.row_id), "rev": row.rev, "parent": row.parent_rev,
            "merge": row.merge_rev, "by": row.origin, "author": row.author or "",
            "device_time": _time(row.device_time), "changed": Raw(row.changed_json) if row.changed_json else {},
            "row": None if deleted or row.content_json is None else Raw(row.content_json)}


def _at_post(session: Session, rows: list, post: str) -> list:
    """The versions among `rows` whose post is `post`: their content's, or for a tombstone the last content
    stored for that incident (read for all the tombstones of `rows` in one query). The content is canonical
    JSON, where `"post":"<code>"` can only be its top-level post (a quote inside a string value is escaped,
    a line has no "post"), so it is found without parsing."""
    tombstones = [row.row_id for row in rows if row.content_json is None]
    last: dict = {}
    if tombstones:
        for r in session.execute(select(RV.row_id, RV.content_json)
                                 .where(RV.row_id.in_(list(set(tombstones))), RV.content_json.is_not(None))
                                 .order_by(RV.id)):
            last[r.row_id] = r.content_json  # the highest id wins
    marker = '"post":' + json.dumps(post, ensure_ascii=False)
    return [row for row in rows
            if marker in (row.content_json if row.content_json is not None else last.get(row.row_id) or "")]


def _row_key(session: Session) -> str:
    """record_versions.row_id as feed_entries.row_id holds it: the usual text form of the UUID."""
    if _dialect(session) == "postgresql":
        return "CAST(v.row_id AS text)"
    # SQLite stores a Uuid as 32 hex digits
    return ("lower(substr(v.row_id, 1, 8) || '-' || substr(v.row_id, 9, 4) || '-' || substr(v.row_id, 13, 4) "
            "|| '-' || substr(v.row_id, 17, 4) || '-' || substr(v.row_id, 21))")


def _time(value) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value is not None else None


def _pending_owned(session: Session, me: Any, audience: str) -> list[dict[str, Any]]:
    return list(owned.pending_owned(session, me, audience))


def _refdata_version(session: Session, me: Any, audience: str) -> str:
    """At a centre: the version of the reference data this post receives; at a post: the version received."""
    if me.role == "centre":
        return refdata.version_of(refdata.snapshot(session, audience))
    return session.scalar(select(InstallationRow.refdata_version).order_by(InstallationRow.created_at,
                                                                            InstallationRow.id).limit(1)) or ""


def _feed(origin: str, epoch: str, audience: str):
    return (and_(F.origin == origin, F.epoch == epoch, F.audience == audience),)


def _entry(r: F) -> Entry:
    return Entry(origin=r.origin, epoch=r.epoch, audience=r.audience, seq=int(r.seq), prev_hash=r.prev_hash,
                 hash=r.hash, body=r.body, kind=r.kind, row_id=r.row_id, rev=r.rev, state=r.state)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
