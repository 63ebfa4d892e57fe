"""Light and dark themes (issue 16, item 5), chosen per person at this computer in the Settings dialog.

"system" keeps the platform's own style and palette; "light" and "dark" use Qt's Fusion style with a palette of
their own, so that a room that works at night gets the same dark window on every workstation. The choice is kept
in QSettings ("theme") and applied at once: Qt repaints every widget with the new palette, and the pyqtgraph
plots (charts, map) recolour themselves from it through `plot_colours` when their palette changes.

Status is never told by colour alone: post cards and map markers carry their status in words and shapes, and the
charts' series differ by dash as well as colour where they can be confused (see ui/charts, ui/posts).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

SETTING = "theme"
THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"
_platform_style: list[str] = []  # the style the application started with ("system" goes back to it)


def chosen_theme(settings: QSettings | None = None) -> str:
    stored = (settings or QSettings()).value(SETTING, DEFAULT_THEME)
    return stored if stored in THEMES else DEFAULT_THEME


def save_theme(theme: str, settings: QSettings | None = None) -> None:
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}")
    store = settings or QSettings()
    store.setValue(SETTING, theme)
    store.sync()


def apply_theme(app: QApplication, theme: str) -> None:
    """Restyle the running application; every open window follows (widgets get a PaletteChange event)."""
    if not _platform_style:
        _platform_style.append(app.style().name())
    if theme == "system":
        style = QStyleFactory.create(_platform_style[0])
        app.setStyle(style)
        app.setPalette(style.standardPalette())
        return
    style = QStyleFactory.create("Fusion")
    app.setStyle(style)
    app.setPalette(_dark_palette() if theme == "dark" else style.standardPalette())


def _dark_palette() -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#2b2d30", role.WindowText: "#e6e6e6", role.Base: "#1e1f22", role.AlternateBase: "#26282b",
        role.ToolTipBase: "#3c3f41", role.ToolTipText: "#f0f0f0", role.PlaceholderText: "#8c8c8c",
        role.Text: "#e6e6e6", role.Button: "#35373a", role.ButtonText: "#e6e6e6", role.BrightText: "#ff6b6b",
        role.Light: "#4a4d50", role.Midlight: "#3c3f41", role.Mid: "#5a5d60", role.Dark: "#1a1b1d",
        role.Shadow: "#000000", role.Highlight: "#3d7cc9", role.HighlightedText: "#ffffff", role.Link: "#7fb2f0",
        role.LinkVisited: "#b39ddb",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#7a7a7a"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class PlotColours:
    """What a plot draws with under the current palette (pyqtgraph takes colour names or QColors)."""

    background: QColor
    text: QColor  # axis labels, legends
    axis: QColor
    label_fill: QColor  # behind a value label or a hover text
    marks: QColor  # neutral marks: the previous period, the hover line

    @property
    def dark(self) -> bool:
        return self.background.lightness() < 128


def plot_colours(widget: QWidget) -> PlotColours:
    palette = widget.palette()
    if not is_dark(palette):  # the light look the charts were drawn for
        return PlotColours(QColor("white"), QColor("#222222"), QColor("#999999"), QColor(255, 255, 255, 235),
                           QColor("#333333"))
    base = palette.color(QPalette.ColorRole.Base)
    fill = QColor(palette.color(QPalette.ColorRole.Window))
    fill.setAlpha(235)
    return PlotColours(base, palette.color(QPalette.ColorRole.Text), QColor("#8a8d90"), fill, QColor("#c8c8c8"))


READABLE_ON_DARK = 115  # HSL lightness a line needs to stand out on the dark theme's ground (#1e1f22)


def ink(colour, colours: PlotColours) -> QColor:
    """A series colour as drawn on the current background: on a dark one, dark colours (navy, the published
    figures' near-black) are lightened until they stand out; on a light one, as given."""
    drawn = QColor(colour)
    if not colours.dark:
        return drawn
    for _ in range(6):
        if drawn.lightness() >= READABLE_ON_DARK:
            break
        drawn = drawn.lighter(145)
    return drawn


def is_theme_event(event) -> bool:
    """A palette or style change that plots must follow (the theme was switched)."""
    from PySide6.QtCore import QEvent

    return event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.StyleChange)


def recolour_legend(legend, colour) -> None:
    """A pyqtgraph legend's labels in `colour`, those shown already included (setLabelTextColor alone keeps their
    drawn text)."""
    legend.setLabelTextColor(colour)
    for _sample, label in legend.items:
        label.setText(label.text)
