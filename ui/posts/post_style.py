"""Colours, words and number formats shared by the post cards, the map, the post detail and the alerts.

Words are looked up at call time through Qt's translation (context "PostStyle"), so a Russian translation
can be installed without touching code (design rule 11). Colours name states, not widgets: the card's
status pill, the map marker and the alerts list agree.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from sitcentre.domain.alerts import AlertPriority
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.post_status import Attention, ReportLevel

STATUS_COLOURS = {PostStatus.OPERATIONAL: "#2e7d32", PostStatus.LIMITED: "#e69500", PostStatus.OFFLINE: "#c62828"}
REPORT_COLOURS = {ReportLevel.OK: "#2e7d32", ReportLevel.AMBER: "#c77700", ReportLevel.RED: "#c62828"}
ATTENTION_COLOURS = {Attention.OK: "#b8c4cc", Attention.WARNING: "#e69500", Attention.CRITICAL: "#c62828"}
PRIORITY_COLOURS = {AlertPriority.LOW: "#607d8b", AlertPriority.NORMAL: "#37474f", AlertPriority.HIGH: "#c77700",
                    AlertPriority.URGENT: "#c62828"}
MUTED = "#6b7780"
SPARK_COLOUR = "#4a7fb0"


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
    post, summary = card.post, card.summary
    status = post_statuses()[post.status]
    colour = STATUS_COLOURS[post.status]
    lines = [
        f"<b>{html.escape(post.name)}</b> &nbsp;<span style='color:{MUTED}'>{html.escape(post.crossing)} · "
        f"{html.escape(post.border)}</span>",
        f"<span style='color:{colour}'>●</span> {html.escape(status)}"
        + (f" — {html.escape(post.status_reason)}" if post.status_reason else ""),
        f"<span style='color:{REPORT_COLOURS[card.report]}'>{html.escape(last_report_text(card.hours_since_report))}"
        "</span>",
        html.escape(_t("Incidents: {0} in 24 h, {1} in 7 days").format(summary.incidents_24h, summary.incidents_7d)),
        html.escape(_t("Seized in 30 days: {0} (kg-equivalent)").format(kg_text(summary.kg_30d))),
    ]
    if card.unacknowledged_alerts:
        lines.append(f"<span style='color:{ATTENTION_COLOURS[Attention.CRITICAL]}'>"
                     + html.escape(_t("{0} unacknowledged alerts").format(card.unacknowledged_alerts)) + "</span>")
    return "<br>".join(lines)
