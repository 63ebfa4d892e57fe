"""Colours, words and number formats shared by the post cards, the map, the post detail and the alerts.

Words are looked up at call time through Qt's translation (context "PostStyle"), so a Russian translation
can be installed without touching code (design rule 11). Colours name states, not widgets: the card's
status pill, the map marker and the alerts list agree.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication

from sitcentre.domain.alerts import AlertPriority
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.post_status import Attention, ReportLevel
from ui.common.theme import is_dark

STATUS_COLOURS = {PostStatus.OPERATIONAL: "#2e7d32", PostStatus.LIMITED: "#e69500", PostStatus.OFFLINE: "#c62828"}
REPORT_COLOURS = {ReportLevel.OK: "#2e7d32", ReportLevel.AMBER: "#c77700", ReportLevel.RED: "#c62828"}
STATUS_SHAPES = {PostStatus.OPERATIONAL: "●", PostStatus.LIMITED: "▲", PostStatus.OFFLINE: "■"}  # as on the map
STATUS_SYMBOLS = {PostStatus.OPERATIONAL: "o", PostStatus.LIMITED: "t1", PostStatus.OFFLINE: "s"}  # pyqtgraph's
ATTENTION_COLOURS = {Attention.OK: "#b8c4cc", Attention.WARNING: "#e69500", Attention.CRITICAL: "#c62828"}
PRIORITY_COLOURS = {AlertPriority.LOW: "#607d8b", AlertPriority.NORMAL: "#37474f", AlertPriority.HIGH: "#c77700",
                    AlertPriority.URGENT: "#c62828"}
MUTED = "#5f6b74"  # 4.5:1 on the light window grey
MUTED_ON_DARK = "#9aa5ad"
SPARK_COLOUR = "#4a7fb0"
DARK_GROUNDS = ("#1e1f22", "#2b2d30")  # what texts sit on in the dark theme: cards, window (tooltips: 3:1 at least)
READABLE = 4.5  # WCAG contrast ratio for body text


def dark_theme() -> bool:
    """Whether the running application has the dark theme (or a dark system palette)."""
    return is_dark(QGuiApplication.palette())


def muted(dark: bool) -> str:
    """Grey for secondary text: darker than the text on a light ground, lighter on a dark one."""
    return MUTED_ON_DARK if dark else MUTED


def text_colour(colour: str, dark: bool, grounds: tuple[str, ...] = DARK_GROUNDS) -> str:
    """A state's colour for text or a dot on the window's ground: as given on a light one; on a dark one mixed with
    white, a tenth at a time, until it reads on every dark ground (red, amber and green stay red, amber, green)."""
    given = QColor(colour)
    drawn = given
    for step in range(1, 11 if dark else 0):
        if min(contrast(drawn, QColor(ground)) for ground in grounds) >= READABLE:
            break
        drawn = QColor(*(round(c + (255 - c) * step / 10) for c in (given.red(), given.green(), given.blue())))
    return drawn.name()


def pill_style(background: str) -> str:
    """A coloured pill's ground and its text: white where it reads (green, red), near-black on amber."""
    text = "white" if contrast(QColor("white"), QColor(background)) >= READABLE else "#1a1a1a"
    return f"background: {background}; color: {text};"


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def post_statuses() -> dict[PostStatus, str]:
    return {PostStatus.OPERATIONAL: _t("Operational"), PostStatus.LIMITED: _t("Limited"),
            PostStatus.OFFLINE: _t("Offline")}


def priorities() -> dict[AlertPriority, str]:
    return {AlertPriority.LOW: _t("Low"), AlertPriority.NORMAL: _t("Normal"), AlertPriority.HIGH: _t("High"),
            AlertPriority.URGENT: _t("Urgent")}


def centre_name() -> str:
    return _t("Situation centre")


def all_posts_name() -> str:
    return _t("All posts")


def duration_text(hours: float | None) -> str:
    """3 min / 5 h / 3 d 4 h: how long ago, or how long it took."""
    if hours is None:
        return ""
    minutes = int(round(hours * 60))
    if minutes < 60:
        return _t("{0} min").format(max(minutes, 0))
    if hours < 48:
        return _t("{0} h").format(int(hours))
    days, rest = divmod(int(hours), 24)
    return _t("{0} d {1} h").format(days, rest) if rest else _t("{0} d").format(days)


def last_report_text(hours: float | None) -> str:
    if hours is None:
        return _t("No report ever received")
    return _t("Last report {0} ago").format(duration_text(hours))


def kg_text(kg: float) -> str:
    """0 kg / 0.35 kg / 12.4 kg / 1,234 kg: three significant figures are plenty on a card."""
    if kg <= 0:
        return _t("0 kg")
    if kg < 1:
        return _t("{0} kg").format(f"{kg:.2f}")
    if kg < 100:
        return _t("{0} kg").format(f"{kg:.1f}")
    return _t("{0} kg").format(f"{kg:,.0f}")


def card_tooltip(card) -> str:
    """The card's figures as rich text: the map shows it on hover, the card as its tooltip."""
    post, summary, dark = card.post, card.summary, dark_theme()  # at call time: the tooltip follows the theme
    status = post_statuses()[post.status]
    colour = text_colour(STATUS_COLOURS[post.status], dark)
    report = text_colour(REPORT_COLOURS[card.report], dark)
    lines = [
        f"<b>{html.escape(post.name)}</b> &nbsp;<span style='color:{muted(dark)}'>{html.escape(post.crossing)} · "
        f"{html.escape(post.border)}</span>",
        f"<span style='color:{colour}'>{STATUS_SHAPES[post.status]}</span> {html.escape(status)}"
        + (f" — {html.escape(post.status_reason)}" if post.status_reason else ""),
        f"<span style='color:{report}'>{html.escape(last_report_text(card.hours_since_report))}</span>",
        html.escape(_t("Incidents: {0} in 24 h, {1} in 7 days").format(summary.incidents_24h, summary.incidents_7d)),
        html.escape(_t("Drugs seized in 30 days: {0} (kg-equivalent; precursors counted apart)").format(
            kg_text(summary.kg_30d))),
    ]
    if summary.precursors_kg_30d > 0:
        lines.append(html.escape(_t("Precursors seized in 30 days: {0}").format(kg_text(summary.precursors_kg_30d))))
    if card.unacknowledged_alerts:
        lines.append(f"<span style='color:{text_colour(ATTENTION_COLOURS[Attention.CRITICAL], dark)}'>"
                     + html.escape(_t("{0} unacknowledged alerts").format(card.unacknowledged_alerts)) + "</span>")
    return "<br>".join(lines)
