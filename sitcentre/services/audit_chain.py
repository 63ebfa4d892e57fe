"""The audit trail's hash chain: hashing a row, checking the chain, its head (writing: audit_writing.py).

The trail is one append-only audit_log row per change, login, refusal, export and import.

Rows are written by `append()` inside the transaction of the change they record, so a change and its
audit row are committed together or not at all. Database triggers (migration 0004) refuse UPDATE and
DELETE on audit_log, and every row carries

    hash = sha256(prev_hash + canonical JSON of the row's fields)

with prev_hash the hash of the row before it (by id; "" for the first row). Editing a row behind the
triggers' back breaks its hash, deleting one breaks the next row's prev_hash: `verify_chain()` finds the
first broken row. (Whoever can rewrite the whole tail can recompute it: anchor the head hash elsewhere,
in the daily brief and in a signed anchor file, with `chain_head()`.)

The chain must not fork when two workstations write at once: on PostgreSQL `append()` first takes a
transaction-level advisory lock, held until commit, then reads the last hash (under the default READ
COMMITTED each statement sees every row committed before it); on SQLite the unit of work's BEGIN
IMMEDIATE already serialises writers. Services therefore append after their other writes,
which keeps the time the lock is held short and the lock order the same everywhere.

The row id is not part of the hash (the database assigns it on insert, and a row may not be updated
afterwards); the chain order is the id order.

db_user (migration 0009) is the database login that inserted the row: on PostgreSQL a BEFORE INSERT trigger
sets it to session_user whatever the client sent, and `append()` hashes the same value (the connection's
session_user). It is part of the payload only when it is not NULL, so every row written before 0009, and
every SQLite row, keeps its hash. A row inserted by hand with psql therefore names its writer, and one whose
db_user was changed afterwards no longer matches its hash.

An anchor (sitcentre.services.audit_anchor) writes the head down outside the database, signed, so that a
tail rewritten with recomputed hashes, a cut tail or forged rows are found against it later.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.audit import ChainCheck
from sitcentre.repositories.audit import PG_CHAIN_LOCK, AuditRepository

GENESIS = ""
# db_user is hashed only when not NULL (chain_hash): rows before 0009 and SQLite rows keep their hashes.
HASHED_FIELDS = ("at", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json",
                 "db_user")
__all__ = ["GENESIS", "HASHED_FIELDS", "PG_CHAIN_LOCK", "ChainCheck", "canonical_time", "chain_hash", "chain_head",
           "check_chain", "to_json", "verify_chain", "walk_chain"]


def canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, *, at: datetime, user_id: int | None, username: str, action: str, entity: str,
               entity_id: str, before_json: str | None, after_json: str | None, db_user: str | None = None) -> str:
    """The row's hash. This format is stored: changing it breaks every existing chain. `db_user` joins the
    payload only when it is not None (rows without one keep the hash they had before migration 0009)."""
    fields = {"at": canonical_time(at), "user_id": user_id, "username": username, "action": action,
              "entity": entity, "entity_id": entity_id, "before_json": before_json, "after_json": after_json}
    if db_user is not None:
        fields["db_user"] = db_user
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def to_json(value: Any) -> str | None:
    """Before/after values as JSON text: dataclasses by their fields, keys sorted, dates as ISO text."""
    if value is None:
        return None
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.dumps(value, default=_json_default, sort_keys=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return canonical_time(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


# ------------------------------------------------------------------------------------------ checking

def check_chain(engine: Engine, batch: int = 5000) -> ChainCheck:
    """Walk the whole trail in id order, recomputing every hash."""
    with UnitOfWork(engine) as uow:
        return walk_chain(AuditRepository(uow.session), batch=batch)


def walk_chain(repo: AuditRepository, after: ChainCheck | None = None, batch: int = 5000) -> ChainCheck:
    """Recompute the hashes of the rows after `after` (a check of the rows before them), or of every row."""
    expected_prev, count, last_id = (after.head_hash, after.rows, after.head_id) if after else (GENESIS, 0, None)
    while True:
        rows = repo.chain_rows(HASHED_FIELDS, last_id, batch)
        for row in rows:
            fields = {f: getattr(row, f) for f in HASHED_FIELDS}
            if row.prev_hash != expected_prev or row.hash != chain_hash(row.prev_hash, **fields):
                return ChainCheck(count, row.id, last_id, expected_prev)
            expected_prev, last_id, count = row.hash, row.id, count + 1
        if len(rows) < batch:
            return ChainCheck(count, None, last_id, expected_prev)


def verify_chain(engine: Engine) -> int | None:
    """The id of the first row whose hash or link to the row before is wrong; None when the trail is intact."""
    return check_chain(engine).broken_at


def chain_head(engine: Engine) -> tuple[int, str] | None:
    """The last row's id and hash, to be written down elsewhere (an anchor against a rewritten tail)."""
    with UnitOfWork(engine) as uow:
        return AuditRepository(uow.session).head()
