"""The brief noun: which day the daily brief is for by default, and its PDF export (supervisors; audited)."""

from __future__ import annotations

import os
from datetime import date, datetime

from sitcentre.backend.noun import Noun
from sitcentre.domain.briefs import ExportResult
from sitcentre.services.brief import default_day
from sitcentre.services.brief_pdf import export_brief


class Brief(Noun):
    def default_day(self, now: datetime | None = None) -> date:
        """Yesterday on the centre's clock: the last day that is over at the centre."""
        return default_day(now, self.settings.centre_utc_offset_minutes)

    def export(self, day: date, path: str | os.PathLike, verified_only: bool = False,
               replace: bool = False, language: str = "en") -> ExportResult:
        """Write the brief for `day` to `path` as a PDF in `language` ("en", "ru"). BriefTargetExists when the
        file is there and not `replace`; BriefInputError when it cannot be made as asked; PermissionDenied for
        non-supervisors."""
        return export_brief(self.engine, day, path, verified_only=verified_only, actor=self.actor,
                            replace=replace, settings=self.settings, language=language)
