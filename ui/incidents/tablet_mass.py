"""A seizure line's own mass per tablet (issue 10, item 11): shown beside the unit for tablets only.

Empty (the lowest value, shown as the substance's default) means "use the substance's mass per tablet";
a value from 1 to 2,000 mg is what a laboratory measured for this seizure, and the kg-equivalent and the rule
shown beside the line use it (domain.conversion.to_kg).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QWidget

from sitcentre.domain.validation import MASS_PER_TABLET_MG


class TabletMassBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(1)
        self.setRange(0, MASS_PER_TABLET_MG[1])  # 0 is "the substance's default"
        self.setSuffix(self.tr(" mg/tablet"))
        self.setAccessibleName(self.tr("Mass per tablet"))
        self.setToolTip(self.tr("Mass per tablet when a laboratory knows it ({0} to {1} mg); leave at the default "
                                "to use the substance's own").format(*MASS_PER_TABLET_MG))
        self.set_default(None)
        self.applies = True

    def mass(self) -> float | None:
        """The line's own mass, or None for the substance's default (or when the line is not in tablets)."""
        return self.value() if self.applies and self.value() > 0 else None

    def set_applies(self, tablets: bool, default_mg: float | None = None) -> None:
        """Shown (with its frame) for a line in tablets only; another unit clears it."""
        self.applies = tablets
        self.set_default(default_mg)
        if not tablets:
            self.setValue(0)
        frame = self.parentWidget()
        (frame if frame is not None and frame.property("role") == "frame" else self).setVisible(tablets)

    def set_mass(self, mass: float | None) -> None:
        self.setValue(mass or 0)

    def set_default(self, default_mg: float | None) -> None:
        self.setSpecialValueText(self.tr("default {0:g} mg").format(default_mg) if default_mg else self.tr("default"))


def beside(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets side by side in one grid cell."""
    cell = QWidget(parent)
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget)
    return cell
