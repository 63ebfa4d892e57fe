"""One post's card: name, crossing and border, status with reason and since when, last report (amber/red
when late), incidents in 24 h and 7 days, drugs' kg-equivalent in 30 days with a 30-day sparkline and the
precursor chemicals seized apart (issue 16), waiting alerts;
at a centre, the last bundle received from the post and its entries held or in error (issue 13).

The card only shows a PostCard it is handed (no I/O); a click selects the post, a double click opens its
detail, a right click offers the post's actions.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from sitcentre.domain.days import local_text
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.post_status import Attention, ReportLevel
from sitcentre.domain.posts import PostCard, PostExchange
from ui.common.theme import is_theme_event
from ui.posts.post_style import (
    ATTENTION_COLOURS,
    REPORT_COLOURS,
    SPARK_COLOUR,
    STATUS_COLOURS,
    STATUS_SHAPES,
    card_tooltip,
    dark_theme,
    kg_text,
    last_report_text,
    muted,
    pill_style,
    post_statuses,
    text_colour,
)


def card_style(dark: bool) -> str:
    """The cards' style sheet for a light or a dark ground (the panel sets it again when the theme changes)."""
    border, hover, selected = ("#4a4f55", "#7d8f9f", "#5a9bd8") if dark else ("#d3dae0", "#8fa6ba", "#1f6fb2")
    return f"""
QFrame#PostCard {{ background: palette(base); border: 1px solid {border}; border-radius: 5px; }}
QFrame#PostCard:hover {{ border-color: {hover}; }}
QFrame#PostCard[selected="true"] {{ border: 2px solid {selected}; }}
QLabel[role="muted"] {{ color: {muted(dark)}; }}
QLabel[role="pill"] {{ color: white; border-radius: 8px; padding: 1px 8px; font-weight: bold; }}
"""


CARD_STYLE = card_style(False)  # the light look, as before themes


def _t(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Qt's tr() outside a class (pyside6-lupdate reads `_t` as `tr`: context "", then the text, a disambiguation
    and the count of a %n text)."""
    return QCoreApplication.translate("", text, disambiguation or None, n)


def bundle_text(exchange: PostExchange | None, utc_offset_minutes: int) -> str:
    """'Last bundle 2026-11-30 14:02: 12 records (3 added, 2 updated)' ('' when nothing came from the post)."""
    if exchange is None:
        return ""
    if exchange.last_bundle_at is None:
        return _t("No bundle received yet")
    text = _t("Last bundle {0}: %n record(s)", "", exchange.last_bundle_entries).format(
        local_text(exchange.last_bundle_at, utc_offset_minutes))
    if exchange.last_bundle_added or exchange.last_bundle_updated:
        text += " " + _t("({0} added, {1} updated)").format(exchange.last_bundle_added, exchange.last_bundle_updated)
    return text


def waiting_text(exchange: PostExchange | None) -> str:
    """'⏸ 2 held · ⛔ 1 error' ('' when nothing waits)."""
    if exchange is None:
        return ""
    parts = []
    if exchange.held:
        parts.append("⏸ " + _t("%n held", "", exchange.held))
    if exchange.errors:
        parts.append("⛔ " + _t("%n error(s)", "", exchange.errors))
    return " · ".join(parts)


def waiting_tooltip() -> str:
    return _t("Held: received entries waiting for an earlier one from the same post. Errors: entries that could "
              "not be applied ('sitcentre bundle pending' gives the reasons); the post's next bundle tries again.")


class Sparkline(QWidget):
    """Daily values as thin bars, oldest on the left; the last bar (today) drawn darker."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values = np.zeros(0)
        self.setFixedSize(96, 30)

    def set_values(self, values: np.ndarray) -> None:
        self.values = np.asarray(values, dtype=float)
        top = float(self.values.max()) if self.values.size else 0.0
        self.setToolTip(self.tr("Drugs, kg-equivalent per day, last {0} days (highest: {1})").format(
            self.values.size, kg_text(top)))
        self.update()

    def paintEvent(self, _event) -> None:  # Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        width, height = self.width(), self.height() - 1
        dark = dark_theme()
        painter.setPen(QPen(QColor("#5a5f64" if dark else "#c9d2d9"), 1))
        painter.drawLine(QPointF(0, height), QPointF(width, height))
        n = self.values.size
        top = float(self.values.max()) if n else 0.0
        if n == 0 or top <= 0:
            return
        step = width / n
        painter.setPen(Qt.PenStyle.NoPen)
        for i, value in enumerate(self.values):
            if value <= 0:
                continue
            # square root: one big seizure does not flatten every other day to nothing
            bar = max(2.0, (height - 2) * (value / top) ** 0.5)
            colour = QColor(SPARK_COLOUR)
            if i == n - 1:  # today stands out: darker on a light ground, lighter on a dark one
                colour = colour.lighter(150) if dark else colour.darker(140)
            painter.setBrush(colour)
            painter.drawRect(QRectF(i * step + 0.5, height - bar, max(step - 1.0, 1.0), bar))


class PostCardWidget(QFrame):
    clicked = Signal(int)  # post id
    activated = Signal(int)  # double click: open the detail
    menuRequested = Signal(int, object)  # post id, global QPoint

    def __init__(self, post_id: int, parent=None):
        super().__init__(parent)
        self.post_id = post_id
        self.card: PostCard | None = None
        self.dark: bool | None = None  # the theme the card was drawn for
        self.setObjectName("PostCard")
        self.setProperty("selected", False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.bar = QFrame()
        self.bar.setFixedWidth(4)
        self.name = QLabel()
        font = self.name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.name.setFont(font)
        self.status = self._label(role="pill")
        self.place = self._label(role="muted")
        self.reason = self._label(role="muted")
        self.reason.setWordWrap(True)
        self.report = self._label()
        self.alerts = self._label(role="pill")
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.spark = Sparkline()
        self.bundle = self._label(role="muted")  # at a centre: the last bundle from the post
        self.waiting = self._label(role="pill")  # and its entries held or in error
        self.waiting.setToolTip(waiting_tooltip())
        self._lay_out()

    def _label(self, role: str = "") -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        return label

    def _lay_out(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 8, 0)
        outer.setSpacing(8)
        outer.addWidget(self.bar)
        body = QVBoxLayout()
        body.setContentsMargins(0, 6, 0, 6)
        body.setSpacing(2)
        outer.addLayout(body, 1)
        for widgets in ((self.name, None, self.status), (self.place,), (self.reason,),
                        (self.report, None, self.alerts), (self.figures, None, self.spark),
                        (self.bundle, None, self.waiting)):
            row = QHBoxLayout()
            row.setSpacing(6)
            for widget in widgets:
                row.addStretch(1) if widget is None else row.addWidget(widget)
            body.addLayout(row)

    def set_card(self, card: PostCard) -> None:
        self.card, self.dark = card, dark_theme()
        post, summary, dark = card.post, card.summary, self.dark
        self.bar.setStyleSheet(f"background: {ATTENTION_COLOURS[card.attention]}; border-top-left-radius: 5px;"
                               " border-bottom-left-radius: 5px;")
        self.name.setText(post.name)
        self.status.setText(f"{STATUS_SHAPES[post.status]} {post_statuses()[post.status]}")  # the map's shape too
        self.status.setStyleSheet(pill_style(STATUS_COLOURS[post.status]))
        self.place.setText(self.tr("{0}  ·  {1} border").format(post.crossing, post.border))
        since = local_text(post.status_since, post.utc_offset_minutes)
        reason = post.status_reason or ""
        if since and post.status != PostStatus.OPERATIONAL:
            reason = self.tr("{0} (since {1})").format(reason, since) if reason else self.tr("Since {0}").format(since)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.report.setText(last_report_text(card.hours_since_report))
        late = card.report != ReportLevel.OK
        self.report.setStyleSheet(f"color: {text_colour(REPORT_COLOURS[card.report], dark)}; font-weight: bold;"
                                  if late else f"color: {muted(dark)};")
        self.alerts.setText(self.tr("%n alert(s) waiting", "", card.unacknowledged_alerts))
        self.alerts.setStyleSheet(pill_style(ATTENTION_COLOURS[Attention.CRITICAL]))
        self.alerts.setVisible(card.unacknowledged_alerts > 0)
        grey = f"<span style='color:{muted(dark)}'>%s</span>"
        self.figures.setText(
            grey % self.tr("Incidents") + f" <b>{summary.incidents_24h}</b> " + grey % self.tr("in 24 h")
            + f" · <b>{summary.incidents_7d}</b> " + grey % self.tr("in 7 d") + "<br>"
            + grey % self.tr("Drugs") + f" <b>{kg_text(summary.kg_30d)}</b> " + grey % self.tr("in 30 d")
            + self._precursors_text(summary.precursors_kg_30d, grey))
        self.spark.set_values(summary.daily_kg_30d)
        self._set_exchange(card)
        self.setToolTip(card_tooltip(card))

    def _precursors_text(self, kg: float, grey: str) -> str:
        """A line 'Precursors 400 kg in 30 d': precursor chemicals apart from the drugs (issue 16), on a line of its
        own so the card stays as narrow; '' when the post seized none."""
        if kg <= 0:
            return ""
        return "<br>" + grey % self.tr("Precursors") + f" <b>{kg_text(kg)}</b> " + grey % self.tr("in 30 d")

    def _set_exchange(self, card: PostCard) -> None:
        exchange = card.exchange
        self.bundle.setText(bundle_text(exchange, card.post.utc_offset_minutes))
        self.bundle.setVisible(exchange is not None)
        self.waiting.setText(waiting_text(exchange))
        level = Attention.CRITICAL if exchange is not None and exchange.errors else Attention.WARNING
        self.waiting.setStyleSheet(pill_style(ATTENTION_COLOURS[level]))
        self.waiting.setVisible(exchange is not None and exchange.needs_attention)

    def set_selected(self, selected: bool) -> None:
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and self.card is not None and self.dark != dark_theme():
            self.set_card(self.card)  # its texts' colours, its tooltip and its sparkline for the new ground
            self.spark.update()

    # ------------------------------------------------------------------------------------- mouse

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.post_id)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.post_id)
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # Qt override
        self.menuRequested.emit(self.post_id, event.globalPos())
