"""The value mapping: names in the file the app does not know (a substance, a post, a country, a drug group, a
unit), how many rows each stops, and a target to choose for each. "Use these names" hands the choices back as
(alias kind, name, target) triples; the preview page adds them to the mapping (`Mapping.with_alias`) and checks
the file again.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.enums import SubstanceGroup, Unit

COL_WHAT, COL_NAME, COL_ROWS, COL_TARGET = range(4)


def unknown_names(outcomes) -> list[tuple[str, str, int]]:
    """(alias kind, the name as in the file, rows) for every name a row was refused for, most frequent first."""
    counts: Counter = Counter()
    first: dict[tuple[str, str], str] = {}
    for outcome in outcomes:
        for problem in outcome.problems:
            found = _unknown(problem)
            if found is None:
                continue
            key = (found[0], " ".join(found[1].casefold().split()))
            first.setdefault(key, found[1])
            counts[key] += 1
    return [(kind, first[(kind, key)], n) for (kind, key), n in counts.most_common()]


def _unknown(problem) -> tuple[str, str] | None:
    params, code, field = problem.params or {}, problem.code, problem.field_name or ""
    if code == "unknown_substance":
        return "substance", str(params.get("name", ""))
    if code == "unknown_post":
        return "post", str(params.get("name", ""))
    if code == "unknown_country":
        return "country", str(params.get("name", ""))
    if code == "unknown_category":
        return ("group" if field == "group" else "substance"), str(params.get("name", ""))
    if code == "cell" and params.get("cell_code") == "not_a_unit":
        return "unit", str(params.get("cell_text", ""))
    return None


class ValueMapping(QWidget):
    apply_requested = Signal(list)  # [(alias kind, name, target)]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.reference = None
        self.names: list[tuple[str, str, int]] = []
        self.combos: list[QComboBox] = []
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("UnknownNames")
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Name in the file"), self.tr("Rows"),
                                              self.tr("Stands for")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (COL_WHAT, COL_NAME, COL_ROWS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Stretch)
        self.apply_button = QPushButton(self.tr("&Use these names and check again"))
        self.apply_button.setObjectName("ApplyNames")
        self.apply_button.clicked.connect(self._apply)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.kind_words = {"substance": self.tr("Substance"), "post": self.tr("Post"), "country": self.tr("Country"),
                           "group": self.tr("Drug group"), "unit": self.tr("Unit")}

    def set_names(self, names: list[tuple[str, str, int]], reference) -> None:
        self.names, self.reference, self.combos = names, reference, []
        self.table.setRowCount(len(names))
        for row, (kind, name, rows) in enumerate(names):
            self.table.setItem(row, COL_WHAT, QTableWidgetItem(self.kind_words[kind]))
            self.table.setItem(row, COL_NAME, QTableWidgetItem(name))
            self.table.setItem(row, COL_ROWS, QTableWidgetItem(f"{rows:,}"))
            combo = QComboBox()
            combo.setObjectName(f"NameTarget_{row}")
            combo.addItem(self.tr("(choose)"), "")
            for target, label in self.targets(kind):
                combo.addItem(label, target)
            combo.currentIndexChanged.connect(self._update)
            self.table.setCellWidget(row, COL_TARGET, combo)
            self.combos.append(combo)
        self.table.resizeRowsToContents()
        self.explain.setText(
            self.tr("These names are not in the app's lists. Choose what each stands for: the mapping learns it, "
                    "and a saved mapping remembers it for the next file.") if names else
            self.tr("Every name in the file is known."))
        self._update()

    def targets(self, kind: str) -> list[tuple[str, str]]:
        reference = self.reference
        if kind == "substance" and reference is not None:
            return [(s.code, s.name) for s in reference.substances]
        if kind == "post" and reference is not None:
            return [(p.code, f"{p.code} — {p.name}") for p in reference.posts]
        if kind == "country" and reference is not None:
            return [(c.code, f"{c.code} — {c.name}") for c in reference.countries]
        if kind == "group":
            return [(g.value, g.value) for g in SubstanceGroup]
        if kind == "unit":
            return [(u.value, u.value) for u in Unit]
        return []

    def choose(self, row: int, target: str) -> None:
        """Pick a target for the row's name (what a person does with the combo)."""
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(target))

    def chosen(self) -> list[tuple[str, str, str]]:
        return [(kind, name, combo.currentData()) for (kind, name, _n), combo in zip(self.names, self.combos)
                if combo.currentData()]

    def _update(self, *_args) -> None:
        self.apply_button.setEnabled(bool(self.chosen()))

    def _apply(self) -> None:
        chosen = self.chosen()
        if chosen:
            self.apply_requested.emit(chosen)
