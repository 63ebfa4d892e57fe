"""Logging for the app and the CLI: a rotating file in the data folder, one plain line per problem on stderr.

Tracebacks go to the log file only; the operator sees words, never a traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
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


def _not_yet_shown(record: logging.LogRecord) -> bool:
    return not getattr(record, SHOWN_TO_USER, False)


def setup_logging(settings: Settings) -> Path | None:
    """Rotating log file in the data folder plus warnings on stderr. Returns the log file, if any."""
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
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to stderr only", log_file, exc)
        return None
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _add_handler(root, file_handler)
    return log_file


def _add_handler(root: logging.Logger, handler: logging.Handler) -> None:
    handler._sitcentre = True  # type: ignore[attr-defined]  # so a second setup replaces, not doubles
    root.addHandler(handler)
