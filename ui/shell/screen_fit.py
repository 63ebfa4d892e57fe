"""Windows and panels that fit the screen they are on (1024x700 and 1366x768 included).

- A window opens no larger than the screen's available area, frame included (`fit_to_screen`,
  `FitOnShow` for dialogs whose size is set by code that does not know the screen).
- A row of controls wraps onto further lines when its panel is narrow (`WrappingRow`). A QHBoxLayout
  cannot be narrower than all its controls side by side: in a dock on a small screen the main window then
  paints docks over each other. Docks never ask for height-for-width, so the row keeps its own minimum
  height equal to the lines it needs at its current width.
- A vertically scrolling list is never narrower than its contents (`VerticalScrollArea`): with the
  horizontal scroll bar off, a narrower viewport would cut the cards off at the right.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QLayoutItem, QScrollArea, QSizePolicy, QToolTip, QWidget

TITLE_BAR_GUESS = 32  # pixels of window frame above a window that is not decorated yet


class FlowLayout(QLayout):
    """Items left to right, wrapped at the layout's width; as narrow as its widest item."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # Qt override
        self._items.append(item)

    def count(self) -> int:  # Qt override
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # Qt override: everything on one line
        items = self._visible()
        width = sum(item.sizeHint().width() for item in items) + self._spacing * max(0, len(items) - 1)
        height = max((item.sizeHint().height() for item in items), default=0)
        return _grow(QSize(width, height), self.contentsMargins())

    def minimumSize(self) -> QSize:  # Qt override: the widest item alone on its line
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return _grow(size, self.contentsMargins())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (when `move`) and return the height the lines take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            hint.setWidth(min(hint.width(), max(area.width(), item.minimumSize().width())))
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class WrappingRow(QWidget):
    """A widget holding a FlowLayout that keeps its minimum height equal to the lines it needs now."""

    def __init__(self, widgets: list[QWidget], spacing: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing)
        for widget in widgets:
            self.flow.addWidget(widget)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        return self.flow.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        needed = self.flow.heightForWidth(event.size().width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)  # the dock grows with the lines; it never asks heightForWidth itself


def _grow(size: QSize, margins: QMargins) -> QSize:
    return QSize(size.width() + margins.left() + margins.right(), size.height() + margins.top() + margins.bottom())


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only, and asks for at least the width of its widget (plus the scroll bar)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)

    def minimumSizeHint(self) -> QSize:  # Qt override
        hint = super().minimumSizeHint()
        inner = self.widget().minimumSizeHint().width() if self.widget() is not None else 0
        frame = 2 * self.frameWidth()
        return QSize(max(hint.width(), inner + self.verticalScrollBar().sizeHint().width() + frame), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.updateGeometry()  # new or wider cards (also those added while hidden): the dock learns its minimum
        return super().eventFilter(watched, event)


def available_geometry(widget: QWidget) -> QRect:
    """The screen area a window may use (without task bars), of the screen the widget (or its parent) is on."""
    anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_allowance(widget: QWidget) -> QSize:
    """Width and height the window manager adds around a window: its parent's, or a title bar's worth."""
    for window in (widget.window(), widget.parentWidget().window() if widget.parentWidget() else None):
        if window is not None and window.isVisible():
            extra = window.frameGeometry().size() - window.geometry().size()
            if extra.height() > 0:
                return extra
    return QSize(0, TITLE_BAR_GUESS)


def fit_size(wanted: QSize, room: QSize, minimum: QSize) -> QSize:
    """`wanted` cut down to `room`, but not below `minimum` unless the room itself is smaller."""
    width = min(wanted.width(), max(room.width(), 0))
    height = min(wanted.height(), max(room.height(), 0))
    return QSize(max(width, min(minimum.width(), room.width())), max(height, min(minimum.height(), room.height())))


def fit_to_screen(window: QWidget, wanted: QSize | None = None) -> None:
    """Resize the window to fit the available screen area (frame included) and move it inside that area."""
    available = available_geometry(window)
    frame = frame_allowance(window)
    room = available.size() - frame
    if not room.expandedTo(window.minimumSize()) == room:  # a screen smaller than the window's minimum wins
        window.setMinimumSize(window.minimumSize().boundedTo(room))
    size = fit_size(wanted or window.size(), room, window.minimumSize())
    if size != window.size():
        window.resize(size)
    x = min(max(window.x(), available.left()), available.right() + 1 - size.width() - frame.width())
    y = min(max(window.y(), available.top()), available.bottom() + 1 - size.height() - frame.height())
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, available.left()), max(y, available.top()))


class FitOnShow(QObject):
    """Fits a window to its screen each time it is shown (dialogs sized by code that knows no screen)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
        return False


class ElidingLabel(QLabel):
    """A one-line plain-text label that gives up width when its row is short (a status bar in Russian at 1366
    pixels): the text is cut with "…" and the whole of it shows in the tooltip. `text()` stays the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, keep_chars: int = 8):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._keep = keep_chars
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # Qt override: a few characters, then "…"
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        keep = self.fontMetrics().horizontalAdvance("x" * self._keep + "…") + margins.left() + margins.right()
        return QSize(min(hint.width(), keep), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event) -> None:  # Qt override
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), text, QPalette.ColorRole.WindowText)

    def event(self, event: QEvent) -> bool:  # Qt override: the whole text in the tooltip when cut
        if event.type() == QEvent.Type.ToolTip and self.is_elided():
            own = self.toolTip()
            QToolTip.showText(event.globalPos(), self.text() + (f"\n{own}" if own else ""), self)
            return True
        return super().event(event)
