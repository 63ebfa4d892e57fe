"""The daily brief's look: page geometry, colours and paragraph styles, shared by brief_layout and brief_chart."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

NAVY, MUTED, GRID, STRIPE = (colors.HexColor(c) for c in ("#1f3b5b", "#5f6b7a", "#d5dbe3", "#f3f5f8"))
# One fixed colour per substance group, so a group keeps its colour from one brief to the next.
GROUP_COLOURS = {"opiates": "#4e79a7", "cannabis": "#59a14f", "ats": "#f28e2b", "cocaine": "#b07aa1",
                 "nps": "#edc948", "pharmaceuticals": "#76b7b2", "precursors": "#9c755f"}
STATUS_COLOURS = {"operational": "#2e7d32", "limited": "#b26a00", "offline": "#c62828"}
PAGE_W = A4[0]
MARGIN = 15 * mm
WIDTH = PAGE_W - 2 * MARGIN - 12  # the page frame keeps 6 pt of padding on each side


def styles(fonts: tuple[str, str]) -> dict[str, ParagraphStyle]:
    """The paragraph styles in the (regular, bold) fonts that brief_pdf found on this machine."""
    regular, bold = fonts
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
