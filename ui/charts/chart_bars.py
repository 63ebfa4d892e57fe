"""Breakdowns beside the seizure chart: horizontal bars per post or substance group, and a comparison table.

A bar chart is one BarGraphItem (created once, updated with setOpts), a tick mark per bar where the
previous period stood, and value labels from a pool that only grows. Bars run left to right so that
post names stay readable in a low dock; the largest is on top. The legend in the lower right corner
explains the tick mark ("| previous period"), so it need not be found by hovering.

Each bar's value label starts right at the end of its own bar (never at the tick mark, which may lie far
beyond a bar that shrank) and says the previous period's figure in words after it ("12.5 (previous: 518.8)"),
so the tick's value is read without guessing which number belongs to what. A label is drawn over the ticks on
a white ground (a tick under a label would strike through its digits; its figure is in the label's words), and
the x range leaves room for the longest label at its bar's end.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QToolTip

from ui.common.theme import is_theme_event, plot_colours, recolour_legend

BAR_HEIGHT = 0.7
BAR_COLOUR = "#4e79a7"
ROW_PX = 15  # below this a post name overlaps the next
MIN_ROWS = 3  # rows of room at least: fewer bars are not drawn taller


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate reads _t as tr, context ""


def value_text(value: str, previous: str) -> str:
    """A bar's label: its value, then the previous period's (what the tick mark stands at) in words."""
    return _t("{0} (previous: {1})").format(value, previous)


def small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


class BarsPlot(pg.PlotWidget):
    barClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        item = self.plotItem
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=True)  # drag up and down when not every bar fits
        item.vb.invertY(True)
        item.hideAxis("bottom")
        left = item.getAxis("left")
        left.setStyle(tickLength=0, tickFont=small_font())
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), height=BAR_HEIGHT, width=np.zeros(0),
                                    brush=BAR_COLOUR, pen=pg.mkPen(None))
        self.previous_marks = pg.ScatterPlotItem(symbol="|", size=13, pen=pg.mkPen("#333", width=1.2),
                                                 brush=pg.mkBrush("#333"))
        item.addItem(self.bars)
        item.addItem(self.previous_marks)
        # Below the bars, in the plot's own layout: inside the view it covered the value labels of the last bars
        self.legend = pg.LegendItem(frame=False, labelTextColor="#222", labelTextSize="8pt")
        item.layout.addItem(self.legend, 4, 1, alignment=Qt.AlignmentFlag.AlignRight)
        self.legend.addItem(self.previous_marks, self.tr("previous period"))
        self.value_labels: list[pg.TextItem] = []
        self.labels: tuple[str, ...] = ()
        self.values = np.zeros(0)
        self.previous = np.zeros(0)
        self.describe: Callable[[int], str] = lambda index: ""
        self.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        item.vb.sigResized.connect(self._fit_x)  # wider post names narrow the view: the labels need room again
        self.restyle()

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and getattr(self, "plotItem", None) is not None and hasattr(self, "value_labels"):
            self.restyle()

    def restyle(self) -> None:
        """Background, axis, legend, marks and value labels in the colours of the current palette."""
        theme = self.theme = plot_colours(self)
        self.setBackground(theme.background)
        left = self.plotItem.getAxis("left")
        left.setTextPen(theme.text)
        left.setPen(theme.axis)
        recolour_legend(self.legend, theme.text)
        self.previous_marks.setPen(pg.mkPen(theme.marks, width=1.2))
        self.previous_marks.setBrush(pg.mkBrush(theme.marks))
        for text in self.value_labels:
            self._colour_label(text)

    def _colour_label(self, text: pg.TextItem) -> None:
        text.fill = pg.mkBrush(self.theme.background)
        text.setColor(self.theme.text)

    def set_bars(self, labels: tuple[str, ...], values: np.ndarray, previous: np.ndarray,
                 colours: tuple[str, ...] | None = None, fmt: Callable[[float], str] = str) -> None:
        self.labels, self.values, self.previous = tuple(labels), np.asarray(values, float), np.asarray(previous, float)
        rows = np.arange(len(labels), dtype=float)
        brushes = [pg.mkBrush(c) for c in colours] if colours else [pg.mkBrush(BAR_COLOUR)] * len(labels)
        self.bars.setOpts(x0=np.zeros(len(labels)), y=rows, height=BAR_HEIGHT, width=self.values, brushes=brushes)
        self.previous_marks.setData(self.previous, rows)
        self.plotItem.getAxis("left").setTicks([[(i, label) for i, label in enumerate(labels)], []])
        self._set_value_labels(rows, fmt)
        self._fit_x()
        self._fit_rows()

    def _fit_x(self) -> None:
        """An x range that holds every previous-period tick and every label after its bar's end."""
        if not len(self.labels):
            return
        width = self.plotItem.vb.width() or max(self.width() - 80, 100)
        top = max(float(self.values.max(initial=0)), float(self.previous.max(initial=0)), 1e-9) * 1.04
        for value, label in zip(self.values, self.value_labels):
            room = 1 - (label.boundingRect().width() + 4) / width  # the share left for the bar
            top = max(top, float(value) / max(room, 0.25))
        self.plotItem.vb.setRange(xRange=(0, top), padding=0)

    def _fit_rows(self) -> None:
        """Rows at a readable height from the largest down; the rest are a drag away."""
        count = max(len(self.labels), MIN_ROWS)  # one or two bars (a chart of one post) keep a bar's height
        shown = min(count, max(MIN_ROWS, int(self.plotItem.vb.height() // ROW_PX))) if self.plotItem.vb.height() \
            else count
        span = shown - 0.2
        self.plotItem.vb.setLimits(yMin=-0.6, yMax=count - 0.4, minYRange=span, maxYRange=span)
        self.plotItem.vb.setYRange(-0.6, shown - 0.8, padding=0)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        if getattr(self, "labels", ()):
            self._fit_x()
            self._fit_rows()

    def _set_value_labels(self, rows: np.ndarray, fmt: Callable[[float], str]) -> None:
        while len(self.value_labels) < len(rows):
            # anchored by its left middle at the bar's end (the text's own margin keeps it off the bar), over the
            # ticks on a white ground
            text = pg.TextItem(anchor=(0, 0.5))
            self._colour_label(text)
            text.setFont(small_font())
            text.setZValue(10)
            self.plotItem.addItem(text, ignoreBounds=True)
            self.value_labels.append(text)
        for i, text in enumerate(self.value_labels):
            if i < len(rows):
                text.setText(value_text(fmt(self.values[i]), fmt(self.previous[i])))
                text.setPos(float(self.values[i]), rows[i])  # the end of its own bar
                text.show()
            else:
                text.hide()

    def bar_end(self, index: int) -> tuple[float, float]:
        """Where bar `index` ends, in view coordinates (x: its value, y: its row)."""
        return float(self.values[index]), float(index)

    def index_at(self, scene_pos: QPointF) -> int | None:
        vb = self.plotItem.vb
        if not len(self.labels) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        index = int(round(point.y()))
        if 0 <= index < len(self.labels) and abs(point.y() - index) <= BAR_HEIGHT / 2 + 0.1:
            return index
        return None

    def _mouse_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not event.double():
            index = self.index_at(event.scenePos())
            if index is not None:
                self.click_bar(index)

    def _mouse_moved(self, scene_pos) -> None:
        index = self.index_at(scene_pos)
        if index is None:
            QToolTip.hideText()
            return
        view_pos = self.mapFromScene(scene_pos)
        QToolTip.showText(self.mapToGlobal(view_pos), self.describe(index), self)

    def click_bar(self, index: int) -> None:
        """A click on bar `index` (tests call it directly)."""
        if 0 <= index < len(self.labels):
            self.barClicked.emit(index)


class ComparisonTable(QTableWidget):
    """This period against the previous one of equal length: one row per measure."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(20)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def set_rows(self, headings: tuple[str, str, str, str], rows: list[tuple[str, str, str, str]]) -> None:
        """rows: (measure, this period, previous period, change). Cells are reused, not recreated."""
        self.setHorizontalHeaderLabels(list(headings))
        self.setRowCount(len(rows))
        for r, (name, now, before, change) in enumerate(rows):
            for c, text in enumerate((name, now, before, change)):
                cell = self.item(r, c)
                if cell is None:
                    cell = QTableWidgetItem()
                    self.setItem(r, c, cell)
                cell.setText(text)
                align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
                cell.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:  # a measure's name can be long: the whole of it on hover
                    cell.setToolTip(text)


def change_fraction(now: float, before: float) -> float | None:
    """(now - before) / before, or None when there was nothing before."""
    return None if before == 0 else (now - before) / before
