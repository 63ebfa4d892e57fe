"""The post status panel: one card per BLO, the posts that need attention first, grouped on request.

It loads the board on the task runner (design rule 4), refreshes when posts, incidents or alerts change
(runner.changes: this workstation's writes at once, everyone else's through the live feed), and once a
minute (a post turns amber or red by silence alone, with no change to see). A click on a card emits
`postSelected` (the workstation filters the incident table to it); a double click opens the post's detail;
a right click offers the post's actions. `boardLoaded` hands the same board to the map, so the cards and
the map never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.changes import Changes, Topic
from sitcentre.domain.post_status import Attention, ReportThresholds
from sitcentre.domain.posts import GroupBy, PostBoard
from ui.common.tasks import TaskRunner
from ui.common.theme import is_theme_event
from ui.posts.alerts_dialog import SendAlertDialog
from ui.posts.post_card import PostCardWidget, card_style
from ui.posts.post_detail import PostDetailDialog
from ui.posts.post_status_dialog import ChangeStatusDialog
from ui.posts.post_style import ATTENTION_COLOURS, dark_theme, muted, post_statuses, text_colour
from ui.shell.screen_fit import VerticalScrollArea

TOPICS = (Topic.POSTS, Topic.INCIDENTS, Topic.ALERTS)  # a post's status, its figures, its waiting alerts
RELOAD_PAUSE_MS = 250  # a burst of changes costs one query
CLOCK_MS = 60_000


class PostStatusPanel(QWidget):
    postSelected = Signal(int)
    boardLoaded = Signal(object)  # sitcentre.domain.posts.PostBoard

    def __init__(self, runner: TaskRunner, desk: Desk, parent=None):
        super().__init__(parent)
        self.setObjectName("PostStatusPanel")
        self.dark = dark_theme()  # the theme the cards were styled for
        self.setStyleSheet(card_style(self.dark))
        self.runner, self.desk = runner, desk  # the desk acts for the signed-in user: it checks what they may do
        self.thresholds = ReportThresholds.from_settings(desk.settings)
        self.board: PostBoard | None = None
        self.group_by = GroupBy.NONE
        self.selected: int | None = None
        self._follow: int | None = None  # a post whose status was just changed: its card is scrolled to
        self.cards: dict[int, PostCardWidget] = {}
        self.dialogs: dict[int, PostDetailDialog] = {}
        self._others: list[QWidget] = []  # status and alert dialogs kept alive while open
        self._headers: list[QWidget] = []
        self.summary = QLabel(self.tr("Loading posts…"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.grouping = QComboBox()
        for by, text in ((GroupBy.NONE, self.tr("Most attention first")), (GroupBy.BORDER, self.tr("By border")),
                         (GroupBy.COUNTRY, self.tr("By country"))):
            self.grouping.addItem(text, by.value)
        self.grouping.currentIndexChanged.connect(lambda _i: self.set_group_by(self.grouping.currentData()))
        self.container = QWidget()
        self.container.setObjectName("PostCards")
        self.cards_layout = QVBoxLayout(self.container)
        self.cards_layout.setContentsMargins(6, 6, 6, 6)
        self.cards_layout.setSpacing(6)
        self.cards_layout.addStretch(1)
        scroll = VerticalScrollArea(self.container)  # as narrow as the cards allow, never narrower (issue 10)
        self.scroll = scroll
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        self.summary.setWordWrap(True)  # a narrow dock wraps the summary instead of widening the dock
        top.addWidget(self.summary, 1)
        top.addWidget(self.grouping)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_PAUSE_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._clock = QTimer(self, interval=CLOCK_MS)
        self._clock.timeout.connect(self.reload)
        self._clock.start()
        runner.changes.subscribe(TOPICS, self.apply_changes, owner=self)
        self.reload()

    # ----------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        posts = self.desk.posts
        self.runner.submit(posts.board, self._loaded, key="post-board")

    def apply_changes(self, changes: Changes) -> None:
        """Posts, incidents or alerts changed (here or anywhere): refresh the board and the open details."""
        self._reload_timer.start()
        for dialog in self.dialogs.values():
            dialog.reload()

    def _loaded(self, board: PostBoard) -> None:
        self.board = board
        self._render()
        self._keep_in_view()
        self.boardLoaded.emit(board)

    def _keep_in_view(self) -> None:
        """After a status change the card moves to its new place in the order: show it there."""
        post_id, self._follow = self._follow, None
        if post_id in self.cards:
            self.cards_layout.activate()  # the cards' new positions, before scrolling to one
            self.scroll.ensureWidgetVisible(self.cards[post_id])

    def set_group_by(self, by: GroupBy | str) -> None:
        self.group_by = GroupBy(by)
        index = self.grouping.findData(self.group_by.value)
        if index != self.grouping.currentIndex():
            self.grouping.setCurrentIndex(index)
        if self.board is not None:
            self._render()

    # --------------------------------------------------------------------------------- rendering

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and hasattr(self, "cards") and self.dark != dark_theme():
            self.dark = dark_theme()
            self.setStyleSheet(card_style(self.dark))
            if self.board is not None:
                self._render()  # the summary, the group headers and every card in the new colours

    def _colour(self, attention: Attention) -> str:
        return text_colour(ATTENTION_COLOURS[attention], self.dark)

    def _render(self) -> None:
        board = self.board
        critical, warning = board.count(Attention.CRITICAL), board.count(Attention.WARNING)
        parts = [self.tr("{0} posts").format(len(board.cards))]
        if critical:
            parts.append(f"<span style='color:{self._colour(Attention.CRITICAL)}'><b>"
                         + self.tr("{0} critical").format(critical) + "</b></span>")
        if warning:
            parts.append(f"<span style='color:{self._colour(Attention.WARNING)}'><b>"
                         + self.tr("{0} warning").format(warning) + "</b></span>")
        if board.broadcasts_waiting:  # one message to every post: said once here, not on each card
            parts.append(f"<span style='color:{self._colour(Attention.CRITICAL)}'>"
                         + self.tr("%n alert(s) to all posts waiting", "", board.broadcasts_waiting) + "</span>")
        self.summary.setText(" · ".join(parts))
        self.summary.setToolTip(self.tr("Amber after {0:g} h without a report, red after {1:g} h.").format(
            self.thresholds.amber_hours, self.thresholds.red_hours))
        self._clear_layout()
        position = 0
        for label, cards in board.groups(self.group_by):
            if label:
                header = self._group_header(label, cards)
                self.cards_layout.insertWidget(position, header)
                position += 1
            for card in cards:
                widget = self.cards.get(card.post.id) or self._new_card(card.post.id)
                widget.set_card(card)
                widget.set_selected(card.post.id == self.selected)
                self.cards_layout.insertWidget(position, widget)
                widget.show()
                position += 1
        for post_id, widget in list(self.cards.items()):
            if board.card(post_id) is None:  # a post that was removed
                widget.deleteLater()
                del self.cards[post_id]

    def _clear_layout(self) -> None:
        for header in self._headers:
            self.cards_layout.removeWidget(header)
            header.hide()
            header.deleteLater()
        self._headers.clear()
        for widget in self.cards.values():
            self.cards_layout.removeWidget(widget)

    def _group_header(self, label: str, cards) -> QLabel:
        worst = max(c.attention for c in cards)
        colour = self._colour(worst) if worst else muted(self.dark)
        count = self.tr("{0} posts").format(len(cards))
        header = QLabel(f"<span style='color:{colour}'>●</span> <b>{label}</b> "
                        f"<span style='color:{muted(self.dark)}'>· {count}</span>")
        header.setObjectName("PostGroupHeader")
        header.setContentsMargins(2, 6, 0, 0)
        self._headers.append(header)
        return header

    def _new_card(self, post_id: int) -> PostCardWidget:
        widget = PostCardWidget(post_id, self.container)
        widget.clicked.connect(self.select_post)
        widget.activated.connect(self.open_detail)
        widget.menuRequested.connect(self._card_menu)
        self.cards[post_id] = widget
        return widget

    # ------------------------------------------------------------------------------- selection

    def select_post(self, post_id: int) -> None:
        """Select a post (card click, or a click on the map) and say so."""
        self.set_selected(post_id)
        self.postSelected.emit(post_id)

    def set_selected(self, post_id: int | None) -> None:
        """Mark the card of the post the incident table is filtered to (None: no single post)."""
        self.selected = post_id
        for card_id, widget in self.cards.items():
            widget.set_selected(card_id == post_id)
        if post_id in self.cards:
            self.scroll.ensureWidgetVisible(self.cards[post_id])

    # --------------------------------------------------------------------------------- actions

    def _card_menu(self, post_id: int, where: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Show its incidents"), lambda: self.select_post(post_id))
        menu.addAction(self.tr("Details…"), lambda: self.open_detail(post_id))
        menu.addSeparator()
        menu.addAction(self.tr("Change status…"), lambda: self.change_status(post_id))
        menu.addAction(self.tr("Send alert…"), lambda: self.send_alert(post_id))
        menu.popup(where)

    def open_detail(self, post_id: int) -> PostDetailDialog:
        dialog = self.dialogs.get(post_id)
        if dialog is None:
            dialog = PostDetailDialog(self.runner, self.desk, post_id, parent=self.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.showIncidents.connect(self.select_post)
            dialog.changeStatusRequested.connect(self.change_status)
            dialog.sendAlertRequested.connect(self.send_alert)
            dialog.destroyed.connect(lambda: self.dialogs.pop(post_id, None))
            self.dialogs[post_id] = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def change_status(self, post_id: int) -> ChangeStatusDialog | None:
        card = self.board.card(post_id) if self.board else None
        if card is None:
            return None
        dialog = ChangeStatusDialog(self.runner, self.desk, card.post, parent=self.window())
        dialog.changed.connect(lambda change: self._status_changed(card.post.name, change))
        return self._keep(dialog)

    def _status_changed(self, name: str, change) -> None:
        self._follow = change.post_id  # the board reloads on the change (runner.changes): show the card there
        self.say(self.tr("{0} is now {1}.").format(name, post_statuses()[change.status].lower()))

    def say(self, message: str) -> None:
        """Confirm an action in the main window's status bar (when the panel sits in one)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10000)

    def send_alert(self, post_id: int | None) -> SendAlertDialog | None:
        if self.board is None:
            return None
        dialog = SendAlertDialog(self.runner, self.desk, [c.post for c in self.board.cards],
                                 from_post_id=post_id, parent=self.window())
        return self._keep(dialog)  # the board reloads on the alert it sends (runner.changes)

    def _keep(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._others.append(dialog)
        dialog.destroyed.connect(lambda: self._others.remove(dialog) if dialog in self._others else None)
        dialog.show()
        return dialog
