"""Anchoring the audit trail (issue 14, item 4): its head written down outside the database, signed, and the
trail checked against such an anchor later.

Whoever can write the database can rewrite the trail's tail and recompute every hash after it; the chain then
verifies again. An anchor is a JSON file that says "this database's trail ended at row #N with hash H at time
T", signed with the installation's Ed25519 key (sitcentre.exchange.signing) when it has one. Kept elsewhere
(printed, mailed, on another machine), it shows later that the trail still extends that head:

- row #N must still exist (else the trail was cut) with hash H (else rows up to it were rewritten);
- the whole chain, from the first row to today's head, must verify (else a row was changed or removed);
- the audit row that recorded the anchor (right after #N) must still be there (else the rows after #N were
  removed or replaced);
- no row after #N may be dated before T (less a minute for clocks): such a row was added afterwards with
  an earlier date (forged rows appended after recomputing the hashes).

Rows written after the anchor and dated after it are what a later anchor vouches for: anchor often (the daily
brief prints the head too).

Anchoring is itself one audit row (AuditAction.ANCHOR, entity "audit", entity_id the head's id, after_json the
head), written in the transaction that reads the head and committed once the file is written; a failed write
or commit leaves neither. Supervisors and administrators may anchor (the audit view's permission).
"""

from __future__ import annotations

import binascii
import json
import os
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from sitcentre.db.engine import describe_url
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.audit_anchor import (
    ANCHOR_FORMAT,
    ANCHOR_PAYLOAD_TYPE,
    ANCHOR_VERSION,
    CLOCK_SLACK_SECONDS,
    Anchor,
    AnchorCheck,
    AnchorFinding,
    AnchorSaved,
    AnchorStatement,
    LastAnchor,
)
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import _t, number
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange import signing
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.output_paths import atomic_write, check_target
from sitcentre.repositories.audit import AuditRepository
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.services.audit_chain import check_chain, walk_chain
from sitcentre.services.audit_writing import AuditAction, append
from sitcentre.services.guard import authorize
from sitcentre.settings import Settings

MAX_ANCHOR_BYTES = 64 * 1024


class AnchorRefused(OperatorError):
    """An anchor that cannot be made now (a broken or empty trail); the message says why."""


class AnchorFileError(OperatorError):
    """A file that is not a readable anchor."""


# ------------------------------------------------------------------------------------------ making one

def save_anchor(engine: Engine, out: str | os.PathLike, *, replace: bool = False, actor: Actor,
                settings: Settings) -> AnchorSaved:
    """Write a signed statement of the trail's head to `out` (never over an existing file unless `replace`,
    never half-written) and record it in the trail. Run it off the GUI thread: it verifies the whole chain."""
    authorize(engine, actor, Action.AUDIT_VIEW, entity="audit", settings=settings)
    check_target(out, replace=replace, what="anchor file")  # a bad path fails before the chain is read
    checked = check_chain(engine)
    if not checked.intact:
        raise AnchorRefused(_t("The audit trail is broken at row #{row}, so no anchor was made: it would vouch for "
                               "a trail that was already changed. Find out what happened first.").format(
                                   row=checked.broken_at))
    with UnitOfWork(engine, write=True) as uow:
        repo = AuditRepository(uow.session)
        repo.lock_chain()  # no row joins between reading the head and recording the anchor
        head = walk_chain(repo, after=checked)  # the rows written since the check
        if not head.intact:
            raise AnchorRefused(_t("The audit trail is broken at row #{row}, so no anchor was made.").format(
                row=head.broken_at))
        if head.head_id is None:
            raise AnchorRefused(_t("The audit trail is empty: there is nothing to anchor yet."))
        anchor = _signed(uow.session, AnchorStatement(
            database=describe_url(engine), origin=None, installation_id=None, head_id=head.head_id,
            head_hash=head.head_hash, rows=head.rows, at=utcnow(), by=actor.username))
        path = str(Path(out).expanduser().absolute())
        append(uow.session, actor, AuditAction.ANCHOR, "audit", head.head_id, after={
            "head_id": head.head_id, "head_hash": head.head_hash, "rows": head.rows,
            "anchored_at": anchor.statement.at, "file": path, "key_id": anchor.key_id})
        with atomic_write(out, replace=replace, what="anchor file") as stream:  # a failure rolls the row back
            stream.write(anchor_bytes(anchor))
        try:
            uow.commit()
        except BaseException:
            Path(path).unlink(missing_ok=True)  # an anchor the trail does not record would fail its own check
            raise
    return AnchorSaved(path, anchor)


def _signed(session, statement: AnchorStatement) -> Anchor:
    row = InstallationRepository(session).current()
    if row is not None:
        statement = AnchorStatement(**{**asdict(statement), "origin": row.origin_code,
                                       "installation_id": str(row.id)})
    if row is None or not row.private_key or not row.public_key:
        return Anchor(statement)
    signature = signing.sign(row.private_key, ANCHOR_PAYLOAD_TYPE, _payload(statement))
    return Anchor(statement, signing.key_id(row.public_key), row.public_key, signature)


def anchor_bytes(anchor: Anchor) -> bytes:
    """The file: the statement (readable as it is), and the signature over its canonical JSON."""
    document = {"format": ANCHOR_FORMAT, "version": ANCHOR_VERSION, "statement": _statement_json(anchor.statement)}
    if anchor.signed:
        document["signature"] = {"payload_type": ANCHOR_PAYLOAD_TYPE, "key_id": anchor.key_id,
                                 "public_key": anchor.public_key, "sig": anchor.signature}
    else:
        document["signature"] = None
        document["unsigned"] = ("This installation had no signing key when the anchor was made "
                                "('sitcentre install init' makes one): keep the file where nobody can change it.")
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def _statement_json(statement: AnchorStatement) -> dict:
    return {"format": ANCHOR_FORMAT, "version": ANCHOR_VERSION, **asdict(statement),
            "at": statement.at.isoformat(timespec="microseconds")}


def _payload(statement: AnchorStatement) -> bytes:
    return canonical_bytes(_statement_json(statement))


# ------------------------------------------------------------------------------------------ reading one

def read_anchor(data: bytes) -> Anchor:
    """The anchor in a file's bytes; AnchorFileError in words when it is not one."""
    if len(data) > MAX_ANCHOR_BYTES:
        raise AnchorFileError(_t("This file is too large to be an audit anchor."))
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != ANCHOR_FORMAT:
            raise ValueError
        if document.get("version") != ANCHOR_VERSION:
            raise AnchorFileError(_t("This audit anchor is of version {version}; this sitcentre reads version "
                                     "{readable}.").format(version=document.get("version"), readable=ANCHOR_VERSION))
        body, sig = document["statement"], document.get("signature")
        if body.get("format") != ANCHOR_FORMAT or body.get("version") != ANCHOR_VERSION:
            raise ValueError
        statement = AnchorStatement(
            database=str(body["database"]), origin=_opt(body.get("origin")),
            installation_id=_opt(body.get("installation_id")), head_id=_int(body["head_id"]),
            head_hash=str(body["head_hash"]), rows=_int(body["rows"]), at=_time(body["at"]), by=str(body["by"]))
        if sig is None:
            return Anchor(statement)
        return Anchor(statement, str(sig["key_id"]), str(sig["public_key"]), str(sig["sig"]))
    except AnchorFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise AnchorFileError(_t("This file is not an audit anchor written by 'sitcentre audit anchor' "
                                 "(or it is damaged).")) from exc


def read_anchor_file(path: str | os.PathLike) -> Anchor:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ANCHOR_BYTES + 1)
    except OSError as exc:
        raise AnchorFileError(_t("Cannot read the anchor file {path}: {problem}.").format(
            path=path, problem=exc.strerror or exc)) from exc
    return read_anchor(data)


def _opt(value) -> str | None:
    return None if value is None else str(value)


def _int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("not a row number")
    return value


def _time(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError("a time without its zone")
    return at


# ------------------------------------------------------------------------------------------ checking

def check_anchor(engine: Engine, anchor: Anchor) -> AnchorCheck:
    """Whether today's trail still extends the anchored head; the first problem found is the one to tell."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        notes = list(_signature_notes(session, anchor))
        refused = [n for n in notes if n.code in ("bad_signature", "other_key")]
        if refused:
            return AnchorCheck(anchor, tuple(refused), (), 0, None, "")
        here = describe_url(engine)
        if anchor.statement.database != here:
            notes.append(AnchorFinding("other_address", _t("The anchor was made at {anchored}; this is {here}.").format(
                anchored=anchor.statement.database, here=here), {"anchored": anchor.statement.database, "here": here}))
        repo = AuditRepository(session)
        problems = _installation_problem(session, anchor)
        chain = walk_chain(repo)
        if not problems:
            problems = _head_problems(repo, anchor.statement)
        if not chain.intact:
            problems.append(AnchorFinding(
                "broken", _t("The trail is broken at row #{row}: it, or the row before it, was changed or removed "
                             "outside sitcentre.").format(row=chain.broken_at), {"row": chain.broken_at}))
        if not any(p.code in ("cut", "rewritten", "count", "other_installation") for p in problems):
            problems += _tail_problems(repo, anchor.statement)
        return AnchorCheck(anchor, tuple(problems), tuple(notes), chain.rows, chain.head_id, chain.head_hash)


def _signature_notes(session, anchor: Anchor) -> list[AnchorFinding]:
    from sitcentre.services.keys import key_info

    if not anchor.signed:
        return [AnchorFinding("unsigned", _t("The anchor is not signed (the installation had no signing key when "
                                             "it was made): it is only as good as the place it was kept."))]
    known = key_info(session, anchor.key_id)
    public_key = known.public_key if known is not None else anchor.public_key
    if known is None and _key_id(anchor.public_key) != anchor.key_id:
        public_key = None
    if public_key is None or not signing.verify(public_key, ANCHOR_PAYLOAD_TYPE, _payload(anchor.statement),
                                                anchor.signature):
        return [AnchorFinding("bad_signature", _t("The anchor's signature does not match what it says (key "
                                                  "{key_id}): the file was changed after it was signed. It proves "
                                                  "nothing.").format(key_id=anchor.key_id), {"key_id": anchor.key_id})]
    own = InstallationRepository(session).current()
    if own is not None and own.key_id == anchor.key_id:
        return [AnchorFinding("own_key", _t("Signed with this installation's key {key_id}.").format(
            key_id=anchor.key_id), {"key_id": anchor.key_id})]
    # An installation keeps its key for good (services.installation), so an anchor of this trail is signed
    # with it: one signed with any other key was made elsewhere, or forged and re-signed.
    if known is not None:
        words = _t("The anchor is signed with the key of {origin} ({key_id}), not with this installation's key: it "
                   "was not made here, so it proves nothing about this trail.").format(origin=known.origin,
                                                                                       key_id=anchor.key_id)
    else:
        words = _t("The anchor is signed with a key unknown here ({key_id}), not with this installation's key: it "
                   "was not made here, so it proves nothing about this trail.").format(key_id=anchor.key_id)
    return [AnchorFinding("other_key", words, {"key_id": anchor.key_id})]


def _key_id(public_key: str | None) -> str | None:
    try:
        return signing.key_id(public_key) if public_key else None
    except (signing.BadKey, binascii.Error, ValueError):
        return None


def _installation_problem(session, anchor: Anchor) -> list[AnchorFinding]:
    own = InstallationRepository(session).current()
    theirs = anchor.statement.installation_id
    if theirs and own is not None and str(own.id) != theirs:
        return [AnchorFinding("other_installation", _t("The anchor was made for another installation ({theirs}), "
                                                       "not this database's ({ours}).").format(
            theirs=anchor.statement.origin or theirs, ours=own.origin_code), {"origin": anchor.statement.origin})]
    return []


def _head_problems(repo: AuditRepository, st: AnchorStatement) -> list[AnchorFinding]:
    stored = repo.hash_of(st.head_id)
    if stored is None:
        return [AnchorFinding("cut", _t("The trail has been cut: row #{row}, anchored on {at} UTC, is missing.").format(
            row=st.head_id, at=f"{st.at:%Y-%m-%d %H:%M}"), {"row": st.head_id, "at": st.at})]
    if stored != st.head_hash:
        return [AnchorFinding("rewritten", _t("Row #{row} no longer has the hash anchored on {at} UTC: rows up to "
                                              "it were rewritten.").format(row=st.head_id,
                                                                           at=f"{st.at:%Y-%m-%d %H:%M}"),
                              {"row": st.head_id, "at": st.at})]
    rows = repo.count_through(st.head_id)
    if rows != st.rows:
        return [AnchorFinding("count", _t("{rows} rows now lead up to row #{row}; the anchor of {at} UTC counted "
                                          "{anchored}: rows were removed or added before it, or the anchor file was "
                                          "changed.").format(rows=number(rows), row=st.head_id,
                                                             at=f"{st.at:%Y-%m-%d %H:%M}", anchored=number(st.rows)),
                              {"row": st.head_id, "rows": rows, "anchored": st.rows})]
    return []


def _tail_problems(repo: AuditRepository, st: AnchorStatement) -> list[AnchorFinding]:
    problems = []
    early = repo.first_dated_before(st.head_id, st.at - timedelta(seconds=CLOCK_SLACK_SECONDS))
    if early is not None:
        row_id, at = early
        problems.append(AnchorFinding(
            "backdated", _t("Row #{row} comes after row #{head}, anchored on {anchored_at} UTC, yet it is dated {at} "
                            "UTC, before the anchor was made: it was added afterwards with a false date.").format(
                row=row_id, head=st.head_id, anchored_at=f"{st.at:%Y-%m-%d %H:%M}", at=f"{at:%Y-%m-%d %H:%M}"),
            {"row": row_id, "at": at, "head": st.head_id}))
    if not any(_names_head(after_json, st) for _id, after_json in repo.anchor_rows(st.head_id)):
        problems.append(AnchorFinding(
            "anchor_row_missing", _t("No audit entry after row #{row} records this anchor: the rows after it were "
                                     "removed or replaced.").format(row=st.head_id), {"row": st.head_id}))
    return problems


def _names_head(after_json: str | None, st: AnchorStatement) -> bool:
    try:
        after = json.loads(after_json or "null")
    except ValueError:
        return False
    return isinstance(after, dict) and after.get("head_hash") == st.head_hash and after.get("head_id") == st.head_id


# ------------------------------------------------------------------------------------------ the last one

def last_anchor(engine: Engine) -> LastAnchor | None:
    """The newest anchor the trail records (its row's time, the head it named, who made it)."""
    with UnitOfWork(engine) as uow:
        entry = AuditRepository(uow.session).last_anchor()
    if entry is None:
        return None
    after = entry.after if isinstance(entry.after, dict) else {}
    head = after.get("head_id")
    return LastAnchor(at=entry.at, head_id=head if isinstance(head, int) else None, by=entry.username,
                      signed=bool(after.get("key_id")))


def last_anchor_seen_by(engine: Engine, *, actor: Actor, settings: Settings) -> LastAnchor | None:
    """last_anchor() for the audit view: supervisors and administrators (a refusal is audited)."""
    authorize(engine, actor, Action.AUDIT_VIEW, entity="audit", settings=settings)
    return last_anchor(engine)


__all__ = ["AnchorFileError", "AnchorRefused", "anchor_bytes", "check_anchor", "last_anchor", "last_anchor_seen_by",
           "read_anchor", "read_anchor_file", "save_anchor"]
