"""Published statistics in the charts panel (issue 15, item 1): imported through the desk on the runner, they
arrive as dash-dotted context lines with a legend of their own ("National totals as published, daily average:",
then "UNODC, Kazakhstan"; a click on the title hides them all) and a hover that names the figure and the average
drawn; the seizures' curves hold the same numbers as before. No statistics (or incident counts): nothing extra
drawn, no legend entry."""

from __future__ import annotations

import csv
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt

from sitcentre.backend.imports import Mapping, MappingKind
from sitcentre.domain.changes import Changes, Topic
from tests.integration.helpers import record_known_incidents
from tests.ui.barriers import drain
from ui.charts.chart_plot import day_seconds
from ui.charts.charts_panel import ChartsPanel
from ui.common.tasks import TaskRunner

TODAY = date(2025, 4, 6)  # "Last 30 days": 8 March - 6 April
TITLE = "National totals as published, daily average:"
MAPPING = Mapping(MappingKind.STATISTICS, columns=(
    ("Source", "source"), ("Country", "country"), ("Year", "year"), ("Month", "month"), ("Group", "group"),
    ("Quantity", "quantity"), ("Unit", "unit")))


@pytest.fixture
def desk(app_backend):
    record_known_incidents(app_backend.engine, with_draft=False)
    return app_backend.system_desk("tests")


@pytest.fixture
def runner():
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def panel(qtbot, desk, runner):
    p = ChartsPanel(runner, desk, today=lambda: TODAY, refresh_delay_ms=200)
    qtbot.addWidget(p)
    p.resize(1100, 420)
    p.show()
    qtbot.waitUntil(lambda: p.data is not None, timeout=10_000)
    return p


def _x(day: str) -> float:
    return float(day_seconds(np.array([day], dtype="datetime64[D]"))[0])


def _legend(panel) -> list[str]:
    return [label.text for _, label in panel.plot.legend.items]


def _context_legend(panel) -> list[str]:
    return [label.text for _, label in panel.plot.context_legend.items]


def _points(curve) -> int:
    x, _ = curve.getData()
    return 0 if x is None else len(x)


def _seizure_curves(panel) -> list[tuple[list, list]]:
    return [tuple(np.asarray(a).tolist() for a in curve.getData()) for curve in panel.plot.curves]


ROWS = (["UNODC", "Kazakhstan", "2025", "", "Opiates", "2920.5", "kg"],
        ["UNODC", "Kazakhstan", "2025", "", "Cannabis", "730", "kg"],
        ["MVD", "Uzbekistan", "2025", "3", "Opiates", "310", "kg"])


def _import(qtbot, panel, desk, runner, tmp_path, rows=ROWS) -> None:
    """A published file imported as the wizard does it: on the runner, its Done announcing Topic.STATISTICS."""
    path = tmp_path / "unodc.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["Drug seizures, kilograms"], ["Source", "Country", "Year", "Month", "Group", "Quantity", "Unit"], *rows])
    with qtbot.waitSignal(panel.refreshed, timeout=3_000):
        runner.submit(lambda: desk.imports.run(path, MAPPING))


def test_without_statistics_nothing_extra_is_drawn(panel):
    assert [_points(curve) for curve in panel.plot.context] == [0] * len(panel.plot.context)
    assert not any("as published" in text for text in _legend(panel)) and _context_legend(panel) == []
    assert panel.plot.context_legend.maximumHeight() == 0  # takes no room


def test_imported_statistics_arrive_as_a_context_line_and_leave_the_seizures_as_they_were(
        qtbot, panel, desk, runner, tmp_path):
    before, labels = _seizure_curves(panel), panel.plot.labels
    items = list(panel.plot.plotItem.listDataItems())
    _import(qtbot, panel, desk, runner, tmp_path)
    assert _seizure_curves(panel) == before and panel.plot.labels == labels
    assert panel.plot.plotItem.listDataItems() == items  # the context curves were there, empty, from the start
    assert _legend(panel)[:len(labels)] == list(labels)  # the series' legend as it was
    assert _context_legend(panel) == [TITLE, "UNODC, Kazakhstan", "MVD, Uzbekistan"]  # the posts' countries
    kz, uz = panel.plot.context[:2]
    x, y = kz.getData()
    assert list(x) == [_x("2025-03-08"), _x("2025-04-07")]  # the year, clipped to the range shown
    assert list(y) == pytest.approx([3650.5 / 365] * 2)
    # not told apart by colour alone: a dash pattern unlike the series (solid), averages (dash), partial (dot)
    assert kz.opts["pen"].style() == uz.opts["pen"].style() == Qt.PenStyle.CustomDashLine
    assert kz.opts["pen"].dashPattern() != uz.opts["pen"].dashPattern()
    assert kz.isVisible() and kz.zValue() > max(c.zValue() for c in panel.plot.curves)
    uz_x, uz_y = uz.getData()
    assert list(uz_x) == [_x("2025-03-08"), _x("2025-04-01")] and list(uz_y) == pytest.approx([10.0, 10.0])


def test_a_click_on_the_title_hides_every_published_line_and_another_shows_them(qtbot, panel, desk, runner, tmp_path):
    _import(qtbot, panel, desk, runner, tmp_path)
    sample = panel.plot.context_legend.items[0][0]
    sample.item.setVisible(False)  # what ItemSample does on a click
    assert not any(curve.isVisible() for curve in panel.plot.context[:2])
    assert all(curve.isVisible() for curve in panel.plot.curves[:len(panel.plot.labels)])
    sample.item.setVisible(True)
    assert all(curve.isVisible() for curve in panel.plot.context[:2])


def test_the_hover_names_the_published_figure_and_the_average_drawn(qtbot, panel, desk, runner, tmp_path):
    _import(qtbot, panel, desk, runner, tmp_path)
    panel.plot.show_hover(panel.plot.labels.index("Opiates"), 22)  # 30 March
    text = panel.plot.hover_text.textItem.toPlainText()
    assert "National totals as published:" in text and "Opiates: 3.0 kg-equivalent" in text
    assert "UNODC, Kazakhstan, 2025: 3,651 kg (10.0 kg a day on average)" in text
    assert "MVD, Uzbekistan, March 2025: 310.0 kg (10.0 kg a day on average)" in text
    panel.plot.show_hover(panel.plot.labels.index("Opiates"), 24)  # 1 April: the March figure is over
    assert "Uzbekistan" not in panel.plot.hover_text.textItem.toPlainText()


def test_a_monthly_chart_draws_the_year_as_its_monthly_average_and_stacking_leaves_it_alone(
        qtbot, panel, desk, runner, tmp_path):
    _import(qtbot, panel, desk, runner, tmp_path)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.granularity_combo.setCurrentIndex(panel.granularity_combo.findData("month"))
    assert _context_legend(panel)[0] == "National totals as published, monthly average:"
    _, y = panel.plot.context[0].getData()
    assert list(y) == pytest.approx([3650.5 / 12] * 2)
    panel.style_combo.setCurrentIndex(1)  # stacked areas: the context is drawn as it is, never on the stack
    assert list(panel.plot.context[0].getData()[1]) == pytest.approx([3650.5 / 12] * 2)


def test_incident_counts_have_no_published_line(qtbot, panel, desk, runner, tmp_path):
    _import(qtbot, panel, desk, runner, tmp_path)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.metric_combo.setCurrentIndex(panel.metric_combo.findData("incidents"))
    assert not any("as published" in text for text in _legend(panel)) and _context_legend(panel) == []
    assert panel.plot.context_legend.maximumHeight() == 0  # takes no room
    assert [_points(curve) for curve in panel.plot.context] == [0] * len(panel.plot.context)
    drain(qtbot, runner)


def test_more_sources_than_lines_say_how_many_are_shown_the_posts_countries_first(qtbot, panel, desk, runner,
                                                                                  tmp_path):
    countries = ("Afghanistan", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan")
    _import(qtbot, panel, desk, runner, tmp_path,
            [["UNODC", name, "2025", "", "Opiates", "365", "kg"] for name in countries])
    assert _context_legend(panel) == ["National totals as published, daily average (4 of 5 shown):",
                                      "UNODC, Kyrgyzstan", "UNODC, Kazakhstan", "UNODC, Tajikistan",
                                      "UNODC, Uzbekistan"]  # by code (KG, KZ, TJ, UZ); Afghanistan has no post


def test_a_change_to_published_statistics_refreshes(panel, runner):
    runner.changes.publish(Changes.of(Topic.STATISTICS, 1))  # as the live feed maps another program's import
    assert panel._live_timer.isActive()
