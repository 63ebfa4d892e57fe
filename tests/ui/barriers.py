"""Sync barriers for negative checks ("nothing more happens"): wait for a positive event that proves the
work in question is done, instead of sleeping and hoping it would have happened by then."""

from __future__ import annotations

from ui.common.tasks import TaskRunner


def drain(qtbot, runner: TaskRunner, timeout: int = 10_000) -> None:
    """Return once every task submitted to `runner` so far has run and its answer reached the GUI thread.

    The runner has one worker that takes tasks in order, and hands answers back by queued signals, which
    arrive in the order they were sent: when a no-op queued now is answered, everything before it was.
    """
    answered: list[bool] = []
    runner.submit(lambda: None, on_done=lambda _result: answered.append(True))
    qtbot.waitUntil(lambda: bool(answered), timeout=timeout)
