"""The main window: the frame later issues fill with the incident table, post status and charts.

It receives what it shows (database description, schema revision) as plain values: no database call
happens on the GUI thread (design rule 4), and the window can be built in a test without a database.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

import sitcentre

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
DEFAULT_SIZE = (1400, 900)
MUTED = "color: palette(placeholder-text);"


class MainWindow(QMainWindow):
    """Menus, docks and status bar around the (for now placeholder) incident table."""

    def __init__(
        self,
        database: str,
        schema: str | None,
        demo: bool = False,
        layout_store: QSettings | None = None,
        parent: QWidget | None = None,
        central: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._layout_store = layout_store  # None: neither restore nor save (tests, screenshots)
        self.setObjectName("MainWindow")
        title = self.tr("sitcentre — situation centre")
        self.setWindowTitle(title + (self.tr(" — DEMO") if demo else ""))
        self.setCentralWidget(central or self._build_placeholder())
        # Post status runs the full height on the right; charts sit under the incident table.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.post_status_dock = self._add_dock(
            "PostStatusDock",
            self.tr("Post status"),
            self.tr("Reporting posts and their last report."),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.charts_dock = self._add_dock(
            "ChartsDock",
            self.tr("Charts"),
            self.tr("Seizures and incidents over time."),
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self._build_menus()
        self._build_status_bar(database, schema, demo)
        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.post_status_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.charts_dock], [340], Qt.Orientation.Vertical)
        self._restore_layout()

    # --- building -------------------------------------------------------------------------------

    def _build_placeholder(self) -> QWidget:
        """An empty state that says what will be here, so the early window looks deliberate."""
        return _empty_panel(
            "IncidentTablePlaceholder",
            self.tr("Incidents"),
            self.tr(
                "The incident table comes here: every incident reported by the posts, newest first, "
                "with sorting, search and filters."
            ),
            heading_scale=1.6,
        )

    def _add_dock(self, name: str, title: str, hint: str, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock with an objectName, so that saveState()/restoreState() can find it again."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(_empty_panel(f"{name}Placeholder", "", hint))
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(self.tr("Ctrl+Q")))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.post_status_dock.toggleViewAction())
        view_menu.addAction(self.charts_dock.toggleViewAction())

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About sitcentre"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self, database: str, schema: str | None, demo: bool) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(self.tr("Database: {database}").format(database=database))
        self.database_label.setObjectName("DatabaseLabel")
        revision = schema or self.tr("none")
        self.schema_label = QLabel(self.tr("Schema {revision}").format(revision=revision))
        self.schema_label.setObjectName("SchemaLabel")
        self.live_feed_label = QLabel(f"<span style='color:gray'>\u25cf</span> {self.tr('Live feed: not started')}")
        self.live_feed_label.setObjectName("LiveFeedLabel")
        bar.setStyleSheet("QStatusBar QLabel { padding: 0 8px; }")
        bar.addWidget(self.database_label, 1)
        if demo:
            demo_label = QLabel(self.tr("DEMO DATA"))
            demo_label.setStyleSheet("font-weight: bold;")
            bar.addPermanentWidget(demo_label)
        bar.addPermanentWidget(self.schema_label)
        bar.addPermanentWidget(self.live_feed_label)

    def set_live_state(self, text: str, colour: str) -> None:
        """Show the live feed's state (live / reconnecting / polling) with a coloured dot."""
        self.live_feed_label.setText(f"<span style='color:{colour}'>\u25cf</span> {text}")

    # --- actions --------------------------------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About sitcentre"),
            self.tr(
                "<b>sitcentre {version}</b><p>Situation-centre software for Border Liaison Offices: "
                "incidents, seizures and post status from every post, in one place.</p>"
            ).format(version=sitcentre.__version__),
        )

    # --- window layout memory (QSettings holds only geometry, design rule 10) ------------------------

    def _restore_layout(self) -> None:
        if self._layout_store is None:
            return
        geometry = self._layout_store.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._layout_store.value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_layout(self) -> None:
        if self._layout_store is None:
            return
        self._layout_store.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._layout_store.setValue(STATE_KEY, self.saveState())
        self._layout_store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        self.save_layout()
        super().closeEvent(event)


def _empty_panel(name: str, heading: str, body: str, heading_scale: float = 1.2) -> QFrame:
    """A framed, base-coloured area with a centred heading and a muted line of explanation."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    frame.setBackgroundRole(QPalette.ColorRole.Base)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 24, 24, 24)
    layout.addStretch(1)  # stretches, not AlignCenter: the labels keep the full width to wrap in
    if heading:
        title = QLabel(heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * heading_scale)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
    text = QLabel(body)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text.setWordWrap(True)
    text.setStyleSheet(MUTED)
    layout.addWidget(text)
    layout.addStretch(1)
    return frame
