"""Application start-up in the order of design rule 2, with a clear message and exit code on failure.

args -> paths (settings) -> logging -> backend (engine, migrate with SQLite backed up first, demo data)
-> QApplication -> sign-in (a Desk) -> main window.
Sign-in (ui.shell.login_dialog): --demo signs the demo supervisor in without a
dialog; a database without accounts asks for the first administrator; otherwise the login dialog, whose
Cancel ends the app with exit code 0. A PostgreSQL address without a user name (issue 14): no Backend yet,
the login dialog first (open_database returns a ServerLogin), then the person's own connection is the
Backend (desk.backend); a one-time password is replaced before the window opens. --screenshot never shows a
dialog: without --demo it renders the window for a read-only viewer's desk (nobody signed in, every change
greyed out); on a server where each person signs in it is refused in words.

Everything before the QApplication is Qt-free (ui.shell.bootstrap), so a broken database is
reported before any window appears, and --screenshot works on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from sitcentre.backend import Backend, Desk
from sitcentre.backend.server_login import ServerLogin
from sitcentre.domain.errors import SitcentreDbError
from sitcentre.exit_codes import EXIT_DATABASE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from sitcentre.output_paths import UnsafeOutput, check_target
from sitcentre.settings import APP_AUTHOR, APP_NAME
from ui.charts.chart_export import save_png
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.common.theme import apply_theme, chosen_theme
from ui.shell.bootstrap import (
    StartupError,
    missing_qt_libraries,
    open_database,
    prepare_paths,
    qt_libraries_message,
    setup_logging,
)
from ui.shell.crash import display_available, install_excepthook, install_qt_message_handler, report_fatal
from ui.shell.language import chosen_language, install_language
from ui.shell.login_dialog import READ_ONLY_VIEWER, sign_in, sign_out
from ui.shell.plurals import install_english_plurals
from ui.shell.workstation import Workstation

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1400, 900)


@dataclass(frozen=True)
class Screenshots:
    """What a screenshot run renders (the main window, the new-incident form, or both) and on what screen."""

    window: Path | None
    form: Path | None
    size: tuple[int, int] = SCREENSHOT_SIZE


def run(args: argparse.Namespace) -> int:
    """Start the app; returns the process exit code. Never lets a traceback reach the user."""
    interactive = not (args.screenshot or getattr(args, "screenshot_form", None))
    log_file: Path | None = None
    try:
        settings = prepare_paths()
        log_file = setup_logging(settings)
        install_excepthook(interactive, log_file)
        screenshot = _check_screenshots(args)
        _refuse_without_qt_libraries(screenshot is not None)  # before the database is opened or migrated
        backend = open_database(args.db, settings, demo=args.demo)
    except QtLibrariesMissing as exc:  # no message box: making one would hit the very abort this avoids
        report_fatal(message_for(exc), None, False, log_file)
        return EXIT_ERROR
    except SitcentreDbError as exc:
        report_fatal(message_for(exc), exc, interactive, log_file)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        report_fatal(message_for(exc), exc, interactive, log_file)
        return EXIT_ERROR
    try:
        return _run_gui(backend, args.demo, screenshot, getattr(args, "lang", None), getattr(args, "theme", None))
    except SitcentreDbError as exc:
        report_fatal(message_for(exc), exc, interactive, log_file)
        return EXIT_DATABASE
    except Exception as exc:
        report_fatal(message_for(exc), exc, interactive, log_file)
        return EXIT_ERROR
    finally:
        backend.close()


def _check_screenshots(args: argparse.Namespace) -> Screenshots | None:
    window = _check_screenshot_path(args.screenshot)
    form = _check_screenshot_path(getattr(args, "screenshot_form", None))
    if window is None and form is None:
        return None
    return Screenshots(window, form, getattr(args, "size", None) or SCREENSHOT_SIZE)


def _check_screenshot_path(path: str | None) -> Path | None:
    """Fail before the slow part (migrations, demo data) if the PNG could not be written anyway."""
    if not path:
        return None
    try:  # never the open database, a folder or a device; an existing PNG is replaced (the option asks for it)
        target = check_target(path, replace=True, what="screenshot")
    except UnsafeOutput as exc:
        raise StartupError(f"cannot write the screenshot: {exc}") from None
    folder = target.parent
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise StartupError(f"cannot write the screenshot to {target}: permission denied.")
    return target


class QtLibrariesMissing(StartupError):
    """Qt's xcb plugin would abort the process: which packages to install, in one line."""


def _refuse_without_qt_libraries(screenshot: bool) -> None:
    """A screenshot without a display goes offscreen (no xcb); a window needs the X11 libraries Qt loads."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not display_available():
        return
    if QApplication.instance() is None and (missing := missing_qt_libraries()):
        raise QtLibrariesMissing(qt_libraries_message(missing))


def _make_qapplication(screenshot: Screenshots | None, language: str | None = None,
                       theme: str | None = None) -> QApplication:
    """Pick a headless platform for screenshots without a screen; refuse a GUI run without one."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not display_available():
        os.environ["QT_QPA_PLATFORM"] = _offscreen_platform(screenshot.size)
    if not screenshot and not display_available() and not os.environ.get("QT_QPA_PLATFORM"):
        # Qt would abort the process with its own message; say it plainly instead.
        raise StartupError("no display found (DISPLAY/WAYLAND_DISPLAY unset); use --screenshot PNG without one.")
    install_qt_message_handler()  # the Qt libraries were checked before the database was opened (run)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    install_english_plurals(app)  # "1 alert waiting", "2 alerts waiting" from Qt's %n texts
    install_language(app, language or chosen_language())  # after the plurals: asked first (issue 16)
    apply_theme(app, theme or chosen_theme())  # light or dark, the person's choice (issue 16)
    _remove_screen_config()
    return app  # type: ignore[return-value]


def _offscreen_platform(size: tuple[int, int]) -> str:
    """Qt's headless platform with one screen of the asked size, so the form is fitted to that screen."""
    width, height = size
    screen = {"name": "screenshot", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [screen]}
    with tempfile.NamedTemporaryFile("w", prefix="sitcentre-screen-", suffix=".json", delete=False) as file:
        json.dump(config, file)  # read when the QApplication starts; a few bytes in the temporary folder
    return f"offscreen:configfile={file.name}"


def _remove_screen_config() -> None:
    """The platform read its screen when the QApplication started; the file is not needed any more."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    prefix = "offscreen:configfile="
    if platform.startswith(prefix) and Path(platform[len(prefix):]).name.startswith("sitcentre-screen-"):
        Path(platform[len(prefix):]).unlink(missing_ok=True)


def _run_gui(backend: Backend | ServerLogin, demo: bool, screenshot: Screenshots | None,
             language: str | None = None, theme: str | None = None) -> int:
    app = _make_qapplication(screenshot, language, theme)
    desk = _sign_in(backend, demo, screenshot)
    if desk is None:
        log.info("sign-in cancelled")
        return EXIT_OK
    layout_store = None if screenshot else QSettings()
    workstation = Workstation(desk, demo=demo, layout_store=layout_store, live=not screenshot)
    window = workstation.window
    try:
        if screenshot:
            _wait_for_first_rows(app, workstation)
            return _save_screenshots(app, workstation, screenshot)
        window.show()
        log.info("main window shown")
        return app.exec()
    finally:
        sign_out(workstation.runner, backend.accounts, desk)
        workstation.shutdown()


def _sign_in(backend: Backend | ServerLogin, demo: bool, screenshot: Screenshots | None) -> Desk | None:
    """The desk the window runs for, or None when the person cancelled. Database calls run on a worker;
    a database failure while the accounts are read leaves the backend as SitcentreDbError (exit code 2)."""
    if screenshot is not None and not demo:
        return backend.desk(READ_ONLY_VIEWER)
    runner = TaskRunner(describe_error=message_for)
    try:
        if screenshot is not None:  # never a dialog in a screenshot run
            return sign_in(runner, backend.accounts, demo=True, show=lambda _dialog: False) \
                or backend.desk(READ_ONLY_VIEWER)
        return sign_in(runner, backend.accounts, demo=demo, database=backend.description)
    finally:
        runner.shutdown()


def _wait_for_first_rows(app: QApplication, workstation: Workstation, timeout_s: float = 20.0) -> None:
    """A screenshot should show data: let the first page and the reference lists arrive."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and (workstation.runner.pending() or workstation.reference is None):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    app.processEvents()


def _save_screenshots(app: QApplication, workstation: Workstation, shots: Screenshots) -> int:
    """Render the window at the asked size (and the new-incident form as it opens over it), write PNGs, stop."""
    window = workstation.window
    window.resize(*shots.size)
    window.show()
    _settle(app)
    if shots.window is not None:
        _save_grab(window, shots.window)
    if shots.form is not None:
        workstation.new_incident()
        form = workstation.forms[-1] if workstation.forms else None
        if form is None:
            raise StartupError("cannot render the form: the lists of posts and substances did not load.")
        _settle(app)
        _save_grab(form, shots.form)
        form.close()
    window.close()
    return EXIT_OK


def _settle(app: QApplication) -> None:
    for _ in range(3):  # layout and dock sizes settle over a few event-loop turns
        app.processEvents()


def _save_grab(widget: QWidget, path: Path) -> None:
    try:
        written = save_png(widget.grab().toImage(), path, replace=True)
    except UnsafeOutput as exc:
        raise StartupError(f"cannot write the screenshot: {exc}") from None
    if not written:
        raise StartupError(f"cannot write the screenshot to {path}.")
    log.info("screenshot written to %s", path)
