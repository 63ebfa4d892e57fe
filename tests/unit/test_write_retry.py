"""A unit of work aborted by PostgreSQL for a deadlock or a serialization conflict is run again a bounded
number of times, then reported in plain words (issue 9, defect 4)."""

from __future__ import annotations

import psycopg.errors
import pytest
import sqlalchemy.exc

from sitcentre.db.errors import WriteConflict, describe
from sitcentre.db.uow import retry_write_conflicts


def _wrapped(driver_error: Exception) -> sqlalchemy.exc.DBAPIError:
    """What SQLAlchemy raises for a driver error met while executing a statement."""
    return sqlalchemy.exc.OperationalError("UPDATE daily_incidents ...", {}, driver_error)


class Flaky:
    """Fails with `error` the first `failures` times it is called, then returns 'saved'."""

    def __init__(self, error: Exception, failures: int):
        self.error, self.failures, self.calls = error, failures, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "saved"


@pytest.mark.parametrize("driver_error", [psycopg.errors.DeadlockDetected("deadlock detected"),
                                          psycopg.errors.SerializationFailure("could not serialize access")])
def test_a_deadlocked_unit_of_work_is_run_again_until_it_succeeds(driver_error):
    work = Flaky(_wrapped(driver_error), failures=2)
    assert retry_write_conflicts(work, attempts=4, pause_s=0)() == "saved"
    assert work.calls == 3


def test_after_the_last_attempt_the_operator_is_told_in_plain_words_that_nothing_was_saved():
    work = Flaky(_wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), failures=99)
    with pytest.raises(WriteConflict) as raised:
        retry_write_conflicts(work, attempts=3, pause_s=0)()
    assert work.calls == 3
    assert str(raised.value) == ("Another workstation was saving the same records at the same moment; "
                                 "nothing was saved. Try again.")
    assert "deadlock" not in str(raised.value).lower()


def test_other_database_errors_are_not_retried():
    work = Flaky(_wrapped(psycopg.errors.UniqueViolation("duplicate key")), failures=1)
    with pytest.raises(sqlalchemy.exc.OperationalError):
        retry_write_conflicts(work, attempts=4, pause_s=0)()
    assert work.calls == 1


def test_describe_maps_a_deadlock_met_elsewhere_to_the_same_plain_message():
    described = describe(_wrapped(psycopg.errors.DeadlockDetected("deadlock detected")))
    assert isinstance(described, WriteConflict)
    assert str(described).startswith("Another workstation was saving the same records")
