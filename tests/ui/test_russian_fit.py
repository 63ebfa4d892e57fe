"""Fits the screens in use in Russian too (issue 16, item 4): at 1366x768 and 1024x700 the main window in Russian
keeps its docks apart, and the status bar's labels neither overlap nor run past the window: a label with less
room than its text cuts it with "…" and shows the whole of it in its tooltip."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from tests.ui.test_screen_sizes import SMALL_SCREENS, demo_engine, global_rect, open_station, overlapping_panes
from ui.shell import language
from ui.shell.screen_fit import ElidingLabel

__all__ = ["demo_engine"]  # fixture


@pytest.fixture
def russian(qapp):
    saved = QLocale()
    assert language.install_language(qapp, "ru")
    yield qapp
    language.install_language(qapp, "en")
    QLocale.setDefault(saved)


def _status_labels(window) -> list[QLabel]:
    return [w for w in window.statusBar().findChildren(QLabel) if w.isVisible() and w.width() > 0]


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=["1024x700", "1366x768"])
def test_the_status_bar_in_russian_elides_instead_of_overlapping(qtbot, russian, demo_engine, size):
    station = open_station(qtbot, demo_engine, size)
    window = station.window
    assert "Пользователь" in station.user_label.text()  # the bar is in Russian
    assert overlapping_panes(window) == []
    labels = _status_labels(window)
    rects = {label: global_rect(label) for label in labels}
    overlaps = [(a.text(), b.text()) for a, b in combinations(labels, 2) if rects[a].intersects(rects[b])]
    assert overlaps == []
    bar = global_rect(window.statusBar())
    assert [label.text() for label in labels if not bar.contains(rects[label])] == []
    cut = [label for label in labels if label.width() < label.sizeHint().width()]  # less room than the text asks
    assert cut, "at this width some label has less room than its Russian text (else this test proves nothing)"
    assert all(isinstance(label, ElidingLabel) and label.is_elided() for label in cut), [
        label.text() for label in cut if not isinstance(label, ElidingLabel)]
    live = window.live_feed_label
    assert live.width() >= live.sizeHint().width()  # the feed's state is never the one cut
