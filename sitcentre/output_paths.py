"""Where this program may write a file, and how: design rule 13, for every writer (brief, chart PNG/CSV,
screenshots, backups).

A path from a user is refused when it is the open database, its -wal/-shm/-journal, one of its backups
(`<name>.*.bak`), any SQLite database or the -wal/-shm/-journal beside one, a folder, a device, a FIFO or
anything else that is not a regular file, or a symbolic link to one of those. An existing regular file is
replaced only when the caller says the user agreed (`--force`, or the save dialog's own overwrite question).
The bytes go to a temporary file in the same folder, are flushed to disk (fsync) and renamed over the target:
the file appears whole or not at all, and nothing is left behind on failure. A new file gets the permissions
the umask allows; a replaced file keeps its own.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

SQLITE_HEADER = b"SQLite format 3\x00"
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")
_open_databases: set[Path] = set()
_lock = threading.Lock()


class UnsafeOutput(ValueError):
    """A path this program must not write to; the message is in the operator's words."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class OutputExists(UnsafeOutput):
    """The file exists and nobody said it may be replaced: ask, or use another name."""


def protect_database(path: str | os.PathLike) -> None:
    """Remember an SQLite file this process opens, so that no writer ever replaces it or its companions."""
    with _lock:
        _open_databases.add(_real(Path(path)))


def protected_databases() -> frozenset[Path]:
    with _lock:
        return frozenset(_open_databases)


def check_target(out: str | os.PathLike, *, replace: bool = False, what: str = "file") -> Path:
    """The absolute path to write, or UnsafeOutput saying why it may not be written."""
    if not str(out).strip():
        raise UnsafeOutput(f"No {what} name was given: name the file to write.", Path())
    path = Path(out).expanduser().absolute()
    real = _real(path)
    _refuse_database(path, real)
    _refuse_companion_of_any_database(path, real)
    try:
        info = os.stat(path)  # follows a symbolic link: what matters is what it points at
    except (FileNotFoundError, NotADirectoryError):  # the folder checks below say which
        info = None
    except OSError as exc:
        raise UnsafeOutput(f"Cannot write {path}: {exc.strerror or exc}.", path) from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UnsafeOutput(f"{path} is a folder: give a file name inside it.", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UnsafeOutput(f"{path} is not an ordinary file (a device or a pipe); choose another file name.", path)
    if info is not None and _is_sqlite_file(real):
        raise UnsafeOutput(f"{path} is a database; choose another file name.", path)
    if info is None and path.is_symlink():
        raise UnsafeOutput(f"{path} is a link to nothing; choose another file name.", path)
    folder = path.parent
    if not folder.exists():
        raise UnsafeOutput(f"Cannot write {path}: the folder {folder} does not exist.", path)
    if not folder.is_dir():
        raise UnsafeOutput(f"Cannot write {path}: {folder} is a file, not a folder.", path)
    if info is not None and not replace:
        raise OutputExists(f"{path} already exists; choose another file name or agree to replace it.", path)
    return path


@contextmanager
def atomic_write(out: str | os.PathLike, *, replace: bool = False, text: bool = False,
                 file_mode: int | None = None, what: str = "file") -> Iterator[IO]:
    """A stream to a temporary file beside the checked target, renamed over it only when the block succeeds.

    `text=True` gives a UTF-8 text stream with no newline translation (csv writes its own line ends).
    `file_mode`: by default a new file gets what the umask allows (0666 & ~umask, as open() would give) and
    a replaced file keeps its own permissions, so a private file stays private."""
    target = check_target(out, replace=replace, what=what)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    try:
        with os.fdopen(fd, "w" if text else "wb", **({"encoding": "utf-8", "newline": ""} if text else {})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, _mode_for(target) if file_mode is None else file_mode)  # mkstemp makes it 0600
        check_target(target, replace=replace, what=what)  # the path may have changed while we wrote
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise _write_error(target, exc) from exc
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def write_bytes(out: str | os.PathLike, data: bytes, *, replace: bool = False, what: str = "file") -> Path:
    with atomic_write(out, replace=replace, what=what) as stream:
        stream.write(data)
    return Path(out).expanduser().absolute()


def _write_error(target: Path, exc: OSError) -> UnsafeOutput:
    if exc.errno == 28:  # ENOSPC
        return UnsafeOutput(f"Cannot write {target}: the disk is full.", target)
    return UnsafeOutput(f"Cannot write {target}: {exc.strerror or exc}.", target)


def _refuse_database(path: Path, real: Path) -> None:
    for database in protected_databases():
        if real == database or path == database:
            raise UnsafeOutput(f"{path} is the open database; choose another file name.", path)
        for companion in DATABASE_COMPANIONS:
            if real == database.with_name(database.name + companion):
                raise UnsafeOutput(f"{path} belongs to the open database; choose another file name.", path)
        if real.parent == database.parent and real.name.startswith(database.name + ".") \
                and real.name.endswith(".bak"):
            raise UnsafeOutput(f"{path} is a backup of the open database; choose another file name.", path)


def _refuse_companion_of_any_database(path: Path, real: Path) -> None:
    """A -wal/-shm/-journal has no SQLite header of its own: judge it by the database file beside it, which
    another program may have open (replacing its WAL loses or corrupts that program's commits)."""
    for candidate in {path, real}:
        for companion in DATABASE_COMPANIONS:
            if not candidate.name.endswith(companion) or candidate.name == companion:
                continue
            base = candidate.with_name(candidate.name[: -len(companion)])
            if os.path.isfile(base) and _is_sqlite_file(base):  # never open a pipe: it would wait forever
                raise UnsafeOutput(f"{path} belongs to the database {base}; choose another file name.", path)


def _mode_for(target: Path) -> int:
    """The permissions to give the new file: the replaced file's own, else what the umask allows."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode) & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask without changing it where Linux can tell (/proc); elsewhere set and restore it."""
    with suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    with _lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser().absolute()))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
