"""One online sync round with the centre (issue 13, item 5; docs/exchange.md "Online sync (issue 13)").

1. Export what is new for the centre into `<data_dir>/outbox/` (services.exchange_export: the same file a USB
   stick would carry), only when there is something to say: changes not yet in a bundle, acknowledgements the
   centre has not had, or (when the last bundle was refused or lost) everything it has not confirmed.
2. Upload every bundle file in the outbox, oldest first, each on its own (services.sync_http): taken or
   already held -> `outbox/sent/`; refused -> `outbox/refused/` (logged, reported; the next still goes); a
   network failure stops the uploads of this round (the file stays; a large one resumes where it broke).
3. Download the bundle waiting for this post (signed X-Sitcentre-Auth) and import it (exchange_import).
4. Record the state in exchange_links: last attempt, success, last heard, the error in words, failures in a
   row, and the next attempt (the wait doubles from Settings.sync_interval_s up to sync_backoff_max_s).

The progress callback hears "exporting", "sending" (bytes), "receiving" (bytes) and "importing"; when it raises
Cancelled the round stops where it is (what was sent stays sent, a partial upload resumes next time, a
downloaded bundle not yet imported is dropped: the centre sends it again) and no state is recorded.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.progress import Progress, report
from sitcentre.domain.records import utcnow
from sitcentre.exchange import bundle
from sitcentre.exchange.errors import BundleRejected
from sitcentre.logs import SHOWN_TO_USER
from sitcentre.repositories import feed, revisions
from sitcentre.repositories.links import Link, LinkRepository
from sitcentre.services import sync_http
from sitcentre.services.exchange_export import ExportResult, export_bundle
from sitcentre.services.exchange_import import ImportSummary, import_file, summary_line
from sitcentre.services.guard import authorize, require_actor
from sitcentre.services.keys import OwnIdentity, own_identity
from sitcentre.services.sync_http import Answer, SyncUnreachable
from sitcentre.services.sync_setup import SyncSetupError, centre_origin
from sitcentre.settings import Settings

log = logging.getLogger(__name__)
SHOWN = {SHOWN_TO_USER: True}  # in the round's report already: the log file keeps it, stderr does not repeat it
OUTBOX, SENT, REFUSED, RECEIVED = "outbox", "sent", "refused", "received"
NEWEST_MANIFESTS = 8  # sent bundles read (newest first) to tell what the centre already holds


@dataclass(frozen=True)
class SentBundle:
    file: str
    bundle_id: str
    status: str          # 'imported', 'already' or 'refused'
    message: str = ""
    size: int = 0


@dataclass(frozen=True)
class SyncReport:
    """What one round did; `lines()` says it for a person."""

    peer: str
    url: str
    exported: ExportResult | None = None
    sent: tuple[SentBundle, ...] = ()
    received: ImportSummary | None = None
    refused_here: str = ""     # the centre's bundle refused by this installation, or its download refused there
    error: str = ""            # the network failure that stopped the round, in words
    next_attempt_at: datetime | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def refused(self) -> tuple[SentBundle, ...]:
        return tuple(s for s in self.sent if s.status == "refused")

    @property
    def unreachable(self) -> bool:
        return bool(self.error)

    @property
    def ok(self) -> bool:
        return not self.error and not self.refused and not self.refused_here

    def lines(self) -> list[str]:
        out = []
        if self.exported is not None:
            what = (f"{self.exported.entries} change{'s' if self.exported.entries != 1 else ''}"
                    if self.exported.entries else "acknowledgements only")
            out.append(f"Exported {self.exported.path.name} for {self.peer}: {what}")
        for s in self.sent:
            words = {"imported": "sent, imported by the centre", "already": "sent, the centre already had it",
                     "refused": f"refused by the centre: {s.message}"}[s.status]
            out.append(f"{s.file}: {words}")
        if not self.sent and not self.error:
            out.append("Nothing to send.")
        if self.received is not None:
            out.append(summary_line(self.received))
        elif not self.error and not self.refused_here:
            out.append("Nothing was waiting at the centre.")
        if self.refused_here:
            out.append(self.refused_here)
        if self.error:
            out.append(self.error)
        return out + list(self.notes)


def outbox_folder(settings: Settings) -> Path:
    return Path(settings.data_dir) / OUTBOX


def sync_round(engine: Engine, settings: Settings, *, actor: Actor, progress: Progress | None = None,
               chunk_bytes: int = sync_http.CHUNK_BYTES, resumable_over: int = sync_http.RESUMABLE_OVER) -> SyncReport:
    """One push-and-pull round with the centre of the link (sync_setup.configure first). Raises SyncSetupError
    (no link, no certificate), keys.ExchangeNotReady, Cancelled; a network failure or a refusal is reported."""
    require_actor(actor)
    authorize(engine, actor, Action.EXCHANGE_EXPORT, entity="exchange_link", settings=settings)
    with UnitOfWork(engine) as uow:
        me = own_identity(uow.session)
        peer = centre_origin(uow.session)
        link = LinkRepository(uow.session).get(peer)
    if link is None or not link.url:
        raise SyncSetupError("No address is set for the centre: give it once with "
                             "'sitcentre sync --centre https://HOST:PORT --ca FILE' or Tools > Online sync.")
    if not link.cert_pem:
        raise SyncSetupError("No certificate is pinned for the centre: give it with --ca FILE.")
    outbox = outbox_folder(settings)
    with _one_round_at_a_time(outbox):
        started = utcnow()
        result = _Round(engine, settings, actor, me, link, outbox, progress, chunk_bytes, resumable_over).run()
        next_at = _record(engine, settings, link.origin, started, result)
    return SyncReport(peer=link.origin, url=link.url, exported=result.exported, sent=tuple(result.sent),
                      received=result.received, refused_here=result.refused_here, error=result.error,
                      next_attempt_at=next_at)


@dataclass
class _Outcome:
    exported: ExportResult | None = None
    sent: list[SentBundle] = field(default_factory=list)
    received: ImportSummary | None = None
    refused_here: str = ""
    error: str = ""
    heard: bool = False


class _Round:
    def __init__(self, engine, settings, actor, me: OwnIdentity, link: Link, outbox: Path, progress,
                 chunk_bytes: int, resumable_over: int):
        self.engine, self.settings, self.actor, self.me, self.link = engine, settings, actor, me, link
        self.outbox, self.progress = outbox, progress
        self.chunk_bytes, self.resumable_over = chunk_bytes, resumable_over
        self.out = _Outcome()

    def run(self) -> _Outcome:
        report(self.progress, "exporting", 0, 0)
        self.out.exported = export_if_new(self.engine, self.settings, self.me, self.link.origin, self.outbox,
                                          self.actor, progress=_as_stage(self.progress, "exporting"))
        try:
            with sync_http.open_client(self.link.url, self.link.cert_pem) as client:
                self._send_all(client)
                self._receive(client)
        except SyncUnreachable as exc:
            self.out.error = exc.message
            log.warning("sync with %s: %s", self.link.origin, exc.message, extra=SHOWN)
        return self.out

    def _send_all(self, client) -> None:
        sizes = {path: _size(path) for path in pending_files(self.outbox)}
        total, done = sum(sizes.values()), 0
        for path, size in sizes.items():
            try:
                answer = sync_http.upload(client, path, chunk_bytes=self.chunk_bytes,
                                          resumable_over=self.resumable_over,
                                          sending=lambda sent, _total, base=done: report(self.progress, "sending",
                                                                                         base + sent, total))
                self.out.heard = True
            except FileNotFoundError:  # another round (the command line while the app syncs) took it
                continue
            except ValueError as exc:  # not a bundle (a damaged copy dropped in by hand): never sendable
                answer = Answer("refused", f"This file is not a sitcentre bundle ({exc}).", code="not_a_bundle")
            done += size
            self.out.sent.append(SentBundle(path.name, answer.bundle_id, answer.status, answer.message, size))
            _file_away(path, self.outbox / (REFUSED if answer.refused else SENT))
            if answer.refused:
                log.warning("bundle %s refused by %s (%s): %s", path.name, self.link.origin, answer.code,
                            answer.message, extra=SHOWN)

    def _receive(self, client) -> None:
        report(self.progress, "receiving", 0, 0)
        answer = sync_http.download(client, self.me.origin, self.me.private_key, max_bytes=bundle.Limits().max_file,
                                    receiving=lambda got, total: report(self.progress, "receiving", got, total))
        self.out.heard = True
        if answer.status == "nothing":
            return
        if answer.refused:
            self.out.refused_here = f"The centre refused to send this post's bundle: {answer.message}"
            return
        report(self.progress, "importing", 0, 0)
        self.out.received, self.out.refused_here = self._import(answer)

    def _import(self, answer: Answer) -> tuple[ImportSummary | None, str]:
        """The centre's bundle, written under its usual name in <data_dir>/received/ (the importer records that
        name; a refused file is kept aside in the quarantine folder as from a USB stick), then removed."""
        try:
            name = bundle.file_name(sync_http.manifest_of(answer.data), answer.bundle_id or "x")
        except (ValueError, KeyError, TypeError, OSError):
            name = f"from_{self.link.origin}{bundle.SUFFIX}"
        folder = Path(self.settings.data_dir) / RECEIVED
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(answer.data)
        try:
            return import_file(self.engine, self.settings, path, actor=self.actor,
                               progress=_as_stage(self.progress, "importing")), ""
        except BundleRejected as exc:
            log.warning("the centre's bundle was refused here (%s): %s", exc.code, exc.message, extra=SHOWN)
            return None, f"The centre's bundle was refused here: {exc.message}"
        finally:
            path.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------- the outbox

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


@contextmanager
def _one_round_at_a_time(outbox: Path) -> Iterator[None]:
    """Rounds on one outbox in this process take turns ("Sync now" while the timer's round runs); a round in
    another process (the command line) is tolerated file by file (a file it moved is skipped)."""
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(str(outbox.resolve()), threading.Lock())
    with lock:
        yield

def pending_files(outbox: Path) -> list[Path]:
    """Bundle files waiting in the outbox, oldest first (a hidden temporary of an export is not one)."""
    if not outbox.is_dir():
        return []
    files = [p for p in outbox.iterdir() if p.is_file() and p.suffix == bundle.SUFFIX and not p.name.startswith(".")]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _file_away(path: Path, folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.replace(path, folder / path.name)
        os.utime(folder / path.name)  # when it was sent or refused (_what_to_send reads it)
    except FileNotFoundError:  # moved by another round meanwhile
        pass


def _as_stage(progress: Progress | None, stage: str) -> Progress | None:
    """The exporter's or importer's own stages ('sealing', 'writing', 'checking', ...) as this round's one."""
    if progress is None:
        return None
    return lambda _inner, done, total: progress(stage, done, total)


def export_if_new(engine: Engine, settings: Settings, me: OwnIdentity, peer: str, outbox: Path,
                  actor: Actor, progress: Progress | None = None) -> ExportResult | None:
    """Write a bundle for `peer` into the outbox when there is something to tell it (see _what_to_send);
    None when there is not (no file, no audit row, no cursor moved)."""
    what = _what_to_send(engine, me, peer, outbox, resend_after_s=float(settings.sync_backoff_max_s))
    if what is None:
        return None
    outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
    result = export_bundle(engine, settings, to=peer, out=outbox, since_last=(what == "new"), actor=actor,
                           progress=progress)
    log.info("sync: %s bundle %s for %s (%d entries)", what, result.path.name, peer, result.entries)
    return result


def _what_to_send(engine: Engine, me: OwnIdentity, peer: str, outbox: Path, *,
                  resend_after_s: float) -> str | None:
    """'new' (changes in no bundle yet: only those go), 'resend' (the centre has not confirmed entries that no
    bundle it took holds: a lost one, or one refused more than `resend_after_s` ago (a key the centre has
    trusted since, ...), never a copy every round; everything unconfirmed goes), 'acks' (only acknowledgements
    the centre has not had) or None."""
    audience = feed.ALL if me.role == "post" else peer
    with UnitOfWork(engine, write=True) as uow:  # never committed: sealing and the feed are only counted here
        s = uow.session
        feed.lock_feeds(s)
        last, _hash = feed.last_entry(s, me.origin, me.epoch, audience)
        sent = (feed.cursor(s, me.origin, me.epoch, audience, "sent") or (0, ""))[0]
        if last > sent or revisions.seal_pending(s, limit=1):  # the cheap answers first (no sealing of thousands)
            return "new"
        if revisions.seal_all(s) + feed.materialise(s, me, audience):
            return "new"
        acked = (feed.cursor(s, me.origin, me.epoch, audience, "acked") or (0, ""))[0]
        acks = {(e, a, seq) for e, a, seq, _h in feed.cursors(s, origin=peer, kind="received")}
    manifests = _newest_manifests(outbox)
    if last > acked:
        holders = [(status, at) for status, m, at in manifests if _holds(m, me.epoch, last)]
        refused_at = max((at for status, at in holders if status == REFUSED), default=None)
        if all(status == REFUSED for status, _at in holders) and (
                refused_at is None or time.time() - refused_at > resend_after_s):
            return "resend"
    last_acks = next((m.get("acks") for status, m, _at in manifests if status != REFUSED), None)
    if acks and acks != {(str(a.get("epoch")), str(a.get("audience")), int(a.get("through_seq") or 0))
                         for a in (last_acks or [])}:
        return "acks"
    return None


def _holds(manifest: dict, epoch: str, seq: int) -> bool:
    info = manifest.get("feed") or {}
    return str(info.get("epoch")) == str(epoch) and int(info.get("to_seq") or 0) >= seq


def _newest_manifests(outbox: Path) -> list[tuple[str, dict, float]]:
    """(where, manifest, when it got there) of the newest bundles written for the centre: waiting, sent or
    refused (a refused file's time is when it was refused)."""
    found = [(p.stat().st_mtime_ns, status, p) for status, folder in (("", outbox), (SENT, outbox / SENT),
                                                                     (REFUSED, outbox / REFUSED))
             for p in pending_files(folder)]
    out = []
    for mtime, status, path in sorted(found, key=lambda t: t[0], reverse=True)[:NEWEST_MANIFESTS]:
        try:
            out.append((status, sync_http.manifest_of(path.read_bytes()), mtime / 1e9))
        except (OSError, ValueError, KeyError):
            continue
    return out


# ------------------------------------------------------------------------------------------- the state

def _record(engine: Engine, settings: Settings, origin: str, started: datetime, out: _Outcome) -> datetime:
    """The round's outcome into exchange_links; returns the next attempt. A failure (the centre unreachable,
    or the exchange with it refused as a whole) doubles the wait; success waits the usual interval."""
    now = utcnow()
    failed = bool(out.error or out.refused_here)
    refused = "; ".join(f"{s.file}: {s.message}" for s in out.sent if s.status == "refused")
    with UnitOfWork(engine, write=True) as uow:
        repo = LinkRepository(uow.session)
        link = repo.get(origin, for_update=True)
        failures = (link.failures + 1) if failed else 0
        wait = backoff(settings, failures)
        state = dict(last_attempt_at=started, failures=failures, next_attempt_at=now + timedelta(seconds=wait),
                     last_error=(out.error or out.refused_here) if failed else (
                         f"Refused by the centre: {refused}" if refused else ""))
        if out.heard:
            state["last_heard_at"] = now
        if not failed:
            state["last_success_at"] = now
        repo.save_state(origin, **state)
        uow.commit()
    return state["next_attempt_at"]


def backoff(settings: Settings, failures: int) -> float:
    """Seconds to the next round: the interval, doubled after each failure in a row, at most the maximum."""
    interval = max(float(settings.sync_interval_s), 1.0)
    if failures <= 0:
        return interval
    return min(interval * 2 ** min(failures - 1, 30), max(float(settings.sync_backoff_max_s), interval))
