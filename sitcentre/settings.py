"""Every setting of the application, declared once with its default.

Values come from the command line, then environment variables, then these defaults. QSettings is used
only by the UI for window geometry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "sitcentre"
APP_AUTHOR = "sitcentre"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    # How many change_log rows to keep; older ones are pruned (listeners far behind reload everything).
    change_log_keep: int = 100_000
    # Seconds an SQLite writer waits for a lock before giving up with "database is busy".
    sqlite_busy_timeout_s: float = 5.0
    # Seconds to wait for a PostgreSQL server before saying it cannot be reached.
    pg_connect_timeout_s: int = 5
    # Backups of the SQLite file made before an upgrade; older ones are deleted.
    backups_kept: int = 5
    # Rows per page of the incident table and per boundary key of its page index.
    page_size: int = 100
    # Hours without a report after which a post's card and map marker turn amber, then red.
    report_amber_hours: float = 24.0
    report_red_hours: float = 72.0
    # Sign-in (services.auth): failed attempts in a row that lock an account, and for how many minutes.
    login_max_failures: int = 5
    login_lockout_minutes: float = 15.0
    # Shortest password accepted for an account (services.users).
    password_min_length: int = 10
    # Operators record and edit incidents of every post (a situation centre takes reports from all of them);
    # False limits each operator to the post of their account (a post's own workstation).
    operators_all_posts: bool = True
    # The origin code a new database's installation starts with (services.installation; $SITCENTRE_ORIGIN):
    # "C", a situation centre. `sitcentre install init` changes it, e.g. to a post's code at a post.
    installation_origin: str = "C"
    # The situation centre's UTC offset in minutes (the region keeps fixed offsets): its "yesterday" is the
    # brief's default day, and times are shown on its clock unless the user chose UTC or post time.
    centre_utc_offset_minutes: int = 300
    # The clock of the incident table's times by default: "centre", "utc" or "post" (each user's own
    # choice from View > Times in is kept in the data folder by sitcentre.preferences).
    times_in: str = "centre"
    # The exchange (issue 13). Reference data received from the centre more than this many days ago is
    # flagged at a post (the lists of posts, substances and accounts may be out of date).
    refdata_stale_days: int = 30
    # Background sync with the centre: seconds between rounds while the link works, and the longest wait
    # after failures (the wait doubles after each failure in a row, up to this).
    sync_interval_s: float = 300.0
    sync_backoff_max_s: float = 3600.0

    @property
    def default_db_path(self) -> Path:
        return self.data_dir / "sitcentre.sqlite"

    @property
    def demo_db_path(self) -> Path:
        return self.data_dir / "demo.sqlite"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def load_settings() -> Settings:
    data_dir = os.environ.get("SITCENTRE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
    return Settings(data_dir=Path(data_dir), installation_origin=os.environ.get("SITCENTRE_ORIGIN") or "C")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def resolve_db_url(cli_url: str | None, settings: Settings, demo: bool = False) -> str:
    """--db, else SITCENTRE_DB, else an SQLite file in the user data folder (a separate one for --demo)."""
    if cli_url is not None:
        if not cli_url.strip():
            from sitcentre.domain.errors import BadDatabaseUrl

            raise BadDatabaseUrl("--db was given an empty address. Give a database address or leave --db out.")
        return cli_url
    env_url = os.environ.get("SITCENTRE_DB")
    if env_url:
        return env_url
    return sqlite_url(settings.demo_db_path if demo else settings.default_db_path)
