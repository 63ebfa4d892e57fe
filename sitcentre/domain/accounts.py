"""The sign-in and account refusals, worded for the operator (sitcentre.services.auth raises them; ui/ shows
them through ui.common.messages.message_for)."""

from __future__ import annotations

from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import N_, _t

REFUSED_MESSAGE = N_("Sign-in refused: the user name or password is not right, or the account is locked or "
                     "disabled. Try again, or ask an administrator.")


class LoginRefused(OperatorError):
    """Sign-in refused. The message never says which part was wrong."""

    def __init__(self) -> None:
        message = _t(REFUSED_MESSAGE)
        super().__init__(message)
        self.message = message


class AccountError(OperatorError, ValueError):
    """A request about accounts that cannot be done as asked; the message says why in plain words."""
