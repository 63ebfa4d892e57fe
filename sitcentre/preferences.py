"""Choices a user makes in the program and expects to find again (the clock times are shown in), per user.

The defaults are declared in sitcentre.settings (design rule 10); this module only keeps what each
signed-in user changed, in `preferences.json` in the data folder: {"user name": {"times_in": "utc"}}.
Free-form ones (FREE_FORM: the exchange folder's path) hold any short text; "" clears them.
QSettings stays for window geometry. A missing or unreadable file means "defaults", never an error: a
preference is a convenience. The file is written whole (temporary file, fsync, rename) and private (0600).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from sitcentre.settings import Settings

log = logging.getLogger(__name__)
FILE_NAME = "preferences.json"
KNOWN = {"times_in": ("centre", "utc", "post")}  # preference -> accepted values
# preferences that hold any text (a folder's path); "" = not set. sheet_import_folder: where the spreadsheet
# import wizard last found a file (issue 15)
FREE_FORM = frozenset({"exchange_folder", "sheet_import_folder"})
MAX_TEXT = 4096


def _path(settings: Settings) -> Path:
    return settings.data_dir / FILE_NAME


def _read(settings: Settings) -> dict:
    try:
        data = json.loads(_path(settings).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("preferences not read, defaults used: %s", exc)
        return {}
    return data if isinstance(data, dict) else {}


def load_preference(settings: Settings, username: str, key: str) -> str:
    """The user's choice, or the default declared in Settings (a free-form one: "" when not set)."""
    mine = _read(settings).get(username)
    value = mine.get(key) if isinstance(mine, dict) else None
    if key in FREE_FORM:
        return value if isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value else ""
    default = getattr(settings, key)
    return value if value in KNOWN[key] else default


def save_preference(settings: Settings, username: str, key: str, value: str) -> None:
    """Remember the user's choice; a failure to write is logged, not raised (the choice still applies now)."""
    if key in FREE_FORM:
        if not isinstance(value, str) or len(value) > MAX_TEXT or "\x00" in value:
            raise ValueError(f"{key} cannot be {value!r}")
    elif value not in KNOWN[key]:
        raise ValueError(f"{key} cannot be {value!r}")
    data = _read(settings)
    mine = data.get(username)
    mine = {k: v for k, v in (mine if isinstance(mine, dict) else {}).items() if k != key}
    data[username] = {**mine, key: value} if value else mine  # "" clears a free-form preference
    target = _path(settings)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".part", dir=target.parent)  # 0600
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        log.warning("preference %s not saved: %s", key, exc)
