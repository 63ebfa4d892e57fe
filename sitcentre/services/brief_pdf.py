"""The daily brief as a PDF for management, drawn with reportlab: headless, no Qt, no display.

reportlab rather than matplotlib: one well-kept package (plus Pillow) lays out the pages, the tables and
a vector chart, about 10 MB installed; matplotlib is several times that and still needs something else
for paginated tables. The chart stays vector, so it prints sharp.

This module writes the file and chooses the fonts; brief_layout.py draws the pages (brief_chart.py the chart,
brief_style.py the look).

The file appears whole or not at all, and never over the open database, a folder or a device, nor over an
existing file unless the user said so (sitcentre.output_paths, design rule 13). The path is checked
before the database is read, so a bad path fails at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sitcentre.domain.briefs import BriefInputError, BriefTargetExists, ExportResult
from sitcentre.domain.i18n import SOURCE_LANGUAGE, check_language, speaking
from sitcentre.domain.permissions import Actor
from sitcentre.output_paths import OutputExists, UnsafeOutput, atomic_write, check_target
from sitcentre.services.brief import Brief, build_brief
from sitcentre.services.brief_layout import draw
from sitcentre.settings import Settings

# Fonts with Cyrillic, so Russian names print; the PDF standard Helvetica (Latin only) is the fallback.
FONT_FILES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
]


def export_brief(engine, day: date, out: str | os.PathLike, verified_only: bool = False,
                 now: datetime | None = None, replace: bool = False, *, actor: Actor,
                 settings: Settings, language: str = SOURCE_LANGUAGE) -> ExportResult:
    """Read the brief for `day` and write it to `out` as a PDF. Run it off the GUI thread.

    Supervisors only (a refusal is audited; the command line passes a system actor); the export itself is
    audited. An existing `out` is replaced only when `replace` (the user said so). `language`: "en" or "ru"
    (sitcentre.domain.i18n)."""
    from sitcentre.domain.permissions import Action
    from sitcentre.services.audit_writing import AuditAction, append_now
    from sitcentre.services.guard import authorize

    check_language(language)  # before anything is read or written
    authorize(engine, actor, Action.REPORT_EXPORT, entity="brief", entity_id=day.isoformat(), settings=settings)
    target = writable_target(out, replace)
    with atomic_output(target, replace) as stream:
        brief = build_brief(engine, day, verified_only=verified_only, now=now,
                            centre_utc_offset_minutes=settings.centre_utc_offset_minutes)
        pages = render(brief, stream, language)
    append_now(engine, actor, AuditAction.EXPORT, "brief", day.isoformat(),
               after={"file": str(target), "pages": pages, "verified_only": verified_only, "language": language})
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

def render(brief: Brief, stream: BinaryIO, language: str = SOURCE_LANGUAGE) -> int:
    """Draw the brief into `stream` in `language` and the fonts found on this machine; returns the number of
    pages."""
    with speaking(language):
        return draw(brief, stream, _fonts())


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
