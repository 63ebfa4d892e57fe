"""Logging for the app and the CLI: a rotating file in the data folder, one plain line per problem on stderr.

Tracebacks go to the log file only; the operator sees words, never a traceback. The log file and its rotated
copies are readable by their owner only (0600), and statement parameters never reach it: every engine is
made with `hide_parameters=True` (sitcentre.db.engine), since a parameter can be a password hash.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from pathlib import Path

from sitcentre.settings import Settings

log = logging.getLogger(__name__)

LOG_FILE_NAME = "sitcentre.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILES_KEPT = 5
# Records carrying this attribute were already shown to the user in plain words; stderr skips them.
SHOWN_TO_USER = "shown_to_user"


class _OneLineFormatter(logging.Formatter):
    """stderr gets one line per problem; tracebacks belong in the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        return f"sitcentre: {record.levelname.lower()}: {record.getMessage()}"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Opens the log file 0600 (also after each rotation), never through a symbolic link or into a device,
    and stays quiet when a write fails (a full disk): the operator already gets the error in one line."""

    def _open(self):
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(self.baseFilename, flags, 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{self.baseFilename} is not an ordinary file")
            if os.name == "posix":
                os.set_blocking(fd, True)
                os.fchmod(fd, 0o600)  # a file left 0644 by an older version
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # never a "--- Logging error ---" traceback on the operator's screen


def _not_yet_shown(record: logging.LogRecord) -> bool:
    return not getattr(record, SHOWN_TO_USER, False)


def setup_logging(settings: Settings, quiet: bool = False) -> Path | None:
    """Rotating log file in the data folder plus warnings on stderr. Returns the log file, if any.

    `quiet`: a log file that cannot be opened is not itself warned about on stderr (the CLI keeps stderr to
    one line per problem)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_sitcentre", False):
            root.removeHandler(handler)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(_OneLineFormatter())
    stderr.addFilter(_not_yet_shown)
    _add_handler(root, stderr)
    log_file = settings.log_dir / LOG_FILE_NAME
    try:
        settings.log_dir.mkdir(parents=True, exist_ok=True)
        _make_old_logs_private(settings.log_dir)
        file_handler = _PrivateRotatingFileHandler(
            log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
        )
    except OSError as exc:
        log.log(logging.INFO if quiet else logging.WARNING, "cannot write the log file %s (%s); logging to stderr "
                "only", log_file, exc)
        return None
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _add_handler(root, file_handler)
    return log_file


def _make_old_logs_private(log_dir: Path) -> None:
    """Rotated copies written by an older version may be 0644 and hold leaked hashes: make every
    sitcentre.log* in the folder 0600. A symbolic link, a device or someone else's file is left alone."""
    if os.name != "posix":
        return
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    for path in log_dir.glob(LOG_FILE_NAME + "*"):
        try:
            fd = os.open(path, flags)
        except OSError:
            continue  # a link (ELOOP), gone meanwhile, or not ours to read
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.fchmod(fd, 0o600)
        except OSError:
            pass  # not our file: nothing we may change
        finally:
            os.close(fd)


def _add_handler(root: logging.Logger, handler: logging.Handler) -> None:
    handler._sitcentre = True  # type: ignore[attr-defined]  # so a second setup replaces, not doubles
    root.addHandler(handler)
