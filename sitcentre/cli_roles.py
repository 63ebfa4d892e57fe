"""`sitcentre db secure`: roles the PostgreSQL server enforces (issue 14; the work is services.db_secure).

  sitcentre --db SUPERUSER_URL db secure [--passwords-out FILE] [--disable-shared-login NAME]

The one-time passwords of the accounts given a login go to FILE ('username password' lines, mode 0600; an
existing FILE is refused) or, without --passwords-out, are printed once on stdout. Nothing else is printed
with them; they are not logged.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sitcentre.db.engine import OPEN_EXISTING, describe_url, make_engine
from sitcentre.db.errors import database_named, describe
from sitcentre.domain.i18n import _t
from sitcentre.exit_codes import EXIT_DATABASE, EXIT_OK, EXIT_USAGE
from sitcentre.logs import SHOWN_TO_USER
from sitcentre.settings import Settings, resolve_db_url

log = logging.getLogger("sitcentre.cli")


def add_secure_command(db_commands) -> None:
    secure = db_commands.add_parser(
        "secure", help=_t("PostgreSQL: create the owner and group roles, move ownership, give every account its "
                       "own login (run with a superuser's address)"))
    secure.add_argument("--passwords-out", metavar="FILE", type=Path,
                        help=_t("write the accounts' one-time passwords here (mode 0600; refused if it exists); "
                             "without it they are printed once"))
    secure.add_argument("--disable-shared-login", metavar="NAME",
                        help=_t("take the old shared login's privileges away and make it NOLOGIN"))


def run_secure(args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services.db_secure import SecureRefused, secure

    url = resolve_db_url(args.db, settings)
    if url.startswith("sqlite"):  # before an engine: it would create a missing file
        return _refused("'db secure' sets up PostgreSQL roles: an SQLite database keeps its own accounts (each "
                        "person's password is checked by sitcentre). Give a PostgreSQL address.", EXIT_USAGE)
    out: Path | None = args.passwords_out
    if out is not None and (out.exists() or out.is_symlink()):
        return _refused(f"{out} exists: the passwords are written only to a new file (move it away or name "
                        "another).", EXIT_USAGE)
    engine = make_engine(url, settings, open_mode=OPEN_EXISTING)
    written: list[Path] = []

    def write_passwords(result) -> None:
        if out is not None and result.logins_made:
            _write_new_file(out, result.logins_made)
            written.append(out)

    try:
        try:
            result = secure(engine, args.disable_shared_login, before_commit=write_passwords)
        except SecureRefused as exc:
            return _refused(str(exc), EXIT_USAGE if exc.usage else EXIT_DATABASE)
        except OSError as exc:
            return _refused(_t("cannot write {path} ({reason}): nothing was changed.").format(
                path=out, reason=exc.strerror or exc), EXIT_USAGE)
        except Exception as exc:
            for path in written:  # the database kept nothing: neither do the passwords
                path.unlink(missing_ok=True)
            raise describe(exc, database_named(describe_url(engine))) from exc
        where = describe_url(engine)
    finally:
        engine.dispose()
    if not result.changed:
        print(_t("{where}: already secured, nothing changed").format(where=where))
        return EXIT_OK
    if result.shared_login_disabled:  # (counts after a colon: Russian has three plural forms)
        done = _t("{where}: secured (role prefix {prefix}): role changes: {roles}, objects now owned by {owner}: "
                  "{objects}, logins made: {made}, logins corrected: {fixed}, the shared login {shared} disabled")
    else:
        done = _t("{where}: secured (role prefix {prefix}): role changes: {roles}, objects now owned by {owner}: "
                  "{objects}, logins made: {made}, logins corrected: {fixed}")
    print(done.format(where=where, prefix=result.database, roles=len(result.roles_made),
                      owner=f"{result.database}_owner", objects=result.objects_moved, made=len(result.logins_made),
                      fixed=len(result.logins_fixed),
                      shared=result.shared_login_disabled))
    if result.logins_made:
        if out is not None:
            print(_t("the one-time passwords are in {path}: hand each to its person; each sets their own at the "
                     "next sign-in").format(path=out))
        else:
            print(_t("one-time passwords (shown once; each person sets their own at the next sign-in):"))
            for username, password in result.logins_made.items():
                print(f"{username} {password}")
    return EXIT_OK


def _write_new_file(path: Path, passwords: dict[str, str]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for username, password in passwords.items():
            handle.write(f"{username} {password}\n")
        handle.flush()
        os.fsync(handle.fileno())


def _refused(message: str, code: int) -> int:
    log.error("%s", message, extra={SHOWN_TO_USER: True})
    print(f"sitcentre: {message}", file=sys.stderr)
    return code
