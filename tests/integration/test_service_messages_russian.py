"""Issue 16: the refusals the services word themselves (accounts, sign-in, installation settings, conflicts) come
in the language spoken (sitcentre.domain.i18n), from the real services on a real database; English stays as it was
outside the block (the command line and the other tests read it)."""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import Role
from sitcentre.domain.i18n import speaking
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services import audit_anchor, conflicts, installation, keys, sync_setup
from sitcentre.services import site_settings as policy
from sitcentre.services.auth import AccountError, LoginRefused, authenticate
from sitcentre.services.users import UserService
from tests.integration.helpers import SETTINGS
from tests.integration.people import PASSWORD, add_user


def refusal(error: type[Exception], call, *args, **kw) -> str:
    with pytest.raises(error) as refused:
        call(*args, **kw)
    return str(refused.value)


def test_account_refusals_are_worded_in_russian_and_stay_english_outside(engine):
    users = UserService(engine, SETTINGS)
    add_user(engine, SETTINGS, "olga", Role.OPERATOR)
    with speaking("ru"):
        short = refusal(AccountError, users.add, "ivan", Role.OPERATOR, "short", actor=SYSTEM)
        taken = refusal(AccountError, users.add, "olga", Role.OPERATOR, None, actor=SYSTEM)
        unknown = refusal(AccountError, users.get, "nobody", actor=SYSTEM)
        role = refusal(AccountError, users.add, "ivan", "captain", None, actor=SYSTEM)
    assert short == f"Пароль слишком короткий: минимальная длина пароля (символов): {SETTINGS.password_min_length}."
    assert taken == "Учётная запись с именем «olga» уже существует."
    assert unknown == "Учётной записи с именем «nobody» нет."
    assert role == "«captain» — не роль: используйте operator, supervisor, admin."
    assert refusal(AccountError, users.add, "ivan", Role.OPERATOR, "short", actor=SYSTEM) == (
        f"The password is too short: use at least {SETTINGS.password_min_length} characters.")
    assert refusal(AccountError, users.add, "olga", Role.OPERATOR, None, actor=SYSTEM) == (
        "There is already an account named 'olga'.")
    assert refusal(AccountError, users.get, "nobody", actor=SYSTEM) == "There is no account named 'nobody'."


def test_the_one_sign_in_refusal_stays_one_in_russian(engine):
    add_user(engine, SETTINGS, "olga", Role.OPERATOR, password=PASSWORD)
    with speaking("ru"):
        wrong_password = refusal(LoginRefused, authenticate, engine, "olga", "not the password", SETTINGS)
        no_account = refusal(LoginRefused, authenticate, engine, "nobody", PASSWORD, SETTINGS)
    assert wrong_password == no_account == (
        "Вход не выполнен: неверное имя пользователя или пароль, либо учётная запись заблокирована или отключена. "
        "Попробуйте ещё раз или обратитесь к администратору.")
    assert refusal(LoginRefused, authenticate, engine, "nobody", PASSWORD, SETTINGS) == (
        "Sign-in refused: the user name or password is not right, or the account is locked or disabled. Try again, "
        "or ask an administrator.")


def test_a_setting_out_of_range_is_refused_in_russian(engine):
    with speaking("ru"):
        out_of_range = refusal(policy.SettingRefused, policy.set_value, engine, SETTINGS, "report_amber_hours", "0",
                               actor=SYSTEM)
        not_a_number = refusal(policy.SettingRefused, policy.set_value, engine, SETTINGS, "report_amber_hours",
                               "a day", actor=SYSTEM)
    assert out_of_range == "report_amber_hours должно быть от 1 до 720, а не «0»."
    assert not_a_number == ("report_amber_hours — число (часов без сообщений, после которых ОПВ отмечается жёлтым), "
                            "а не «a day».")
    assert refusal(policy.SettingRefused, policy.set_value, engine, SETTINGS, "report_amber_hours", "0",
                   actor=SYSTEM) == "report_amber_hours must be between 1 and 720, not '0'."


def test_a_conflict_refusal_is_worded_in_russian(engine):
    with speaking("ru"):
        missing = refusal(conflicts.ConflictRefused, conflicts.dismiss, engine, 999, actor=SYSTEM)
        choice = refusal(conflicts.ConflictRefused, conflicts.parse_take, "both")
    assert missing == "Конфликта версий 999 нет (см. «sitcentre conflicts list»)."
    assert choice == ("«both» — не сторона: укажите centre (центр) или post (ОПВ) (или FIELD=centre|post для "
                      "каждого поля).")
    assert refusal(conflicts.ConflictRefused, conflicts.dismiss, engine, 999, actor=SYSTEM) == (
        "There is no conflict 999 (see 'sitcentre conflicts list').")


def test_key_refusals_are_worded_in_russian(engine, tmp_path):
    with speaking("ru"):
        unknown = refusal(keys.KeyRefused, keys.revoke, engine, "abc123", actor=SYSTEM)
        not_a_key = refusal(keys.KeyFileError, keys.read_key_file, b"not json")
        folder = refusal(keys.KeyFileError, keys.read_key_source, tmp_path)
    assert unknown == ("Ключ с идентификатором «abc123» здесь неизвестен; список ключей показывает "
                       "«sitcentre keys list».")
    assert not_a_key == "Это не файл ключа (это не подписанный документ JSON)."
    assert folder == f"{tmp_path} — папка, а не файл ключа."
    assert refusal(keys.KeyRefused, keys.revoke, engine, "abc123", actor=SYSTEM) == (
        "No key with id 'abc123' is known here; 'sitcentre keys list' shows them.")


def test_installation_and_sync_refusals_are_worded_in_russian(engine):
    with speaking("ru"):
        role = refusal(installation.InstallationError, installation.init, engine, "ship", "X", SYSTEM)
        origin = refusal(installation.InstallationError, installation.init, engine, "post", "ZZ-NONE", SYSTEM)
        address = refusal(sync_setup.SyncSetupError, sync_setup.check_url, "http://centre:8443")
        empty = refusal(sync_setup.SyncSetupError, sync_setup.check_url, "")
    assert role == "Роль должна быть «post» (ОПВ) или «centre» (центр), а не «ship»."
    assert origin == ("Код источника установки ОПВ — это код её ОПВ (например, KZ-KOR); «ZZ-NONE» — не ОПВ этой базы "
                      "данных.")
    assert address == ("Адрес центра должен начинаться с https:// (указано: 'http://centre:8443'): пакеты данных "
                       "передаются в зашифрованном виде.")
    assert empty == ("Адрес центра должен начинаться с https:// (адрес не указан): пакеты данных передаются в "
                     "зашифрованном виде.")
    assert refusal(installation.InstallationError, installation.init, engine, "ship", "X", SYSTEM) == (
        "The role must be 'post' or 'centre', not 'ship'.")
    assert refusal(sync_setup.SyncSetupError, sync_setup.check_url, "") == (
        "The centre's address must begin with https:// (got 'nothing'): the bundles travel encrypted.")


def test_an_unreadable_audit_anchor_is_refused_in_russian(engine):
    with speaking("ru"):
        not_an_anchor = refusal(audit_anchor.AnchorFileError, audit_anchor.read_anchor, b"{}")
    assert not_an_anchor == ("Этот файл не является контрольной точкой журнала аудита, созданной командой "
                             "«sitcentre audit anchor» (или он повреждён).")
    assert refusal(audit_anchor.AnchorFileError, audit_anchor.read_anchor, b"{}") == (
        "This file is not an audit anchor written by 'sitcentre audit anchor' (or it is damaged).")
