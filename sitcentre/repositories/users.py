"""The users rows: accounts for sign-in, the permission check's fresh look at an account, and their management.

Rows go out as UserRow objects for the account services (sitcentre.services.auth/users), which turn them
into Actors and UserInfos; nothing outside sitcentre/services sees them.
"""

from __future__ import annotations

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import PostRow, UserRow
from sitcentre.domain.enums import Role
from sitcentre.domain.usernames import lookup_names

Account = UserRow  # the row an account service reads (its fields: username, role, disabled, ...)


class UserRepository:
    def __init__(self, session: Session):
        self.session = session

    # ------------------------------------------------------------------------------------- finding

    def access(self, user_id: int):
        """(disabled, role, post_id) of the account as it is now, or None when it is gone."""
        return self.session.execute(select(UserRow.disabled, UserRow.role, UserRow.post_id)
                                    .where(UserRow.id == user_id)).first()

    def find(self, username: str, for_update: bool = False) -> UserRow | None:
        """The account a typed name means: its normalised form, else the form earlier versions stored."""
        names = [n[:64] for n in lookup_names(username)]
        query = (select(UserRow).where(UserRow.username.in_(names))
                 .order_by(case((UserRow.username == names[0], 0), else_=1)).limit(1))
        return self.session.scalars(query.with_for_update() if for_update else query).first()

    def get(self, user_id: int | None, for_update: bool = False) -> UserRow | None:
        query = select(UserRow).where(UserRow.id == user_id)
        return self.session.scalars(query.with_for_update() if for_update else query).first()

    def named(self, username: str) -> UserRow | None:
        """The account stored under exactly this name."""
        return self.session.scalars(select(UserRow).where(UserRow.username == username)).first()

    def id_of(self, username: str) -> int | None:
        return self.session.scalar(select(UserRow.id).where(UserRow.username == username))

    def password_state(self, user_id: int, for_update: bool = False):
        """(password_hash, disabled) of the account, or None when it is gone."""
        query = select(UserRow.password_hash, UserRow.disabled).where(UserRow.id == user_id)
        return self.session.execute(query.with_for_update() if for_update else query).first()

    def any(self) -> bool:
        return self.session.execute(select(UserRow.id).limit(1)).first() is not None

    def count_other_than(self, username: str) -> int:
        return self.session.scalar(select(func.count()).select_from(UserRow).where(UserRow.username != username)) or 0

    def usernames(self) -> list[str]:
        return list(self.session.scalars(select(UserRow.username)))

    def other_active_admins(self, user_id: int) -> int:
        return self.session.scalar(select(func.count()).select_from(UserRow).where(
            UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False), UserRow.id != user_id)) or 0

    def with_post_codes(self, user_id: int | None = None) -> list[tuple[UserRow, str | None]]:
        """Accounts with their post's code, by name (one account when `user_id` is given)."""
        query = select(UserRow, PostRow.code).outerjoin(PostRow, PostRow.id == UserRow.post_id)
        if user_id is not None:
            query = query.where(UserRow.id == user_id)
        return [tuple(r) for r in self.session.execute(query.order_by(UserRow.username))]

    def post_id_of_code(self, post_code: str) -> int | None:
        """The id of the post with this code (any case), for an account's post."""
        return self.session.scalar(select(PostRow.id).where(func.upper(PostRow.code) == post_code.strip().upper()))

    # ------------------------------------------------------------------------------------- writing

    def add(self, **fields) -> UserRow:
        """A new account row, flushed (its id known)."""
        row = UserRow(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def set(self, user_id: int, **values) -> None:
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(**values))
