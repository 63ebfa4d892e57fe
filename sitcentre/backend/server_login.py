"""Sign-in to a PostgreSQL server where each person is a database login (issue 14), before any Backend exists.

A PostgreSQL address without a user name (postgresql://centre.example/sitcentre?sslmode=verify-full&...)
means: the sign-in dialog comes first, then the app connects as the person's own login `D.<username>` with
the typed password, and the Backend is theirs. The server checks the password (SCRAM-SHA-256); the desk's
actor is the account whose db_login is the session's user. Nothing of the password is written on the
workstation: it lives in the engine's memory while the app runs.

    login = ServerLogin.for_address(url, settings)      # None: the address names a user, or is SQLite
    desk = login.sign_in("karimov", password)           # LoginRefused: one message, whatever was wrong
    if login.password_change_required(desk):
        desk = login.set_new_password(desk, new)        # signed in afresh with the new password
    login.sign_out(desk); login.close()

It answers what the sign-in dialog asks of `backend.accounts` (has_users, sign_in, sign_out, check_username,
check_password, settings, description); the demo and first-administrator sign-ins are refused in words.
"""

from __future__ import annotations

import logging

from sitcentre.backend.core import Backend, Desk
from sitcentre.db.engine import describe_address, parse_url, signs_in_to_server
from sitcentre.db.errors import database_named, describe
from sitcentre.db.roles import login_name
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.accounts import AccountError, LoginRefused
from sitcentre.domain.permissions import Actor
from sitcentre.domain.usernames import USERNAME_PATTERN, normalise_username
from sitcentre.services import audit_writing as audit
from sitcentre.services import auth, db_logins
from sitcentre.services.audit_writing import AuditAction
from sitcentre.settings import Settings, resolve_db_url

log = logging.getLogger(__name__)

NO_DEMO = ("The demo sign-in is not offered on a server where each person has a database login. Sign in with "
           "your login.")
NO_FIRST_ADMIN = ("On a server where each person has a database login, the first administrator is made when the "
                  "server is set up (deploy/setup_centre.sh, or 'sitcentre db secure'). Ask the server's "
                  "administrator.")
NO_VIEWER = ("A screenshot cannot sign in to a server where each person has a database login: give an address "
             "with a user name, or start the app without --screenshot.")


class ServerLogin:
    """backend.accounts for a user-less PostgreSQL address: each sign-in opens that person's own Backend."""

    server_sign_in = True  # the dialog says "your database login" instead of "your sitcentre account"

    def __init__(self, url: str, settings: Settings):
        if not isinstance(settings, Settings):
            raise TypeError("ServerLogin needs the Settings built at start-up")
        parsed = parse_url(url)  # BadDatabaseUrl before any dialog
        self.url = url
        self.settings = settings
        self.database = parsed.database
        self.description = describe_address(parsed)
        self._opened: list[Backend] = []

    @classmethod
    def for_address(cls, cli_url: str | None, settings: Settings, demo: bool = False) -> ServerLogin | None:
        """A ServerLogin when the address (--db, else SITCENTRE_DB) is PostgreSQL without a user name."""
        url = resolve_db_url(cli_url, settings, demo=demo)
        return cls(url, settings) if signs_in_to_server(url) else None

    @property
    def accounts(self) -> ServerLogin:
        """What the start-up code asks a Backend for: here the sign-in itself."""
        return self

    # ----------------------------------------------------------------------------------- signing in

    def has_users(self) -> bool:
        """Always: whoever cannot sign in has no login yet (the server's administrator makes the first one)."""
        return True

    def sign_in(self, username: str, password: str) -> Desk:
        """The person's desk on their own connection, or LoginRefused (bad password, unknown or disabled login,
        or a login no account is mapped to). An unreachable server is DatabaseUnavailable, in words."""
        name = normalise_username(username)
        if not USERNAME_PATTERN.fullmatch(name) or not password:
            raise LoginRefused()
        try:
            login = login_name(self.database, name)
        except ValueError:  # too long for a login: no such login can exist
            raise LoginRefused() from None
        backend = Backend.open_as(self.url, login, password, self.settings)
        try:
            actor = _session_actor(backend, login)
        except BaseException:
            backend.close()
            raise
        self._opened.append(backend)
        return backend.desk(actor)

    def password_change_required(self, desk: Desk) -> bool:
        """True when the person signs in with a one-time password (`sitcentre db secure`, or one an
        administrator set): a new one must be set before the main window opens."""
        try:
            with UnitOfWork(desk.engine) as uow:
                row = db_logins.account_of_login(uow.session, db_logins.session_login(uow.session))
                return bool(row is not None and row.password_change_required)
        except Exception as exc:
            raise describe(exc) from exc

    def set_new_password(self, desk: Desk, new_password: str) -> Desk:
        """Set the person's new password (server and offline hash), then sign in afresh with it: the old
        connection's password is no longer the login's. Returns the new desk; the old one is closed."""
        self.check_password(new_password, desk.actor.username)
        desk.users.set_own_password(new_password)
        fresh = self.sign_in(desk.actor.username, new_password)
        self._close_backend(desk.backend)
        return fresh

    def sign_out(self, desk: Desk) -> None:
        """Audit the end of the session (its backend is closed with close())."""
        if desk.actor.id is not None and not desk.actor.system:
            auth.logout(desk.engine, desk.actor)

    def create_first_admin(self, username: str, password: str, display_name: str = "") -> Desk:
        raise AccountError(NO_FIRST_ADMIN)

    def demo_desk(self) -> Desk:
        raise AccountError(NO_DEMO)

    def desk(self, actor: Actor) -> Desk:
        """Nobody signed in has no connection here (the --screenshot viewer): refused in words."""
        raise AccountError(NO_VIEWER)

    def check_username(self, username: str) -> str:
        return auth.check_username(username)

    def check_password(self, password: str, username: str) -> None:
        auth.check_password(password, username, self.settings)

    def close(self) -> None:
        """Close every connection a sign-in opened."""
        while self._opened:
            self._opened.pop().close()

    def _close_backend(self, backend: Backend) -> None:
        if backend in self._opened:
            self._opened.remove(backend)
        backend.close()


def _session_actor(backend: Backend, login: str) -> Actor:
    """The account mapped to the session's login (audited sign-in), or LoginRefused: none, or disabled."""
    try:
        with UnitOfWork(backend.engine, write=True) as uow:
            session_user = db_logins.session_login(uow.session)
            row = db_logins.account_of_login(uow.session, session_user)
            if row is None or row.disabled:
                log.warning("the login %s has no enabled account on this database", session_user)
                raise LoginRefused()
            actor = auth.actor_of(row)
            audit.append(uow.session, actor, AuditAction.LOGIN, "user", row.id, after={"db_login": session_user})
            uow.commit()
    except LoginRefused:
        raise
    except Exception as exc:
        raise describe(exc, database_named(backend.description)) from exc
    log.info("signed in as %s (%s) with the database login %s", actor.username, actor.role, login)
    return actor

