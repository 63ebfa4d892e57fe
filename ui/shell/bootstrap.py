"""Qt-free part of start-up: paths, logging and opening (migrating, seeding) the database.

Kept apart from Qt so that it can run, and fail with a clear message, before a QApplication exists,
and so that it can be tested without a display. The database is opened by sitcentre.backend.Backend:
ui/ never holds an engine or imports SQLAlchemy (design rule 1, issue 11).
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from collections.abc import Callable, Mapping

from sitcentre.backend import Backend
from sitcentre.backend.server_login import ServerLogin
from sitcentre.domain.errors import OperatorError
from sitcentre.logs import SHOWN_TO_USER, setup_logging  # noqa: F401  (re-exported for ui.shell.app and ui.shell.crash)
from sitcentre.settings import Settings, load_settings

log = logging.getLogger(__name__)
# What Qt's xcb platform plugin loads (ldd of libqxcb.so, PySide6 6.11), by library name -> Debian/Ubuntu package.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1", "xcb-randr": "libxcb-randr0", "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0", "xcb-shm": "libxcb-shm0", "xcb-sync": "libxcb-sync1", "xcb-util": "libxcb-util1",
    "xcb-xfixes": "libxcb-xfixes0", "xcb-xkb": "libxcb-xkb1", "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0", "X11-xcb": "libx11-xcb1",
}


class StartupError(OperatorError):
    """A problem before the window shows that is not the database's fault (folders, display, paths), worded
    for the operator (ui.common.messages.message_for shows it as it is)."""


def prepare_paths() -> Settings:
    """Load settings and make sure the data folder exists (the default database and logs live there).

    The one place the app loads its settings: everything after start-up gets them from the backend."""
    settings = load_settings()
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StartupError(
            f"cannot create the data folder {settings.data_dir}: {exc.strerror or exc}. "
            "Set SITCENTRE_DATA_DIR to a folder you can write."
        ) from exc
    return settings


def missing_qt_libraries(env: Mapping[str, str] | None = None,
                         find_library: Callable[[str], str | None] = ctypes.util.find_library,
                         platform: str = sys.platform) -> list[str]:
    """The packages to install before Qt can open a window on X11; [] when Qt will not use xcb.

    Qt aborts the whole process with its own message when its xcb plugin cannot load, so this runs before
    the QApplication exists: on Linux, QT_QPA_PLATFORM unset or xcb, and a DISPLAY (an unset platform under
    Wayland goes to Qt's Wayland plugin instead)."""
    env = os.environ if env is None else env
    qpa = env.get("QT_QPA_PLATFORM", "")
    uses_xcb = qpa.startswith("xcb") or (not qpa and not env.get("WAYLAND_DISPLAY"))
    if not platform.startswith("linux") or not uses_xcb or not env.get("DISPLAY"):
        return []
    return [package for library, package in XCB_LIBRARIES.items() if not find_library(library)]


def qt_libraries_message(missing: list[str]) -> str:
    return (f"cannot open a window: the X11 libraries Qt needs are missing ({', '.join(missing)}); "
            f"install them with: sudo apt-get install {' '.join(missing)}")


def open_database(cli_url: str | None, settings: Settings, demo: bool = False) -> Backend | ServerLogin:
    """Engine -> migrate (SQLite backed up by migrate itself) -> old change_log rows pruned -> demo data.

    A PostgreSQL address without a user name opens nothing yet (issue 14): each person signs in to the server
    with their own login, so the ServerLogin answers for `backend.accounts` and the sign-in dialog comes
    first; the person's Backend (desk.backend) is opened by the sign-in, never migrating.
    Raises the project's database errors only (sitcentre.domain.errors): every failure in this phase is a
    database problem to the operator, worded by the backend; the original stays chained for the log.
    """
    login = ServerLogin.for_address(cli_url, settings, demo=demo)
    if login is not None:
        log.info("%s: each person signs in with their own database login", login.description)
        return login
    return Backend.open(cli_url, settings, demo=demo)
