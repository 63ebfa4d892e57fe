"""Signing in at start-up: the first administrator, the login dialog, --demo, and cancelling.

The dialogs are driven as a person would fill them, then `submit()` (what Enter or the button calls);
the checks run on the real task runner's worker against SQLite and PostgreSQL. The start-up flow is
given a stand-in for the blocking exec(); the two runs of ui.shell.app.run() close their windows with timers.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from sitcentre.backend import Backend
from sitcentre.domain.enums import Role
from sitcentre.services.auth import REFUSED_MESSAGE, has_users
from tests.integration.people import PASSWORD, add_user, audit_rows, test_settings
from tests.ui.stations import make_station
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.shell import app as app_module
from ui.shell.login_dialog import READ_ONLY_VIEWER, FirstAdminDialog, LoginDialog, sign_in
from ui.shell.main_window import MainWindow

TIMEOUT_MS = 15_000


@pytest.fixture
def runner():
    tasks = TaskRunner(message_for)
    yield tasks
    tasks.shutdown()


@pytest.fixture
def settings(tmp_path: Path):
    return test_settings(tmp_path, password_min_length=12, login_max_failures=3)


@pytest.fixture
def accounts(engine, settings):
    """Sign-in before anyone is signed in: the backend's accounts, as ui.shell.app passes them."""
    return Backend(engine, settings).accounts


def login_dialog(qtbot, runner, accounts) -> LoginDialog:
    dialog = LoginDialog(runner, accounts, "test database")
    qtbot.addWidget(dialog)
    return dialog


def first_admin_dialog(qtbot, runner, accounts) -> FirstAdminDialog:
    dialog = FirstAdminDialog(runner, accounts, "test database")
    qtbot.addWidget(dialog)
    return dialog


def try_password(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    assert dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT_MS)


# --- the first administrator -----------------------------------------------------------------------

def test_the_first_admin_dialog_creates_the_admin_and_signs_them_in(qtbot, runner, accounts, engine, settings):
    dialog = first_admin_dialog(qtbot, runner, accounts)
    dialog.username.setText("Chief")
    dialog.display_name.setText("B. Chief")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)

    with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS) as signal:
        assert dialog.submit()

    actor = signal.args[0]
    assert (actor.username, actor.role, actor.label) == ("chief", Role.ADMIN, "B. Chief")
    assert dialog.actor == actor and dialog.result() == QDialog.DialogCode.Accepted
    assert has_users(engine)
    assert [r.action for r in audit_rows(engine, username="chief")] == ["create", "login"]


def test_the_first_admin_dialog_shows_each_problem_beside_its_field_and_creates_nothing(qtbot, runner, accounts,
                                                                                         engine, settings):
    dialog = first_admin_dialog(qtbot, runner, accounts)
    dialog.username.setText("two words")
    dialog.password.setText("eleven char")  # the settings ask for 12
    assert not dialog.submit()
    assert "cannot be a user name" in dialog.fields["username"].error.text()
    assert "at least 12 characters" in dialog.fields["password"].error.text()
    assert dialog.fields["password"].error.isVisibleTo(dialog)
    assert "12" in dialog.password.placeholderText()

    dialog.username.setText("chief")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD + "!")
    assert not dialog.submit()
    assert not dialog.fields["username"].error.isVisibleTo(dialog)
    assert "not the same" in dialog.fields["repeat"].error.text()
    assert not has_users(engine) and dialog.actor is None


def test_a_second_first_admin_is_refused_in_plain_words(qtbot, runner, accounts, engine, settings):
    add_user(engine, settings, "boss", Role.ADMIN)  # created meanwhile, e.g. by another workstation
    dialog = first_admin_dialog(qtbot, runner, accounts)
    dialog.username.setText("chief")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)
    assert dialog.submit()
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=TIMEOUT_MS)
    assert "already exists" in dialog.message.text() and dialog.actor is None


# --- the login dialog ------------------------------------------------------------------------------

def test_a_wrong_password_shows_the_generic_message_and_keeps_the_user_name(qtbot, runner, accounts, engine, settings):
    add_user(engine, settings, "ops", Role.OPERATOR, password=PASSWORD)
    dialog = login_dialog(qtbot, runner, accounts)
    dialog.show()

    try_password(qtbot, dialog, "ops", "not the password")

    assert dialog.message.text() == REFUSED_MESSAGE and dialog.message.isVisibleTo(dialog)
    assert dialog.username.text() == "ops" and dialog.password.text() == ""
    assert dialog.actor is None and dialog.isVisible()
    try_password(qtbot, dialog, "nobody", PASSWORD)  # an unknown user reads exactly the same
    assert dialog.message.text() == REFUSED_MESSAGE


def test_the_right_password_returns_the_actor(qtbot, runner, accounts, engine, settings):
    add_user(engine, settings, "ops", Role.OPERATOR, password=PASSWORD)
    dialog = login_dialog(qtbot, runner, accounts)
    dialog.username.setText(" OPS ")  # user names are not case-sensitive
    dialog.password.setText(PASSWORD)

    with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS):
        assert dialog.submit()

    assert (dialog.actor.username, dialog.actor.role) == ("ops", Role.OPERATOR)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_locked_account_gets_the_same_words_even_with_the_right_password(qtbot, runner, accounts, engine, settings):
    add_user(engine, settings, "ops", Role.OPERATOR, password=PASSWORD)
    dialog = login_dialog(qtbot, runner, accounts)
    for _ in range(settings.login_max_failures):
        try_password(qtbot, dialog, "ops", "wrong")
    try_password(qtbot, dialog, "ops", PASSWORD)
    assert dialog.message.text() == REFUSED_MESSAGE and dialog.actor is None
    assert [r.after_json for r in audit_rows(engine, action="login_failed")][-1].count("locked") >= 1


def test_empty_fields_are_asked_for_without_asking_the_database(qtbot, accounts):
    class NoRunner:
        def submit(self, *args, **kwargs):
            raise AssertionError("nothing to check yet")

    dialog = LoginDialog(NoRunner(), accounts)
    qtbot.addWidget(dialog)
    dialog.username.setText("ops")
    assert not dialog.submit()
    assert "password" in dialog.message.text()


# --- the start-up flow -----------------------------------------------------------------------------

def test_an_empty_database_asks_for_the_first_admin(qtbot, runner, accounts, engine, settings):
    shown = []

    def fill_and_submit(dialog) -> bool:
        shown.append(type(dialog))
        dialog.username.setText("chief")
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS):
            dialog.submit()
        return True

    desk = sign_in(runner, accounts, show=fill_and_submit)
    assert shown == [FirstAdminDialog] and desk.actor.role == Role.ADMIN


def test_a_database_with_accounts_asks_to_sign_in_and_cancel_gives_none(qtbot, runner, accounts, engine, settings):
    add_user(engine, settings, "ops", Role.OPERATOR, password=PASSWORD)
    shown = []
    assert sign_in(runner, accounts, show=lambda dialog: shown.append(type(dialog)) or False) is None
    assert shown == [LoginDialog]


def test_demo_signs_the_demo_supervisor_in_without_a_dialog(qtbot, runner, accounts, engine, settings):
    desk = sign_in(runner, accounts, demo=True, show=lambda dialog: pytest.fail("no dialog for --demo"))
    actor = desk.actor
    assert (actor.username, actor.role, actor.demo) == ("demo", Role.SUPERVISOR, True)
    ws = make_station(qtbot, engine, actor)
    assert ws.user_label.text() == "User: Demo supervisor (supervisor)"
    ws.shutdown()


def test_demo_on_a_database_with_real_accounts_falls_back_to_signing_in(qtbot, runner, accounts, engine,
                                                                        settings):
    add_user(engine, settings, "ops", Role.OPERATOR, password=PASSWORD)
    notices = []
    sign_in(runner, accounts, demo=True, show=lambda dialog: notices.append(dialog.message.text()) or False)
    assert "only for a demo database" in notices[0]


# --- ui.shell.app.run ------------------------------------------------------------------------------------

@pytest.fixture
def restore_hooks(monkeypatch, tmp_path: Path):
    """run() installs an excepthook and logging handlers for the whole process: undo them after a test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("SITCENTRE_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _visible(kind):
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def test_cancelling_the_first_sign_in_exits_zero_without_a_window(restore_hooks, qapp, sqlite_db_url):
    cancelled = []

    def cancel() -> None:
        dialog = _visible(FirstAdminDialog)
        if dialog is None:
            QTimer.singleShot(50, cancel)
            return
        cancelled.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(50, cancel)
    assert app_module.run(argparse.Namespace(db=sqlite_db_url, demo=False, screenshot=None)) == 0
    assert cancelled == ["Create the first administrator — sitcentre"]
    assert _visible(MainWindow) is None


def test_a_demo_start_shows_no_dialog_and_demo_in_the_title(restore_hooks, qapp, sqlite_db_url):
    seen = []

    def close_window() -> None:
        assert _visible(LoginDialog) is None and _visible(FirstAdminDialog) is None
        window = _visible(MainWindow)
        if window is None:
            QTimer.singleShot(50, close_window)
            return
        seen.append(window.windowTitle())
        seen.extend(label.text() for label in window.statusBar().findChildren(type(window.schema_label)))
        window.close()

    QTimer.singleShot(50, close_window)
    assert app_module.run(argparse.Namespace(db=sqlite_db_url, demo=True, screenshot=None)) == 0
    assert seen[0].endswith(" — DEMO")
    assert "User: Demo supervisor (supervisor)" in seen


def test_a_screenshot_without_demo_is_a_read_only_view(qtbot, engine):
    ws = make_station(qtbot, engine, READ_ONLY_VIEWER)
    assert ws.user_label.text() == "User: screenshot (read-only)"
    assert not ws.new_action.isEnabled() and not ws.audit_action.isEnabled()
    assert not ws.brief_export.action.isEnabled()
    ws.shutdown()
