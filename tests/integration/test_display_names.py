"""Issue 9, defect 7 (accounts): a display name longer than users.display_name (VARCHAR(120)) was a DataError
on PostgreSQL and stored whole on SQLite. Display names are validated like incident text, the same on both
databases, with a plain AccountError (exit 3 on the command line), and nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.auth import AccountError
from sitcentre.services.users import DISPLAY_NAME_LIMIT, UserService
from tests.integration.people import test_settings
from tests.integration.test_cli import assert_fails_plainly
from tests.integration.test_cli_users import add


def _users(engine) -> list[tuple[str, str]]:
    with UnitOfWork(engine) as uow:
        return [tuple(r) for r in uow.session.execute(select(UserRow.username, UserRow.display_name))]


def test_the_display_name_limit_is_the_column_length():
    assert DISPLAY_NAME_LIMIT == UserRow.__table__.c.display_name.type.length


def test_a_display_name_at_the_column_length_is_stored_whole(engine, tmp_path):
    name = "Ж" * DISPLAY_NAME_LIMIT  # characters, not bytes: Cyrillic takes two bytes each in UTF-8
    info = UserService(engine, test_settings(tmp_path)).add("olga", Role.OPERATOR, None, display_name=name,
                                                            actor=SYSTEM)
    assert info.display_name == name
    assert _users(engine) == [("olga", name)]


def test_a_display_name_longer_than_the_column_is_refused_in_plain_words(engine, tmp_path):
    users = UserService(engine, test_settings(tmp_path))
    with pytest.raises(AccountError, match=f"display name is too long: at most {DISPLAY_NAME_LIMIT} characters "
                                           f"\\({DISPLAY_NAME_LIMIT + 1} entered\\)"):
        users.add("olga", Role.OPERATOR, None, display_name="x" * (DISPLAY_NAME_LIMIT + 1), actor=SYSTEM)
    assert _users(engine) == []


@pytest.mark.parametrize("bad", ["Olga\x00", "Olga\nSmith", "Olga\tSmith", "\x1b[31mOlga", "Olga\x9b31m", "Olga\ud800"],
                         ids=["NUL", "newline", "tab", "escape", "C1", "lone-surrogate"])
def test_a_display_name_with_a_control_character_is_refused(engine, tmp_path, bad):
    users = UserService(engine, test_settings(tmp_path))
    with pytest.raises(AccountError, match="display name contains a character that cannot be stored") as caught:
        users.add("olga", Role.OPERATOR, None, display_name=bad, actor=SYSTEM)
    assert "Olga" not in str(caught.value), "the message does not echo the control character back"
    assert _users(engine) == []


def test_surrounding_spaces_do_not_count_towards_the_limit(engine, tmp_path):
    name = "  " + "x" * DISPLAY_NAME_LIMIT + "  "
    info = UserService(engine, test_settings(tmp_path)).add("olga", Role.OPERATOR, None, display_name=name,
                                                            actor=SYSTEM)
    assert info.display_name == "x" * DISPLAY_NAME_LIMIT


def test_user_add_refuses_an_overlong_display_name_with_exit_3(tmp_path, engine, db_url):
    result = add(tmp_path, db_url, "olga", "operator", "--display-name", "x" * 500)
    assert_fails_plainly(result, 3, f"display name is too long: at most {DISPLAY_NAME_LIMIT} characters")
    assert _users(engine) == []


def test_user_add_refuses_a_display_name_with_an_escape_sequence_with_exit_3(tmp_path, engine, db_url):
    result = add(tmp_path, db_url, "olga", "operator", "--display-name", "\x1b[2JOlga")
    assert_fails_plainly(result, 3, "display name contains a character that cannot be stored")
    assert _users(engine) == []
