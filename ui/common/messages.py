"""From an exception to the words an operator reads: the one place ui/ does this (issue 11, item 6).

The backend raises only the project's own errors (sitcentre.domain.errors and the domain's validation,
permission and conflict errors), each already worded for a person; anything else is a defect, logged with
its traceback by whoever caught it, and shown as a short sentence pointing at the log.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sitcentre.domain.errors import ConflictError, OperatorError, SitcentreDbError
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.domain.validation import ValidationError
from sitcentre.output_paths import UnsafeOutput


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def message_for(exc: BaseException) -> str:
    """What the operator reads for `exc`."""
    if isinstance(exc, ValidationError):
        return "\n".join(p.message for p in exc.problems)
    if isinstance(exc, PermissionDenied):
        return exc.message
    if isinstance(exc, ConflictError | OperatorError | SitcentreDbError | LookupError | UnsafeOutput):
        return str(exc)
    if isinstance(exc, OSError):  # a file the operator named could not be written or read
        return _t("The file could not be written: {0}").format(exc.strerror or str(exc))
    return _t("Something went wrong ({kind}: {text}). The details are in the log file.").format(
        kind=type(exc).__name__, text=str(exc).strip() or "-")
