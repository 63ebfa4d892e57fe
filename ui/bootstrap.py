"""Qt-free part of start-up: paths, logging and opening (migrating, seeding) the database.

Kept apart from Qt so that it can run, and fail with a clear message, before a QApplication exists,
and so that it can be tested without a display. The engine is handled as an opaque value: ui/ never
imports SQLAlchemy (design rule 1).
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sitcentre.db import migrate
from sitcentre.db.engine import describe_url, make_engine
from sitcentre.db.errors import describe
from sitcentre.logs import SHOWN_TO_USER, setup_logging  # noqa: F401  (re-exported for ui.app and ui.crash)
from sitcentre.services.maintenance import prune_change_log
from sitcentre.settings import Settings, load_settings, resolve_db_url

log = logging.getLogger(__name__)
# What Qt's xcb platform plugin loads (ldd of libqxcb.so, PySide6 6.11), by library name -> Debian/Ubuntu package.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1", "xcb-randr": "libxcb-randr0", "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0", "xcb-shm": "libxcb-shm0", "xcb-sync": "libxcb-sync1", "xcb-util": "libxcb-util1",
    "xcb-xfixes": "libxcb-xfixes0", "xcb-xkb": "libxcb-xkb1", "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0", "X11-xcb": "libx11-xcb1",
}

@dataclass(frozen=True)
class OpenedDatabase:
    """What the window needs to know about the database it works on."""

    engine: object  # an SQLAlchemy Engine, opaque to the UI
    description: str  # e.g. "SQLite C:/data/post.sqlite", never a password
    schema: str | None  # alembic revision after the upgrade
    demo_incidents_seeded: int = 0


class StartupError(Exception):
    """A problem before the window shows that is not the database's fault (folders, display, paths)."""


def prepare_paths() -> Settings:
    """Load settings and make sure the data folder exists (the default database and logs live there)."""
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


def open_database(cli_url: str | None, settings: Settings, demo: bool = False) -> OpenedDatabase:
    """Engine -> migrate (SQLite backed up by migrate itself) -> demo data. Raises SitcentreDbError only.

    Every failure in this phase is a database problem to the operator, so anything unexpected is mapped
    to plain words by sitcentre.db.errors.describe; the original stays chained for the log.
    """
    where = "the database"
    try:
        engine = make_engine(resolve_db_url(cli_url, settings, demo=demo), settings)
        where = f"the database ({describe_url(engine)})"
        status = migrate.upgrade(engine)
        log.info("opened %s, %s", describe_url(engine), status.describe())
        pruned = prune_change_log(engine, settings.change_log_keep)
        if pruned:
            log.info("pruned %d old change_log rows", pruned)
        seeded = _seed_demo(engine) if demo else 0
    except Exception as exc:
        mapped = describe(exc, where)
        if mapped is exc:
            raise
        raise mapped from exc
    return OpenedDatabase(engine, describe_url(engine), status.current, seeded)


def _seed_demo(engine: object) -> int:
    """Fill an empty demo database; the load is one audit entry, so `sitcentre demo` knows it for demo data."""
    from sitcentre.domain.permissions import Actor
    from sitcentre.services.demo import ensure_demo_data
    from sitcentre.services.demo_guard import record_demo_load

    seeded = ensure_demo_data(engine)
    if seeded:
        record_demo_load(engine, Actor.system_actor("demo"), seeded, seed=1)
    log.info("demo database: %d incidents seeded", seeded)
    return seeded
