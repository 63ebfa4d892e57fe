"""Sign-in at start-up: the login dialog, the first-administrator dialog and the flow that picks one.

Every database call (backend.accounts: has_users, sign_in, create_first_admin, demo_desk, sign_out) runs
on a task runner's worker (design rule 4); the dialogs only show the answers. Signing in gives the person's
Desk. Tests drive a dialog by filling its fields and calling `submit()`, then wait for `signed_in` or for
the message; `sign_in()` takes the function that shows the dialog, so a test can replace the blocking exec().

Start-up (ui.shell.app): --demo signs the demo supervisor in without a dialog; a database without accounts
asks for the first administrator; otherwise the login dialog. --screenshot without --demo signs nobody
in: the window is rendered for a desk of READ_ONLY_VIEWER, an actor without a role, so every write action is greyed
out and any the service were asked to do would be refused (and audited). Whoever can run --screenshot
against a database can already read it with its own credentials; no account or password is bypassed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.accounts import AccountError
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Actor
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.incidents.incident_labels import FORM_STYLE, Field, error_label, hint_label

log = logging.getLogger(__name__)

# The --screenshot view: nobody signed in, nothing may be changed (actor.can() is False for every action).
READ_ONLY_VIEWER = Actor(id=None, username="screenshot", role=None)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def role_text(actor: Actor) -> str:
    if actor.system:
        return _t("system")
    words = {Role.OPERATOR: _t("operator"), Role.SUPERVISOR: _t("supervisor"), Role.ADMIN: _t("administrator")}
    return words.get(actor.role, _t("read-only"))


def actor_text(actor: Actor) -> str:
    """'name (role)' for the status bar."""
    return _t("{name} ({role})").format(name=actor.label, role=role_text(actor))


def wait_for(runner: TaskRunner, fn: Callable[[], Any]) -> Any:
    """Run `fn` on the worker while the GUI thread keeps handling events; return its result or raise its error."""
    answer: dict[str, Any] = {}
    loop = QEventLoop()

    def done(result: Any) -> None:
        answer["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        answer["error"] = exc
        loop.quit()

    runner.submit(fn, done, failed)
    if not answer:
        loop.exec()
    if "error" in answer:
        raise answer["error"]
    return answer["result"]


def sign_out(runner: TaskRunner, accounts, desk: Desk, timeout_s: float = 5.0) -> None:
    """Audit the end of the session on the worker, waiting for it (called once the window has closed).

    `accounts` is the backend's (backend.accounts)."""
    if desk.actor.id is None or desk.actor.system:
        return
    finished = threading.Event()

    def work() -> None:
        try:
            accounts.sign_out(desk)
        finally:
            finished.set()

    runner.submit(work, on_error=lambda exc: log.warning("could not record the sign-out: %s", exc))
    if not finished.wait(timeout_s):
        log.warning("the sign-out was not recorded within %.0f s", timeout_s)


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def sign_in(runner: TaskRunner, accounts, demo: bool = False, database: str = "",
            show: Callable[[QDialog], bool] = _exec) -> Desk | None:
    """The signed-in person's Desk, or None when they cancelled. `accounts` is backend.accounts; `show` runs
    the dialog (tests replace it)."""
    notice = ""
    if demo:
        try:
            return wait_for(runner, accounts.demo_desk)
        except AccountError as exc:
            notice = message_for(exc)  # a database with real accounts: sign in properly
    if wait_for(runner, accounts.has_users):
        dialog: LoginDialog | FirstAdminDialog = LoginDialog(runner, accounts, database)
    else:
        dialog = FirstAdminDialog(runner, accounts, database)
    dialog.show_message(notice)
    try:
        desk = dialog.desk if show(dialog) else None
    finally:
        dialog.deleteLater()
    if desk is not None and _needs_new_password(runner, accounts, desk):
        desk = _set_new_password(runner, accounts, desk, show)
    return desk


def _needs_new_password(runner: TaskRunner, accounts, desk: Desk) -> bool:
    """Signed in to the server with a one-time password (issue 14): a new one before the main window opens."""
    required = getattr(accounts, "password_change_required", None)  # only a server sign-in has one
    return bool(required is not None and wait_for(runner, lambda: required(desk)))


def _set_new_password(runner: TaskRunner, accounts, desk: Desk, show: Callable[[QDialog], bool]) -> Desk | None:
    """The desk signed in with the new password, or None when the person cancelled (then signed out)."""
    dialog = NewPasswordDialog(runner, accounts, desk)
    try:
        if show(dialog):
            return dialog.desk
    finally:
        dialog.deleteLater()
    sign_out(runner, accounts, desk)
    return None


class _SignInDialog(QDialog):
    """What both dialogs share: a banner, a busy line, the buttons, and running the check on the worker."""

    signed_in = Signal(object)  # Actor

    def __init__(self, runner: TaskRunner, accounts, database: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self._runner, self._accounts = runner, accounts
        self.desk: Desk | None = None  # the signed-in person's desk
        self.actor: Actor | None = None
        self._busy = False
        self.layout_ = QVBoxLayout(self)
        self.database_label = hint_label(self.tr("Database: {0}").format(database) if database else "")
        self.database_label.setVisible(bool(database))
        self.database_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = error_label()
        self.message.setObjectName("SignInMessage")
        self.busy_label = hint_label()
        self.busy_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self, intro: QLabel | None = None) -> None:
        if intro is not None:
            intro.setWordWrap(True)
            self.layout_.addWidget(intro)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.busy_label)
        self.layout_.addWidget(self.database_label)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(440)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def busy(self) -> bool:
        return self._busy

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def submit(self) -> bool:  # pragma: no cover - each dialog has its own
        raise NotImplementedError

    def _run(self, work: Callable[[], Desk], busy_text: str) -> None:
        self._set_busy(True, busy_text)
        self._runner.submit(work, self._done, self._failed)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for i in range(self.form.rowCount() * 2):
            item = self.form.itemAt(i)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(not busy)
        self.ok_button.setEnabled(not busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        if busy:
            self.show_message("")

    def _done(self, desk: Desk) -> None:
        self._set_busy(False)
        self.desk, self.actor = desk, desk.actor
        actor = desk.actor
        log.info("signed in as %s (%s)", actor.username, actor.role)
        self.signed_in.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_message(message_for(exc))

    def reject(self) -> None:
        if not self._busy:  # the answer is on its way; it decides
            super().reject()


class LoginDialog(_SignInDialog):
    """User name and password. A refusal shows the service's one message and keeps the user name."""

    def __init__(self, runner: TaskRunner, accounts, database: str = "", parent: QWidget | None = None):
        super().__init__(runner, accounts, database, parent)
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Sign in — sitcentre"))
        self.username = QLineEdit()
        self.username.setObjectName("Username")
        self.password = QLineEdit()
        self.password.setObjectName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for caption, editor in ((self.tr("&User name:"), self.username), (self.tr("&Password:"), self.password)):
            label = QLabel(caption)
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        self.ok_button.setText(self.tr("&Sign in"))
        if getattr(accounts, "server_sign_in", False):  # each person is a login of the database server
            intro = QLabel(self.tr("Sign in with your own login for this database server."))
        else:
            intro = QLabel(self.tr("Sign in with your sitcentre account."))
        self._finish_layout(intro)
        self.username.setFocus()

    def submit(self) -> bool:
        """Check the user name and password on the worker. Returns True when the check was started."""
        if self._busy:
            return False
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_message(self.tr("Enter your user name and your password."))
            (self.password if username else self.username).setFocus()
            return False
        accounts = self._accounts
        self._run(lambda: accounts.sign_in(username, password), self.tr("Checking…"))
        return True

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.password.clear()  # the user name stays: the person retypes only the password
        self.password.setFocus()


class FirstAdminDialog(_SignInDialog):
    """A database without accounts: create the administrator, who then adds everyone else."""

    def __init__(self, runner: TaskRunner, accounts, database: str = "", parent: QWidget | None = None):
        super().__init__(runner, accounts, database, parent)
        self.setObjectName("FirstAdminDialog")
        self.setWindowTitle(self.tr("Create the first administrator — sitcentre"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("optional, e.g. A. Karimov"))
        self.password = QLineEdit()
        minimum = accounts.settings.password_min_length
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(minimum))
        self.repeat = QLineEdit()
        for editor in (self.password, self.repeat):
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields: dict[str, Field] = {}
        for name, caption, editor in (("username", self.tr("&User name:"), self.username),
                                      ("display_name", self.tr("&Full name:"), self.display_name),
                                      ("password", self.tr("&Password:"), self.password),
                                      ("repeat", self.tr("&Repeat password:"), self.repeat)):
            field = self.fields[name] = Field(editor)
            label = QLabel(caption)
            label.setBuddy(editor)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.form.addRow(label, field)
        self.ok_button.setText(self.tr("&Create and sign in"))
        self._finish_layout(QLabel(self.tr(
            "This database has no user accounts yet. Create the administrator's account: the administrator "
            "then adds the operators' and supervisors' accounts.")))
        self.username.setFocus()

    def problems(self) -> dict[str, str]:
        """What is wrong with the input, by field (checked here: no database needed)."""
        found: dict[str, str] = {}
        try:
            name = self._accounts.check_username(self.username.text())
        except AccountError as exc:
            found["username"], name = message_for(exc), self.username.text()
        try:
            self._accounts.check_password(self.password.text(), name)
        except AccountError as exc:
            found["password"] = message_for(exc)
        if "password" not in found and self.repeat.text() != self.password.text():
            found["repeat"] = self.tr("The two passwords are not the same: type the password again.")
        return found

    def submit(self) -> bool:
        """Check the input here, then create the account on the worker. Returns True when that was started."""
        if self._busy:
            return False
        problems = self.problems()
        for name, field in self.fields.items():
            field.show_problems([problems[name]] if name in problems else [])
        if problems:
            first = next(name for name in self.fields if name in problems)
            self.fields[first].editor.setFocus()
            return False
        accounts = self._accounts
        username, password = self.username.text(), self.password.text()
        display_name = self.display_name.text()
        self._run(lambda: accounts.create_first_admin(username, password, display_name),
                  self.tr("Creating the account…"))
        return True


class NewPasswordDialog(_SignInDialog):
    """After a one-time password (a secured server's first sign-in, or one an administrator set): the person
    chooses their own before the main window opens; the old one stops working."""

    def __init__(self, runner: TaskRunner, accounts, desk: Desk, parent: QWidget | None = None):
        super().__init__(runner, accounts, accounts.description, parent)
        self.setObjectName("NewPasswordDialog")
        self.setWindowTitle(self.tr("Set your new password — sitcentre"))
        self._signed_in_desk = desk
        self.password = QLineEdit()
        self.password.setObjectName("NewPassword")
        minimum = accounts.settings.password_min_length
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(minimum))
        self.repeat = QLineEdit()
        self.repeat.setObjectName("RepeatPassword")
        for editor in (self.password, self.repeat):
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields: dict[str, Field] = {}
        for name, caption, editor in (("password", self.tr("&New password:"), self.password),
                                      ("repeat", self.tr("&Repeat it:"), self.repeat)):
            field = self.fields[name] = Field(editor)
            label = QLabel(caption)
            label.setBuddy(editor)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.form.addRow(label, field)
        self.ok_button.setText(self.tr("&Set password and sign in"))
        self._finish_layout(QLabel(self.tr(
            "{name}, you signed in with a one-time password. Choose your own password now: the one-time "
            "password stops working.").format(name=desk.actor.label)))
        self.password.setFocus()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            self._accounts.check_password(self.password.text(), self._signed_in_desk.actor.username)
        except AccountError as exc:
            found["password"] = message_for(exc)
        if "password" not in found and self.repeat.text() != self.password.text():
            found["repeat"] = self.tr("The two passwords are not the same: type the password again.")
        return found

    def submit(self) -> bool:
        """Check the input here, then set the password on the worker. Returns True when that was started."""
        if self._busy:
            return False
        problems = self.problems()
        for name, field in self.fields.items():
            field.show_problems([problems[name]] if name in problems else [])
        if problems:
            self.fields[next(name for name in self.fields if name in problems)].editor.setFocus()
            return False
        accounts, desk, password = self._accounts, self._signed_in_desk, self.password.text()
        self._run(lambda: accounts.set_new_password(desk, password), self.tr("Setting your password…"))
        return True
