"""The operator workstation: puts the incident table, its menus, the live feed and the status bar together.

Kept apart from MainWindow so the window stays a frame, and so tests can build the whole workstation on
a temporary database. It receives the signed-in person's Desk (sitcentre.backend), never an engine: every
panel reads and writes through the desk on the task runner's worker, and learns what changed from the
runner's change hub, where local writes (their Done) and the live feed (other workstations) both publish.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox

from sitcentre.backend import Changes, Desk, Topic
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.queries import IncidentFilter
from ui.audit.audit_view import AuditView
from ui.brief.brief_export import install_brief_action
from ui.charts.charts_panel import ChartsPanel
from ui.common.jobs import JobRunner
from ui.common.live import LiveFeed
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.exchange.conflicts_view import install_conflicts_view
from ui.exchange.exchange_actions import install_exchange_files
from ui.exchange.exchange_status_bar import install_exchange_status_bar
from ui.exchange.keys_dialog import install_keys
from ui.exchange.sync_panel import install_sync
from ui.imports.import_action import install_sheet_import
from ui.incidents.incident_form import IncidentForm
from ui.incidents.incident_panel import IncidentPanel
from ui.incidents.review_actions import ReviewActions
from ui.posts.post_views import PostViews
from ui.shell.clock_menu import ClockMenu
from ui.shell.login_dialog import actor_text
from ui.shell.main_window import MainWindow
from ui.shell.screen_fit import ElidingLabel
from ui.shell.settings_dialog import feed_settings, install_settings

if TYPE_CHECKING:
    from sitcentre.domain.reference import ReferenceData

log = logging.getLogger(__name__)
LIVE_COLOURS = {"live": "#2e7d32", "polling": "#f9a825", "reconnecting": "#c62828", "stopped": "gray"}


class Workstation(QObject):
    def __init__(self, desk: Desk, demo: bool = False, layout_store: QSettings | None = None, live: bool = True):
        super().__init__()
        self.desk = desk
        self.audit_view: AuditView | None = None
        self.runner = TaskRunner(describe_error=message_for)
        self.jobs = JobRunner(self.runner.changes, self)  # long work (imports, exports, sync) with progress and Cancel
        self.panel = IncidentPanel(self.runner, desk)
        self.post_views = PostViews(self.runner, desk, self.panel)
        self.window = MainWindow(desk.backend.description, desk.backend.schema, demo=demo,
                                 layout_store=layout_store, central=self.post_views.tabs)
        self.window.post_status_dock.setWidget(self.post_views.posts)
        self.post_views.postSelected.connect(self.show_post)
        self.post_views.incidentActivated.connect(self.edit_incident)
        self.panel.filters.changed.connect(self.post_views.filter_changed)
        self.charts = ChartsPanel(self.runner, desk)
        self.window.charts_dock.setWidget(self.charts)
        self.charts.filterRequested.connect(self.panel.show_filter)  # a clicked point or bar lists its incidents
        # the charts follow the table's post filter (a post card, a map marker, the filter bar), and back (issue 16)
        self.panel.filters.changed.connect(lambda flt: self.charts.set_posts(flt.post_ids))
        self.charts.allPostsRequested.connect(self.show_all_posts)
        self.reference = None
        self.runner.failed.connect(self._show_failure)
        self._build_actions()
        install_brief_action(self)
        install_exchange_files(self)  # File → Export/Import data bundle…, drops, exchange folder (issue 13)
        install_sheet_import(self)  # File → Import from spreadsheet… (issue 15, item 6)
        install_conflicts_view(self)  # View → Conflicts… (issue 13, item 2)
        self.clock_menu = ClockMenu(self, desk.settings)  # View > Times in (issue 10, item 3)
        self._install_review_and_audit()
        self._build_status()
        install_exchange_status_bar(self)  # unsent, unconfirmed, centre last heard, stale lists; conflicts (issue 13)
        install_keys(self)  # Tools → Keys… (issue 13, item 4)
        install_sync(self)  # Tools → Online sync…, the background sync and its status-bar label (issue 13, item 5)
        install_settings(self)  # File → Settings… (issue 16, item 3)
        self.forms: list[IncidentForm] = []
        self.runner.submit(desk.reference.load, self._reference_loaded, key="reference")
        self.runner.changes.subscribe(tuple(Topic), self._change_seen, owner=self)
        self.live: LiveFeed | None = None
        if live:
            self._start_live()
        self.window.destroyed.connect(self.shutdown)

    @property
    def actor(self) -> Actor:
        """Who is signed in: every write of this window runs as them."""
        return self.desk.actor

    @property
    def username(self) -> str:
        return self.desk.actor.username

    # ----------------------------------------------------------------------------------- building

    def _build_actions(self) -> None:
        menu = self.incident_menu = self.window.menuBar().addMenu(self.tr("&Incident"))
        self.window.menuBar().insertMenu(self.window.view_menu.menuAction(), menu)
        self.new_action = self._action(menu, self.tr("&New incident…"), QKeySequence.StandardKey.New,
                                       self.new_incident)
        self.edit_action = self._action(menu, self.tr("&Edit incident…"), QKeySequence(self.tr("Ctrl+E")),
                                        self.edit_selected)
        menu.addSeparator()
        self.find_action = self._action(menu, self.tr("&Find…"), QKeySequence.StandardKey.Find, self.focus_search)
        self.clear_action = self._action(menu, self.tr("&Clear filters"), QKeySequence(self.tr("Ctrl+Shift+X")),
                                         self.panel.filters.clear)
        self.refresh_action = self._action(menu, self.tr("&Refresh"), QKeySequence.StandardKey.Refresh,
                                           self.panel.reload)
        self.panel.incidentActivated.connect(lambda row: self.edit_incident(row.id))

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status(self) -> None:
        bar = self.window.statusBar()
        self.count_label = QLabel(self.tr("Loading…"))
        self.user_label = ElidingLabel(self.tr("User: {0}").format(actor_text(self.actor)))
        self.last_change_label = ElidingLabel(self.tr("No changes seen yet"))
        for label in (self.count_label, self.user_label, self.last_change_label):
            bar.addPermanentWidget(label)
        warnings = getattr(self.desk.backend, "warnings", [])  # e.g. a server on the network without TLS
        self.connection_warning = QLabel(" ".join(warnings))
        self.connection_warning.setObjectName("ConnectionWarning")
        self.connection_warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.connection_warning.setToolTip(self.tr("The connection to the database server is not protected."))
        self.connection_warning.setWordWrap(True)
        self.connection_warning.setVisible(bool(warnings))
        if warnings:
            bar.insertWidget(0, self.connection_warning, 2)
        self.panel.countChanged.connect(lambda n: self.count_label.setText(self.tr("{0} incidents").format(f"{n:,}")))

    def _start_live(self) -> None:
        """Rows written anywhere else arrive as Changes on the same hub as this window's own writes."""
        self.live = LiveFeed(self.desk.backend, settings=feed_settings())  # the person's look-every (Settings)
        self.live.changed.connect(self.runner.changes.publish)
        self.live.state_changed.connect(self._live_state)
        self.live.start()

    # ------------------------------------------------------------------------------------ slots

    def _reference_loaded(self, reference: ReferenceData) -> None:
        self.reference = reference
        self.panel.filters.set_reference(list(reference.posts), list(reference.countries),
                                         list(reference.substances))

    def _change_seen(self, _changes: Changes) -> None:
        when = datetime.now().strftime("%H:%M:%S")
        self.last_change_label.setText(self.tr("Last change {0}").format(when))

    def _live_state(self, state) -> None:
        name = getattr(state, "state", str(state))
        name = getattr(name, "value", name)
        texts = {"live": self.tr("Live"), "polling": self.tr("Polling"), "reconnecting": self.tr("Reconnecting…"),
                 "stopped": self.tr("Live feed stopped")}
        text = texts.get(name, str(name))
        detail = getattr(state, "detail", "")
        self.window.set_live_state(text, LIVE_COLOURS.get(name, "gray"))
        self.window.live_feed_label.setToolTip(detail or "")

    def _show_failure(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15000)
        QMessageBox.warning(self.window, self.tr("sitcentre"), message)

    def show_post(self, post_id: int) -> None:
        """A post card or map marker was clicked: list that post's incidents."""
        self.panel.show_filter(IncidentFilter(post_ids=(post_id,)))

    def show_all_posts(self) -> None:
        """The charts' "All posts": the table's post filter is cleared too, so the two keep showing the same posts."""
        flt = self.panel.filters.current()
        if flt.post_ids:
            self.panel.show_filter(replace(flt, post_ids=()))

    def focus_search(self) -> None:
        self.panel.filters.search.setFocus()
        self.panel.filters.search.selectAll()

    def new_incident(self) -> None:
        self._open_form(None)

    def edit_selected(self) -> None:
        row = self.panel.selected_row()
        if row is not None:
            self.edit_incident(row.id)

    def edit_incident(self, incident_id) -> None:
        incidents = self.desk.incidents
        self.runner.submit(lambda: incidents.get(incident_id), self._edit_loaded, key="open-incident")

    def _edit_loaded(self, incident) -> None:
        if incident is None:
            self.window.statusBar().showMessage(self.tr("That incident was deleted meanwhile."), 10000)
            return
        self._open_form(incident)

    def _open_form(self, incident) -> IncidentForm | None:
        """A non-modal form: the operator can keep watching the table while typing."""
        if self.reference is None:
            self.window.statusBar().showMessage(self.tr("Still loading the lists of posts and substances…"), 5000)
            return None
        form = IncidentForm(self.runner, self.desk, self.reference, incident, parent=self.window)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.incident_saved.connect(self._saved)
        form.destroyed.connect(lambda: self.forms.remove(form) if form in self.forms else None)
        self.forms.append(form)
        form.show()
        return form

    def _saved(self, incident) -> None:
        """The table already shows it: the save's Done published its changes on the hub at once."""
        self.window.statusBar().showMessage(self.tr("Incident saved (version {0}).").format(incident.version), 8000)

    # --------------------------------------------------------------- who may do what (issue 6)

    def _install_review_and_audit(self) -> None:
        """Incident → Verify/Reject/…/History, View → Audit trail…, and grey out what the actor may not do."""
        self.review = ReviewActions(self, self.incident_menu)
        self.window.view_menu.addSeparator()
        self.audit_action = QAction(self.tr("&Audit trail…"), self.window)
        self.audit_action.triggered.connect(self.open_audit)
        self.window.view_menu.addAction(self.audit_action)
        can = self.desk.can
        self.new_action.setEnabled(can(Action.INCIDENT_CREATE))
        self.edit_action.setEnabled(can(Action.INCIDENT_EDIT))
        self.audit_action.setEnabled(can(Action.AUDIT_VIEW))
        brief = getattr(self, "brief_export", None)
        if brief is not None and not can(Action.REPORT_EXPORT):
            brief.action.setEnabled(False)  # re-enabled only after an export, which cannot start now

    def open_audit(self) -> AuditView:
        """One audit view per window, non-modal; the service checks the permission again."""
        if self.audit_view is None:
            self.audit_view = AuditView(self.runner, self.desk, self.window)
        self.audit_view.show()
        self.audit_view.raise_()
        self.audit_view.activateWindow()
        return self.audit_view

    def shutdown(self) -> None:
        self.jobs.cancel_all()  # a cancelled import rolls back; give it a moment to do so
        self.jobs.wait(5.0)
        if self.live is not None:
            self.live.stop()
            self.live = None
        self.runner.shutdown()
