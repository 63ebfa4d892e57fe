"""The charts panel on a real database: what the curves and bars hold (getData), hover, click-to-filter,
live refresh that keeps the user's zoom, and export."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.changes import Changes, Topic, changes_from_batch
from sitcentre.domain.enums import ChangeOp, Unit
from sitcentre.domain.queries import Change, ChangeBatch, IncidentFilter
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import ids, incident, record_known_incidents, utc
from tests.ui.barriers import drain
from ui.charts.chart_plot import day_seconds
from ui.charts.charts_panel import ChartsPanel
from ui.common.tasks import TaskRunner

TODAY = date(2025, 4, 6)  # "Last 30 days" is then 8 March - 6 April
COUNTED = ("reported", "verified")


@pytest.fixture
def known(engine):
    """Termez 23:30 local on 30 March: 3 kg heroin + 0.5 kg hashish (verified); Dostuk 00:30 local on
    31 March: 2 kg heroin; Termez 1 April: 10 l acetic anhydride (verified); a rejected one, never counted."""
    record_known_incidents(engine, with_draft=False)
    return engine


@pytest.fixture
def desk(app_backend, known):
    """The charts read through the backend, as the workstation's desk does."""
    return app_backend.system_desk("tests")


@pytest.fixture
def runner():
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def panel(qtbot, desk, runner):
    p = ChartsPanel(runner, desk, today=lambda: TODAY, refresh_delay_ms=1000)
    qtbot.addWidget(p)
    p.resize(1100, 360)
    p.show()
    qtbot.waitUntil(lambda: p.data is not None, timeout=10_000)
    return p


def _choose(qtbot, panel, **controls) -> None:
    """Set combo boxes / check boxes / the spin box and wait for the numbers they ask for."""
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        for name, value in controls.items():
            widget = getattr(panel, name)
            if hasattr(widget, "setChecked"):
                widget.setChecked(value)
            elif hasattr(widget, "setValue"):
                widget.setValue(value)
            else:
                widget.setCurrentIndex(widget.findData(value))


def _slot(panel, label: str) -> int:
    return panel.plot.labels.index(label)


def _day_x(day: str) -> float:
    return float(day_seconds(np.array([day], dtype="datetime64[D]"))[0])


def _curve(panel, label: str) -> dict[str, float]:
    x, y = panel.plot.data_of(_slot(panel, label))
    return {str(np.datetime64(int(v // 86400), "D")): float(w) for v, w in zip(x, y) if w}


class _LeftClick:
    """What pyqtgraph's legend sample reads from a mouse click event."""

    def button(self):
        return Qt.MouseButton.LeftButton

    def accept(self):
        pass


def _group_ids(engine, group: str) -> tuple[int, ...]:
    _, subs = ids(engine)
    codes = {"opiates": ("heroin", "opium", "morphine")}[group]
    return tuple(sorted(subs[c] for c in codes))


# ------------------------------------------------------------------------------------------ the curves

def test_the_default_chart_is_kg_per_substance_group_per_local_day_over_30_days(panel):
    x, _ = panel.plot.data_of(0)
    assert len(x) == 30 and x[0] == _day_x("2025-03-08") and x[-1] == _day_x("2025-04-06")
    # kg-equivalent of drugs: the 10 l of acetic anhydride are precursors, counted apart (issue 16)
    assert set(panel.plot.labels) == {"Opiates", "Cannabis"}
    assert _curve(panel, "Opiates") == pytest.approx({"2025-03-30": 3.0, "2025-03-31": 2.0})
    assert _curve(panel, "Cannabis") == pytest.approx({"2025-03-30": 0.5})
    assert panel.plot.plotItem.getAxis("left").labelText == "kg-equivalent of drugs"


def test_weekly_incidents_by_post(qtbot, panel):
    _choose(qtbot, panel, granularity_combo="week", metric_combo="incidents", split_combo="post")
    assert _curve(panel, "BLO Termez") == {"2025-03-24": 1.0, "2025-03-31": 1.0}
    assert _curve(panel, "BLO Dostuk") == {"2025-03-31": 1.0}
    assert panel.plot.plotItem.getAxis("left").labelText == "incidents"


def test_top_n_sums_the_smaller_series_as_other(qtbot, panel):
    _choose(qtbot, panel, split_combo="substance", metric_combo="incidents")  # seizure lines: heroin 2
    _choose(qtbot, panel, top=1)
    assert panel.plot.labels == ("Heroin", "Other")
    assert sum(_curve(panel, "Other").values()) == pytest.approx(2.0)  # hashish and acetic anhydride
    assert len(panel.plot.legend.items) == 2


def test_stacked_areas_draw_running_sums_and_a_hidden_series_leaves_the_stack(qtbot, panel):
    _choose(qtbot, panel, split_combo="none")
    _choose(qtbot, panel, split_combo="group")
    panel.style_combo.setCurrentIndex(1)
    order = panel.plot.labels  # largest first: Opiates 5, Cannabis 0.5 (the precursors are no drugs)
    assert order == ("Opiates", "Cannabis")
    assert _curve(panel, "Opiates") == pytest.approx({"2025-03-30": 3.0, "2025-03-31": 2.0})
    assert _curve(panel, "Cannabis") == pytest.approx({"2025-03-30": 3.5, "2025-03-31": 2.0})
    sample = next(sample for sample, _label in panel.plot.legend.items if sample.item is panel.plot.curves[0])
    sample.mouseClickEvent(_LeftClick())  # a click on the legend entry
    assert not panel.plot.curves[0].isVisible()
    assert _curve(panel, "Cannabis") == pytest.approx({"2025-03-30": 0.5})


def test_a_series_hidden_in_the_legend_stays_hidden_after_a_refresh(qtbot, panel):
    panel.plot.set_series_visible(_slot(panel, "Opiates"), False)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()
    assert not panel.plot.curves[_slot(panel, "Opiates")].isVisible()
    assert panel.plot.curves[_slot(panel, "Cannabis")].isVisible()


def test_the_7_day_average_includes_the_days_before_the_range(qtbot, panel):
    _choose(qtbot, panel, range_combo=7, average=True)  # 31 March - 6 April; 30 March still counts
    slot = _slot(panel, "Opiates")
    x, y = panel.plot.averages[slot].getData()
    assert x[0] == _day_x("2025-03-31")
    assert y[0] == pytest.approx(5.0 / 7) and y[-1] == pytest.approx(2.0 / 7)  # 6 April: 31 March .. 6 April
    assert panel.plot.averages[slot].isVisible()
    _choose(qtbot, panel, granularity_combo="week")
    assert not panel.average.isEnabled() and not panel.plot.averages[slot].isVisible()


def test_verified_only_leaves_out_reported_incidents(qtbot, panel):
    _choose(qtbot, panel, verified=True)
    assert _curve(panel, "Opiates") == pytest.approx({"2025-03-30": 3.0})
    assert "verified only" in panel.headline.text()


def test_all_data_starts_at_the_first_day_with_an_incident(qtbot, panel):
    _choose(qtbot, panel, range_combo=0)
    assert panel.data.request.date_from == date(2025, 3, 30)
    assert panel.date_from.date().toString("yyyy-MM-dd") == "2025-03-30"


def test_curves_are_created_once_and_updated_in_place(qtbot, panel):
    items = list(panel.plot.plotItem.listDataItems())
    _choose(qtbot, panel, split_combo="post")
    _choose(qtbot, panel, granularity_combo="month")
    assert panel.plot.plotItem.listDataItems() == items


def test_hovering_shows_date_series_and_value(qtbot, panel):
    slot, index = _slot(panel, "Opiates"), 22  # 30 March
    scene = panel.plot.plotItem.vb.mapViewToScene(QPointF(panel.plot.x[index], 3.0))
    assert panel.plot.locate(scene) == (slot, index)
    panel.plot.show_hover(slot, index)
    text = panel.plot.hover_text.textItem.toPlainText()
    assert "30 Mar 2025" in text and "Opiates" in text and "3.0" in text and "kg-equivalent" in text


# --------------------------------------------------------------------------------- the breakdowns

def test_bars_per_post_and_group_with_the_previous_period(panel):
    bars = panel.post_bars
    assert bars.labels[:2] == ("BLO Termez", "BLO Dostuk")
    assert bars.bars.opts["width"][:2].tolist() == pytest.approx([3.5, 2.0])  # drugs: Termez's precursors apart
    groups = dict(zip(panel.group_bars.labels, panel.group_bars.values))
    assert "Precursors" not in groups and groups["Opiates"] == pytest.approx(5.0)
    assert panel.data.breakdown.previous_from == date(2025, 2, 6)


def test_the_headline_compares_with_the_previous_period(qtbot, panel):
    _choose(qtbot, panel, range_combo=7)  # 31 March - 6 April against 24 - 30 March
    # drugs 2 kg against 3.5 kg; the 10 l of precursor apart, new against nothing before
    assert "2.0 kg-equivalent of drugs (▼ 42.9 %) · precursors 10.0 kg (new)" in panel.headline.text()
    assert "2 incidents (▲ 100.0 %)" in panel.headline.text()
    rows = {panel.compare.item(r, 0).text(): panel.compare.item(r, 3).text() for r in range(panel.compare.rowCount())}
    assert rows["Drugs seized, kg-equivalent"] == "▼ 42.9 %"
    assert rows["Precursors seized, kg (apart)"] == "new"
    assert "Precursors (kg-equivalent)" not in rows  # no bar of the drugs' groups


# ------------------------------------------------------------------------------------ click to filter

def test_clicking_a_point_asks_for_that_day_and_substance_group(qtbot, panel, known):
    slot = _slot(panel, "Opiates")
    with qtbot.waitSignal(panel.filterRequested) as signal:
        panel.plot.click_point(slot, 22)
    assert signal.args[0] == IncidentFilter(date_from=date(2025, 3, 30), date_to=date(2025, 3, 30),
                                            substance_ids=_group_ids(known, "opiates"), statuses=COUNTED)


def test_a_real_mouse_hover_and_click_on_a_point(qtbot, panel, known):
    slot, index = _slot(panel, "Opiates"), 23  # 31 March, 2 kg
    panel.plot.plotItem.vb.setRange(xRange=(_day_x("2025-03-20"), _day_x("2025-04-06")), yRange=(0, 4), padding=0)
    scene = panel.plot.plotItem.vb.mapViewToScene(QPointF(panel.plot.x[index], 2.0))
    where = panel.plot.mapFromScene(scene)
    QTest.mouseMove(panel.plot.viewport(), where + QPoint(40, 40))  # a move, even if the cursor was already there
    qtbot.wait(50)
    QTest.mouseMove(panel.plot.viewport(), where)
    qtbot.waitUntil(lambda: "Opiates: 2.0" in panel.plot.hover_text.textItem.toPlainText(), timeout=2_000)
    assert panel.plot.hover_text.isVisible() and "Mon 31 Mar 2025" in panel.plot.hover_text.textItem.toPlainText()
    with qtbot.waitSignal(panel.filterRequested) as signal:
        QTest.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert (signal.args[0].date_from, signal.args[0].date_to) == (date(2025, 3, 31), date(2025, 3, 31))
    assert signal.args[0].substance_ids == _group_ids(known, "opiates") and slot == 0


def test_clicking_a_weekly_point_asks_for_the_part_of_the_week_in_range(qtbot, panel, known):
    _choose(qtbot, panel, granularity_combo="week", split_combo="post", verified=True)
    posts, _ = ids(known)
    with qtbot.waitSignal(panel.filterRequested) as signal:
        panel.plot.click_point(_slot(panel, "BLO Termez"), 0)  # the week of 3 March; the range starts on the 8th
    assert signal.args[0] == IncidentFilter(date_from=date(2025, 3, 8), date_to=date(2025, 3, 9),
                                            post_ids=(posts["UZ-TER"],), statuses=("verified",))


def test_clicking_other_asks_for_every_substance_it_sums(qtbot, panel, known):
    _choose(qtbot, panel, split_combo="substance", metric_combo="incidents")
    _choose(qtbot, panel, top=1)
    _, subs = ids(known)
    with qtbot.waitSignal(panel.filterRequested) as signal:
        panel.plot.click_point(_slot(panel, "Other"), 22)
    assert signal.args[0].substance_ids == tuple(sorted((subs["acetic_anhydride"], subs["hashish"])))


def test_clicking_a_bar_asks_for_that_post_or_group_over_the_range(qtbot, panel, known):
    posts, _ = ids(known)
    with qtbot.waitSignal(panel.filterRequested) as signal:
        panel.post_bars.click_bar(0)
    assert signal.args[0] == IncidentFilter(date_from=date(2025, 3, 8), date_to=TODAY, post_ids=(posts["UZ-TER"],),
                                            statuses=COUNTED)
    opiates = panel.group_bars.labels.index("Opiates")
    with qtbot.waitSignal(panel.filterRequested) as signal:
        panel.group_bars.click_bar(opiates)
    assert signal.args[0].substance_ids == _group_ids(known, "opiates")


def test_a_click_on_a_bar_filters_the_workstations_incident_table(qtbot, known, desk):
    from ui.shell.workstation import Workstation  # the whole shell: imported here so the panel's tests stand alone

    ws = Workstation(desk, live=False)
    qtbot.addWidget(ws.window)
    try:
        qtbot.waitUntil(lambda: ws.charts.data is not None and ws.reference is not None, timeout=10_000)
        _choose(qtbot, ws.charts, range_combo=0)  # all data: the test's incidents are in 2025
        posts, _ = ids(known)
        index = ws.charts.post_bars.labels.index("BLO Dostuk")
        with qtbot.waitSignal(ws.panel.reloaded, timeout=10_000):
            ws.charts.post_bars.click_bar(index)
        assert ws.panel.filter.post_ids == (posts["KG-DOS"],)
        assert ws.panel.count == 1
    finally:
        ws.shutdown()


# ----------------------------------------------------------------------------------------- live

def _more(engine):
    posts, subs = ids(engine)
    return incident(posts["UZ-TER"], utc(2025, 4, 5, 6), (subs["opium"], 7, Unit.KG))


def _record_more(desk) -> Changes:
    """An incident written as another program would, and what the live feed then says changed."""
    with UnitOfWork(desk.engine) as uow:
        seq = ChangeRepository(uow.session).latest_seq()
    IncidentService(desk.engine, desk.settings).record(_more(desk.engine), actor=desk.actor)
    with UnitOfWork(desk.engine) as uow:
        return changes_from_batch(ChangeRepository(uow.session).since(seq))


def test_a_live_change_shows_within_two_seconds_and_keeps_the_users_zoom(qtbot, panel, desk, runner):
    vb = panel.plot.plotItem.vb
    vb.setRange(xRange=(_day_x("2025-03-25"), _day_x("2025-04-06")), yRange=(0, 20), padding=0)
    zoomed = vb.viewRange()
    assert panel.plot.user_moved_view()
    changes = _record_more(desk)
    with qtbot.waitSignal(panel.refreshed, timeout=2_000):
        runner.changes.publish(changes)  # as the live feed (or a local write through the runner) does
    assert _curve(panel, "Opiates")["2025-04-05"] == pytest.approx(7.0)
    assert vb.viewRange() == zoomed


def test_an_incident_recorded_through_the_runner_shows_without_the_live_feed(qtbot, panel, desk, runner):
    with qtbot.waitSignal(panel.refreshed, timeout=2_000):  # the write's Done is published on runner.changes
        runner.submit(lambda: desk.incidents.record(_more(desk.engine)))
    assert _curve(panel, "Opiates")["2025-04-05"] == pytest.approx(7.0)


def test_a_control_change_shows_the_whole_new_range(qtbot, panel):
    vb = panel.plot.plotItem.vb
    vb.setRange(xRange=(_day_x("2025-03-25"), _day_x("2025-04-06")), padding=0)
    _choose(qtbot, panel, granularity_combo="week")
    assert not panel.plot.user_moved_view()


def test_a_burst_of_changes_refreshes_once(qtbot, panel, desk, runner):
    changes = _record_more(desk)
    loads = []
    panel.loaded.connect(lambda: loads.append(1))
    for _ in range(5):
        runner.changes.publish(changes)
    with qtbot.waitSignal(panel.refreshed, timeout=2_000):
        pass
    assert not panel._live_timer.isActive()  # no second refresh scheduled ...
    drain(qtbot, runner)  # ... and every chart read sent so far has come back
    assert loads == [1]


def test_changes_to_other_tables_do_not_refresh(panel, runner):
    other = Change(1, "users", "1", ChangeOp("U"), datetime.now(UTC))
    runner.changes.publish(changes_from_batch(ChangeBatch((other,), 1, truncated=False)))
    runner.changes.publish(Changes.of(Topic.ALERTS, 1) | Changes.of(Topic.AUDIT, 2))
    assert not panel._live_timer.isActive()
    runner.changes.publish(changes_from_batch(ChangeBatch((), 1, truncated=True)))
    assert panel._live_timer.isActive()


def test_a_change_to_a_post_refreshes(panel, runner):
    runner.changes.publish(Changes.of(Topic.POSTS, 1))
    assert panel._live_timer.isActive()


# ---------------------------------------------------------------------------------------- export

def test_export_writes_the_chart_as_png(panel, tmp_path):
    path = tmp_path / "chart.png"
    assert panel.export_png(path)
    image = QImage(str(path))
    assert not image.isNull() and image.width() == panel.plot.width() and image.height() > panel.plot.height()


def test_export_writes_the_numbers_as_csv(qtbot, panel, tmp_path):
    _choose(qtbot, panel, range_combo=7, average=True)
    path = tmp_path / "chart.csv"
    panel.export_csv(path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    labels = list(panel.plot.labels)
    assert rows[0] == ["First day", "Last day", *labels, "Total", "Precursors, kg (apart)",
                       *[f"{label} (7-day average)" for label in labels]]
    assert len(rows) == 1 + 7
    first = dict(zip(rows[0], rows[1]))
    assert first["First day"] == first["Last day"] == "2025-03-31"
    assert first["Opiates"] == "2.000" and first["Total"] == "2.000"
    assert float(first["Opiates (7-day average)"]) == pytest.approx(5.0 / 7, abs=1e-3)
    second = dict(zip(rows[0], rows[2]))
    assert second["Precursors, kg (apart)"] == "10.000" and second["Total"] == "0.000"  # drugs' total without them


# ----------------------------------------------------------------- precursors apart (issue 16, item 6)

def test_the_precursors_box_draws_their_own_line_beside_the_drugs_never_stacked(qtbot, panel):
    assert not panel.precursors.isChecked()  # off at first: on the drugs' scale their litres flatten every drug
    assert panel.plot.apart.getData()[0] is None or len(panel.plot.apart.getData()[0]) == 0
    panel.style_combo.setCurrentIndex(1)  # stacked areas
    drugs = {label: _curve(panel, label) for label in panel.plot.labels}
    panel.precursors.setChecked(True)
    x, y = panel.plot.apart.getData()
    line = {str(np.datetime64(int(v // 86400), "D")): float(w) for v, w in zip(x, y) if w}
    assert line == pytest.approx({"2025-04-01": 10.0})  # the 10 l as they are, not on top of the drugs
    assert {label: _curve(panel, label) for label in panel.plot.labels} == drugs  # the stack is the drugs'
    assert "Precursors (kg, apart)" in [label.text for _s, label in panel.plot.legend.items]
    panel.plot.show_hover(_slot(panel, "Opiates"), 24)  # 1 April
    assert "Precursors (kg, apart): 10.0 kg" in panel.plot.hover_text.textItem.toPlainText()
    _choose(qtbot, panel, metric_combo="incidents")
    assert not panel.precursors.isEnabled() and len(panel.plot.apart.getData()[0] or ()) == 0
    _choose(qtbot, panel, metric_combo="kg")
    assert len(panel.plot.apart.getData()[0]) == 30


def test_a_post_bar_names_its_precursors_apart(panel):
    termez = panel.post_bars.labels.index("BLO Termez")
    text = panel.post_bars.describe(termez)
    assert "BLO Termez: 3.5 kg-equivalent of drugs" in text and "precursors apart: 10.0 kg" in text


def _label_box(bars, index: int):
    """Where value label `index` is drawn, in the bars' view coordinates (left, right): through the scene, as the
    label keeps its size in pixels whatever the view's scale."""
    rect, vb = bars.value_labels[index].sceneBoundingRect(), bars.plotItem.vb
    return vb.mapSceneToView(rect.topLeft()).x(), vb.mapSceneToView(rect.topRight()).x()


@pytest.mark.parametrize("range_days", [7, 30])
def test_each_value_label_sits_at_the_end_of_its_own_bar(qtbot, panel, range_days):
    if range_days != panel.range_combo.currentData():
        _choose(qtbot, panel, range_combo=range_days)  # 7 days: Termez had 3.5 kg before and none now
    for bars in (panel.post_bars, panel.group_bars):
        panel.tabs.setCurrentWidget(bars)  # drawn where it is seen: a hidden tab is laid out when shown
        qtbot.waitUntil(lambda bars=bars: bars.isVisible() and bars.plotItem.vb.width() > 100, timeout=2_000)
        qtbot.wait(20)
        assert len(bars.labels) > 1
        (x0, x1), _ = bars.plotItem.vb.viewRange()
        for i in range(len(bars.labels)):
            label = bars.value_labels[i]
            assert label.isVisible()
            assert (label.pos().x(), label.pos().y()) == pytest.approx(bars.bar_end(i))
            assert bars.bar_end(i) == (pytest.approx(bars.bars.opts["width"][i]), float(i))
            left, right = _label_box(bars, i)
            assert left == pytest.approx(bars.values[i], abs=(x1 - x0) * 0.005)  # starts where its bar ends
            assert right <= x1 + 1e-9  # and is not cut by the plot's edge
            assert bars.previous[i] <= x1  # the previous period's mark is in view too
    if range_days == 7:
        termez = panel.post_bars.labels.index("BLO Termez")
        assert panel.post_bars.values[termez] == 0 and panel.post_bars.previous[termez] == pytest.approx(3.5)
        assert panel.post_bars.value_labels[termez].pos().x() == 0.0  # at its (empty) bar, not at the mark
        # the mark's value is read in words, after this period's
        assert panel.post_bars.value_labels[termez].textItem.toPlainText() == "0.0 (previous: 3.5)"


def test_the_previous_periods_mark_is_a_black_tick_named_in_the_legend(panel):
    marks = panel.post_bars.previous_marks
    assert marks.opts["symbol"] == "|"  # a shape, not a colour only
    assert [label.text for _s, label in panel.post_bars.legend.items] == ["previous period"]
    xs, ys = marks.getData()
    assert xs.tolist() == pytest.approx(panel.post_bars.previous.tolist())
    assert ys.tolist() == list(range(len(panel.post_bars.labels)))


def test_the_charts_show_the_chosen_posts_and_say_so(qtbot, panel, known):
    posts, _ = ids(known)
    assert not panel.posts_chip.isVisible() and not panel.all_posts.isVisible()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_posts((posts["UZ-TER"],))
    assert panel.data.request.post_ids == (posts["UZ-TER"],)
    assert panel.post_bars.labels == ("BLO Termez",)
    assert panel.posts_chip.isVisible() and panel.posts_chip.text() == "BLO Termez only"
    assert panel.all_posts.isVisible() and panel.all_posts.text() == "All posts"
    assert set(panel.plot.labels) == {"Opiates", "Cannabis"}  # Termez's own: 3 kg heroin, 0.5 kg hashish
    with qtbot.waitSignal(panel.allPostsRequested), qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.all_posts.click()
    assert panel.data.request.post_ids == () and len(panel.post_bars.labels) > 1
    assert not panel.posts_chip.isVisible()


def test_the_charts_follow_the_workstations_post_selection_and_back(qtbot, known, desk):
    from ui.shell.workstation import Workstation

    ws = Workstation(desk, live=False)
    qtbot.addWidget(ws.window)
    ws.window.show()
    try:
        qtbot.waitUntil(lambda: ws.charts.data is not None and ws.reference is not None, timeout=10_000)
        _choose(qtbot, ws.charts, range_combo=0)
        posts, _ = ids(known)
        with qtbot.waitSignal(ws.charts.loaded, timeout=10_000):
            ws.post_views.postSelected.emit(posts["KG-DOS"])  # a post card or map marker clicked
        assert ws.panel.filter.post_ids == (posts["KG-DOS"],)
        assert ws.charts.data.request.post_ids == (posts["KG-DOS"],)
        assert ws.charts.posts_chip.text() == "BLO Dostuk only" and ws.charts.posts_chip.isVisible()
        assert "2.0 kg-equivalent of drugs" in ws.charts.headline.text()
        with qtbot.waitSignal(ws.charts.loaded, timeout=10_000):  # the table's filter cleared: every post
            ws.panel.filters.clear()
        assert ws.charts.data.request.post_ids == () and not ws.charts.posts_chip.isVisible()
        with qtbot.waitSignal(ws.charts.loaded, timeout=10_000):
            ws.post_views.postSelected.emit(posts["UZ-TER"])
        with qtbot.waitSignal(ws.charts.loaded, timeout=10_000):
            ws.charts.all_posts.click()  # the chip's button clears the table's post filter too
        assert ws.charts.data.request.post_ids == ()
        qtbot.waitUntil(lambda: ws.panel.filter.post_ids == (), timeout=5_000)
    finally:
        ws.shutdown()
