"""ui.common.jobs: long work on a thread of its own, its progress on the GUI thread, Cancel, and a Done's changes
published on the hub (as the task runner does for short tasks)."""

from __future__ import annotations

import threading

from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.progress import Cancelled, report
from ui.common.change_hub import ChangeHub
from ui.common.jobs import JobRunner

WAIT_MS = 10_000


def test_progress_arrives_on_the_gui_thread_and_the_result_reaches_the_callback(qtbot):
    runner = JobRunner(ChangeHub())
    seen, results, gui = [], [], threading.current_thread()

    go = threading.Event()

    def work(progress):
        go.wait(WAIT_MS / 1000)  # until the test listens
        for done in range(0, 101, 50):
            report(progress, "applying", done, 100)
        return threading.current_thread().name

    job = runner.start(work, name="count", on_done=results.append)
    job.progressed.connect(lambda *args: seen.append((args, threading.current_thread() is gui)))
    go.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert results == ["sitcentre-job-count"]
    assert seen and seen[-1] == (("applying", 100, 100), True)  # the last report always arrives
    assert not runner.busy()


def test_cancel_makes_the_next_progress_report_raise_cancelled_and_the_error_callback_gets_it(qtbot):
    runner = JobRunner(ChangeHub())
    started, results, errors, reports_after = threading.Event(), [], [], []

    def work(progress):
        started.set()
        for n in range(10_000):
            progress("applying", n, 10_000)  # raises Cancelled once cancel() was called
            reports_after.append(n)
            threading.Event().wait(0.001)
        return "finished"

    job = runner.start(work, on_done=results.append, on_error=errors.append)
    assert started.wait(WAIT_MS / 1000)
    assert runner.busy()
    job.cancel()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert results == [] and len(errors) == 1 and isinstance(errors[0], Cancelled)
    assert len(reports_after) < 10_000 and not runner.busy()


def test_a_done_is_published_on_the_hub_before_the_callback_gets_its_value(qtbot):
    hub = ChangeHub()
    runner = JobRunner(hub)
    order = []
    hub.subscribe((Topic.INCIDENTS,), lambda changes: order.append(("published", sorted(changes.ids(Topic.INCIDENTS)))),
                  owner=runner)
    runner.start(lambda progress: Done("summary", Changes.of(Topic.INCIDENTS, "a1")),
                       on_done=lambda value: order.append(("done", value)))
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert order == [("published", ["a1"]), ("done", "summary")]


def test_an_error_other_than_cancel_reaches_the_error_callback(qtbot):
    runner = JobRunner(ChangeHub())
    errors = []

    def work(progress):
        raise OSError("the stick was taken out")

    runner.start(work, on_error=errors.append)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=WAIT_MS)
    assert [str(e) for e in errors] == ["the stick was taken out"]
