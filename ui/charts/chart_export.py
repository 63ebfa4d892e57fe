"""The chart as a PNG (the plot exactly as shown, under a two-line title that says what and when) and its
numbers as CSV.

A grab of the plot widget, not pyqtgraph's ImageExporter: the exporter scales axis text with the asked
width but not the legend (it ignores transformations), which gives a lopsided picture. The hover marks
are hidden before the grab. Every PNG this app writes goes through `save_png`: encoded in memory, then
written by sitcentre.output_paths (never over the open database, a folder or a device; an existing file
only when the user agreed; whole or not at all); so does the CSV (`write_csv`, the rows made by
sitcentre.domain.charts.csv_rows).
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from sitcentre.output_paths import atomic_write, write_bytes

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


def save_chart_png(plot: QWidget, path: str | Path, title: str, subtitle: str, replace: bool = False) -> bool:
    """False when the image cannot be encoded; sitcentre.output_paths.UnsafeOutput when it may not be written."""
    return save_png(chart_image(plot, title, subtitle), path, replace)


def save_png(image: QImage, path: str | Path, replace: bool = False) -> bool:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return False
    buffer.close()
    write_bytes(path, bytes(data.data()), replace=replace, what="image")
    return True


def write_csv(path: str | Path, rows: list[list[str]], overwrite: bool = False) -> None:
    """UTF-8 (names in Cyrillic too), through sitcentre.output_paths: whole or not at all, never over the open
    database, a folder or a device, over an existing file only when `overwrite` (UnsafeOutput otherwise)."""
    with atomic_write(path, replace=overwrite, text=True, what="CSV") as out:
        csv.writer(out).writerows(rows)
