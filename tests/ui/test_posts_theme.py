"""The map and the post cards follow the light and dark themes (issue 16): switched at once, no dark text on a
dark ground nor light text on a white box, and a post's status told by shape and words as well as colour."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import PostStatus, Unit
from sitcentre.domain.post_status import ReportLevel
from sitcentre.domain.records import utcnow
from tests.integration.helpers import ids, incident
from ui.common import theme as themes
from ui.common.tasks import TaskRunner
from ui.posts.alerts_model import COL_ACK, COL_PRIORITY
from ui.posts.alerts_panel import AlertsPanel
from ui.posts.map_view import DARK_MAP, LIGHT_MAP, MapView
from ui.posts.post_panel import PostStatusPanel
from ui.posts.post_style import STATUS_SHAPES, card_tooltip, muted


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(text, ground) -> float:
    """WCAG contrast ratio: 4.5 reads as body text, 3 as large or bold text."""
    lighter, darker = sorted((_luminance(QColor(text)), _luminance(QColor(ground))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _style_colour(style_sheet: str) -> str:
    return re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", style_sheet).group(1)


@pytest.fixture
def theme(qapp, qtbot):
    """Switch the theme with theme("dark", until): Qt posts the palette change, so wait until `until()` holds;
    the platform's own look comes back afterwards."""
    def switch(name: str, until) -> None:
        themes.apply_theme(qapp, name)
        qtbot.waitUntil(until, timeout=5_000)

    yield switch
    themes.apply_theme(qapp, "system")


@pytest.fixture
def board(engine, app_backend):
    posts, subs = ids(engine)
    desk = app_backend.system_desk("s")
    desk.incidents.record(incident(posts["UZ-TER"], utcnow() - timedelta(hours=3), (subs["opium"], 10, Unit.KG)))
    desk.posts.set_status(posts["KZ-KAR"], "limited", "Scanner under repair")
    return desk.posts.board()


@pytest.fixture
def map_view(qtbot, board):
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_board(board)
    return view


@pytest.fixture
def runner():
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def panel(qtbot, app_backend, runner):
    widget = PostStatusPanel(runner, app_backend.system_desk("supervisor1"))
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None, timeout=10_000)
    return widget


def _check_map(view: MapView, dark: bool) -> None:
    look = view.look
    assert look == (DARK_MAP if dark else LIGHT_MAP)
    water = view.plot.backgroundBrush().color()
    assert (water.lightness() < 80) if dark else (water.lightness() > 200)
    for _focus, label in view.country_labels[:1]:
        assert label.color == QColor(look.country_focus if _focus else look.country_other)
    for label in view.post_labels.values():  # post names on the land
        assert contrast(label.color, look.land_focus) >= 4.5
    legend_fill = QColor(255, 255, 255) if not dark else QColor(43, 45, 48)
    assert _style_colour(view.legend.styleSheet()) == look.text
    assert look.panel_fill in view.legend.styleSheet()
    assert contrast(look.text, legend_fill) >= 7 and contrast(look.muted, legend_fill) >= 4.5
    assert contrast(_style_colour(view.attribution.styleSheet()), legend_fill) >= 4.5
    assert contrast(_style_colour(view.summary.styleSheet()), view.palette().color(QPalette.ColorRole.Window)) >= 4.5


def test_the_map_follows_the_theme_at_once(map_view, theme):
    theme("light", lambda: not map_view.look.dark)
    _check_map(map_view, dark=False)
    theme("dark", lambda: map_view.look.dark)
    _check_map(map_view, dark=True)
    edge = {map_view.marker(p.data()).pen().color().name() for p in map_view.scatter.points()}
    assert edge == {QColor(DARK_MAP.marker_edge).name()}  # the markers were drawn again
    theme("light", lambda: not map_view.look.dark)
    _check_map(map_view, dark=False)


def test_a_markers_status_is_its_shape_as_well_as_its_colour(map_view, engine):
    posts, _ = ids(engine)
    symbol = {pid: map_view.marker(pid).symbol() for pid in posts.values()}
    assert symbol[posts["UZ-BEK"]] == "o" and symbol[posts["KZ-KAR"]] == "t1" and symbol[posts["TJ-ISH"]] == "s"
    rings = {int(p.data()): p.pen() for p in map_view.late.points()}
    levels = {c.post.id: c.report for c in map_view.board.cards if c.report != ReportLevel.OK}
    styles = {levels[pid]: pen.style().name for pid, pen in rings.items()}
    assert styles.get(ReportLevel.RED, "SolidLine") == "SolidLine"
    assert styles.get(ReportLevel.AMBER, "DashLine") == "DashLine"
    text = map_view.legend.text()
    assert all(shape in text for shape in STATUS_SHAPES.values()) and "dashed" in text
    assert "kg-equivalent of drugs" in text


def _check_card(card, dark: bool) -> None:
    base = card.palette().color(QPalette.ColorRole.Base)
    assert (base.lightness() < 80) if dark else (base.lightness() > 200)
    assert contrast(card.name.palette().color(QPalette.ColorRole.WindowText), base) >= 7
    assert contrast(_style_colour(card.report.styleSheet()), base) >= 4.5
    assert f"color:{muted(dark)}" in card.figures.text()
    assert contrast(muted(dark), base) >= 4.5
    status = card.card.post.status
    assert card.status.text().startswith(STATUS_SHAPES[status])  # shape and word, on a coloured pill
    pill = dict(rule.split(":") for rule in card.status.styleSheet().replace(" ", "").split(";") if rule)
    assert contrast(pill["color"], pill["background"]) >= 4.5  # near-black on amber, white on green and red
    assert muted(dark) in card.toolTip() and muted(dark) in card_tooltip(card.card)


def test_the_post_cards_follow_the_theme_at_once(panel, theme):
    cards = list(panel.cards.values())
    assert cards and any(c.card.post.status != PostStatus.OPERATIONAL for c in cards)
    for dark in (False, True, False):
        theme("dark" if dark else "light", lambda d=dark: panel.dark == d and all(c.dark == d for c in cards))
        for card in cards:
            _check_card(card, dark)
    assert "Drugs" in cards[0].figures.text() and "precursors counted apart" in cards[0].toolTip()


def test_the_post_detail_follows_the_theme_and_says_the_kg_are_drugs(qtbot, panel, engine, theme):
    posts, _ = ids(engine)
    dialog = panel.open_detail(posts["KG-KSU"])  # offline and silent: a red last report
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=5_000)
    rows = {dialog.record.itemAt(r, dialog.record.ItemRole.LabelRole).widget().text():
            dialog.record.itemAt(r, dialog.record.ItemRole.FieldRole).widget() for r in range(dialog.record.rowCount())}
    assert rows["Drugs seized in 30 days:"].text() == "0 kg (kg-equivalent)"  # the label says drugs, once "kg"
    assert "counted apart" in rows["Precursors seized in 30 days:"].text()
    for dark in (True, False):
        theme("dark" if dark else "light", lambda d=dark: dialog.dark == d)
        ground = dialog.palette().color(QPalette.ColorRole.Window)
        report = dict(rule.split(":") for rule in dialog.record.itemAt(
            3, dialog.record.ItemRole.FieldRole).widget().styleSheet().replace(" ", "").split(";") if rule)
        assert contrast(report["color"], ground) >= 4.5
        assert contrast(_style_colour(dialog.subtitle.styleSheet()), ground) >= 4.5
    dialog.close()


def test_a_waiting_alert_reads_in_both_themes(qtbot, engine, runner, app_backend, theme):
    """A waiting alert's row is tinted amber: a pale tint under the light theme's dark text, a dark one under the
    dark theme's light text; the priority and the waiting state keep colours that read on either."""
    posts, _ = ids(engine)
    app_backend.system_desk("oybek").alerts.send(Alert("White Toyota", from_post_id=posts["UZ-OYB"],
                                                       to_post_id=posts["TJ-PAT"], priority="normal"))
    view = AlertsPanel(runner, app_backend.system_desk("patar.officer"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5_000)
    for dark in (True, False):
        theme("dark" if dark else "light", lambda d=dark: view.dark == d)
        text = view.view.palette().color(QPalette.ColorRole.Text)
        ground = view.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color()
        assert contrast(text, ground) >= 7
        for column in (COL_PRIORITY, COL_ACK):  # the light theme's colours are as before themes: 3:1 at least
            foreground = view.model.index(0, column).data(Qt.ItemDataRole.ForegroundRole).color()
            assert contrast(foreground, ground) >= (4.5 if dark else 3)
        assert contrast(_style_colour(view.summary.styleSheet()), view.palette().color(QPalette.ColorRole.Window)) \
            >= 4.5
