"""The daily brief as a PDF for management, drawn with reportlab: headless, no Qt, no display.

reportlab rather than matplotlib: one well-kept package (plus Pillow) lays out the pages, the tables and
a vector chart, about 10 MB installed; matplotlib is several times that and still needs something else
for paginated tables. The chart stays vector, so it prints sharp.

The file appears whole or not at all, and never over the open database, a folder or a device, nor over an
existing file unless the user said so (sitcentre.output_paths, design rule 13). The path is checked
before the database is read, so a bad path fails at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import numpy as np
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sitcentre.output_paths import OutputExists, UnsafeOutput, atomic_write, check_target
from sitcentre.repositories.stats import Series
from sitcentre.services.brief import (
    BASIS,
    CENTRE_UTC_OFFSET_MINUTES,
    GROUPS,
    HEADLINE,
    KIND,
    POST_STATUS,
    STATUS,
    Brief,
    BriefInputError,
    Headline,
    build_brief,
    fmt_count,
    fmt_day,
    fmt_kg,
    fmt_local,
    fmt_quantity,
    offset_text,
)

NAVY, MUTED, GRID, STRIPE = (colors.HexColor(c) for c in ("#1f3b5b", "#5f6b7a", "#d5dbe3", "#f3f5f8"))
# One fixed colour per substance group, so a group keeps its colour from one brief to the next.
GROUP_COLOURS = {"opiates": "#4e79a7", "cannabis": "#59a14f", "ats": "#f28e2b", "cocaine": "#b07aa1",
                 "nps": "#edc948", "pharmaceuticals": "#76b7b2", "precursors": "#9c755f"}
STATUS_COLOURS = {"operational": "#2e7d32", "limited": "#b26a00", "offline": "#c62828"}
PAGE_W = A4[0]
MARGIN = 15 * mm
WIDTH = PAGE_W - 2 * MARGIN - 12  # the page frame keeps 6 pt of padding on each side
# Fonts with Cyrillic, so Russian names print; the PDF standard Helvetica (Latin only) is the fallback.
FONT_FILES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
]


@dataclass(frozen=True, eq=False)
class ExportResult:
    path: Path
    pages: int
    brief: Brief


def export_brief(engine, day: date, out: str | os.PathLike, verified_only: bool = False,
                 now: datetime | None = None, actor=None, replace: bool = False) -> ExportResult:
    """Read the brief for `day` and write it to `out` as a PDF. Run it off the GUI thread.

    Supervisors only when an `actor` is given (a refusal is audited); the export itself is audited. An existing
    `out` is replaced only when `replace` (the user said so)."""
    from sitcentre.domain.permissions import SYSTEM, Action
    from sitcentre.services.audit import AuditAction, append_now
    from sitcentre.services.guard import authorize

    if actor is not None:
        authorize(engine, actor, Action.REPORT_EXPORT, entity="brief", entity_id=day.isoformat())
    target = writable_target(out, replace)
    with atomic_output(target, replace) as stream:
        brief = build_brief(engine, day, verified_only=verified_only, now=now)
        pages = render(brief, stream)
    append_now(engine, actor or SYSTEM, AuditAction.EXPORT, "brief", day.isoformat(),
               after={"file": str(target), "pages": pages, "verified_only": verified_only})
    return ExportResult(target, pages, brief)


def writable_target(out: str | os.PathLike, replace: bool = False) -> Path:
    """The output path, absolute; a BriefInputError in plain words when it cannot be a file we write
    (sitcentre.output_paths: never the open database, a folder or a device; an existing file only when
    `replace`, and then BriefTargetExists, so that the app can ask)."""
    if not str(out).strip():
        raise BriefInputError("No output file was given: name the PDF to write, e.g. brief.pdf")
    try:
        return check_target(out, replace=replace, what="PDF")
    except OutputExists as exc:
        raise BriefTargetExists(str(exc)) from None
    except UnsafeOutput as exc:
        raise BriefInputError(str(exc)) from None


class BriefTargetExists(BriefInputError):
    """The PDF exists and nobody said it may be replaced (`--force`, or yes to the app's question)."""


@contextmanager
def atomic_output(target: Path, replace: bool = False) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside `target`, fsynced and renamed over it only when the block succeeds."""
    try:
        with atomic_write(target, replace=replace, what="PDF") as stream:
            yield stream
    except OutputExists as exc:
        raise BriefTargetExists(str(exc)) from None
    except UnsafeOutput as exc:
        raise BriefInputError(str(exc)) from None


# -------------------------------------------------------------------------------------------- document

def render(brief: Brief, stream: BinaryIO) -> int:
    """Draw the brief into `stream`; returns the number of pages."""
    st = _styles()
    offset = CENTRE_UTC_OFFSET_MINUTES
    title = f"Daily brief {brief.day.isoformat()}"
    doc = SimpleDocTemplate(stream, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=title, author="sitcentre",
                            subject="Drug-control incidents and seizures reported by the border posts")
    story = [
        Paragraph(f"Daily brief: {fmt_day(brief.day, weekday=True)}", st["title"]),
        Paragraph(escape(
            f"Incidents and seizures reported by the border liaison offices, by the posts' local day. "
            f"Generated {fmt_local(brief.generated_at, offset)} ({offset_text(offset)})."), st["muted"]),
        Paragraph(_counting_note(brief), st["banner" if brief.verified_only else "muted"]),
        Spacer(1, 3 * mm),
        _headline_cards(brief, st),
        *_section(st, f"Seizures, {fmt_day(brief.chart_from)} to {fmt_day(brief.day)}",
                  "kg-equivalent per local day, stacked by substance group; the brief's day is the last bar.",
                  seizure_chart(brief.chart, WIDTH, _fonts())),
        *_section(st, f"Incidents on {fmt_day(brief.day)}", _incident_note(brief), _incident_table(brief, st),
                  keep_together=False),
        *_section(st, f"Largest seizures, {fmt_day(brief.chart_from)} to {fmt_day(brief.day)}",
                  "The 10 largest seizure lines of the 30 days by kg-equivalent"
                  + (" (verified incidents only)." if brief.verified_only else "."), _largest_table(brief, st)),
        *_section(st, "Post status",
                  f"Status as recorded now; incident counts and kg up to {fmt_local(brief.as_of, offset)} "
                  f"({offset_text(offset)}). Rejected incidents are not counted.", _posts_table(brief, st)),
        *_section(st, f"Posts that did not report on {fmt_day(brief.day)}",
                  "No incident from these posts has that local day; their status and last report are above.",
                  _silent_list(brief, st)),
    ]
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(f"sitcentre · {title}", _fonts(), pages))
    return pages[0]


def _counting_note(brief: Brief) -> str:
    if brief.verified_only:
        return "VERIFIED ONLY: the numbers, the chart and the largest seizures count verified incidents only."
    return "Counted: reported and verified incidents. Drafts and rejected incidents are left out."


def _section(st, heading: str, note: str, body, keep_together: bool = True) -> list:
    """A heading, a muted note and the body. Short bodies stay on one page with their heading; a long table
    may break (its header row repeats), after a page break first if too little room is left for a few rows."""
    head = [Paragraph(escape(heading), st["h2"]), Paragraph(escape(note), st["muted"]), Spacer(1, 1.5 * mm)]
    if keep_together or not isinstance(body, Table):
        return [Spacer(1, 4 * mm), KeepTogether([*head, body])]
    return [CondPageBreak(40 * mm), Spacer(1, 4 * mm), *head, body]


@cache
def _fonts() -> tuple[str, str]:
    for regular, bold in FONT_FILES:
        if os.path.exists(regular) and os.path.exists(bold):
            try:
                pdfmetrics.registerFont(TTFont("BriefSans", regular))
                pdfmetrics.registerFont(TTFont("BriefSans-Bold", bold))
                pdfmetrics.registerFontFamily("BriefSans", normal="BriefSans", bold="BriefSans-Bold",
                                              italic="BriefSans", boldItalic="BriefSans-Bold")
                return "BriefSans", "BriefSans-Bold"
            except Exception:  # an unreadable or odd font file: try the next one
                continue
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=8.5, leading=10.5)
    return {
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=17, leading=21, textColor=NAVY),
        "h2": ParagraphStyle("h2", base, fontName=bold, fontSize=11, leading=14, textColor=NAVY),
        "muted": ParagraphStyle("muted", base, fontSize=8, leading=10, textColor=MUTED),
        "banner": ParagraphStyle("banner", base, fontName=bold, fontSize=8.5, textColor=colors.HexColor("#8a4b00")),
        "cell": base,
        "cell_r": ParagraphStyle("cell_r", base, alignment=2),
        "head": ParagraphStyle("head", base, fontName=bold, textColor=NAVY),
        "head_r": ParagraphStyle("head_r", base, fontName=bold, textColor=NAVY, alignment=2),
        "card_label": ParagraphStyle("card_label", base, fontName=bold, fontSize=8, textColor=MUTED),
        "card_value": ParagraphStyle("card_value", base, fontName=bold, fontSize=22, leading=26, textColor=NAVY),
        "card_line": ParagraphStyle("card_line", base, fontSize=8, leading=10.5),
    }


# ------------------------------------------------------------------------------------------ headlines

def _headline_cards(brief: Brief, st) -> Table:
    cells = [[_card(h, brief.verified_only, st) for h in brief.headlines]]
    table = Table(cells, colWidths=[WIDTH / 3] * 3)
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, GRID), ("LINEAFTER", (0, 0), (-2, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, -1), STRIPE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


def _card(h: Headline, verified_only: bool, st) -> list:
    fmt = fmt_kg if h.key == "kg" else fmt_count
    split = (f"{fmt(h.unverified)} more not yet verified (left out)" if verified_only
             else f"verified {fmt(h.verified)} · not yet verified {fmt(h.unverified)}")
    lines = [
        Paragraph(escape(HEADLINE[h.key].upper()), st["card_label"]),
        Paragraph(escape(fmt(h.day) + (" kg" if h.key == "kg" else "")), st["card_value"]),
        Paragraph(escape(split), st["card_line"]),
    ]
    for days, avg in ((7, h.avg_7), (30, h.avg_30)):
        avg_text = fmt_kg(avg) if h.key == "kg" else f"{avg:,.1f}"
        lines.append(Paragraph(escape(f"{days}-day daily average {avg_text}{_change(h.change(avg))}"), st["card_line"]))
    return lines


def _change(fraction: float | None) -> str:
    if fraction is None:
        return ""
    return f" ({'+' if fraction >= 0 else '-'}{abs(fraction) * 100:,.0f} %)"


# ---------------------------------------------------------------------------------------------- chart

def seizure_chart(series: Series, width: float, fonts: tuple[str, str]) -> Drawing:
    """kg per day stacked by substance group (largest group at the bottom), with a legend of totals."""
    regular, bold = fonts
    legend_w, height = 60 * mm, 60 * mm
    drawing = Drawing(width, height)
    totals = series.values.sum(axis=1) if len(series.labels) else np.zeros(0)
    order = [int(i) for i in np.argsort(-totals, kind="stable")]
    days = [date.fromisoformat(str(d)) for d in series.periods]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 26, 16, width - legend_w - 30, height - 26
    chart.data = [list(map(float, series.values[i])) for i in order] or [[0.0] * len(days)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [fmt_day(d, short=True) if (len(days) - 1 - i) % 5 == 0 else ""
                                        for i, d in enumerate(days)]
    chart.categoryAxis.strokeColor, chart.categoryAxis.tickDown = MUTED, 0
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize, labels.fillColor = regular, 6.5, MUTED
    if days:
        chart.categoryAxis.labels[len(days) - 1].fontName = bold
    chart.valueAxis.valueMin = 0
    if not totals.sum():
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, 1
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.visibleAxis, chart.valueAxis.visibleTicks, chart.valueAxis.visibleGrid = False, False, True
    chart.valueAxis.gridStrokeColor, chart.valueAxis.gridStrokeWidth = GRID, 0.4
    chart.barSpacing, chart.groupSpacing, chart.bars.strokeColor = 0, 1.6, None
    for bar, i in enumerate(order):
        chart.bars[bar].fillColor = colors.HexColor(GROUP_COLOURS.get(series.labels[i], "#bab0ac"))
    drawing.add(chart)
    drawing.add(String(chart.x - 4, chart.y + chart.height + 4, "kg", fontName=regular, fontSize=6.5,
                       fillColor=MUTED, textAnchor="end"))
    if not totals.sum():
        drawing.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, "No seizures in these 30 days",
                           fontName=regular, fontSize=8, fillColor=MUTED, textAnchor="middle"))
    drawing.add(_legend(series, order, totals, width - legend_w + 8, chart.y + chart.height, fonts))
    return drawing


def _legend(series: Series, order: list[int], totals: np.ndarray, x: float, y: float, fonts) -> Legend:
    legend = Legend()
    legend.x, legend.y, legend.boxAnchor, legend.alignment = x, y, "nw", "right"
    legend.fontName, legend.fontSize, legend.deltay, legend.dx, legend.dy = fonts[0], 7, 10, 7, 7
    legend.columnMaximum, legend.strokeWidth = 10, 0
    pairs = [(colors.HexColor(GROUP_COLOURS.get(series.labels[i], "#bab0ac")),
              f"{GROUPS.get(series.labels[i], series.labels[i])}: {fmt_kg(totals[i])} kg") for i in order]
    pairs.append((None, f"Total: {fmt_kg(float(totals.sum()))} kg in 30 days"))
    legend.colorNamePairs = pairs
    return legend


# --------------------------------------------------------------------------------------------- tables

def _table(st, head: list[str], rows: list[list], widths_mm: list[float], right: tuple[int, ...] = ()) -> Table:
    """A zebra-striped table; cells are wrapped in paragraphs, columns in `right` aligned right."""
    def cell(value, col: int, header: bool = False):
        name = ("head" if header else "cell") + ("_r" if col in right else "")
        return value if isinstance(value, Paragraph) else Paragraph(escape(str(value)), st[name])

    data = [[cell(h, i, True) for i, h in enumerate(head)]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    scale = WIDTH / (sum(widths_mm) * mm)  # widths are proportions of the text width
    table = Table(data, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1)
    style = [("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY), ("LINEBELOW", (0, -1), (-1, -1), 0.5, GRID),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    style += [("BACKGROUND", (0, r), (-1, r), STRIPE) for r in range(2, len(data), 2)]
    table.setStyle(TableStyle(style))
    return table


def _incident_note(brief: Brief) -> str:
    if brief.incidents_total > len(brief.incidents):
        return (f"The {len(brief.incidents)} largest of {brief.incidents_total} incidents by kg-equivalent, "
                f"by the post's local time; the incident table in the application lists them all.")
    return "Every reported and verified incident of the day, by the post's local time."


def _incident_table(brief: Brief, st):
    if not brief.incidents:
        return Paragraph("No incident was reported for this day.", st["cell"])
    rows = [[r.label, fmt_local(r.occurred_at, r.utc_offset_minutes)[11:], r.post_name, KIND[r.incident_type.value],
             r.substances or "—", fmt_kg(r.total_kg) if r.total_kg else "—", STATUS[r.status.value]]
            for r in brief.incidents]
    return _table(st, ["No.", "Time", "Post", "Type", "Substances", "kg-eq", "Status"], rows,
                  [28, 11, 25, 21, 64, 15, 16], right=(5,))


def _largest_table(brief: Brief, st):
    if not brief.largest:
        return Paragraph("No seizure in these 30 days.", st["cell"])
    rows = [[fmt_day(s.local_date, short=True), s.post_name, s.substance, fmt_quantity(s.quantity, s.unit),
             fmt_kg(s.kg), BASIS.get(s.basis, s.basis), STATUS.get(s.status, s.status)] for s in brief.largest]
    return _table(st, ["Day", "Post", "Substance", "As recorded", "kg-eq", "How known", "Status"], rows,
                  [16, 33, 46, 25, 19, 24, 17], right=(3, 4))


def _status_cell(post, st) -> Paragraph:
    status = post.status.value
    text = f'<font color="{STATUS_COLOURS.get(status, "#000000")}"><b>{escape(POST_STATUS[status])}</b></font>'
    if post.status_reason:
        text += f" · {escape(post.status_reason)}"
    return Paragraph(text, st["cell"])


def _posts_table(brief: Brief, st):
    rows = [[s.post.name, s.post.border, _status_cell(s.post, st),
             fmt_local(s.post.last_report_at, s.post.utc_offset_minutes) or "never",
             fmt_count(s.incidents_24h), fmt_count(s.incidents_7d), fmt_kg(s.kg_30d)] for s in brief.posts]
    return _table(st, ["Post", "Border", "Status", "Last report (local)", "24 h", "7 days", "kg 30 days"], rows,
                  [31, 14, 64, 28, 11, 13, 19], right=(4, 5, 6))


def _silent_list(brief: Brief, st) -> Paragraph:
    if not brief.silent:
        return Paragraph("Every post reported at least one incident on this day.", st["cell"])
    names = []
    for post in brief.silent:
        status = post.status.value
        name = f"<b>{escape(post.name)}</b>"
        if status != "operational":
            colour = STATUS_COLOURS.get(status, "#000000")
            name += f' (<font color="{colour}">{escape(POST_STATUS[status].lower())}</font>)'
        names.append(name)
    return Paragraph(f"{len(brief.silent)} of {len(brief.posts)} posts: " + ", ".join(names) + ".", st["cell"])


# --------------------------------------------------------------------------------------------- footer

def _numbered_canvas(label: str, fonts: tuple[str, str], pages_out: list[int]):
    """A canvas that holds its pages until the end, so each footer can say "page 1 of 2"."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # reportlab's API name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages_out.append(len(self._pages))
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(fonts[0], 7.5)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, 9 * mm, label)
                self.drawRightString(PAGE_W - MARGIN, 9 * mm, f"Page {self._pageNumber} of {len(self._pages)}")
                super().showPage()
            super().save()

    return NumberedCanvas

