"""Defect 12 of issue 9: look-alike user names. "аdmin" with a Cyrillic "а" was accepted beside "admin", and the
last-admin guard then let the real admin be disabled. Names are normalised (NFKC, case folded) and a name that
looks like an existing one is refused; the typed name at sign-in and in every account command is normalised
the same way, so existing accounts keep working."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.usernames import normalise_username, skeleton
from sitcentre.services.auth import AccountError, authenticate
from sitcentre.services.users import UserService
from tests.integration.people import PASSWORD, add_user, test_settings

CYRILLIC_A = "\u0430"  # а, looks like the Latin a
GREEK_ALPHA = "\u03b1"  # α
FULLWIDTH_ADMIN = "\uff41\uff44\uff4d\uff49\uff4e"  # ａｄｍｉｎ


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path)


def usernames(engine) -> list[str]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.scalars(select(UserRow.username).order_by(UserRow.id)))


# --- normalising ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["ADMIN", " Admin ", FULLWIDTH_ADMIN, "\uff21\uff24\uff2d\uff29\uff2e"])
def test_case_spaces_and_fullwidth_letters_name_the_same_account(typed):
    assert normalise_username(typed) == "admin"


def test_a_cyrillic_look_alike_is_not_the_same_name_but_has_the_same_skeleton():
    look_alike = CYRILLIC_A + "dmin"
    assert normalise_username(look_alike) != "admin"
    assert skeleton(look_alike) == skeleton("admin") == skeleton(GREEK_ALPHA + "dmin")
    assert skeleton("olga") != skeleton("oleg")


# --- adding ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("look_alike", [
    CYRILLIC_A + "dmin",  # mixed Latin and Cyrillic
    GREEK_ALPHA + "dmin",  # mixed Latin and Greek
    FULLWIDTH_ADMIN,  # the same name once normalised
    "ADMIN",
    "Admin",
])
def test_a_name_that_looks_like_an_existing_account_is_refused(engine, settings, look_alike):
    add_user(engine, settings, "admin", Role.ADMIN)
    with pytest.raises(AccountError) as refused:
        UserService(engine, settings).add(look_alike, Role.ADMIN, None, actor=SYSTEM)
    assert "admin" in str(refused.value)
    assert usernames(engine) == ["admin"]


def test_a_whole_cyrillic_name_that_looks_like_a_latin_one_is_refused(engine, settings):
    add_user(engine, settings, "ace", Role.OPERATOR)
    with pytest.raises(AccountError, match="looks like the existing account 'ace'"):
        UserService(engine, settings).add("\u0430\u0441\u0435", Role.OPERATOR, None, actor=SYSTEM)  # асе
    assert usernames(engine) == ["ace"]


def test_a_name_mixing_scripts_is_refused_with_the_reason(engine, settings):
    with pytest.raises(AccountError, match="one alphabet"):
        UserService(engine, settings).add("ol" + "\u0433" + "a", Role.OPERATOR, None, actor=SYSTEM)  # olгa
    assert usernames(engine) == []


def test_russian_and_latin_names_that_differ_are_both_accepted(engine, settings):
    add_user(engine, settings, "olga", Role.OPERATOR)
    add_user(engine, settings, "\u041e\u043b\u044c\u0433\u0430", Role.OPERATOR)  # Ольга
    add_user(engine, settings, "olga.k-2", Role.OPERATOR)
    assert usernames(engine) == ["olga", "\u043e\u043b\u044c\u0433\u0430", "olga.k-2"]


def test_a_fullwidth_name_is_stored_in_its_plain_form(engine, settings):
    add_user(engine, settings, "\uff2f\uff4c\uff47\uff41", Role.OPERATOR)  # Ｏｌｇａ
    assert usernames(engine) == ["olga"]


# --- signing in and the last administrator -------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["OLGA", "\uff4f\uff4c\uff47\uff41", " Olga"])
def test_the_typed_name_is_normalised_the_same_way_at_sign_in(engine, settings, typed):
    made = add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    assert authenticate(engine, typed, PASSWORD, settings).id == made.id


def test_a_look_alike_typed_at_sign_in_is_not_the_account(engine, settings):
    from sitcentre.services.auth import LoginRefused

    add_user(engine, settings, "olga", Role.OPERATOR, password=PASSWORD)
    with pytest.raises(LoginRefused):
        authenticate(engine, "\u043elga", PASSWORD, settings)  # Cyrillic о


def test_an_account_stored_before_case_folding_still_signs_in(engine, settings):
    made = add_user(engine, settings, "strasse", Role.OPERATOR, password=PASSWORD)
    with engine.begin() as conn:  # "straße".lower() is what the earlier version stored; casefold gives "strasse"
        conn.execute(text("UPDATE users SET username = :n WHERE id = :i"), {"n": "stra\u00dfe", "i": made.id})
    assert authenticate(engine, "Stra\u00dfe", PASSWORD, settings).id == made.id
    UserService(engine, settings).disable("STRA\u00dfE", actor=SYSTEM)
    assert UserService(engine, settings).get("stra\u00dfe", actor=SYSTEM).disabled


@pytest.mark.parametrize("typed", ["ADMIN", FULLWIDTH_ADMIN])
def test_the_last_administrator_cannot_be_disabled_under_another_spelling(engine, settings, typed):
    add_user(engine, settings, "admin", Role.ADMIN)
    with pytest.raises(AccountError, match="last active administrator"):
        UserService(engine, settings).disable(typed, actor=SYSTEM)
    assert not UserService(engine, settings).get("admin", actor=SYSTEM).disabled


def test_a_look_alike_administrator_cannot_be_made_so_the_real_one_stays_the_last(engine, settings):
    add_user(engine, settings, "admin", Role.ADMIN)
    with pytest.raises(AccountError):
        UserService(engine, settings).add(CYRILLIC_A + "dmin", Role.ADMIN, None, actor=SYSTEM)
    with pytest.raises(AccountError, match="last active administrator"):
        UserService(engine, settings).disable("admin", actor=SYSTEM)


def test_disabling_names_the_account_that_was_disabled(engine, settings):
    add_user(engine, settings, "admin", Role.ADMIN)
    add_user(engine, settings, "olga", Role.OPERATOR)
    assert UserService(engine, settings).disable("\uff2f\uff2c\uff27\uff21", actor=SYSTEM) == "olga"
