"""Sign-in and first set-up, before anyone is signed in (no Qt): each way in returns the signed-in Desk.

    desk = backend.accounts.sign_in("karimov", password)    # LoginRefused: one message, whatever was wrong
    backend.accounts.sign_out(desk)                          # the end of the session, audited

Database errors leave as the project's own (sitcentre.domain.errors), as from every noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitcentre.backend.noun import Noun
from sitcentre.services import auth

if TYPE_CHECKING:
    from sitcentre.backend.core import Backend, Desk


class Accounts(Noun):
    """Runs as the system until someone has signed in; the desks it returns act for the person."""

    def __init__(self, backend: Backend):
        super().__init__(backend.system_desk("accounts"))
        self._backend = backend

    def has_users(self) -> bool:
        """False on a database nobody can sign in to yet: the first start asks for the first administrator."""
        return auth.has_users(self.engine)

    def sign_in(self, username: str, password: str) -> Desk:
        """The person's desk, or LoginRefused. Every attempt is audited; failures count towards a lock-out."""
        return self._backend.desk(auth.authenticate(self.engine, username, password, settings=self.settings))

    def create_first_admin(self, username: str, password: str, display_name: str = "") -> Desk:
        """The first administrator, signed in; AccountError once any account exists."""
        return self._backend.desk(auth.create_first_admin(self.engine, username, password, display_name,
                                                          settings=self.settings))

    def demo_desk(self) -> Desk:
        """The demo supervisor (--demo), created when missing; AccountError on a database with real accounts."""
        return self._backend.desk(auth.ensure_demo_user(self.engine))

    def sign_out(self, desk: Desk) -> None:
        """Audit the end of a person's session; nothing for the system or the read-only viewer."""
        if desk.actor.id is not None and not desk.actor.system:
            auth.logout(self.engine, desk.actor)

    def check_username(self, username: str) -> str:
        """The name as it will be stored, or AccountError saying why not (no database)."""
        return auth.check_username(username)

    def check_password(self, password: str, username: str) -> None:
        """AccountError when the password breaks a rule of the settings (no database)."""
        auth.check_password(password, username, self.settings)
