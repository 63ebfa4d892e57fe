"""The daily brief's export as the app sees it: its refusals (worded for the operator) and its result.
sitcentre.services.brief and brief_pdf raise and return these; no SQLAlchemy and no reportlab here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitcentre.domain.errors import OperatorError


class BriefInputError(OperatorError, ValueError):
    """The brief cannot be made as asked (a day in the future, an output that cannot be written)."""


class BriefTargetExists(BriefInputError):
    """The PDF exists and nobody said it may be replaced (`--force`, or yes to the app's question)."""


@dataclass(frozen=True, eq=False)
class ExportResult:
    path: Path
    pages: int
    brief: Any  # sitcentre.services.brief.Brief: what the PDF shows
