"""Conflicts found by imports (issue 12, item 6): listing them, showing them field by field, resolving them.

The importer (services.exchange_import) opens a conflict when a post's edit and the centre's overlap (or a
delete meets an edit, or one id is created twice); the incident keeps the centre's version and both versions
are kept in record_versions. A supervisor at the centre resolves it:

- `take="centre"` or `"post"`: that side's whole version; `{field: "centre"|"post"}`: field by field, the
  fields not named keep the centre's value (fields as canonical.fields names them: top-level keys, and
  "lines/<line id>" for each seizure line). For a delete against an edit, "centre"/"post" keep the side that
  deleted deleted, or bring back the side that edited; fields cannot be mixed with a deletion.
- The result is a new version with two parents: parent_rev = the centre's head, merge_rev = the post's head,
  written by this installation, authored by the supervisor, and audited (AuditAction.RESOLVE). It is an
  ordinary local version, so the next bundle to the post carries it, and the post fast-forwards to it (it
  knows both parents).
- If the incident changed here since the conflict was opened, the choice may no longer be what the supervisor
  saw: the resolution is refused, and the conflict is brought up to date (it now compares the current
  version) so that `show` can be read again before choosing.

A `parallel` flag (two edits to different fields, merged by the importer) has nothing to decide: it is
dismissed (AuditAction.DISMISS). Posts never resolve: the centre decides, and its choice comes back.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork, retry_write_conflicts
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.permissions import Action, Actor, Policy
from sitcentre.domain.records import utcnow
from sitcentre.exchange import canonical
from sitcentre.exchange.merge import compare
from sitcentre.repositories import exchange_checks, revisions
from sitcentre.repositories.conflicts import DISMISSED, OPEN, RESOLVED, ConflictRecord, ConflictRepository
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.repositories.revisions import Version
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings

log = logging.getLogger(__name__)

CENTRE, POST = "centre", "post"
SIDES = (CENTRE, POST)
_SIDE_WORDS = {"centre": CENTRE, "center": CENTRE, "post": POST}
_CLOSED_WORDS = {RESOLVED: N_("Conflict {id} was already resolved by {who} ({when})."),
                 DISMISSED: N_("Conflict {id} was already dismissed by {who} ({when}).")}


class ConflictRefused(OperatorError):
    """A conflict cannot be listed, resolved or dismissed as asked; the message is for a person. `code` is
    stable (tests, the app): not_found, closed, at_post, parallel, not_parallel, stale, bad_choice, damaged."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ConflictSummary:
    id: int
    kind: str
    row_id: uuid.UUID
    number: str  # the incident's number, or a short id when it has none
    post: str  # the incident's post code ("" when unknown)
    fields: tuple[str, ...]
    status: str
    detected_at: datetime
    origin: str  # the other side: the installation whose version arrived
    resolved_by: str = ""
    resolved_at: datetime | None = None
    resolution_rev: str | None = None


@dataclass(frozen=True)
class FieldRow:
    """One field of a conflict: its value in the common version and on each side (None: absent)."""

    field: str
    base: Any
    centre: Any
    post: Any
    conflicting: bool  # both sides changed it, to different values


@dataclass(frozen=True)
class ConflictDetail:
    summary: ConflictSummary
    base: Version | None
    heads: list[Version]  # the centre's head first, then the post's (also when read at a post)
    rows: tuple[FieldRow, ...]  # the fields that differ between the base and either side, or between the sides
    current_rev: str | None  # the incident's revision here now (None: deleted)
    at_post: bool = False  # read at a post: this installation's head is the post's (heads[1])

    @property
    def stale(self) -> bool:
        """The incident changed here since the conflict was opened (resolving it is refused)."""
        mine = self.heads[1 if self.at_post and len(self.heads) > 1 else 0] if self.heads else None
        return mine is not None and mine.rev != self.current_rev and not (
            mine.op == revisions.DELETE and self.current_rev is None)


# ------------------------------------------------------------------------------------------------- reading

def list_conflicts(engine: Engine, *, include_closed: bool = False, post: str | None = None,
                   kind: str | None = None) -> list[ConflictSummary]:
    """Open conflicts and parallel flags, oldest first (with include_closed, the resolved and dismissed too)."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        return [_summary(s, c) for c in ConflictRepository(s).list(include_closed=include_closed, post=post,
                                                                      kind=kind)]


def show(engine: Engine, conflict_id: int) -> ConflictDetail:
    with UnitOfWork(engine) as uow:
        s = uow.session
        record = _get(s, conflict_id)
        base = revisions.get_version(s, record.row_id, record.base_rev)
        heads = [v for v in (_head_version(s, record.row_id, rev) for rev in record.heads) if v is not None]
        row = InstallationRepository(s).current()
        at_post = row is not None and row.role == "post"
        if at_post:  # heads_json names this installation's head first: here, the post's
            heads.reverse()
        current = revisions.head(s, record.row_id)
        contents = [_content(v) for v in heads] + [None, None]
        rows = _field_rows(base.content if base else None, contents[0], contents[1] if len(heads) > 1 else None,
                           set(record.fields))
        return ConflictDetail(_summary(s, record), base, heads, rows, current[0] if current else None, at_post)


# ------------------------------------------------------------------------------------------------- writing

def resolve(engine: Engine, settings: Settings, conflict_id: int, take: Mapping[str, str] | str, *,
            actor: Actor) -> str:
    """Resolve a conflict at the centre (supervisors); returns the revision of the resolving version."""
    require_actor(actor)
    choice = parse_take(take)
    policy = policy_of(settings)
    stale = _resolve(engine, policy, conflict_id, choice, actor)
    if isinstance(stale, ConflictRefused):
        raise stale
    return stale


@retry_write_conflicts
def _resolve(engine: Engine, policy, conflict_id: int, choice: str | dict[str, str],
             actor: Actor) -> str | ConflictRefused:
    with refusals_audited(engine, "conflict", conflict_id):
        with UnitOfWork(engine, write=True) as uow:
            s = uow.session
            permit(s, actor, Action.EXCHANGE_RESOLVE_CONFLICT, policy=policy)
            _refuse_at_post(s)
            repo = ConflictRepository(s)
            record = _get(s, conflict_id, lock=True)
            _check_open(record)
            if record.kind == "parallel":
                raise ConflictRefused("parallel", _t("Conflict {id} is a parallel edit: both edits were merged "
                                                     "and there is nothing to choose. Dismiss it (--take "
                                                     "dismiss).").format(id=record.id))
            if len(record.heads) < 2:
                raise ConflictRefused("damaged", _t("Conflict {id} does not name both versions; it cannot be "
                                                    "resolved here. Edit the incident instead.").format(id=record.id))
            centre_rev, post_rev = record.heads[0], record.heads[-1]
            current = _current_rev(s, record.row_id)
            if current != centre_rev:
                return _stale(s, repo, record, current, uow)
            centre = _head_version(s, record.row_id, centre_rev)
            post = revisions.get_version(s, record.row_id, post_rev)
            if centre is None or post is None:
                raise ConflictRefused("damaged", _t("A version of conflict {id} is not kept here any more; it "
                                                    "cannot be resolved. Edit the incident instead.").format(
                                                        id=record.id))
            base = revisions.get_version(s, record.row_id, record.base_rev) if record.base_rev else None
            content = build_content(choice, _content(centre), _content(post), _content(base))
            rev = _write(s, record, content, centre_rev, post_rev, _content(centre), actor)
            now = utcnow()
            if not repo.close(record.id, RESOLVED, by=actor.username, at=now, resolution_rev=rev):
                raise ConflictRefused("closed", _t("Conflict {id} has just been closed by someone else.").format(
                    id=record.id))
            audit.append(s, actor, AuditAction.RESOLVE, "incident", record.row_id,
                         {"conflict": record.id, "kind": record.kind, "base_rev": record.base_rev,
                          "centre_rev": centre_rev, "post_rev": post_rev, "fields": list(record.fields)},
                         {"conflict": record.id, "rev": rev, "parent_rev": centre_rev, "merge_rev": post_rev,
                          "take": choice, "deleted": content is None})
            uow.commit()
    log.info("conflict %s resolved by %s: %s", conflict_id, actor.username, rev)
    return rev


def dismiss(engine: Engine, conflict_id: int, *, actor: Actor, settings: Settings | None = None) -> None:
    """Close a parallel-edit flag (supervisors); hard conflicts must be resolved instead."""
    require_actor(actor)
    policy = policy_of(settings) if settings is not None else Policy()
    with refusals_audited(engine, "conflict", conflict_id):
        with UnitOfWork(engine, write=True) as uow:
            s = uow.session
            permit(s, actor, Action.EXCHANGE_RESOLVE_CONFLICT, policy=policy)
            record = _get(s, conflict_id, lock=True)
            _check_open(record)
            if record.kind != "parallel":
                raise ConflictRefused("not_parallel", _t("Conflict {id} is a real conflict: two versions are "
                                                         "kept and one must be chosen. Resolve it with --take "
                                                         "centre, post or FIELD=SIDE.").format(id=record.id))
            if not ConflictRepository(s).close(record.id, DISMISSED, by=actor.username, at=utcnow()):
                raise ConflictRefused("closed", _t("Conflict {id} has just been closed by someone else.").format(
                    id=record.id))
            audit.append(s, actor, AuditAction.DISMISS, "incident", record.row_id,
                         {"conflict": record.id, "kind": record.kind, "heads": list(record.heads),
                          "fields": list(record.fields)}, {"conflict": record.id, "status": DISMISSED})
            uow.commit()


# ----------------------------------------------------------------------------------------------- choosing

def parse_take(take: Mapping[str, str] | str) -> str | dict[str, str]:
    """"centre" | "post" | {field: "centre"|"post"}; anything else is refused in words."""
    if isinstance(take, str):
        side = _SIDE_WORDS.get(take.strip().lower())
        if side is None:
            raise ConflictRefused("bad_choice", _t("'{take}' is not a side: take centre or post "
                                                   "(or FIELD=centre|post for each field).").format(take=take))
        return side
    if not isinstance(take, Mapping) or not take:
        raise ConflictRefused("bad_choice", _t("Say which version to keep: centre, post, or FIELD=centre|post."))
    out = {}
    for field, side in take.items():
        chosen = _SIDE_WORDS.get(str(side).strip().lower())
        if not field or chosen is None:
            raise ConflictRefused("bad_choice", _t("'{field}={side}': a field takes centre or post.").format(
                field=field, side=side))
        out[str(field)] = chosen
    return out


def build_content(choice: str | dict[str, str], centre: dict | None, post: dict | None,
                  base: dict | None = None) -> dict | None:
    """The resolved content (None: deleted) from the two sides' contents (None: that side deleted).

    With a choice per field, a field not named keeps the side that changed it against the common version
    `base` (a field only the post changed keeps the post's value, so no edit is dropped unseen); a field both
    changed, or any field when there is no common version, keeps the centre's."""
    if isinstance(choice, str):
        return centre if choice == CENTRE else post
    if centre is None or post is None:
        raise ConflictRefused("bad_choice", _t("One side deleted the incident: keep it deleted or bring the other "
                                               "version back whole (--take centre or --take post); fields cannot "
                                               "be mixed."))
    mine, theirs = canonical.fields(centre), canonical.fields(post)
    known = mine.keys() | theirs.keys()
    unknown = sorted(set(choice) - known)
    if unknown:
        raise ConflictRefused("bad_choice", _t("No field {unknown} in this incident. Fields: {fields}.").format(
            unknown=", ".join(unknown), fields=", ".join(sorted(known - {"id"}))))
    if "id" in choice:
        raise ConflictRefused("bad_choice", _t("The incident's id is the same on both sides; it is not a choice."))
    sides = {field: default_side(field, mine, theirs, base) for field in known - {"id"}}
    sides.update(choice)
    flat = dict(mine)
    for field, side in sides.items():
        source = mine if side == CENTRE else theirs
        if field in source:
            flat[field] = source[field]
        else:  # that side has no such line (added on the other side only, or removed on this one)
            flat.pop(field, None)
    return canonical.unflatten(flat)


def default_side(field: str, mine: dict, theirs: dict, base: dict | None) -> str:
    """The side a field not named comes from: the post's when only the post changed it since `base`."""
    if base is None:
        return CENTRE
    common = canonical.fields(base)
    marker = object()
    was, centre_value, post_value = (common.get(field, marker), mine.get(field, marker), theirs.get(field, marker))
    return POST if centre_value == was and post_value != was else CENTRE


# ----------------------------------------------------------------------------------------------- helpers

def _refuse_at_post(session: Session) -> None:
    row = InstallationRepository(session).current()
    if row is not None and row.role == "post":
        raise ConflictRefused("at_post", _t("Conflicts are resolved at the centre, not at a post: the centre "
                                            "decides, and its choice comes back with its next bundle."))


def _get(session: Session, conflict_id: int, lock: bool = False) -> ConflictRecord:
    record = ConflictRepository(session).get(conflict_id, lock=lock)
    if record is None:
        raise ConflictRefused("not_found", _t("There is no conflict {id} (see 'sitcentre conflicts list').").format(
            id=conflict_id))
    return record


def _check_open(record: ConflictRecord) -> None:
    if record.status != OPEN:
        words = _CLOSED_WORDS.get(record.status)
        if words is None or not record.resolved_by or record.resolved_at is None:  # (close() always sets both)
            raise ConflictRefused("closed", _t("Conflict {id} was already closed ({status}).").format(
                id=record.id, status=record.status))
        raise ConflictRefused("closed", _t(words).format(id=record.id, who=record.resolved_by,
                                                         when=record.resolved_at.strftime("%Y-%m-%d %H:%M UTC")))


def _current_rev(session: Session, row_id: uuid.UUID) -> str | None:
    """The incident's revision here now; a deleted incident's is its latest tombstone (None if never kept).
    The row is locked first (PostgreSQL) until the resolution commits: a workstation's save is waited for and
    seen, never overwritten by the resolution."""
    exchange_checks.lock_incident(session, row_id)
    found = revisions.head(session, row_id)
    if found is not None and found[0] is None:  # changed by a raw SQL writer and not sealed yet: seal it now
        revisions.seal_pending(session, limit=None)
        found = revisions.head(session, row_id)
    if found is not None:
        return found[0]
    tombstones = [v for v in revisions.history(session, row_id) if v.op == revisions.DELETE]
    return tombstones[-1].rev if tombstones else None


def _head_version(session: Session, row_id: uuid.UUID, rev: str) -> Version | None:
    """The kept version; for a legacy head (never exchanged, not kept) the incident as it is now."""
    version = revisions.get_version(session, row_id, rev)
    if version is None and rev and rev.startswith(revisions.LEGACY):
        found = revisions.head(session, row_id)
        if found is not None and found[0] == rev:
            content = revisions.incident_content(session, row_id)
            return Version(id=0, row_id=row_id, rev=rev, parent_rev=None, merge_rev=None, op=revisions.UPSERT,
                           origin=revisions.own_origin(session), author="", device_time=utcnow(),
                           received_at=None, content=content, changed=None)
    return version


def _content(version: Version | None) -> dict | None:
    return None if version is None or version.op == revisions.DELETE else version.content


def _stale(session: Session, repo: ConflictRepository, record: ConflictRecord, current: str | None,
           uow: UnitOfWork) -> ConflictRefused:
    """The centre's head moved on: compare the current version from now on, and say so."""
    if current is not None:
        base = revisions.get_version(session, record.row_id, record.base_rev)
        centre = _head_version(session, record.row_id, current)
        post = revisions.get_version(session, record.row_id, record.heads[-1])
        fields = record.fields
        if centre is not None and post is not None and _content(centre) and _content(post):
            fields = compare(_content(base), _content(centre), _content(post)).overlap or record.fields
        repo.move_head(record.id, (current, record.heads[-1]), tuple(fields))
        uow.commit()
    return ConflictRefused("stale", _t("The incident of conflict {id} has been changed here since the conflict "
                                       "was found, so the versions you chose from are no longer the ones compared. "
                                       "The conflict now compares the current version: look at it again (sitcentre "
                                       "conflicts show {id}) and choose again.").format(id=record.id))


def _write(session: Session, record: ConflictRecord, content: dict | None, centre_rev: str, post_rev: str,
           centre_content: dict | None, actor: Actor) -> str:
    """The resolving version: applied to the incident (or the incident deleted) and kept."""
    now = utcnow()
    if content is None:
        rev = canonical.make_rev(centre_rev, None, deleted=True)
        if revisions.head(session, record.row_id) is not None:
            revisions.apply_delete(session, record.row_id)
    else:
        content = dict(content, id=str(record.row_id))
        rev = canonical.make_rev(centre_rev, content)
        revisions.apply_content(session, content, rev=rev, parent_rev=centre_rev, merge_rev=post_rev)
    revisions.store_version(
        session, row_id=record.row_id, rev=rev, parent_rev=centre_rev, merge_rev=post_rev,
        op=revisions.DELETE if content is None else revisions.UPSERT, origin=revisions.own_origin(session),
        author=actor.username, device_time=now, received_at=None, content=content,
        changed=canonical.changed_fields(centre_content, content))
    return rev


def _field_rows(base: dict | None, centre: dict | None, post: dict | None,
                conflicting: set[str]) -> tuple[FieldRow, ...]:
    b, c, p = canonical.fields(base), canonical.fields(centre), canonical.fields(post)
    keys = set(canonical.changed_fields(base, centre)) | set(canonical.changed_fields(base, post)) | set(
        canonical.changed_fields(centre, post)) | conflicting
    order = [k for k in (c or p or b) if k in keys] + sorted(keys - set(c or p or b))
    return tuple(FieldRow(k, b.get(k), c.get(k), p.get(k), k in conflicting) for k in dict.fromkeys(order))


def _summary(session: Session, record: ConflictRecord) -> ConflictSummary:
    number, post = record.number, record.post_code
    if number is None or post is None:  # deleted here: what the kept versions say
        for rev in record.heads:
            version = revisions.get_version(session, record.row_id, rev)
            if version is not None and version.content:
                number = number or version.content.get("number")
                post = post or version.content.get("post")
                break
    return ConflictSummary(
        id=record.id, kind=record.kind, row_id=record.row_id, number=number or record.row_id.hex[:8],
        post=post or "", fields=record.fields, status=record.status, detected_at=record.detected_at,
        origin=record.origin, resolved_by=record.resolved_by, resolved_at=record.resolved_at,
        resolution_rev=record.resolution_rev)
