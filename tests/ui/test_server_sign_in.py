"""The app signs in to a PostgreSQL server with each person's own database login (issue 14, items 2 and 3).

The real LoginDialog and NewPasswordDialog, driven as a person fills them, against the private cluster of
tests/pg_private.py (scram-sha-256 passwords and TLS: the shared test server trusts every connection, so a
wrong password would pass there). The database is secured as `sitcentre db secure` leaves it: every account a
login D.<username> with a one-time password.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import text

from sitcentre.backend.server_login import ServerLogin
from sitcentre.domain.accounts import REFUSED_MESSAGE, LoginRefused
from sitcentre.domain.enums import Role
from sitcentre.logs import setup_logging
from sitcentre.settings import Settings
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.shell.login_dialog import LoginDialog, NewPasswordDialog, sign_in
from ui.shell.workstation import Workstation

TIMEOUT_MS = 20_000
NEW_PASSWORD = "alice-own-password-2"


@pytest.fixture
def runner():
    tasks = TaskRunner(message_for)
    yield tasks
    tasks.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def server(secured_db, settings):
    """What ui.shell.bootstrap.open_database gives for a user-less PostgreSQL address (issue 14)."""
    login = ServerLogin.for_address(secured_db.url(tls=True), settings)
    assert isinstance(login, ServerLogin)
    yield login
    login.close()


def session_user(desk) -> str:
    with desk.engine.connect() as conn:
        return conn.execute(text("SELECT session_user")).scalar_one()


def login_dialog(qtbot, runner, server) -> LoginDialog:
    dialog = LoginDialog(runner, server.accounts, server.description)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def try_password(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    assert dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT_MS)


def test_the_right_password_gives_a_desk_connected_as_the_persons_own_login(qtbot, runner, server, secured_db):
    dialog = login_dialog(qtbot, runner, server)
    assert "own login for this database server" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS):
        dialog.username.setText("bob")
        dialog.password.setText(secured_db.one_time["bob"])
        assert dialog.submit()
    desk = dialog.desk
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (desk.actor.username, desk.actor.role) == ("bob", Role.SUPERVISOR)
    assert session_user(desk) == secured_db.login("bob")  # the server knows who is working, not a shared login
    assert desk.backend.warnings == []  # verify-full with the server's CA: nothing to warn about


def test_wrong_password_unknown_user_and_disabled_login_read_the_same_and_the_dialog_stays(
        qtbot, runner, server, secured_db, caplog):
    caplog.set_level(logging.INFO)
    dialog = login_dialog(qtbot, runner, server)
    for username, password in (("alice", "not-her-password"), ("zed", "whatever-password"),
                               ("carol", secured_db.one_time["carol"])):  # carol's account is disabled
        try_password(qtbot, dialog, username, password)
        assert dialog.message.text() == REFUSED_MESSAGE and dialog.message.isVisibleTo(dialog)
        assert dialog.isVisible() and dialog.desk is None and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.username.text() == username and dialog.password.text() == ""
    assert "Traceback" not in dialog.message.text()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # expected outcomes, not failures
    assert not server._opened  # no connection is left open by a refused sign-in


def test_a_one_time_password_asks_for_a_new_one_and_then_only_that_one_works(
        qtbot, runner, server, secured_db, settings, caplog):
    caplog.set_level(logging.DEBUG)
    log_file = setup_logging(settings)
    shown: list[type] = []

    def fill(dialog: QDialog) -> bool:
        """What the person types in each dialog that start-up shows."""
        qtbot.addWidget(dialog)
        shown.append(type(dialog))
        if isinstance(dialog, LoginDialog):
            dialog.username.setText("alice")
            dialog.password.setText(secured_db.one_time["alice"])
        else:
            assert "one-time password" in " ".join(label.text() for label in dialog.findChildren(QLabel))
            dialog.password.setText("alice")  # breaks the rules: said beside the field, nothing sent
            dialog.repeat.setText("alice")
            assert not dialog.submit()
            assert dialog.fields["password"].error.text()
            dialog.password.setText(NEW_PASSWORD)
            dialog.repeat.setText(NEW_PASSWORD)
        with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS):
            assert dialog.submit()
        return True

    desk = sign_in(runner, server.accounts, database=server.description, show=fill)
    assert shown == [LoginDialog, NewPasswordDialog]
    assert desk.actor.username == "alice" and session_user(desk) == secured_db.login("alice")
    assert not server.password_change_required(desk)

    again = login_dialog(qtbot, runner, server)
    try_password(qtbot, again, "alice", secured_db.one_time["alice"])  # the one-time password stopped working
    assert again.message.text() == REFUSED_MESSAGE and again.desk is None
    with qtbot.waitSignal(again.signed_in, timeout=TIMEOUT_MS):
        again.password.setText(NEW_PASSWORD)
        assert again.submit()
    assert session_user(again.desk) == secured_db.login("alice")

    logging.shutdown()
    assert "signed in" in log_file.read_text(encoding="utf-8")
    secrets = [secured_db.one_time["alice"], NEW_PASSWORD]
    for path in [p for p in settings.data_dir.rglob("*") if p.is_file()]:
        assert not [s for s in secrets if s.encode() in path.read_bytes()], f"a password was written to {path}"
    assert not [s for s in secrets if s in caplog.text]


def test_cancelling_the_new_password_signs_out_and_opens_no_window(qtbot, runner, server, secured_db):
    def fill(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        if isinstance(dialog, NewPasswordDialog):
            return False  # Cancel
        dialog.username.setText("alice")
        dialog.password.setText(secured_db.one_time["alice"])
        with qtbot.waitSignal(dialog.signed_in, timeout=TIMEOUT_MS):
            assert dialog.submit()
        return True

    assert sign_in(runner, server.accounts, show=fill) is None
    with pytest.raises(LoginRefused):
        server.sign_in("alice", NEW_PASSWORD)  # nothing was changed
    assert server.password_change_required(server.sign_in("alice", secured_db.one_time["alice"]))


def test_a_server_on_the_network_without_tls_is_warned_of_in_the_status_bar_and_the_log(
        qtbot, secured_db, settings, caplog):
    caplog.set_level(logging.WARNING)
    # a host name that is not this machine's; hostaddr still reaches the private cluster, without checking TLS
    url = secured_db.url(host="centre.example") + "?hostaddr=127.0.0.1&sslmode=disable"
    login = ServerLogin(url, settings)
    try:
        desk = login.sign_in("bob", secured_db.one_time["bob"])
        station = Workstation(desk, live=False)
        qtbot.addWidget(station.window)
        station.window.show()
        try:
            warning = station.connection_warning
            assert warning.isVisibleTo(station.window) and "centre.example" in warning.text()
            assert "sslmode=verify-full" in warning.text()
            assert [r for r in caplog.records if "not protected by a checked TLS" in r.getMessage()]
        finally:
            station.shutdown()
    finally:
        login.close()
