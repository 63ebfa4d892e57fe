"""'Today' is the posts' today (issue 10, item 3): an incident reported 15 minutes after midnight at a UTC+6
post, while the centre (UTC+5) and this workstation are still on the day before, is inside the table's
"Today" and the charts' "Last 30 days" without moving an end date."""

from __future__ import annotations

from datetime import date

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.repositories.reference import ReferenceRepository
from tests.integration.helpers import ids, incident, utc
from ui.charts.charts_panel import ChartsPanel
from ui.common.tasks import TaskRunner
from ui.incidents.incident_panel import IncidentPanel

NOW = utc(2025, 3, 30, 18, 45)  # 00:45 on 31 March at Dostuk (UTC+6); 23:45 on 30 March at Termez (UTC+5)
DOSTUK_MIDNIGHT = utc(2025, 3, 30, 18, 15)  # 00:15 on 31 March, Dostuk time
POSTS_TODAY = date(2025, 3, 31)


@pytest.fixture
def after_midnight_at_dostuk(engine, app_backend):
    """The desk the panels read through, the incident, and the lists the filter bar offers."""
    posts, subs = ids(engine)
    recorded = incident(posts["KG-DOS"], DOSTUK_MIDNIGHT, (subs["heroin"], 2, Unit.KG))
    desk = app_backend.system_desk("tests")
    desk.incidents.record(recorded)
    with UnitOfWork(engine) as uow:
        reference = ReferenceRepository(uow.session)
        lists = reference.posts(), reference.countries(), reference.substances()
    return desk, recorded, lists


@pytest.fixture
def runner():
    r = TaskRunner()
    yield r
    r.shutdown()


def test_the_tables_today_preset_lists_an_incident_just_after_midnight_at_a_utc6_post(
        qtbot, runner, after_midnight_at_dostuk):
    desk, recorded, lists = after_midnight_at_dostuk
    panel = IncidentPanel(runner, desk, now=lambda: NOW)
    qtbot.addWidget(panel)
    panel.filters.set_reference(*map(list, lists))
    qtbot.waitUntil(lambda: panel.count == 1, timeout=10_000)
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.filters.today_button.click()
    assert (panel.filter.date_from, panel.filter.date_to) == (POSTS_TODAY, POSTS_TODAY)
    assert panel.count == 1


def test_the_last_7_days_preset_ends_on_the_posts_today(qtbot, runner, after_midnight_at_dostuk):
    desk, _, lists = after_midnight_at_dostuk
    panel = IncidentPanel(runner, desk, now=lambda: NOW)
    qtbot.addWidget(panel)
    panel.filters.set_reference(*map(list, lists))
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.filters.week_button.click()
    assert (panel.filter.date_from, panel.filter.date_to) == (date(2025, 3, 25), POSTS_TODAY)
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.filters.month_button.click()
    assert (panel.filter.date_from, panel.filter.date_to) == (date(2025, 3, 2), POSTS_TODAY)
    assert panel.count == 1


def test_ticking_dates_starts_on_the_posts_today_not_the_workstations(qtbot, runner, after_midnight_at_dostuk):
    desk, _, lists = after_midnight_at_dostuk
    panel = IncidentPanel(runner, desk, now=lambda: NOW)
    qtbot.addWidget(panel)
    panel.filters.set_reference(*map(list, lists))
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.filters.use_dates.setChecked(True)
    assert panel.filter.date_to == POSTS_TODAY and panel.count == 1


def test_the_charts_last_30_days_end_on_the_posts_today_and_count_the_incident(
        qtbot, runner, after_midnight_at_dostuk):
    desk, _, _ = after_midnight_at_dostuk
    panel = ChartsPanel(runner, desk, now=lambda: NOW)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    request = panel.data.request
    assert (request.date_from, request.date_to) == (date(2025, 3, 2), POSTS_TODAY)
    assert panel.data.breakdown.current.incidents == 1
    assert panel.date_to.date().toPython() == POSTS_TODAY
