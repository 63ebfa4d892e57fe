"""The seizure lines of an incident: one row per substance, with its kg-equivalent worked out as typed.

Each row offers only the units that make sense for its substance (`allowed_units`) and shows the
kg-equivalent with the rule used (to_kg's method text), so a tablet conversion is visible, not hidden.
A row left completely blank (no substance, no quantity) is not a line: it is ignored when the incident is
built, so an untouched starter row never turns into a problem of its own.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.conversion import ConversionError, KgEquivalent, to_kg
from sitcentre.domain.enums import AmountBasis, Unit
from sitcentre.domain.records import SeizureLine, Substance, new_id
from sitcentre.domain.validation import Problem, allowed_units
from ui.incidents.incident_form_fields import QuantityEdit
from ui.incidents.incident_labels import (
    bases,
    enum_combo,
    error_label,
    framed,
    hint_label,
    mark_invalid,
    select_data,
    units,
)
from ui.incidents.incident_reference import fmt_number
from ui.incidents.tablet_mass import TabletMassBox, beside

UNIT_ORDER = (Unit.KG, Unit.G, Unit.LITRE, Unit.TABLETS)
COLUMNS = 7  # number, substance, quantity, unit, basis, kg-equivalent, remove

def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() where no QObject of this module's own class is at hand: context "" (lupdate reads `_t` as tr)."""
    return QCoreApplication.translate("", text, disambiguation, n)


class LineRow:
    """The widgets of one seizure line. Not a widget itself: its parts sit in the editor's grid."""

    def __init__(self, editor: SeizureLinesEditor, substances: tuple[Substance, ...]):
        self._substances = {s.id: s for s in substances}
        self.line_id = new_id()
        self.number = QLabel(editor)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.substance = QComboBox(editor)
        self.substance.addItem(_t("Choose a substance…"), 0)
        for s in substances:
            self.substance.addItem(s.name, s.id)
        self.substance.setMinimumContentsLength(14)  # a long name scrolls in the list; the form fits 900 px
        self.substance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quantity = QuantityEdit(editor)  # text as typed ("12,4", "1 000"), echoed as it will be saved
        self.unit = QComboBox(editor)
        self.unit.setMinimumWidth(90)
        self.mass = TabletMassBox(editor)  # the line's own mass per tablet, for tablets only (issue 10, item 11)
        self.basis = enum_combo(bases(), editor)
        self.kg = QLabel(editor)
        self.kg.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kg.setWordWrap(True)
        self.kg.setMinimumWidth(140)  # the rule wraps onto two lines rather than widening the form
        self.remove = QToolButton(editor)
        self.remove.setText("✕")
        self.remove.setToolTip(_t("Remove this seizure line"))
        self.remove.setAccessibleName(_t("Remove seizure line"))
        self.remove.setAutoRaise(True)
        self.error = error_label(editor)
        self.cells = [self.number, framed(self.substance), self.quantity.cell(self.unit),
                      beside(editor, framed(self.unit), framed(self.mass)),
                      framed(self.basis), self.kg, self.remove]  # grid columns; inputs in problem frames
        self._fill_units(None, Unit.KG)
        self.substance.currentIndexChanged.connect(self._substance_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)

    # --- values ------------------------------------------------------------------------------

    @property
    def substance_id(self) -> int:
        return int(self.substance.currentData() or 0)

    def current_substance(self) -> Substance | None:
        return self._substances.get(self.substance_id)

    def is_blank(self) -> bool:
        return self.substance_id == 0 and self.quantity.is_empty()

    def line(self) -> SeizureLine:
        unit = Unit(self.unit.currentData())
        line = SeizureLine(self.substance_id, self.quantity.value(), unit, AmountBasis(self.basis.currentData()),
                           id=self.line_id, mass_per_tablet_mg=self.mass.mass())
        result = self.preview()
        if isinstance(result, KgEquivalent):
            line = replace(line, kg_equivalent=result.kg, conversion=result.method)
        return line

    def set_line(self, line: SeizureLine) -> None:
        self.line_id = line.id
        select_data(self.substance, line.substance_id)
        self._fill_units(self.current_substance(), Unit(line.unit), keep=Unit(line.unit))
        self.quantity.setValue(line.quantity)
        self.mass.set_mass(line.mass_per_tablet_mg)
        select_data(self.basis, AmountBasis(line.basis))

    def preview(self) -> KgEquivalent | ConversionError | None:
        """The kg-equivalent of what is typed now; None while the substance or quantity is missing."""
        substance = self.current_substance()
        if substance is None or self.quantity.value() <= 0:
            return None
        try:
            return to_kg(self.quantity.value(), Unit(self.unit.currentData()), substance.mass_per_tablet_mg,
                         self.mass.mass())
        except ConversionError as exc:
            return exc

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.substance, self.quantity, self.unit, self.mass, self.basis, self.remove]

    def widget_for(self, attribute: str) -> QWidget:
        return {"substance_id": self.substance, "unit": self.unit,
                "mass_per_tablet_mg": self.mass}.get(attribute, self.quantity)

    # --- reacting ----------------------------------------------------------------------------

    def _substance_changed(self) -> None:
        substance = self.current_substance()
        current = Unit(self.unit.currentData()) if self.unit.currentData() else None
        default = substance.default_unit if substance else Unit.KG
        if substance is not None and current in allowed_units(substance) and self.quantity.value() > 0:
            default = current  # the operator already typed an amount in a unit that still fits
        self._fill_units(substance, default)

    def _fill_units(self, substance: Substance | None, selected: Unit, keep: Unit | None = None) -> None:
        """Only the units valid for the substance (plus a stored one, so an old record shows as saved)."""
        allowed = allowed_units(substance) if substance else {Unit.KG, Unit.G, Unit.LITRE, Unit.TABLETS}
        if keep is not None:
            allowed = allowed | {keep}
        labels = units()
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in (u for u in UNIT_ORDER if u in allowed):
            self.unit.addItem(labels[unit], unit)
        select_data(self.unit, selected if selected in allowed else min(allowed, key=UNIT_ORDER.index))
        self.unit.blockSignals(False)
        self._unit_changed()

    def _unit_changed(self) -> None:
        tablets = self.unit.currentData() == Unit.TABLETS
        self.quantity.setDecimals(0 if tablets else 3)
        substance = self.current_substance()
        self.mass.set_applies(tablets, substance.mass_per_tablet_mg if substance else None)


class SeizureLinesEditor(QWidget):
    """Add and remove seizure lines; a live kg-equivalent per line and a total."""

    changed = Signal()  # any edit of any line
    rows_changed = Signal()  # a row was added or removed (the form fixes its tab order)

    def __init__(self, substances: tuple[Substance, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._substances = substances
        self.rows: list[LineRow] = []
        self._built: list[LineRow] = []  # the rows behind lines() of the last build, by line index
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(5, 4)
        self._add_header()
        outer.addLayout(self._grid)
        self.empty_hint = hint_label(self.tr("No seizure lines. Add one with Ctrl+L."), self)
        outer.addWidget(self.empty_hint)
        self.error = error_label(self)
        outer.addWidget(self.error)
        outer.addLayout(self._footer())
        self.add_shortcut = QShortcut(QKeySequence(self.tr("Ctrl+L")), self)
        self.add_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.add_shortcut.activated.connect(self._add_and_focus)
        self._refresh()

    def _add_header(self) -> None:
        titles = ["#", self.tr("Substance"), self.tr("Quantity"), self.tr("Unit"), self.tr("How known"),
                  self.tr("kg-equivalent and how it was computed"), ""]
        for column, title in enumerate(titles):
            label = hint_label(title, self)
            self._grid.addWidget(label, 0, column)

    def _footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.setToolTip(self.tr("Add a seizure line (Ctrl+L)"))
        self.add_button.clicked.connect(self._add_and_focus)
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("SeizureTotal")
        footer.addWidget(self.total_label)
        return footer

    # --- rows ----------------------------------------------------------------------------------

    def add_line(self, line: SeizureLine | None = None) -> LineRow:
        row = LineRow(self, self._substances)
        if line is not None:
            row.set_line(line)
        for signal in (row.substance.currentIndexChanged, row.unit.currentIndexChanged,
                       row.basis.currentIndexChanged, row.quantity.valueChanged, row.mass.valueChanged):
            signal.connect(self._edited)
        row.remove.clicked.connect(lambda: self.remove_line(row))
        self.rows.append(row)
        self._relayout()
        self._edited()
        self.rows_changed.emit()
        return row

    def remove_line(self, row: LineRow, focus: bool = True) -> None:
        self.rows.remove(row)
        for widget in (*row.cells, row.error):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()
        self._edited()
        self.rows_changed.emit()
        if not focus:
            return
        if self.rows:
            self.rows[-1].substance.setFocus()
        else:
            self.add_button.setFocus()

    def set_lines(self, lines: tuple[SeizureLine, ...] | list[SeizureLine]) -> None:
        for row in list(self.rows):
            self.remove_line(row, focus=False)
        for line in lines:
            self.add_line(line)

    def _add_and_focus(self) -> None:
        if self.isEnabled():
            self.add_line().substance.setFocus()

    def _relayout(self) -> None:
        """Two grid rows per line (inputs, then its problems), renumbered after a removal."""
        for index, row in enumerate(self.rows):
            grid_row = 1 + 2 * index
            row.number.setText(f"{index + 1}.")
            for column, widget in enumerate(row.cells):
                self._grid.addWidget(widget, grid_row, column)
            self._grid.addWidget(row.error, grid_row + 1, 1, 1, COLUMNS - 2)
        self.empty_hint.setVisible(not self.rows)

    # --- values --------------------------------------------------------------------------------

    def lines(self) -> tuple[SeizureLine, ...]:
        """The lines typed so far (blank rows skipped); remembers which row is line i for problems."""
        self._built = [row for row in self.rows if not row.is_blank()]
        return tuple(row.line() for row in self._built)

    def number_problems(self) -> list[Problem]:
        """Quantities of the last build (lines()) that are not numbers, with the parser's reason, by line."""
        return [Problem(f"lines[{i}].quantity", f"Seizure line {i + 1}: {row.quantity.problem().message}")
                for i, row in enumerate(self._built) if row.quantity.problem() is not None]

    def total_kg(self) -> float:
        return sum(r.kg for r in (row.preview() for row in self.rows) if isinstance(r, KgEquivalent))

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.widgets()] + [self.add_button]

    def _edited(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        for row in self.rows:
            result = row.preview()
            if result is None:
                row.kg.setText("—")
                row.kg.setProperty("role", "hint")
            elif isinstance(result, ConversionError):
                row.kg.setText(str(result))
                row.kg.setProperty("role", "error")
            else:
                row.kg.setText(self.tr("{kg} kg — {method}").format(kg=fmt_number(result.kg), method=result.method))
                row.kg.setProperty("role", "")
            row.kg.style().unpolish(row.kg)
            row.kg.style().polish(row.kg)
        counted = sum(isinstance(row.preview(), KgEquivalent) for row in self.rows)
        self.total_label.setText(self.tr("Total: <b>{kg} kg</b>-equivalent in {n} line(s)").format(
            kg=fmt_number(self.total_kg()), n=counted))

    # --- problems ------------------------------------------------------------------------------

    def clear_problems(self) -> None:
        self.show_problems([])

    def show_problems(self, problems: list[Problem]) -> None:
        """Problems named "lines" or "lines[i].<attribute>": beside the editor or beside row i."""
        general = [p.message for p in problems if p.field == "lines"]
        self.error.setText("\n".join(general))
        self.error.setVisible(bool(general))
        by_row: dict[int, list[Problem]] = {}
        for problem in problems:
            index, _ = split_line_field(problem.field)
            if index is not None and index < len(self._built):
                by_row.setdefault(self.rows.index(self._built[index]), []).append(problem)
        for number, row in enumerate(self.rows):
            found = by_row.get(number, [])
            attributes = {split_line_field(p.field)[1] for p in found}
            for attribute, widget in (("substance_id", row.substance), ("quantity", row.quantity),
                                      ("unit", row.unit), ("mass_per_tablet_mg", row.mass)):
                mark_invalid(widget, attribute in attributes)
            row.error.setText("\n".join(p.message for p in found))
            row.error.setVisible(bool(found))

    def widget_for(self, field: str) -> QWidget | None:
        """Where to put the cursor for a problem in this editor."""
        index, attribute = split_line_field(field)
        if index is None or index >= len(self._built) or self._built[index] not in self.rows:
            return self.rows[0].substance if self.rows else self.add_button
        return self._built[index].widget_for(attribute)


def split_line_field(field: str) -> tuple[int | None, str]:
    """"lines[2].unit" -> (2, "unit"); "lines" -> (None, "")."""
    if not field.startswith("lines["):
        return None, ""
    index, _, attribute = field[len("lines["):].partition("].")
    try:
        return int(index), attribute
    except ValueError:
        return None, ""
