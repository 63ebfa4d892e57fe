"""How problems reach the operator: one plain line on stderr, a message box when there is a screen,
the traceback in the log file. Never a bare traceback, never a silent crash.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.shell.bootstrap import SHOWN_TO_USER

log = logging.getLogger(__name__)
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def display_available() -> bool:
    """True when Qt can put a window on a screen (a headless platform or no X/Wayland means no)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return not platform.startswith(HEADLESS_PLATFORMS)
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def report_fatal(message: str, exc: BaseException | None, interactive: bool, log_file: Path | None) -> None:
    """Log the traceback, print one line to stderr and, when someone is looking at a screen, show a box."""
    if logging.getLogger().handlers:  # before setup_logging, logging's last resort would print a traceback
        log.error("%s", message, exc_info=exc, extra={SHOWN_TO_USER: True})
    message = message[:1].upper() + message[1:]
    one_line = " ".join(message.split())
    print(f"sitcentre: {one_line}", file=sys.stderr, flush=True)
    if interactive and display_available():
        _message_box(_tr("sitcentre cannot start"), message, log_file)


def _message_box(title: str, message: str, log_file: Path | None) -> None:
    """A modal critical box; creates a QApplication if start-up failed before there was one."""
    try:
        _app = QApplication.instance() or QApplication([sys.argv[0]])  # kept alive while the box shows
        details = _tr("Details are in the log file:") + f"\n{log_file}" if log_file else ""
        box = QMessageBox(QMessageBox.Icon.Critical, title, message)
        if details:
            box.setInformativeText(details)
        box.exec()
    except Exception:  # the box is a courtesy; the line on stderr and the log already say it all
        log.exception("could not show the error message box")


def install_excepthook(interactive: bool, log_file: Path | None) -> None:
    """Errors escaping a Qt slot would otherwise go to stderr and be lost: log them and tell the user."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        log.error("unexpected error: %s", text, exc_info=(exc_type, exc, tb), extra={SHOWN_TO_USER: True})
        print(f"sitcentre: unexpected error: {text}", file=sys.stderr, flush=True)
        if showing or not interactive or QApplication.instance() is None or not display_available():
            return
        showing = True  # an error raised while the box is open must not stack up more boxes
        try:
            _message_box(_tr("Unexpected error"), _tr("Something went wrong:") + f"\n{text}", log_file)
        finally:
            showing = False

    sys.excepthook = hook


# Qt's debug/info/warning output is developer diagnostics (e.g. "This plugin does not support
# propagateSizeHints()") that an operator cannot act on: it goes to the log file, not stderr.
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.DEBUG,
    QtMsgType.QtWarningMsg: logging.INFO,
    QtMsgType.QtCriticalMsg: logging.WARNING,
    QtMsgType.QtFatalMsg: logging.ERROR,
}


def install_qt_message_handler() -> None:
    """Route Qt's own messages into Python logging under the "qt" logger."""
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(kind, logging.INFO), "%s", message)

    qInstallMessageHandler(handler)
