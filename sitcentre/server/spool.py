"""The server's spool folder (docs/exchange.md, "Online sync"): partial uploads and refused files, within a
disk quota, so junk or a flood never fills the disk.

    <spool>/uploads/<bundle id>.<total length>.part   an interrupted upload, resumed by PATCH
    <spool>/refused/<time>_<code>_<random>.scb         a bundle refused (damaged, unknown key...), kept aside
    <spool>/outbox/<random>/                           the bundle being returned to a caller (removed after)

Every byte written under uploads/ and refused/ is reserved first (`reserve`); one process owns the spool, so an
in-memory count under a lock is exact; it starts from what is on disk. The outbox is not counted: it holds
our own exports, one per authenticated download, removed once sent.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

PARTIAL_TTL_S = 24 * 3600  # a partial upload not continued for a day is removed
# Refused files may take at most this share of the quota: nothing removes them but a person, so junk alone
# could otherwise fill the quota for good and leave no room for real posts' resumable uploads.
REFUSED_SHARE = 0.5


class Spool:
    def __init__(self, folder: str | os.PathLike, quota_bytes: int):
        self.folder = Path(folder)
        self.quota = int(quota_bytes)
        self.uploads = self.folder / "uploads"
        self.refused = self.folder / "refused"
        self.outbox = self.folder / "outbox"
        for sub in (self.folder, self.uploads, self.refused, self.outbox):
            sub.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = threading.Lock()
        shutil.rmtree(self.outbox, ignore_errors=True)  # left by a server that was killed while sending
        self.outbox.mkdir(mode=0o700, exist_ok=True)
        self._used = 0
        self.expire()
        self._used = sum(_size(p) for p in self._counted_files())
        self._refused_used = sum(_size(p) for p in self.refused.iterdir() if p.is_file())

    # ------------------------------------------------------------------------------------------- the quota

    @property
    def used(self) -> int:
        with self._lock:
            return self._used

    def reserve(self, n: int) -> bool:
        """Count n more bytes if the quota allows them; False (nothing counted) when it does not."""
        with self._lock:
            if self._used + n > self.quota:
                return False
            self._used += n
            return True

    def release(self, n: int) -> None:
        with self._lock:
            self._used = max(0, self._used - n)

    def remove(self, path: Path) -> None:
        """Delete a counted file and give its bytes back to the quota."""
        size = _size(path)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        except OSError:
            log.exception("cannot remove %s from the spool", path)
            return
        self.release(size)

    def expire(self, now: float | None = None) -> int:
        """Remove partial uploads untouched for PARTIAL_TTL_S; how many were removed."""
        now = time.time() if now is None else now
        removed = 0
        for path in list(self.uploads.glob("*.part")):
            try:
                stale = now - path.stat().st_mtime > PARTIAL_TTL_S
            except OSError:
                continue
            if stale:
                self.remove(path)
                removed += 1
                log.info("removed the partial upload %s (not continued for a day)", path.name)
        return removed

    def _counted_files(self):
        for sub in (self.uploads, self.refused):
            yield from (p for p in sub.iterdir() if p.is_file())

    def disk_usage(self) -> int:
        """What uploads/ and refused/ hold on disk now (tests compare it with the quota)."""
        return sum(_size(p) for p in self._counted_files())

    # ------------------------------------------------------------------------------------------- refused files

    def keep_refused(self, data: bytes, code: str) -> Path | None:
        """Keep a refused bundle aside if the quota allows it (refused files at most REFUSED_SHARE of it, so
        the rest stays for real uploads); None (logged) when it does not."""
        with self._lock:
            room = self._refused_used + len(data) <= self.quota * REFUSED_SHARE
            if room:
                self._refused_used += len(data)
        if not room or not self.reserve(len(data)):
            if room:
                with self._lock:
                    self._refused_used -= len(data)
            log.warning("a refused upload (%s, %d bytes) was not kept: the spool's quota (%d bytes) is full",
                        code, len(data), self.quota)
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        safe_code = "".join(c for c in code if c.isalnum() or c == "_")[:32] or "refused"
        target = self.refused / f"{stamp}_{safe_code}_{uuid.uuid4().hex[:8]}.scb"
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        except OSError:
            log.exception("a refused upload (%s) could not be kept at %s", code, target)
            target.unlink(missing_ok=True)
            self.release(len(data))
            with self._lock:
                self._refused_used -= len(data)
            return None
        log.info("refused upload (%s, %d bytes) kept at %s", code, len(data), target)
        return target

    # ------------------------------------------------------------------------------------------- the outbox

    def outbox_folder(self) -> Path:
        """A new empty folder for one export (remove it with drop_outbox)."""
        folder = self.outbox / uuid.uuid4().hex
        folder.mkdir(mode=0o700)
        return folder

    @staticmethod
    def drop_outbox(folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
