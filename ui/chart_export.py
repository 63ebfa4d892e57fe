"""The chart as a PNG: the plot exactly as shown, under a two-line title that says what and when.

A grab of the plot widget, not pyqtgraph's ImageExporter: the exporter scales axis text with the asked
width but not the legend (it ignores transformations), which gives a lopsided picture. The hover marks
are hidden before the grab.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

TITLE_PX, SUBTITLE_PX, MARGIN = 15, 12, 8


def chart_image(plot: QWidget, title: str, subtitle: str) -> QImage:
    chart = plot.grab().toImage()
    title_h, subtitle_h = int(TITLE_PX * 1.7), int(SUBTITLE_PX * 1.7)
    top = MARGIN + title_h + subtitle_h
    image = QImage(chart.width(), chart.height() + top, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for text, y, height, pixels, bold in ((title, MARGIN, title_h, TITLE_PX, True),
                                              (subtitle, MARGIN + title_h, subtitle_h, SUBTITLE_PX, False)):
            font = QFont()
            font.setPixelSize(pixels)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.black if bold else Qt.GlobalColor.darkGray)
            rect = QRect(2 * MARGIN, y, image.width() - 4 * MARGIN, height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        painter.drawImage(0, top, chart)
    finally:
        painter.end()
    return image


def save_chart_png(plot: QWidget, path: str | Path, title: str, subtitle: str) -> bool:
    return chart_image(plot, title, subtitle).save(str(path), "PNG")
