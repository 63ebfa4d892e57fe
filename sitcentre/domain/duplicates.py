"""What the duplicate check finds: the candidates, and the refusal a save with allow_duplicates=False raises.

Plain values shared by the duplicates service (sitcentre.services.duplicates, which finds them) and ui/ (the
duplicate warning and the link dialog, which show them). No SQLAlchemy here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.errors import OperatorError


@dataclass(frozen=True)
class DuplicateCandidate:
    incident_id: uuid.UUID
    post_id: int
    occurred_at: datetime
    status: IncidentStatus
    version: int
    substance_id: int
    substance_name: str
    kg: float  # the candidate's kg-equivalent of the substance
    new_kg: float  # the checked incident's
    hours_apart: float
    duplicate_of: uuid.UUID | None  # the candidate is itself linked to this one


class LikelyDuplicates(OperatorError):
    """Raised by IncidentService.record(..., allow_duplicates=False) instead of saving."""

    def __init__(self, candidates: list[DuplicateCandidate]):
        n = len(candidates)
        super().__init__(f"{n} incident{'s' if n != 1 else ''} at this post within 24 hours seized the same "
                         "substance in a similar amount: this may be a duplicate. Check before saving.")
        self.candidates = candidates
