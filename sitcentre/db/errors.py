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
from sitcentre.domain.i18n import N_, _t

WRITE_CONFLICT_SQLSTATES = ("40001", "40P01")
# invalid_password, invalid_authorization_specification: a bad password, an unknown or a disabled login
LOGIN_REFUSED_SQLSTATES = ("28P01", "28000")
# libpq gives no SQLSTATE for a refused connection, only the server's FATAL text (in the server's language;
# these are PostgreSQL's English messages for 28P01 and 28000)
LOGIN_REFUSED_TEXTS = ("password authentication failed", "is not permitted to log in", "no pg_hba.conf entry",
                       "scram authentication failed", "pam authentication failed")
WRITE_CONFLICT_MESSAGE = N_("Another workstation was saving the same records at the same moment; nothing was "
                            "saved. Try again.")  # translated where raised (_t), in the language spoken then


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a PostgreSQL error (psycopg's exceptions carry it), None otherwise."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(exc, "sqlstate", None)


def is_login_refusal(exc: BaseException) -> bool:
    """The server refused the login itself (bad password, unknown login, login disabled, not allowed from here):
    to a person signing in, one generic refusal, whatever the reason. An unreachable server is not one."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if _needs_tls(text):
        return False  # not the person's password: the address (tls_problem says so)
    if sqlstate(exc) in LOGIN_REFUSED_SQLSTATES:
        return True
    if "role" in text and "does not exist" in text:
        return True
    return any(words in text for words in LOGIN_REFUSED_TEXTS)


class SchemaBehind(SitcentreDbError):
    """The database is behind this app, and the login in use may not migrate it (only the owner does)."""


def tls_problem(exc: BaseException, where: str) -> SitcentreDbError | None:
    """A TLS failure worded for the operator (certificate not trusted, wrong host name, CA file missing)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "does not match host name" in text:
        return DatabaseUnavailable(_t("The server's certificate is not made out to the host name in the address of "
                                      "{where}: use the name the certificate carries, or ask the "
                                      "administrator.").format(where=where))
    if "root certificate file" in text and "does not exist" in text:
        return DatabaseUnavailable(_t("The CA file named in the address of {where} (sslrootcert) does not exist or "
                                      "cannot be read.").format(where=where))
    if "certificate verify failed" in text or "could not load root certificate" in text:
        return DatabaseUnavailable(_t("The server's certificate for {where} is not signed by the CA file in the "
                                      "address (sslrootcert): the connection was refused. Check the CA file with "
                                      "the administrator.").format(where=where))
    if _needs_tls(text):
        return DatabaseUnavailable(_t("The server of {where} accepts only encrypted connections: the address asks "
                                      "for none. Add ?sslmode=verify-full&sslrootcert=/path/to/ca.pem to "
                                      "it.").format(where=where))
    if "server does not support ssl" in text:
        return DatabaseUnavailable(_t("The server of {where} does not offer TLS, and the address asks for "
                                      "it.").format(where=where))
    return None


def _needs_tls(text: str) -> bool:
    """pg_hba.conf has no line (or a reject line) for a connection without TLS: the server wants hostssl."""
    return ("no pg_hba.conf entry" in text or "pg_hba.conf rejects" in text) and "no encryption" in text


def database_named(description: str | None = None) -> str:
    """"the database", or "the database (SQLite /data/post.sqlite)", in the language spoken now: the `where` of
    describe()."""
    if description is None:
        return _t("the database")
    return _t("the database ({name})").format(name=description)


def describe(exc: BaseException, where: str | None = None) -> SitcentreDbError:
    """Map a driver or SQLAlchemy error to one of ours, with a plain-words message. `where`: database_named(...)."""
    if isinstance(exc, SitcentreDbError):
        return exc
    if sqlstate(exc) in WRITE_CONFLICT_SQLSTATES:
        return WriteConflict(_t(WRITE_CONFLICT_MESSAGE))
    where = where or database_named()
    text = str(getattr(exc, "orig", None) or exc).lower()
    where_cap = where[:1].upper() + where[1:]
    if (tls := tls_problem(exc, where)) is not None:
        return tls
    if "database is locked" in text or "database is busy" in text or "lock timeout" in text:
        return DatabaseBusy(_t("{Where} is busy: another program is writing to it. Try again in a moment.").format(
            Where=where_cap, where=where))
    if "database or disk is full" in text or "no space left on device" in text:
        return DatabaseUnavailable(_t("The disk holding {where} is full: free some space and try again.").format(
            Where=where_cap, where=where))
    if "file is not a database" in text or "malformed" in text or "disk image" in text:
        return DatabaseDamaged(_t("{Where} is not a sitcentre database or is damaged.").format(Where=where_cap,
                                                                                               where=where))
    if "unable to open database file" in text or "readonly database" in text:
        return DatabaseUnavailable(_t("Cannot open {where}: check that the folder exists and can be "
                                      "written.").format(Where=where_cap, where=where))
    if "does not exist" in text and "database" in text:
        return DatabaseUnavailable(_t("{Where} does not exist on the server. Check the database name, or ask the "
                                      "administrator to create it.").format(Where=where_cap, where=where))
    if "role" in text and "does not exist" in text:
        return DatabaseUnavailable(_t("The server does not know this user name ({where}). Check the "
                                      "address.").format(Where=where_cap, where=where))
    if "authentication failed" in text or "password" in text and "fe_sendauth" in text:
        return DatabaseUnavailable(_t("The server refused the user name or password for {where}.").format(
            Where=where_cap, where=where))
    unreachable = ("connection", "could not connect", "could not translate host", "timeout expired",
                   "server closed", "no route to host", "name or service not known")
    if isinstance(exc, sqlalchemy.exc.OperationalError) and any(word in text for word in unreachable):
        return DatabaseUnavailable(_t("Cannot reach {where}. Check the address and that the server is "
                                      "running.").format(Where=where_cap, where=where))
    return SitcentreDbError(_t("The database reported an error: {error}").format(
        error=str(getattr(exc, "orig", exc)).strip()))
