"""One conflict, side by side (issue 13, item 2): who wrote each side, where, the device time and the time
received; then field by field the common version (base), the centre's and the post's, the conflicting fields
marked in words and bold (not by colour alone), each with a choice of side for "Save chosen fields".

No I/O: the Conflicts view hands it a ConflictDetail (sitcentre.backend.conflicts) and acts on its signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.exchange.conflicts_model import EMPTY, field_text, kind_text, local_time, value_text

CENTRE, POST = "centre", "post"  # the sides, as sitcentre.backend.conflicts names them
CONFLICT_MARK = "\u26a0"  # ⚠, beside the words "conflict"
MERGED_MARK = "\u21c4"  # ⇄, beside "edited by the other side" (a parallel flag)
CONFLICT_BACKGROUND = "#fff3e0"


class ConflictDetailWidget(QWidget):
    take = Signal(str)  # "centre" | "post": that side's whole version
    take_fields = Signal(dict)  # {field: "centre"|"post"} for every field shown
    dismiss = Signal()  # a parallel flag

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ConflictDetail")
        self.detail = None
        self.may_resolve = False
        self.at_post = False
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("Select a conflict in the list to see both versions."))
        self.title.setObjectName("ConflictTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.sides = QLabel()
        self.sides.setObjectName("ConflictSides")
        self.sides.setTextFormat(Qt.TextFormat.PlainText)
        self.sides.setWordWrap(True)
        self.sides.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("ConflictNote")
        self.note.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.grid_host)
        for widget in (self.title, self.sides, self.note):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._buttons())
        self.set_detail(None)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.take_centre = QPushButton(self.tr("Take &centre's version"))
        self.take_centre.clicked.connect(lambda: self.take.emit(CENTRE))
        self.take_post = QPushButton(self.tr("Take &post's version"))
        self.take_post.clicked.connect(lambda: self.take.emit(POST))
        self.save_fields = QPushButton(self.tr("&Save chosen fields"))
        self.save_fields.setToolTip(self.tr("Keep, field by field, the side chosen in the last column."))
        self.save_fields.clicked.connect(lambda: self.take_fields.emit(self.chosen()))
        self.dismiss_button = QPushButton(self.tr("&Dismiss flag"))
        self.dismiss_button.setToolTip(self.tr("Both edits were merged: nothing to choose. Dismissing closes the "
                                               "flag."))
        self.dismiss_button.clicked.connect(self.dismiss.emit)
        for button in (self.take_centre, self.take_post, self.save_fields):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.dismiss_button)
        return row

    # --- filling ------------------------------------------------------------------------------------

    def set_permissions(self, may_resolve: bool, at_post: bool) -> None:
        self.may_resolve, self.at_post = may_resolve, at_post
        self._update_buttons()

    def set_detail(self, detail) -> None:
        """Show `detail` (a ConflictDetail), or nothing (None: no selection, or it was closed meanwhile)."""
        self.detail = detail
        self._clear_grid()
        if detail is None:
            self.title.setText(self.tr("Select a conflict in the list to see both versions."))
            self.sides.setText("")
            self.note.setText("")
        else:
            c = detail.summary
            self.title.setText(self.tr("{kind}: incident {number}, post {post}").format(
                kind=kind_text(c.kind), number=c.number, post=c.post or EMPTY))
            self.sides.setText(self._sides_text(detail))
            self.note.setText(self._note(detail))
            self._fill_grid(detail)
        self._update_buttons()

    def _sides_text(self, detail) -> str:
        names = (self.tr("Centre"), self.tr("Post"))
        lines = []
        for name, version in zip(names, detail.heads, strict=False):
            what = self.tr("deleted it") if version.op == "delete" else self.tr("edited it")
            received = self.tr("received {0}").format(local_time(version.received_at)) if version.received_at \
                else self.tr("made here, not received")
            lines.append(self.tr("{side}: {author} {what} at {origin}; device time {device}; {received}")
                         .format(side=name, author=version.author or self.tr("someone"), what=what,
                                 origin=version.origin or EMPTY, device=local_time(version.device_time),
                                 received=received))
        if detail.base is None:
            lines.append(self.tr("Base: no common version is known here."))
        return "\n".join(lines)

    def _note(self, detail) -> str:
        notes = []
        if detail.summary.kind == "parallel":
            if detail.at_post or self.at_post:
                notes.append(self.tr("The other side edited different fields: the centre merges both edits, and its "
                                     "version comes back with its next bundle. Dismiss the flag once you have "
                                     "looked."))
            else:
                notes.append(self.tr("Both edits touched different fields and were merged: there is nothing to "
                                     "choose. Dismiss the flag once you have looked."))
            return "\n".join(notes)  # nothing is resolved from it: whether it is stale does not matter
        if detail.at_post or self.at_post:
            notes.append(self.tr("This is a post: the centre resolves conflicts, and its choice comes back with its "
                                 "next bundle."))
        elif not self._per_field_possible(detail):
            notes.append(self.tr("One side deleted the incident: keep it deleted or bring the other version back "
                                 "whole; fields cannot be mixed."))
        if detail.stale and not (detail.at_post or self.at_post):
            notes.append(self.tr("The incident has been changed here since this conflict was found: resolving now "
                                 "brings the conflict up to date first, and you choose again."))
        return "\n".join(notes)

    def _fill_grid(self, detail) -> None:
        parallel = detail.summary.kind == "parallel"
        choose = not parallel and self._per_field_possible(detail)
        headers = (self.tr("Field"), self.tr("Base"), self.tr("Centre"), self.tr("Post")) \
            + ((self.tr("Keep"),) if choose else ())
        for column, text in enumerate(headers):
            label = QLabel(text)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.grid.addWidget(label, 0, column)
        if not detail.rows:
            self.grid.addWidget(QLabel(self.tr("No field differs.")), 1, 0, 1, len(headers))
        for i, row in enumerate(detail.rows, start=1):
            name = field_text(row.field)
            label = QLabel(self._field_label(name, row.conflicting, parallel))
            label.setObjectName(f"field:{row.field}")
            label.setToolTip(self._field_tip(row.conflicting, parallel))
            cells = [label] + [self._value(v, row.field) for v in (row.base, row.centre, row.post)]
            for column, cell in enumerate(cells):
                if row.conflicting:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                    cell.setStyleSheet(f"background: {CONFLICT_BACKGROUND};")
                self.grid.addWidget(cell, i, column)
            if choose:  # preselected as the service decides a field not named: the side that changed it
                only_post = detail.base is not None and row.centre == row.base and row.post != row.base
                self.grid.addWidget(self._choice(row.field, only_post), i, 4)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 1)

    def _field_label(self, name: str, marked: bool, parallel: bool) -> str:
        if not marked:
            return name
        if parallel:  # the flag's fields are the other side's edit, not a disagreement
            return self.tr("{mark} {field} (edited by the other side)").format(mark=MERGED_MARK, field=name)
        return self.tr("{mark} {field} (conflict)").format(mark=CONFLICT_MARK, field=name)

    def _field_tip(self, marked: bool, parallel: bool) -> str:
        if not marked:
            return self.tr("Changed on one side only.")
        if parallel:
            return self.tr("The other side's edit of this field.")
        return self.tr("Both sides changed this field, to different values.")

    def _value(self, value, field: str) -> QLabel:
        label = QLabel(value_text(value, field))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _choice(self, field: str, post_first: bool = False) -> QWidget:
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        centre, post = QRadioButton(self.tr("centre")), QRadioButton(self.tr("post"))
        name = field_text(field)
        centre.setAccessibleName(self.tr("Keep the centre's {0}").format(name))
        post.setAccessibleName(self.tr("Keep the post's {0}").format(name))
        (post if post_first else centre).setChecked(True)
        group = QButtonGroup(host)
        group.addButton(centre)
        group.addButton(post)
        self._groups.append(group)
        row.addWidget(centre)
        row.addWidget(post)
        self.choices[field] = (centre, post)
        return host

    def _clear_grid(self) -> None:
        self.choices.clear()
        self._groups.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    # --- choosing -----------------------------------------------------------------------------------

    def choose(self, field: str, side: str) -> None:
        centre, post = self.choices[field]
        (centre if side == CENTRE else post).setChecked(True)

    def chosen(self) -> dict[str, str]:
        return {field: CENTRE if centre.isChecked() else POST for field, (centre, _post) in self.choices.items()}

    @staticmethod
    def _per_field_possible(detail) -> bool:
        return len(detail.heads) > 1 and all(v.op != "delete" for v in detail.heads)

    def _update_buttons(self) -> None:
        detail = self.detail
        is_open = detail is not None and detail.summary.status == "open"
        parallel = is_open and detail.summary.kind == "parallel"
        resolvable = is_open and not parallel and self.may_resolve and not (self.at_post or detail.at_post) \
            and len(detail.heads) > 1
        self.take_centre.setEnabled(resolvable)
        self.take_post.setEnabled(resolvable)
        self.save_fields.setEnabled(resolvable and bool(self.choices))
        self.dismiss_button.setEnabled(parallel and self.may_resolve)
        self.dismiss_button.setVisible(detail is None or parallel)
