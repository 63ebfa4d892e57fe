"""The users noun: the accounts administrators manage, as the desk's actor (no Qt). Writes return Done."""

from __future__ import annotations

from functools import cached_property

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.enums import Role
from sitcentre.services.users import UserInfo, UserService

USERS = Changes.of(Topic.USERS)


class Users(Noun):
    @cached_property
    def _service(self) -> UserService:
        return UserService(self.engine, self.settings)

    def list(self) -> list[UserInfo]:
        return self._service.list(actor=self.actor)

    def get(self, username: str) -> UserInfo:
        return self._service.get(username, actor=self.actor)

    def add(self, username: str, role: Role | str, password: str | None, post_code: str | None = None,
            display_name: str = "") -> Done[UserInfo]:
        """A new account (password None: it cannot sign in until one is set)."""
        info = self._service.add(username, role, password, post_code, display_name, actor=self.actor)
        return Done(info, Changes.of(Topic.USERS, info.id))

    def set_password(self, username: str, password: str) -> Done[None]:
        self._service.set_password(username, password, actor=self.actor)
        return Done(None, USERS)

    def change_own_password(self, current_password: str, new_password: str) -> Done[None]:
        self._service.change_own_password(current_password, new_password, actor=self.actor)
        return Done(None, Changes.of(Topic.USERS, self.actor.id))

    def set_own_password(self, new_password: str) -> Done[None]:
        """Signed in with one's own database login (issue 14): the new password without the current one, which
        the server has just checked (the forced change after a one-time password): services.own_password."""
        from sitcentre.services.own_password import set_own_password

        set_own_password(self.engine, self.actor, new_password, self.settings)
        return Done(None, Changes.of(Topic.USERS, self.actor.id))

    def disable(self, username: str) -> Done[str]:
        return Done(self._service.disable(username, actor=self.actor), USERS)

    def enable(self, username: str) -> Done[str]:
        return Done(self._service.enable(username, actor=self.actor), USERS)

    def unlock(self, username: str) -> Done[str]:
        return Done(self._service.unlock(username, actor=self.actor), USERS)

    def set_role(self, username: str, role: Role | str, post_code: str | None = None) -> Done[str]:
        return Done(self._service.set_role(username, role, post_code, actor=self.actor), USERS)
