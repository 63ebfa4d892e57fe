"""The project's own errors, which every layer may catch, with messages for the operator.

The database layer raises only these: sitcentre.db.errors.describe maps a driver or SQLAlchemy error to one
of the database errors below, so ui/ catches them without importing any database code.
"""

from __future__ import annotations

from sitcentre.domain.records import Incident


class ConflictError(Exception):
    """Someone saved the incident since it was loaded. Carries both versions for the operator."""

    def __init__(self, mine: Incident, theirs: Incident | None):
        who = "deleted" if theirs is None else f"changed (now version {theirs.version})"
        super().__init__(f"The incident was {who} by someone else after you opened it (you edited version "
                         f"{mine.version}).")
        self.mine = mine
        self.theirs = theirs


class SitcentreDbError(Exception):
    """A database problem with a message fit for the operator."""


class BadDatabaseUrl(SitcentreDbError):
    pass


class DatabaseUnavailable(SitcentreDbError):
    pass


class DatabaseBusy(SitcentreDbError):
    pass


class DatabaseDamaged(SitcentreDbError):
    pass


class SchemaTooNew(SitcentreDbError):
    pass


class SchemaDamaged(SitcentreDbError):
    """Tables, columns, indexes, triggers or functions of the current schema are missing or changed."""


class WriteConflict(SitcentreDbError):
    """PostgreSQL aborted the transaction to break a deadlock or a serialization conflict (40P01, 40001)."""


class OperatorError(Exception):
    """An expected refusal or problem whose message is written for the operator as it is (a sign-in refused,
    an account rule, a brief that cannot be made for that day, ...). ui.common.messages shows str(exc)."""
