"""The daily brief's pages: title, headline cards, chart, tables and the "page 1 of 2" footer (reportlab).

brief_pdf.py chooses the fonts and writes the file; brief_chart.py draws the chart; brief_style.py holds the look.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sitcentre.domain.i18n import _t, number
from sitcentre.services.brief import (
    BASIS,
    HEADLINE,
    KG_HEADLINES,
    KIND,
    POST_STATUS,
    STATUS,
    UNITS,
    Brief,
    Headline,
    fmt_count,
    fmt_day,
    fmt_kg,
    fmt_local,
    fmt_quantity,
    offset_text,
    word,
)
from sitcentre.services.brief_chart import seizure_chart
from sitcentre.services.brief_style import GRID, MARGIN, MUTED, NAVY, PAGE_W, STATUS_COLOURS, STRIPE, WIDTH, styles


def draw(brief: Brief, stream: BinaryIO, fonts: tuple[str, str]) -> int:
    """Draw the brief into `stream` in the (regular, bold) `fonts`; returns the number of pages."""
    st = styles(fonts)
    offset = brief.centre_utc_offset_minutes
    title = _t("Daily brief {day}").format(day=brief.day.isoformat())
    doc = SimpleDocTemplate(stream, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=title, author="sitcentre",
                            subject=_t("Drug-control incidents and seizures reported by the border posts"))
    story = [
        Paragraph(escape(_t("Daily brief: {day}").format(day=fmt_day(brief.day, weekday=True))), st["title"]),
        Paragraph(escape(_t("Incidents and seizures reported by the border liaison offices, by the posts' local day. "
                            "Generated {time} ({zone}).").format(time=fmt_local(brief.generated_at, offset),
                                                                 zone=offset_text(offset))), st["muted"]),
        Paragraph(_counting_note(brief), st["banner" if brief.verified_only else "muted"]),
        Spacer(1, 3 * mm),
        _headline_cards(brief, st),
        Paragraph(escape(_precursor_line(brief.headline("precursors_kg"))), st["muted"]),
        *_section(st, _t("Drug seizures, {first} to {last}").format(first=fmt_day(brief.chart_from),
                                                                     last=fmt_day(brief.day)),
                  _t("Drugs, kg-equivalent per local day, stacked by substance group; the brief's day is the last "
                     "bar. Precursor chemicals are counted apart (headline above)."),
                  seizure_chart(brief.chart, WIDTH, fonts)),
        *_section(st, _t("Incidents on {day}").format(day=fmt_day(brief.day)), _incident_note(brief),
                  _incident_table(brief, st),
                  keep_together=False),
        *_section(st, _t("Largest seizures, {first} to {last}").format(first=fmt_day(brief.chart_from),
                                                                        last=fmt_day(brief.day)),
                  _t("The 10 largest seizure lines of the 30 days by kg-equivalent (verified incidents only).")
                  if brief.verified_only else _t("The 10 largest seizure lines of the 30 days by kg-equivalent."),
                  _largest_table(brief, st)),
        *_section(st, _t("Post status"),
                  _t("Status and last report as they were at {time} ({zone}), from the status history; incident "
                     "counts and kg of drugs up to then. Rejected incidents are not counted.").format(
                      time=fmt_local(brief.as_of, offset), zone=offset_text(offset)),
                  _posts_table(brief, st)),
        *_section(st, _t("Posts that did not report on {day}").format(day=fmt_day(brief.day)),
                  _t("No incident from these posts has that local day; their status and last report are above."),
                  _silent_list(brief, st)),
    ]
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(f"sitcentre · {title}", fonts, pages, audit_head_text(brief)))
    return pages[0]


def _counting_note(brief: Brief) -> str:
    if brief.verified_only:
        note = _t("VERIFIED ONLY: the numbers, the chart and the largest seizures count verified incidents only.")
        return note + conflict_note(brief.in_conflict_left_out)
    return _t("Counted: reported and verified incidents. Drafts and rejected incidents are left out.")


def conflict_note(left_out: int) -> str:
    """Verified incidents the exchange holds in conflict (two versions, not yet decided) are not counted."""
    if left_out <= 0:
        return ""
    return " " + _t("Incidents in conflict, not counted: {count} (two versions are waiting for a supervisor's "
                    "choice).").format(count=fmt_count(left_out))


def _section(st, heading: str, note: str, body, keep_together: bool = True) -> list:
    """A heading, a muted note and the body. Short bodies stay on one page with their heading; a long table
    may break (its header row repeats), after a page break first if too little room is left for a few rows."""
    head = [Paragraph(escape(heading), st["h2"]), Paragraph(escape(note), st["muted"]), Spacer(1, 1.5 * mm)]
    if keep_together or not isinstance(body, Table):
        return [Spacer(1, 4 * mm), KeepTogether([*head, body])]
    return [CondPageBreak(40 * mm), Spacer(1, 4 * mm), *head, body]



# ------------------------------------------------------------------------------------------ headlines

def _headline_cards(brief: Brief, st) -> Table:
    cards = [h for h in brief.headlines if h.key != "precursors_kg"]
    cells = [[_card(h, brief.verified_only, st) for h in cards]]
    table = Table(cells, colWidths=[WIDTH / len(cards)] * len(cards))
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, GRID), ("LINEAFTER", (0, 0), (-2, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, -1), STRIPE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


def _card(h: Headline, verified_only: bool, st) -> list:
    kg = h.key in KG_HEADLINES
    fmt = fmt_kg if kg else fmt_count
    split = (_t("{count} more not yet verified (left out)").format(count=fmt(h.unverified)) if verified_only
             else _t("verified {verified} · not yet verified {unverified}").format(verified=fmt(h.verified),
                                                                                  unverified=fmt(h.unverified)))
    lines = [
        Paragraph(escape(word(HEADLINE, h.key).upper()), st["card_label"]),
        Paragraph(escape(fmt(h.day) + (" " + word(UNITS, "kg") if kg else "")), st["card_value"]),
        Paragraph(escape(split), st["card_line"]),
    ]
    for days, avg in ((7, h.avg_7), (30, h.avg_30)):
        avg_text = fmt_kg(avg) if kg else number(avg, 1)
        lines.append(Paragraph(escape(_t("{days}-day daily average {average}").format(days=days, average=avg_text)
                                      + _change(h.change(avg))), st["card_line"]))
    return lines


def _precursor_line(h: Headline) -> str:
    """Precursor chemicals beside the cards, never in the drug figures (issue 16)."""
    return _t("Precursor chemicals, counted apart from drugs: {day} kg-equivalent on the day; daily average {week} "
              "over 7 days, {month} over 30 days.").format(day=fmt_kg(h.day), week=fmt_kg(h.avg_7),
                                                          month=fmt_kg(h.avg_30))


def _change(fraction: float | None) -> str:
    if fraction is None:
        return ""
    return f" ({'+' if fraction >= 0 else '-'}{number(abs(fraction) * 100)}\u00a0%)"  # (no break before %)


# --------------------------------------------------------------------------------------------- tables

def _table(st, head: list[str], rows: list[list], widths_mm: list[float], right: tuple[int, ...] = ()) -> Table:
    """A zebra-striped table; cells are wrapped in paragraphs, columns in `right` aligned right."""
    def cell(value, col: int, header: bool = False):
        name = ("head" if header else "cell") + ("_r" if col in right else "")
        return value if isinstance(value, Paragraph) else Paragraph(escape(str(value)), st[name])

    data = [[cell(h, i, True) for i, h in enumerate(head)]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=_column_widths(st, head, rows, widths_mm), repeatRows=1)
    style = [("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY), ("LINEBELOW", (0, -1), (-1, -1), 0.5, GRID),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    style += [("BACKGROUND", (0, r), (-1, r), STRIPE) for r in range(2, len(data), 2)]
    table.setStyle(TableStyle(style))
    return table


CELL_PADDING = 6  # points: LEFTPADDING + RIGHTPADDING of _table's cells


def _column_widths(st, head: list[str], rows: list[list], widths_mm: list[float]) -> list[float]:
    """Widths in proportion to `widths_mm`, but never narrower than a column's longest word (its header's in
    bold): a word cut in the middle ("Зарегист-рировано") reads badly, and Russian words are longer. The room
    the widened columns take comes from the others, in proportion."""
    def widest_word(value, style) -> float:
        text = value.getPlainText() if isinstance(value, Paragraph) else str(value)
        return max((stringWidth(w, style.fontName, style.fontSize) for w in text.split()), default=0.0)

    need = [max([widest_word(h, st["head"])] + [widest_word(r[i], st["cell"]) for r in rows]) + CELL_PADDING + 1
            for i, h in enumerate(head)]
    widths = [w * mm * WIDTH / (sum(widths_mm) * mm) for w in widths_mm]  # proportions of the text width
    for _ in range(len(widths)):  # widen the short ones, narrow the others by their share; repeat until it holds
        short = [i for i, w in enumerate(widths) if w < need[i] - 0.01]
        if not short:
            break
        extra = sum(need[i] - widths[i] for i in short)
        others = [i for i in range(len(widths)) if i not in short]
        spare = sum(widths[i] - need[i] for i in others if widths[i] > need[i])
        if spare <= 0:
            break  # no room anywhere: keep the proportions (words wrap, nothing runs off the page)
        take = min(extra, spare)
        for i in short:
            widths[i] += (need[i] - widths[i]) * take / extra
        for i in others:
            if widths[i] > need[i]:
                widths[i] -= (widths[i] - need[i]) * take / spare
    return widths


def _incident_note(brief: Brief) -> str:
    if brief.incidents_total > len(brief.incidents):
        return _t("The {shown} largest of {total} incidents by kg-equivalent, by the post's local time; the "
                  "incident table in the application lists them all.").format(shown=len(brief.incidents),
                                                                             total=fmt_count(brief.incidents_total))
    return _t("Every reported and verified incident of the day, by the post's local time.")


def _incident_table(brief: Brief, st):
    if not brief.incidents:
        return Paragraph(escape(_t("No incident was reported for this day.")), st["cell"])
    rows = [[r.label, fmt_local(r.occurred_at, r.utc_offset_minutes)[11:], r.post_name,
             word(KIND, r.incident_type.value), r.substances or "—", fmt_kg(r.total_kg) if r.total_kg else "—",
             word(STATUS, r.status.value)] for r in brief.incidents]
    return _table(st, [_t("No."), _t("Time"), _t("Post"), _t("Type"), _t("Substances"), _t("kg-eq"), _t("Status")],
                  rows,
                  [28, 11, 25, 21, 64, 15, 16], right=(5,))


def _largest_table(brief: Brief, st):
    if not brief.largest:
        return Paragraph(escape(_t("No seizure in these 30 days.")), st["cell"])
    rows = [[fmt_day(s.local_date, short=True), s.post_name, s.substance, fmt_quantity(s.quantity, s.unit),
             fmt_kg(s.kg), word(BASIS, s.basis), word(STATUS, s.status)] for s in brief.largest]
    return _table(st, [_t("Day"), _t("Post"), _t("Substance"), _t("As recorded"), _t("kg-eq"), _t("How known"),
                       _t("Status")], rows,
                  [16, 33, 46, 25, 19, 24, 17], right=(3, 4))


def _status_cell(post, st) -> Paragraph:
    status = post.status.value
    text = f'<font color="{STATUS_COLOURS.get(status, "#000000")}"><b>{escape(word(POST_STATUS, status))}</b></font>'
    if post.status_reason:
        text += f" · {escape(post.status_reason)}"
    return Paragraph(text, st["cell"])


def _posts_table(brief: Brief, st):
    rows = [[s.post.name, s.post.border, _status_cell(s.post, st),
             fmt_local(s.post.last_report_at, s.post.utc_offset_minutes) or _t("never"),
             fmt_count(s.incidents_24h), fmt_count(s.incidents_7d), fmt_kg(s.kg_30d)] for s in brief.posts]
    return _table(st, [_t("Post"), _t("Border"), _t("Status"), _t("Last report (local)"), _t("24 h"), _t("7 days"),
                       _t("Drugs, kg, 30 days")], rows,
                  [31, 14, 64, 28, 11, 13, 19], right=(4, 5, 6))


def _silent_list(brief: Brief, st) -> Paragraph:
    if not brief.silent:
        return Paragraph(escape(_t("Every post reported at least one incident on this day.")), st["cell"])
    names = []
    for post in brief.silent:
        status = post.status.value
        name = f"<b>{escape(post.name)}</b>"
        if status != "operational":
            colour = STATUS_COLOURS.get(status, "#000000")
            name += f' (<font color="{colour}">{escape(word(POST_STATUS, status).lower())}</font>)'
        names.append(name)
    count = escape(_t("{silent} of {posts} posts:").format(silent=len(brief.silent), posts=len(brief.posts)))
    return Paragraph(count + " " + ", ".join(names) + ".", st["cell"])


# --------------------------------------------------------------------------------------------- footer

HEAD_HASH_CHARS = 16  # the hash's first 64 bits: enough to tell a rewritten trail, short enough to read out


def audit_head_text(brief: Brief) -> str:
    """The footer's middle: the audit trail's last row and the start of its hash when the brief was read, so
    that a kept brief shows later whether the trail was rewritten ('sitcentre audit verify')."""
    if brief.audit_head is None:
        return _t("Audit trail: empty")
    row_id, row_hash = brief.audit_head
    return _t("Audit trail head: row #{row}, hash {hash}").format(row=row_id, hash=row_hash[:HEAD_HASH_CHARS])


def _numbered_canvas(label: str, fonts: tuple[str, str], pages_out: list[int], middle: str = ""):
    """A canvas that holds its pages until the end, so each footer can say "page 1 of 2" (and `middle`)."""
    page_words = _t("Page {page} of {pages}")  # read now: the canvas may save after the language's block

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
                self.drawString(MARGIN, 11.5 * mm, label)  # the audit head on a line of its own below: in
                self.drawRightString(PAGE_W - MARGIN, 11.5 * mm, page_words.format(  # Russian the three overlap
                    page=self._pageNumber, pages=len(self._pages)))
                self.drawCentredString(PAGE_W / 2, 8 * mm, middle)
                super().showPage()
            super().save()

    return NumberedCanvas
