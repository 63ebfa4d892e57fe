"""Record versions of incidents (with their seizure lines): content, sealing, history, applying a version.

docs/exchange.md "Record versions" is the design. In short: migration 0007's triggers leave an incident
"unsealed" (rev NULL, the old rev moved to parent_rev) whenever a writer changes its content or one of its
lines without naming a new rev, and leave a `pending_deletes` row when it is deleted. `seal_pending` (run
before every commit of a writing unit of work: `sitcentre.repositories` registers it in
`db.uow.BEFORE_COMMIT`) turns each into a kept version: its canonical content, its rev
(`exchange.canonical.make_rev`), the fields changed against its parent, stored in `record_versions`.
`apply_content` writes a version that arrived from elsewhere under its own rev, in an order that keeps the
triggers from unsealing it (lines first, the incident row last, naming the rev in the same statement).
"""

from __future__ import annotations

import json
import logging
import math
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PendingDeleteRow, PostRow, RecordVersionRow, SubstanceRow
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.db.tables import UserRow as U
from sitcentre.exchange.canonical import canonical_bytes, changed_fields, fields, make_rev, rev_number, sha256_hex
from sitcentre.repositories import revision_apply
from sitcentre.repositories.audit import INCIDENT_AUTHORS

log = logging.getLogger(__name__)

TABLE = "incident"  # record_versions.table_name / pending_deletes.table_name of an incident
LEGACY = "L-"  # revisions given by migration 0007 to rows that existed before it (no stored version)
SEAL_BATCH = 500  # rows the per-commit hook seals at most (of each kind)
SEAL_CHUNK = 1000  # rows sealed together
UPSERT, DELETE = "upsert", "delete"
_CONTENT_ERRORS = (ValueError, TypeError, KeyError, OverflowError, AttributeError)


@dataclass(frozen=True)
class Version:
    """One row of record_versions, its content and changed fields parsed."""

    id: int
    row_id: uuid.UUID
    rev: str
    parent_rev: str | None
    merge_rev: str | None
    op: str  # 'upsert' | 'delete'
    origin: str
    author: str
    device_time: datetime
    received_at: datetime | None
    content: dict | None
    changed: dict | None


# ----------------------------------------------------------------------------------------------- content


def own_origin(session: Session) -> str:
    """This installation's origin code ("C" when no installation row is recorded yet)."""
    return revision_apply.own_origin(session)


def canonical_time(at: datetime | None) -> str | None:
    """UTC ISO text with microseconds (as services.audit_chain.canonical_time), None stays None."""
    return None if at is None else at.astimezone(UTC).isoformat(timespec="microseconds")


def incident_content(session: Session, incident_id: uuid.UUID) -> dict | None:
    """The canonical content of the incident as stored now (docs/exchange.md), None when it is absent."""
    return incident_contents(session, [incident_id]).get(incident_id)


def incident_contents(session: Session, incident_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """The content of each of these incidents that exists, read in three queries."""
    if not incident_ids:
        return {}
    rows = session.execute(
        select(I.id, I.number, PostRow.code.label("post"), I.occurred_at, I.reported_at, I.incident_type,
               I.direction, I.transport_mode, I.concealment, I.route_departure, I.route_transit,
               I.route_destination, I.persons_detained, I.detainee_nationalities, I.joint_operation, I.narrative,
               I.status, I.recorded_by, I.verified_by, I.verified_at, I.rejection_reason, I.duplicate_of)
        .outerjoin(PostRow, PostRow.id == I.post_id).where(I.id.in_(incident_ids))).all()
    if not rows:
        return {}
    user_ids = {uid for r in rows for uid in (r.recorded_by, r.verified_by) if uid is not None}
    names = dict(session.execute(select(U.id, U.username).where(U.id.in_(user_ids))).all()) if user_ids else {}
    lines: dict[uuid.UUID, dict] = {r.id: {} for r in rows}
    for ln in session.execute(
            select(L.id, L.incident_id, SubstanceRow.code, L.quantity, L.unit, L.basis, L.mass_per_tablet_mg)
            .outerjoin(SubstanceRow, SubstanceRow.id == L.substance_id).where(L.incident_id.in_(list(lines)))):
        lines[ln.incident_id][str(ln.id)] = {
            "substance": ln.code, "quantity": _number(ln.quantity), "unit": ln.unit, "basis": ln.basis,
            "mass_per_tablet_mg": _number(ln.mass_per_tablet_mg)}
    return {r.id: _content(r, names, lines[r.id]) for r in rows}


def _content(r, names: dict[int, str], lines: dict) -> dict:
    return {
        "id": str(r.id), "number": r.number, "post": r.post, "occurred_at": canonical_time(r.occurred_at),
        "reported_at": canonical_time(r.reported_at), "incident_type": r.incident_type, "direction": r.direction,
        "transport_mode": r.transport_mode, "concealment": r.concealment, "route_departure": r.route_departure,
        "route_transit": r.route_transit, "route_destination": r.route_destination,
        "persons_detained": r.persons_detained, "detainee_nationalities": r.detainee_nationalities,
        "joint_operation": r.joint_operation, "narrative": r.narrative, "status": r.status,
        "recorded_by": names.get(r.recorded_by), "verified_by": names.get(r.verified_by),
        "verified_at": canonical_time(r.verified_at), "rejection_reason": r.rejection_reason,
        "duplicate_of": str(r.duplicate_of) if r.duplicate_of is not None else None, "lines": lines,
    }


def _number(value) -> float | None:
    """A stored amount as content: a float; a legacy row's NaN or infinity (JSON has none) as None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


# ----------------------------------------------------------------------------------------------- versions


def store_version(session: Session, *, row_id: uuid.UUID, rev: str, parent_rev: str | None, merge_rev: str | None,
                  op: str, origin: str, author: str, device_time: datetime, received_at: datetime | None,
                  content: dict | None, changed: dict | None) -> bool:
    """Keep a version unless (row_id, rev) is already stored; True if it was inserted."""
    if session.scalar(select(RecordVersionRow.id).where(RecordVersionRow.row_id == row_id,
                                                        RecordVersionRow.rev == rev)) is not None:
        return False
    session.execute(insert(RecordVersionRow).values(
        table_name=TABLE, row_id=row_id, rev=rev, parent_rev=parent_rev, merge_rev=merge_rev, op=op,
        origin=origin, author=(author or "")[:64], device_time=device_time, received_at=received_at,
        content_json=None if content is None else canonical_bytes(content).decode("utf-8"),
        changed_json=None if changed is None else canonical_bytes(changed).decode("utf-8")))
    return True


def get_version(session: Session, row_id: uuid.UUID, rev: str | None) -> Version | None:
    if not rev:
        return None
    row = session.scalars(select(RecordVersionRow).where(RecordVersionRow.row_id == row_id,
                                                         RecordVersionRow.rev == rev)).first()
    return _version(row) if row is not None else None


def history(session: Session, row_id: uuid.UUID) -> list[Version]:
    """Every version of the record kept here, oldest first (in the order they were stored)."""
    rows = session.scalars(select(RecordVersionRow).where(RecordVersionRow.row_id == row_id)
                           .order_by(RecordVersionRow.id))
    return [_version(r) for r in rows]


def head(session: Session, row_id: uuid.UUID) -> tuple[str | None, str | None, str | None] | None:
    """(rev, parent_rev, merge_rev) of the incident row, None when there is no such row."""
    row = session.execute(select(I.rev, I.parent_rev, I.merge_rev).where(I.id == row_id)).first()
    return tuple(row) if row is not None else None


def is_ancestor(session: Session, row_id: uuid.UUID, ancestor_rev: str | None, rev: str | None) -> bool:
    """Whether `ancestor_rev` is `rev` or one of its ancestors, walking parent_rev and merge_rev through the
    versions kept here (a version not kept here ends that path)."""
    if not ancestor_rev or not rev:
        return False
    parents = {r.rev: (r.parent_rev, r.merge_rev) for r in session.execute(
        select(RecordVersionRow.rev, RecordVersionRow.parent_rev, RecordVersionRow.merge_rev)
        .where(RecordVersionRow.row_id == row_id))}
    seen, todo = set(), deque([rev])
    while todo:
        current = todo.popleft()
        if current == ancestor_rev:
            return True
        if current in seen:
            continue
        seen.add(current)
        todo.extend(p for p in parents.get(current, ()) if p)
    return False


def _version(r: RecordVersionRow) -> Version:
    return Version(
        id=r.id, row_id=r.row_id, rev=r.rev, parent_rev=r.parent_rev, merge_rev=r.merge_rev, op=r.op,
        origin=r.origin, author=r.author, device_time=r.device_time, received_at=r.received_at,
        content=json.loads(r.content_json) if r.content_json is not None else None,
        changed=json.loads(r.changed_json) if r.changed_json is not None else None)


# ----------------------------------------------------------------------------------------------- sealing

_SCHEMA_KNOWN = "sitcentre.revisions_schema"  # the DBAPI connection's info: its database has 0007's columns


def schema_has_revisions(session: Session) -> bool:
    """Whether the database has migration 0007's rev columns (an older schema is still written by tests that
    build one and by the upgrade path itself). A yes is remembered per database connection."""
    info = session.connection().connection.info
    if info.get(_SCHEMA_KNOWN):
        return True
    if session.get_bind().dialect.name == "postgresql":
        sql = "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('incidents') AND attname = 'rev'"
    else:
        sql = "SELECT 1 FROM pragma_table_info('incidents') WHERE name = 'rev'"
    found = session.execute(text(sql)).first() is not None
    info[_SCHEMA_KNOWN] = found
    return found



def seal_pending(session: Session, *, limit: int | None = SEAL_BATCH) -> int:
    """Seal unsealed incidents (rev NULL) and pending deletes, up to `limit` of each (None: all); returns
    how many versions were written. Cheap when there is nothing to seal: two indexed queries. Rows are sealed
    SEAL_CHUNK at a time: their contents in three queries, their kept parents in two, then one executemany
    for the incidents, one statement for their lines and one executemany for the versions, so the cost per
    row is Python's, not a round trip's."""
    # On PostgreSQL a row another transaction holds is left to it (it seals what it changed; a row a raw writer
    # unsealed is sealed by whoever locks it first): no waiting on each other's rows, no deadlock.
    # An unlocked look first: FOR UPDATE needs UPDATE privilege, which a secured database's administrators'
    # logins do not have on incidents (issue 14), and their commits have nothing to seal.
    pending = PendingDeleteRow.table_name == TABLE
    if session.execute(select(I.id).where(I.rev.is_(None)).limit(1)).first() is None and \
            session.execute(select(PendingDeleteRow.row_id).where(pending).limit(1)).first() is None:
        return 0
    if not _may_seal(session):
        return 0  # an administrator's login (issue 14): the next operator's or supervisor's commit seals them
    query = select(I.id, I.parent_rev).where(I.rev.is_(None)).order_by(I.id).with_for_update(skip_locked=True)
    unsealed = session.execute(query.limit(limit) if limit is not None else query).all()
    deletes_query = select(PendingDeleteRow.row_id, PendingDeleteRow.last_rev) \
        .where(pending).order_by(PendingDeleteRow.row_id).with_for_update(skip_locked=True)
    deletes = session.execute(deletes_query.limit(limit) if limit is not None else deletes_query).all()
    if not unsealed and not deletes:
        return 0
    origin, authors, now = own_origin(session), session.info.pop(INCIDENT_AUTHORS, {}), datetime.now(UTC)
    written = 0
    for start in range(0, len(unsealed), SEAL_CHUNK):
        written += _seal_unsealed(session, unsealed[start:start + SEAL_CHUNK], origin, authors, now)
    for start in range(0, len(deletes), SEAL_CHUNK):
        written += _seal_deletes(session, deletes[start:start + SEAL_CHUNK], origin, authors, now)
    return written


def _may_seal(session: Session) -> bool:
    """Sealing updates incidents and writes record_versions: on a secured PostgreSQL database an administrator's
    login may do neither, and its commit (an account changed, a setting) must not fail because someone else's
    rows wait to be sealed (rows a bulk import or a raw writer left unsealed)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.execute(text("SELECT has_table_privilege('incidents', 'UPDATE') "
                                     "AND has_table_privilege('record_versions', 'INSERT')")).scalar())


def seal_all(session: Session) -> int:
    """Seal everything before an export: every unsealed row and pending delete, and every row still carrying
    a legacy 'L-' revision (its first version, a root). Returns how many versions were written."""
    written = seal_pending(session, limit=None)
    legacy = list(session.scalars(select(I.id).where(I.rev.like(LEGACY + "%")).order_by(I.id)
                                  .with_for_update(skip_locked=True)))
    if not legacy:
        return written
    origin, now = own_origin(session), datetime.now(UTC)
    for start in range(0, len(legacy), SEAL_CHUNK):
        written += _seal_legacy(session, legacy[start:start + SEAL_CHUNK], origin, now)
    return written


def _contents_or_skip(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """Contents of these rows; a row whose stored values cannot be read as content (a raw SQL writer's odd
    value) is logged and left unsealed rather than failing the commit of someone else's work."""
    try:
        return incident_contents(session, ids)
    except _CONTENT_ERRORS:
        contents = {}
        for row_id in ids:
            try:
                found = incident_content(session, row_id)
            except _CONTENT_ERRORS:
                log.warning("incident %s: its stored values cannot be read as content; left unsealed", row_id,
                            exc_info=True)
                continue
            if found is not None:
                contents[row_id] = found
        return contents


def _seal_one(session: Session, row_id: uuid.UUID, content: dict, origin: str, author: str, now: datetime) -> int:
    """Seal one row if it is still unsealed (seal_pending_row)."""
    heads = session.execute(select(I.id, I.parent_rev).where(I.id == row_id, I.rev.is_(None))).all()
    return _seal_unsealed(session, heads, origin, {str(row_id): author}, now, contents={row_id: content})


def _seal_unsealed(session: Session, heads: list, origin: str, authors: dict[str, str], now: datetime, *,
                   contents: dict[uuid.UUID, dict] | None = None) -> int:
    """Seal these unsealed rows ((id, parent_rev) each, locked by the caller on PostgreSQL): a new version
    from the parent (none when the parent is legacy or not kept here), or, when the content is the parent's
    (a save that changed nothing), back to the parent's rev without a version. A row sealed meanwhile is
    skipped. Returns the versions written."""
    if not heads:
        return 0
    if contents is None:
        contents = _contents_or_skip(session, [h.id for h in heads])
    parents = _parents(session, [(h.id, h.parent_rev) for h in heads
                                 if h.id in contents and not _legacy(h.parent_rev)])
    back, sealed, versions = [], [], {}
    for h in heads:
        content = contents.get(h.id)
        if content is None:
            continue
        body = canonical_bytes(content)
        parent = parents.get((h.id, h.parent_rev))
        if parent is not None and parent.content is not None and canonical_bytes(parent.content) == body:
            # Written again with what it said already (a save without a change): the parent is still current.
            back.append({"_id": h.id, "_rev": parent.rev, "_parent": parent.parent_rev, "_merge": parent.merge_rev})
            continue
        parent_rev = parent.rev if parent is not None else None
        rev = _rev_of(parent_rev, body)
        sealed.append({"_id": h.id, "_rev": rev, "_parent": parent_rev, "_merge": None})
        versions[h.id] = _version_values(
            h.id, rev, parent_rev, UPSERT, origin, authors.get(str(h.id), ""), now, body,
            _changed(parent.content if parent is not None else None, content))
    _set_revs(session, back, new_lines=False)
    done = _set_revs(session, sealed, new_lines=True)
    return _store_versions(session, [versions[row_id] for row_id in done])


def _seal_legacy(session: Session, ids: list[uuid.UUID], origin: str, now: datetime) -> int:
    """Seal these rows still on their legacy rev (locked by the caller on PostgreSQL): a root version each."""
    contents = _contents_or_skip(session, ids)
    items, versions = [], {}
    for row_id in ids:
        content = contents.get(row_id)
        if content is None:
            continue
        body = canonical_bytes(content)
        rev = _rev_of(None, body)
        items.append({"_id": row_id, "_rev": rev})
        versions[row_id] = _version_values(row_id, rev, None, UPSERT, origin, "", now, body, _changed(None, content))
    if not items:
        return 0
    table = I.__table__
    result = session.execute(update(table).where(table.c.id == bindparam("_id"), table.c.rev.like(LEGACY + "%"))
                             .values(rev=bindparam("_rev"), parent_rev=None, merge_rev=None), items)
    done = _updated(session, items, result.rowcount)
    if done:
        lines = L.__table__
        session.execute(update(lines).where(lines.c.incident_id.in_(list(done)),
                                            lines.c.rev.is_(None) | lines.c.rev.like(LEGACY + "%"))
                        .values(rev=select(table.c.rev).where(table.c.id == lines.c.incident_id).scalar_subquery()))
    return _store_versions(session, [versions[row_id] for row_id in done])


def _set_revs(session: Session, items: list[dict], *, new_lines: bool) -> set[uuid.UUID]:
    """Seal each row {_id, _rev, _parent, _merge} that is still unsealed, and its unsealed lines (new_lines:
    to the new rev; else, for a save that changed nothing, back to the rev each line had). Returns the ids
    sealed here."""
    if not items:
        return set()
    table, lines = I.__table__, L.__table__
    result = session.execute(update(table).where(table.c.id == bindparam("_id"), table.c.rev.is_(None))
                             .values(rev=bindparam("_rev"), parent_rev=bindparam("_parent"),
                                     merge_rev=bindparam("_merge")), items)
    done = _updated(session, items, result.rowcount)
    if done:  # one statement: each line takes the rev its incident now has (or, going back, its own parent)
        incident_rev = select(table.c.rev).where(table.c.id == lines.c.incident_id).scalar_subquery()
        session.execute(update(lines).where(lines.c.incident_id.in_(list(done)), lines.c.rev.is_(None))
                        .values(rev=incident_rev if new_lines else func.coalesce(lines.c.parent_rev, incident_rev)))
    return done


def _updated(session: Session, items: list[dict], rowcount: int) -> set[uuid.UUID]:
    """The ids of `items` an executemany UPDATE changed: all of them when the row count says so, else those
    now carrying the rev it set (another transaction sealed the others meanwhile)."""
    ids = {item["_id"] for item in items}
    if rowcount == len(items):
        return ids
    now_rev = dict(session.execute(select(I.id, I.rev).where(I.id.in_(ids))).all())
    return {item["_id"] for item in items if now_rev.get(item["_id"]) == item["_rev"]}


def _seal_deletes(session: Session, deletes: list, origin: str, authors: dict[str, str], now: datetime) -> int:
    """Pending deletes become tombstone versions, when the record had a kept version (a row deleted before
    it was ever sealed, or still on its legacy revision, was never exchanged: nobody needs to hear of it)."""
    table = PendingDeleteRow.__table__
    removed = set(session.scalars(delete(table).where(table.c.row_id.in_([d.row_id for d in deletes]))
                                  .returning(table.c.row_id)))  # one not removed: another transaction sealed it
    mine = [d for d in deletes if d.row_id in removed]
    parents = _parents(session, [(d.row_id, d.last_rev) for d in mine if not _legacy(d.last_rev)])
    versions = []
    for d in mine:
        parent = parents.get((d.row_id, d.last_rev))
        if parent is None:
            continue
        versions.append(_version_values(d.row_id, make_rev(parent.rev, None, deleted=True), parent.rev, DELETE,
                                        origin, authors.get(str(d.row_id), ""), now, None, None))
    return _store_versions(session, versions)


def _parents(session: Session, keys: list[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], Version]:
    """The kept versions of these (row_id, rev) pairs that exist, in two queries."""
    if not keys:
        return {}
    wanted = set(keys)
    ids = [version_id for version_id, row_id, rev in _kept(session, [k[0] for k in keys]) if (row_id, rev) in wanted]
    if not ids:
        return {}
    rows = session.scalars(select(RecordVersionRow).where(RecordVersionRow.id.in_(ids)))
    return {(r.row_id, r.rev): _version(r) for r in rows}


def _kept(session: Session, row_ids: list[uuid.UUID]) -> list[tuple[int, uuid.UUID, str]]:
    """(id, row_id, rev) of every version kept of these rows. By row_id alone: SQLite probes the (row_id, rev)
    index once per pair of "row_id IN (...) AND rev IN (...)", a million probes for a thousand rows."""
    query = select(RecordVersionRow.id, RecordVersionRow.row_id, RecordVersionRow.rev).where(
        RecordVersionRow.row_id.in_(list(set(row_ids))))
    return [tuple(r) for r in session.execute(query)]


def _rev_of(parent_rev: str | None, body: bytes) -> str:
    """make_rev(parent_rev, content) from the content's canonical bytes, already written once."""
    digest = sha256_hex((parent_rev or "").encode("ascii") + b"\x00" + body)[:32]
    return f"{rev_number(parent_rev) + 1}-{digest}"


def _changed(old: dict | None, new: dict) -> dict:
    """changed_fields(old, new); for a first version (no old) every field that is not None, without comparing
    canonical bytes field by field (the same result, several times faster)."""
    if old is None:
        return {key: [None, value] for key, value in sorted(fields(new).items()) if value is not None}
    return changed_fields(old, new)


def _version_values(row_id: uuid.UUID, rev: str, parent_rev: str | None, op: str, origin: str, author: str,
                    now: datetime, body: bytes | None, changed: dict | None) -> dict:
    """A record_versions row (as store_version writes it) for an executemany insert."""
    return {"table_name": TABLE, "row_id": row_id, "rev": rev, "parent_rev": parent_rev, "merge_rev": None,
            "op": op, "origin": origin, "author": (author or "")[:64], "device_time": now, "received_at": None,
            "content_json": None if body is None else body.decode("utf-8"),
            "changed_json": None if changed is None else canonical_bytes(changed).decode("utf-8")}


def _store_versions(session: Session, versions: list[dict]) -> int:
    """Insert these versions, each unless its (row_id, rev) is already kept (as store_version); returns how
    many were inserted."""
    if not versions:
        return 0
    kept = {(row_id, rev) for _, row_id, rev in _kept(session, [v["row_id"] for v in versions])}
    new = [v for v in versions if (v["row_id"], v["rev"]) not in kept]
    if new:
        session.execute(insert(RecordVersionRow.__table__), new)
    return len(new)


def _legacy(rev: str | None) -> bool:
    return rev is None or rev.startswith(LEGACY)


# ----------------------------------------------------------------------------------------------- applying


def apply_content(session: Session, content: dict, *, rev: str, parent_rev: str | None, merge_rev: str | None,
                  origin: str | None = None, reference: revision_apply.Reference | None = None) -> str:
    """Create ('added') or replace ('updated') the incident and its lines from a version's content, sealed
    under `rev` with these parents (the caller keeps the version itself: store_version). 'unchanged' when the
    row already carries `rev`. Any problem raises EntryError; run it in a SAVEPOINT to keep nothing of it.

    Lines are written first (new and changed ones naming `rev`), the incident row last in one statement that
    names `rev` too: a line's delete unseals the incident by trigger, and that last statement seals it again.
    A row with a local change not yet sealed is sealed first, so that change is kept as a version.
    `reference` (revisions.reference(session), read once for many applies) saves reading it on every call.
    """
    ref = reference if reference is not None else revision_apply.reference(session)
    prepared = revision_apply.prepare(ref, content)
    row_id = prepared.id
    current = session.execute(select(I.rev).where(I.id == row_id)).first()
    if current is not None and current.rev == rev:
        return "unchanged"
    if current is not None and current.rev is None:
        seal_pending_row(session, row_id)
    revision_apply.check_number(session, row_id, prepared.values["number"])
    revision_apply.check_lines_belong(session, row_id, prepared.lines)
    values = dict(prepared.values, rev=rev, parent_rev=parent_rev, merge_rev=merge_rev,
                  recorded_by=revision_apply.user_id(session, ref, prepared.recorded_by),
                  verified_by=revision_apply.user_id(session, ref, prepared.verified_by))
    copies = dict(local_date=values["local_date"], post_id=values["post_id"], status=values["status"])
    if current is None:
        session.execute(I.__table__.insert(), dict(id=row_id, origin=origin or ref.origin, **values))
        revision_apply.insert_lines(session, row_id, prepared.lines, rev, copies)
        return "added"
    revision_apply.replace_lines(session, row_id, prepared.lines, rev, copies)
    session.execute(update(I.__table__).where(I.id == row_id)
                    .values(version=I.version + 1, updated_at=datetime.now(UTC), **values))
    return "updated"


reference = revision_apply.reference  # this installation's reference data, read once for many apply_content


def apply_delete(session: Session, row_id: uuid.UUID) -> bool:
    """Delete the incident (its lines go with it) as a received tombstone: no pending delete is left behind
    (the caller keeps the tombstone version). True if there was a row."""
    done = session.execute(delete(I).where(I.id == row_id)).rowcount
    session.execute(delete(PendingDeleteRow).where(PendingDeleteRow.row_id == row_id))
    return bool(done)


def seal_pending_row(session: Session, row_id: uuid.UUID) -> int:
    """Seal one unsealed incident now (before a received version replaces it). Returns versions written."""
    authors = session.info.get(INCIDENT_AUTHORS, {})
    content = incident_content(session, row_id)
    if content is None:
        return 0
    return _seal_one(session, row_id, content, own_origin(session), authors.get(str(row_id), ""), datetime.now(UTC))
