"""The desk's exchange in files (issue 13, item 1): who this installation is, whom it sends bundles to, exporting
and importing a bundle with progress and Cancel, and what an exchange folder (a USB stick, a shared folder)
holds for it. No Qt.

Export and import are the same services as `sitcentre bundle export|import` (services.exchange_export,
services.exchange_import): they check the permission again (Action.EXCHANGE_EXPORT / EXCHANGE_IMPORT, a refusal
audited), and a Cancelled raised by `progress` leaves nothing. Their refusals leave this noun as the project's
own errors, worded for a person: BundleRefused (with the stable `code`; `unknown_key` means a supervisor must
trust the sender's key first), ExchangeNotSetUp (no key pair yet), ExportNotPossible; an existing target file
is output_paths.OutputExists (replace only after the person agreed).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from sitcentre.backend.noun import Noun
from sitcentre.db.tables import ExchangeLinkRow, PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.progress import Progress
from sitcentre.exchange import bundle
from sitcentre.exchange.errors import BundleRejected
from sitcentre.exchange.signing import fingerprint
from sitcentre.repositories import inbox, peer_feed
from sitcentre.repositories.keys import KeyRepository
from sitcentre.services import exchange_intake, keys
from sitcentre.services.exchange_export import ExportRefused, ExportResult, export_bundle
from sitcentre.services.exchange_import import ImportSummary, import_file
from sitcentre.services.incident_lookup import incidents_by_id

__all__ = ["BundleRecord", "BundleRefused", "Exchange", "ExchangeNotSetUp", "ExportNotPossible", "ExportResult",
           "FoundBundle", "Identity", "ImportSummary", "Peer", "RESULTS", "SUFFIX"]

log = logging.getLogger(__name__)
SUFFIX = bundle.SUFFIX
# The results an import counts, in the order the summary shows them (ImportSummary field, record_ids key).
RESULTS = (("added", "added"), ("updated", "updated"), ("unchanged", "unchanged"), ("merged", "merged"),
           ("conflicts", "conflict"), ("held", "held"), ("errors", "error"))
# keys.apply_registry marks a key decided from a centre's key registry this way (decided_by)
_VIA_REGISTRY = "centre key "
_NAME = re.compile(r"^(?P<sender>[A-Za-z0-9-]+)_to_(?P<recipient>[A-Za-z0-9-]+)_\d{6,}-\d{6,}_[0-9a-f]{8}\.scb$")


class BundleRefused(OperatorError):
    """The whole bundle was refused, nothing written. `code` is exchange.errors.BundleRejected's; `kept_at`
    where the file was copied aside (or None)."""

    def __init__(self, code: str, message: str, *, kept_at: Path | None = None, origin: str | None = None):
        super().__init__(message)
        self.code = code
        self.kept_at = kept_at
        self.origin = origin

    @property
    def unknown_key(self) -> bool:
        return self.code == "unknown_key"


class ExchangeNotSetUp(OperatorError):
    """No key pair yet: `sitcentre install init` was never run on this database."""

    def __init__(self, message: str = "This installation cannot exchange bundles yet: it has no signing key. "
                                      "Run 'sitcentre install init --role post|centre --origin CODE' first."):
        super().__init__(message)


class ExportNotPossible(OperatorError):
    """An export that cannot be made as asked (an unknown recipient)."""


@dataclass(frozen=True)
class Identity:
    origin: str
    role: str  # "post" | "centre"
    key_id: str
    fingerprint: str  # groups of four hex digits, as people compare it


@dataclass(frozen=True)
class Peer:
    """An installation this one sends bundles to."""

    origin: str
    name: str  # a post's name, or "" when only the code is known
    role: str  # "centre" | "post"

    @property
    def label(self) -> str:
        return f"{self.origin} — {self.name}" if self.name and self.name != self.origin else self.origin


@dataclass(frozen=True)
class FoundBundle:
    """A bundle file in an exchange folder. `problem` is "" for one addressed to this installation and not yet
    imported; otherwise why it is not offered (another recipient, written here, damaged, unknown key, ...)."""

    path: Path
    size: int
    modified: datetime
    sender: str = ""
    recipient: str = ""
    bundle_id: str = ""
    problem: str = ""
    code: str = ""  # BundleRejected code when refused ("unknown_key", ...), "foreign", "own"; "" when offered

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def importable(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class BundleRecord:
    """One incident behind a count of an import's summary."""

    id: uuid.UUID | None
    record_id: str  # as the bundle named it
    number: str  # "" when the incident is not here (held, or in error)
    post: str
    reason: str = ""

    @property
    def openable(self) -> bool:
        return self.id is not None and bool(self.number)


class Exchange(Noun):
    def __init__(self, desk):
        super().__init__(desk)
        self._opened: dict[tuple[str, int, int], tuple[str, str, str, str, str]] = {}  # scan_folder's cache

    # ------------------------------------------------------------------------------------------- who

    def identity(self) -> Identity | None:
        """This installation's origin, role and key fingerprint; None before `sitcentre install init`."""
        try:
            with UnitOfWork(self.engine) as uow:
                me = keys.own_identity(uow.session)
        except keys.ExchangeNotReady:
            return None
        return Identity(me.origin, me.role, me.key_id, fingerprint(me.public_key))

    def peers(self) -> list[Peer]:
        """Whom this installation exports to. At a post: its own centre, i.e. the centre keys trusted here
        directly (from its seed, or by a supervisor), or its sync link; a centre key that only came through the
        centre's key registry (another country's centre) is not a recipient. At a centre: its own posts
        (peer_feed.our_posts: the posts of the countries of the posts whose keys it holds), then its peer
        centres (exchange links with a sharing policy)."""
        me = self.identity()
        if me is None:
            return []
        with UnitOfWork(self.engine) as uow:
            s = uow.session
            if me.role == "centre":
                ours = peer_feed.our_posts(s)
                posts = [(code, name) for code, name in s.execute(select(PostRow.code, PostRow.name)
                                                                  .order_by(PostRow.code)) if code in ours]
                centres = {origin for origin, _policy, enabled in peer_feed.peers(s) if enabled}
            else:
                posts = []
                centres = {k.origin for k in KeyRepository(s).in_states("trusted")
                           if k.role == "centre" and not (k.decided_by or "").startswith(_VIA_REGISTRY)}
                centres |= {origin for (origin,) in s.execute(select(ExchangeLinkRow.origin))}
        centres.discard(me.origin)
        found = [Peer(code, name or "", "post") for code, name in posts if code != me.origin]
        return found + [Peer(origin, "", "centre") for origin in sorted(centres - {c for c, _ in posts})]

    # ------------------------------------------------------------------------------------------- moving

    def export(self, to: str, out: str | os.PathLike, progress: Progress | None = None,
               replace: bool = False) -> Done[ExportResult]:
        """Write the bundle for `to` into `out` (a folder: under its usual name; or a file). An existing file is
        output_paths.OutputExists unless `replace` (asked first)."""
        try:
            result = export_bundle(self.engine, self.settings, to=to, out=out, force=replace, actor=self.actor,
                                   progress=progress)
        except keys.ExchangeNotReady as exc:
            raise ExchangeNotSetUp() from exc
        except ExportRefused as exc:
            raise ExportNotPossible(str(exc)) from exc
        return Done(result, Changes.of(Topic.INCIDENTS) | Changes.of(Topic.AUDIT))

    def import_file(self, path: str | os.PathLike, progress: Progress | None = None) -> Done[ImportSummary]:
        """Import a bundle file. BundleRefused when refused (the file copied aside); Cancelled leaves nothing."""
        try:
            summary = import_file(self.engine, self.settings, path, actor=self.actor, progress=progress)
        except keys.ExchangeNotReady as exc:
            raise ExchangeNotSetUp() from exc
        except BundleRejected as exc:
            raise BundleRefused(exc.code, exc.message, kept_at=getattr(exc, "kept_at", None),
                                origin=exc.origin) from exc
        if summary.already:
            return Done(summary, Changes())
        return Done(summary, Changes.all())

    # ------------------------------------------------------------------------------------------- the folder

    def scan_folder(self, folder: str | os.PathLike) -> list[FoundBundle]:
        """Bundle files in `folder`, oldest first: those addressed to this installation and not imported yet
        (problem ""), and those that are not for it with the reason. Never raises for a file; a missing folder
        (a USB stick taken out) is an empty list."""
        me = self.identity()
        if me is None:
            return []
        try:
            paths = [p for p in Path(folder).expanduser().iterdir()
                     if p.name.endswith(SUFFIX) and not p.name.startswith(".")]
        except OSError:
            return []
        found = []
        for path in paths:
            item = self._examine(path, me)
            if item is not None:
                found.append(item)
        offered = [f.bundle_id for f in found if f.importable]
        if offered:
            with UnitOfWork(self.engine) as uow:
                done = {b for b in offered if inbox.bundle_summary(uow.session, b) is not None}
            found = [f for f in found if not (f.importable and f.bundle_id in done)]
        return sorted(found, key=lambda f: (f.modified, f.name))

    def _examine(self, path: Path, me: Identity) -> FoundBundle | None:
        try:
            info = path.stat()
            if not path.is_file():
                return None
        except OSError:
            return None
        base = FoundBundle(path, info.st_size, datetime.fromtimestamp(info.st_mtime, UTC))
        named = _NAME.match(path.name)
        if named and named["sender"] == _safe(me.origin):
            return _with(base, named["sender"], named["recipient"], "", "own",
                         f"written here for {named['recipient']}")
        if named and named["recipient"] != _safe(me.origin):
            return _with(base, named["sender"], named["recipient"], "", "foreign",
                         f"addressed to {named['recipient']}, not to this installation ({me.origin})")
        key = (str(path), info.st_size, info.st_mtime_ns)
        if key not in self._opened:
            self._opened[key] = self._open(path, info.st_size)
        sender, recipient, bundle_id, code, problem = self._opened[key]
        return _with(base, sender, recipient, bundle_id, code, problem)

    def _open(self, path: Path, size: int) -> tuple[str, str, str, str, str]:
        """(sender, recipient, bundle id, code, problem) after the checks an import makes before writing."""
        cap = bundle.Limits().max_file
        if size > cap:
            return "", "", "", "too_large", f"{size:,} bytes: a bundle is at most {cap:,}"
        try:
            data = path.read_bytes()
        except OSError as exc:
            return "", "", "", "unreadable", f"cannot be read: {exc.strerror or exc}"
        try:
            with UnitOfWork(self.engine) as uow:
                me = keys.own_identity(uow.session)
                opened = bundle.open_bundle(data, keys=functools.partial(keys.key_info, uow.session),
                                            me_origin=me.origin, me_installation_id=me.installation_id,
                                            known_revisions=exchange_intake.known_revisions(), entries=False)
        except BundleRejected as exc:
            sender = exc.origin or ""
            if exc.code == "unknown_key":
                try:
                    sender = bundle.claimed_sender(data).origin
                except BundleRejected:
                    pass
            return sender, "", "", exc.code, exc.message
        manifest = opened.manifest
        return (str(manifest["from"]["origin"]), str((manifest.get("to") or {}).get("origin") or ""),
                opened.bundle_id, "", "")

    # ------------------------------------------------------------------------------------------- the summary

    def summary_records(self, summary: ImportSummary, result: str) -> list[BundleRecord]:
        """The incidents behind one count of `summary` (`result`: "added", "updated", "unchanged", "merged",
        "conflict", "held", "error"), with their numbers and, for errors and held ones, the reason. At most
        exchange_import.RECORDS_KEPT of them."""
        record_ids = list(dict.fromkeys(summary.record_ids(result)))
        reasons = dict(summary.error_details) if result == "error" else {}
        if result == "held":
            reasons = dict.fromkeys(record_ids, "waiting for an earlier version that has not arrived yet")
        ids = {rid: _uuid(rid) for rid in record_ids}
        rows = incidents_by_id(self.engine, [i for i in ids.values() if i is not None])
        found = []
        for record_id in record_ids:
            row = rows.get(ids[record_id])
            found.append(BundleRecord(ids[record_id] if row is not None else None, record_id,
                                      (row.number or "") if row is not None else "",
                                      row.post_name if row is not None else "", reasons.get(record_id, "")))
        return found


def _with(base: FoundBundle, sender: str, recipient: str, bundle_id: str, code: str, problem: str) -> FoundBundle:
    return FoundBundle(base.path, base.size, base.modified, sender, recipient, bundle_id, problem, code)


def _safe(origin: str) -> str:
    """An origin as exchange.bundle.file_name writes it into a file name."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", origin or "").strip("-")[:32] or "X"


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except (ValueError, TypeError):
        return None
