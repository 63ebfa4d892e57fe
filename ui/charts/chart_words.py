"""Words and numbers of the charts: substance group names, amounts, changes and date spans.

Translated at call time (context "", as lupdate reads the module's _t; design rule 11); numbers and dates follow
the user's locale, with thousands separators even in the C locale, which leaves them out by default.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale

# Fixed per group, so a group has the same colour in the chart, in the bars and in every export.
GROUP_COLOURS = {"opiates": "#d62728", "cannabis": "#2ca02c", "ats": "#1f77b4", "cocaine": "#9467bd",
                 "nps": "#ff7f0e", "pharmaceuticals": "#17becf", "precursors": "#e377c2"}


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate reads _t as tr, context ""


def group_name(code: str) -> str:
    return {"opiates": _t("Opiates"), "cannabis": _t("Cannabis"), "ats": _t("Amphetamines (ATS)"),
            "cocaine": _t("Cocaine"), "nps": _t("New psychoactive (NPS)"), "pharmaceuticals": _t("Pharmaceuticals"),
            "precursors": _t("Precursors")}.get(code, code)


def unit(metric: str) -> str:
    return _t("kg-equivalent") if metric == "kg" else _t("incidents")


def locale() -> QLocale:
    loc = QLocale()
    loc.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return loc


def number(value: float, metric: str) -> str:
    """Whole incidents; kg with one decimal below 1,000 and none above."""
    if metric == "incidents":
        return locale().toString(int(round(value)))
    return locale().toString(float(value), "f", 1 if abs(value) < 1000 else 0)


def change(fraction: float | None, now: float = 1.0) -> str:
    """▲ 12.5 % / ▼ 3.0 % / = 0.0 %; "new" when there was nothing before."""
    if fraction is None:
        return _t("new") if now else "–"
    arrow = "▲" if fraction > 0.0005 else "▼" if fraction < -0.0005 else "="
    return f"{arrow} {locale().toString(abs(fraction) * 100, 'f', 1)} %"


def span(start: date, end: date) -> str:
    loc = locale()
    return f"{loc.toString(qdate(start), 'd MMM yyyy')} – {loc.toString(qdate(end), 'd MMM yyyy')}"


def period_words(start: date, end: date, granularity: str) -> str:
    """A day with its weekday, a whole month by name, anything else as a span of days."""
    if granularity == "day":
        return locale().toString(qdate(start), "ddd d MMM yyyy")
    if granularity == "month" and start.day == 1 and (end + timedelta(days=1)).day == 1:
        return locale().toString(qdate(start), "MMMM yyyy")
    return span(start, end)


def partial(counted: int, whole: int) -> str:
    """Why a point is partial: the range counts only some of its days, or it is not over yet."""
    if counted < whole:
        return _t("Partial period: {0} of its {1} days counted").format(counted, whole)
    return _t("Partial period: not over yet at every post")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
