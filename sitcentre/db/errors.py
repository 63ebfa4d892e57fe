"""Database failures turned into messages an operator understands. The traceback goes to the log."""

from __future__ import annotations

import sqlalchemy.exc

from sitcentre.domain.errors import (  # noqa: F401 - the project's own errors, re-exported for db callers
    BadDatabaseUrl,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnavailable,
    SchemaDamaged,
    SchemaTooNew,
    SitcentreDbError,
    WriteConflict,
)

WRITE_CONFLICT_SQLSTATES = ("40001", "40P01")
WRITE_CONFLICT_MESSAGE = ("Another workstation was saving the same records at the same moment; nothing was saved. "
                          "Try again.")


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a PostgreSQL error (psycopg's exceptions carry it), None otherwise."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(exc, "sqlstate", None)


def describe(exc: BaseException, where: str = "the database") -> SitcentreDbError:
    """Map a driver or SQLAlchemy error to one of ours, with a plain-words message."""
    if isinstance(exc, SitcentreDbError):
        return exc
    if sqlstate(exc) in WRITE_CONFLICT_SQLSTATES:
        return WriteConflict(WRITE_CONFLICT_MESSAGE)
    text = str(getattr(exc, "orig", None) or exc).lower()
    where_cap = where[:1].upper() + where[1:]
    if "database is locked" in text or "database is busy" in text or "lock timeout" in text:
        return DatabaseBusy(f"{where_cap} is busy: another program is writing to it. Try again in a moment.")
    if "database or disk is full" in text or "no space left on device" in text:
        return DatabaseUnavailable(f"The disk holding {where} is full: free some space and try again.")
    if "file is not a database" in text or "malformed" in text or "disk image" in text:
        return DatabaseDamaged(f"{where_cap} is not a sitcentre database or is damaged.")
    if "unable to open database file" in text or "readonly database" in text:
        return DatabaseUnavailable(f"Cannot open {where}: check that the folder exists and can be written.")
    if "does not exist" in text and "database" in text:
        return DatabaseUnavailable(f"{where_cap} does not exist on the server. Check the database name, "
                                   "or ask the administrator to create it.")
    if "role" in text and "does not exist" in text:
        return DatabaseUnavailable(f"The server does not know this user name ({where}). Check the address.")
    if "authentication failed" in text or "password" in text and "fe_sendauth" in text:
        return DatabaseUnavailable(f"The server refused the user name or password for {where}.")
    unreachable = ("connection", "could not connect", "could not translate host", "timeout expired",
                   "server closed", "no route to host", "name or service not known")
    if isinstance(exc, sqlalchemy.exc.OperationalError) and any(word in text for word in unreachable):
        return DatabaseUnavailable(f"Cannot reach {where}. Check the address and that the server is running.")
    return SitcentreDbError(f"The database reported an error: {str(getattr(exc, 'orig', exc)).strip()}")
