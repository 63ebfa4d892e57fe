"""The main window: the frame (menus, docks, status bar) that ui.shell.workstation fills with the incident table, post
status and charts.

It receives what it shows (database description, schema revision) as plain values: no database call
happens on the GUI thread (design rule 4), and the window can be built in a test without a database.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import sitcentre
from ui.shell.language_menu import LanguageMenu
from ui.shell.screen_fit import ElidingLabel, available_geometry, fit_size, frame_allowance

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
STACKED_KEY = "main_window/posts_stacked"  # the post status dock was put under the table because the window was narrow
SIDE_WIDTH_KEY = "main_window/posts_width"  # ...and the width it goes back to beside the table
DEFAULT_SIZE = (1400, 900)  # on a smaller screen: the screen's available area
POSTS_WIDTH = 380  # supervisor layout: the post status dock's width (the operator layout: as narrow as it goes)
CHARTS_HEIGHT = 340  # supervisor layout: the charts dock's height
OPERATOR_POSTS_HEIGHT = 220  # operator layout on a narrow window: the post cards under the table
HYSTERESIS = 40  # pixels: a window at the limit does not flip the post status dock back and forth
SIDE_AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
MUTED = "color: palette(placeholder-text);"


class MainWindow(QMainWindow):
    """Menus, docks and status bar around the incident table (a placeholder when built without one, as in tests)."""

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
        self._posts_stacked = False  # True while post status sits under the table for want of width
        self._side_width = POSTS_WIDTH  # its width beside the table, kept while it is under the table
        self._fitting = False
        self._build_menus()
        self._build_status_bar(database, schema, demo)
        room = available_geometry(self).size() - frame_allowance(self)
        self.resize(fit_size(QSize(*DEFAULT_SIZE), room, QSize(0, 0)))
        self.resizeDocks([self.post_status_dock], [POSTS_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.charts_dock], [CHARTS_HEIGHT], Qt.Orientation.Vertical)
        self._restore_layout()
        self._fit_docks()  # an explicit minimum width from the start: a resize before show is not refused

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
        view_menu.addSeparator()
        self.operator_layout_action = QAction(self.tr("&Operator layout"), self)
        self.operator_layout_action.setShortcut(QKeySequence(self.tr("Ctrl+1")))
        self.operator_layout_action.setStatusTip(self.tr("Incident table large, charts hidden, post cards narrow"))
        self.operator_layout_action.triggered.connect(self.operator_layout)
        self.supervisor_layout_action = QAction(self.tr("&Supervisor layout"), self)
        self.supervisor_layout_action.setShortcut(QKeySequence(self.tr("Ctrl+2")))
        self.supervisor_layout_action.setStatusTip(self.tr("Incident table, charts and post cards"))
        self.supervisor_layout_action.triggered.connect(self.supervisor_layout)
        view_menu.addActions([self.operator_layout_action, self.supervisor_layout_action])
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self)  # View → Language (issue 16)

        # Tools: the exchange's keys, online sync and the like (issue 13); filled by the workstation's parts.
        self.tools_menu = self.menuBar().addMenu(self.tr("&Tools"))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About sitcentre"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self, database: str, schema: str | None, demo: bool) -> None:
        bar = self.statusBar()
        self.database_label = ElidingLabel(self.tr("Database: {database}").format(database=database))
        self.database_label.setObjectName("DatabaseLabel")
        revision = schema or self.tr("none")
        self.schema_label = QLabel(self.tr("Schema {revision}").format(revision=revision))
        self.schema_label.setObjectName("SchemaLabel")
        not_started = self.tr("Live feed: not started")  # a text lupdate finds (it does not read inside f-strings)
        self.live_feed_label = QLabel(f"<span style='color:gray'>\u25cf</span> {not_started}")
        self.live_feed_label.setObjectName("LiveFeedLabel")
        self.live_feed_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)  # others give way
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

    # --- layouts for the job and for the screen -----------------------------------------------------

    def operator_layout(self) -> None:
        """Incident table large, charts hidden, post cards as narrow as they go (remembered on close)."""
        posts = self.post_status_dock
        self._dock_in_place(posts.minimumSizeHint().width(), charts=False)
        if self._posts_stacked:
            self.resizeDocks([posts], [OPERATOR_POSTS_HEIGHT], Qt.Orientation.Vertical)

    def supervisor_layout(self) -> None:
        """The default: post status on the right (under the table when narrow), charts under the table."""
        self._dock_in_place(POSTS_WIDTH, charts=True)
        self.resizeDocks([self.charts_dock], [CHARTS_HEIGHT], Qt.Orientation.Vertical)

    def _dock_in_place(self, side_width: int, charts: bool) -> None:
        """Both docks back in their own areas, not floating; post status under the table if the window is narrow."""
        for dock, area in ((self.post_status_dock, Qt.DockWidgetArea.RightDockWidgetArea),
                           (self.charts_dock, Qt.DockWidgetArea.BottomDockWidgetArea)):
            dock.setFloating(False)
            self.addDockWidget(area, dock)
        self.post_status_dock.show()
        self.charts_dock.setVisible(charts)
        self._posts_stacked = False
        self._fit_docks()
        self._side_width = side_width  # beside the table: now, or once the window is wide enough
        if not self._posts_stacked:
            self.resizeDocks([self.post_status_dock], [side_width], Qt.Orientation.Horizontal)

    def _fit_docks(self) -> None:
        """Post status beside the table when the window is wide enough for both; under it (as a tab) if not.

        Side by side, the window could not be narrower than the table and the post cards together: on a
        1024-pixel screen Qt would then paint the docks over each other. The window's own minimum width is
        that of the stacked arrangement, so it can always be made as narrow as the screen allows.
        """
        if self._fitting:
            return
        self._fitting = True
        try:
            self.setMinimumWidth(self._stacked_width())
            posts, width = self.post_status_dock, self.width()
            beside = self._side_by_side_width()
            if not self._posts_stacked and self.dockWidgetArea(posts) in SIDE_AREAS and not posts.isFloating() \
                    and width < beside:
                self._stack_posts()
            elif self._posts_stacked and width >= beside + HYSTERESIS:
                self._posts_stacked = False
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, posts)
                self.resizeDocks([posts], [self._side_width], Qt.Orientation.Horizontal)
        finally:
            self._fitting = False

    def _stack_posts(self) -> None:
        """Post status under the table, right of the charts (both stay in view; each keeps its own minimum)."""
        self._posts_stacked = True
        if self.post_status_dock.isVisible():
            self._side_width = self.post_status_dock.width()
        charts = self.charts_dock
        if self.dockWidgetArea(charts) == Qt.DockWidgetArea.BottomDockWidgetArea and not charts.isFloating():
            self.splitDockWidget(charts, self.post_status_dock, Qt.Orientation.Horizontal)
        else:
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.post_status_dock)

    def _side_by_side_width(self) -> int:
        """The narrowest window that holds the table (and charts under it) beside the post status dock."""
        left = self.centralWidget().minimumSizeHint().width()
        if self.dockWidgetArea(self.charts_dock) == Qt.DockWidgetArea.BottomDockWidgetArea \
                and not self.charts_dock.isFloating() and not self._posts_stacked:
            left = max(left, self.charts_dock.minimumSizeHint().width())
        return left + self._separator() + self.post_status_dock.minimumSizeHint().width()

    def _stacked_width(self) -> int:
        """The narrowest window with post status under the table, beside the charts."""
        docks = self.charts_dock.minimumSizeHint().width() + self._separator() \
            + self.post_status_dock.minimumSizeHint().width()
        return max(self.centralWidget().minimumSizeHint().width(), docks)

    def _separator(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_docks()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self._fit_docks()
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:  # Qt override: panels changed their minimum sizes
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_docks()
        return super().event(event)

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
            self._posts_stacked = str(self._layout_store.value(STACKED_KEY, "false")).lower() == "true"
            width = self._layout_store.value(SIDE_WIDTH_KEY, POSTS_WIDTH)
            self._side_width = int(width) if str(width).isdigit() else POSTS_WIDTH

    def save_layout(self) -> None:
        if self._layout_store is None:
            return
        self._layout_store.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._layout_store.setValue(STATE_KEY, self.saveState())
        self._layout_store.setValue(STACKED_KEY, self._posts_stacked)
        side = self._side_width if self._posts_stacked else self.post_status_dock.width()
        self._layout_store.setValue(SIDE_WIDTH_KEY, side)
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
