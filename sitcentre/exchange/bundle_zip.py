"""Reading a bundle's zip in memory, never extracting it (sitcentre.exchange.bundle, checks 1-2): only the
known member names, no duplicates, folders or paths, deflate only, declared sizes and compression ratio within
Limits, and every member read through a bounded reader, since a zip's headers can lie."""

from __future__ import annotations

import io
import logging
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from sitcentre.exchange.errors import BundleRejected

log = logging.getLogger("sitcentre.exchange.bundle")

ENVELOPE, ENTRIES, AUDIT, REFDATA = "envelope.json", "entries.jsonl", "audit.jsonl", "refdata.json"
MEMBERS = (ENVELOPE, ENTRIES, AUDIT, REFDATA)  # also the order inside the zip
PARTS = (ENTRIES, AUDIT, REFDATA)  # the members listed in the manifest's "parts"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Generous for real use (the entries of a 100,000-record bundle are 100-200 MB uncompressed), small enough
    that a hostile file cannot exhaust memory."""

    max_file: int = 256 * 2**20      # the bundle file itself
    max_member: int = 512 * 2**20    # one member, uncompressed
    max_total: int = 768 * 2**20     # all members, uncompressed
    max_ratio: int = 200             # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1 * 2**20     # small members may compress well without being bombs
    max_envelope: int = 4 * 2**20    # envelope.json (the manifest is inside it)
    max_directory: int = 64 * 2**10  # the zip's central directory (four members need a few hundred bytes)


def _reject(code: str, words: str, **kwargs: Any) -> BundleRejected:
    return BundleRejected(code, words, **kwargs)


def _read_members(data: bytes, limits: Limits) -> dict[str, bytes]:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise _reject("not_zip", "This is not a bundle file.")
    if len(data) > limits.max_file:
        raise _reject("too_large", f"The bundle file is larger than {limits.max_file // 2**20} MB; "
                                   "it is not one this program would write.")
    data = data if isinstance(data, bytes) else bytes(data)
    _check_directory_size(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error,
            IndexError, OverflowError) as exc:
        raise _reject("not_zip", "This is not a bundle file, or the file is cut short.") from exc
    except (NotImplementedError, UnicodeDecodeError) as exc:
        raise _reject("bad_member", "The bundle holds a member this program does not read.") from exc
    _check_names(names, infos)
    _check_declared_sizes(infos, limits)
    members, total = {}, 0
    for info in infos:
        members[info.filename] = _bounded_read(archive, info, limits, limits.max_total - total)
        total += len(members[info.filename])
    return members


def _check_directory_size(data: bytes, limits: Limits) -> None:
    """Refuse a central directory larger than four members need before zipfile reads it: millions of tiny
    entries would otherwise become millions of objects in memory. The end record is found by zipfile's own
    reader, so this check and zipfile agree on which directory is meant (zip64 included)."""
    try:
        reader = zipfile._EndRecData  # the same (private) reader ZipFile uses
        fields = (zipfile._ECD_SIZE, zipfile._ECD_ENTRIES_TOTAL, zipfile._ECD_ENTRIES_THIS_DISK)
    except AttributeError:  # a Python whose zipfile reads it otherwise: the declared-size checks still hold
        log.warning("zipfile._EndRecData is gone: the zip directory size is not checked before reading")
        return
    try:
        end = reader(io.BytesIO(data))
    except (OSError, ValueError, struct.error, zipfile.BadZipFile, EOFError, OverflowError) as exc:
        raise _reject("not_zip", "This is not a bundle file, or the file is cut short.") from exc
    if end is None:
        raise _reject("not_zip", "This is not a bundle file, or the file is cut short.")
    size, entries, entries_here = (end[field] for field in fields)
    if size > limits.max_directory or entries > len(MEMBERS) or entries_here > len(MEMBERS):
        raise _reject("bad_member", "The bundle holds members this program does not read.")


def _check_names(names: list[str], infos: list[zipfile.ZipInfo]) -> None:
    if len(set(names)) != len(names):
        raise _reject("bad_member", "The bundle holds the same member twice.")
    for info in infos:
        name = info.filename
        if info.orig_filename != name or name not in MEMBERS or info.is_dir() or "/" in name or "\\" in name \
                or ".." in name:
            raise _reject("bad_member", f"The bundle holds a member this program does not read "
                                        f"({_shown(info.orig_filename)}).")
        if info.flag_bits & 0x41:  # 0x01 encrypted, 0x40 strong encryption
            raise _reject("bad_member", f"{name} in the bundle is encrypted.")
        if info.compress_type != zipfile.ZIP_DEFLATED:
            raise _reject("bad_member", f"{name} in the bundle is compressed in a way this program does not "
                                        "write.")
    for required in (ENVELOPE, ENTRIES):
        if required not in names:
            raise _reject("bad_member", f"The bundle has no {required}.")


def _shown(name: str) -> str:
    return repr(name[:60])[1:-1]


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        cap = limits.max_envelope if info.filename == ENVELOPE else limits.max_member
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > cap or total > limits.max_total \
                or (info.file_size > limits.ratio_floor and ratio > limits.max_ratio):
            raise _bomb(info.filename)


def _bomb(name: str) -> BundleRejected:
    return _reject("zip_bomb", f"{name} in the bundle unpacks to far more than a bundle holds; it was not read.")


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, room: int) -> bytes:
    """Read at most the cap + 1 bytes, whatever the headers say (they can lie)."""
    cap = min(limits.max_envelope if info.filename == ENVELOPE else limits.max_member, room)
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(min(_CHUNK, cap + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    raise _bomb(info.filename)
                if size > limits.ratio_floor and size / max(info.compress_size, 1) > limits.max_ratio:
                    raise _bomb(info.filename)
    except BundleRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error, IndexError,
            OverflowError) as exc:
        # a CRC or deflate error, a local header that disagrees with the directory: damaged on the way
        raise _reject("bad_part", f"{info.filename} in the bundle is damaged.") from exc
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, encryption
        raise _reject("bad_member", f"{info.filename} in the bundle cannot be read by this program.") from exc
    return b"".join(chunks)
