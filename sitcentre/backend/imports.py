"""The imports noun (issue 15): spreadsheets in, as the desk's actor, over services.sheet_import.

`open_sheet(path, sheet=None)` reads what the wizard shows before a mapping exists (sheet names, the header found,
its first rows); `preview(path, mapping)` is a dry run (counts, the first rows as they will be imported, every row
not added with its reasons); `run(path, mapping)` imports in one transaction and returns Done naming what changed
(incidents, or the statistics topic, and the audit trail). Mappings are loaded and saved here too, so ui/ never
imports sitcentre.sheets. Long calls take `progress(phase, done, total)` and `cancelled()`, asked on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.sheet_imports import ImportCancelled, ImportCounts, ImportRefused, ImportResult
from sitcentre.services.sheet_import import ImportOptions, import_sheet, refusals_in_words
from sitcentre.sheets import (
    Mapping,
    MappingKind,
    header_and_rows,
    load_mapping,
    open_table,
    save_mapping,
    write_report,
)
from sitcentre.sheets.mapping import INCIDENT_FIELDS, STATISTIC_FIELDS

__all__ = ["Imports", "ImportCancelled", "ImportCounts", "ImportOptions", "ImportRefused", "ImportResult",
           "Mapping", "MappingKind", "SheetPreview", "INCIDENT_FIELDS", "STATISTIC_FIELDS"]

SAMPLE_ROWS = 10


@dataclass(frozen=True)
class SheetPreview:
    """A file as the wizard first shows it: its format, sheets, the header row found and the first data rows."""

    format: str
    sheet: str | None
    sheet_names: tuple[str, ...]
    encoding: str | None
    header_row: int
    header_names: tuple[str, ...]
    rows: tuple[tuple, ...]  # the first data rows, padded to the header's width


class Imports(Noun):
    def open_sheet(self, path: str | Path, sheet: str | None = None, header_row: int | None = None) -> SheetPreview:
        with refusals_in_words(path):
            table = open_table(path, sheet=sheet)
            header, rows = header_and_rows(table.rows(), table.merged_ranges(), row_number=header_row,
                                           sheet=table.sheet or "the sheet")
            sample = []
            for row in rows:
                sample.append(tuple(header.cells(row)))
                if len(sample) >= SAMPLE_ROWS:
                    break
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        return SheetPreview(table.format, table.sheet, tuple(table.sheet_names), table.encoding, header.row_number,
                            tuple(header.names), tuple(sample))

    def preview(self, path: str | Path, mapping: Mapping, options: ImportOptions = ImportOptions(),
                progress=None, cancelled=None) -> ImportResult:
        return import_sheet(self.engine, self.settings, path, mapping, actor=self.actor, dry_run=True,
                            options=options, progress=progress, cancelled=cancelled)

    def run(self, path: str | Path, mapping: Mapping, options: ImportOptions = ImportOptions(),
            progress=None, cancelled=None) -> Done[ImportResult]:
        result = import_sheet(self.engine, self.settings, path, mapping, actor=self.actor, options=options,
                              progress=progress, cancelled=cancelled)
        changes = Changes.of(Topic.AUDIT, result.audit_id)
        if result.counts.added:
            topic = Topic.INCIDENTS if result.kind == MappingKind.INCIDENTS.value else Topic.STATISTICS
            changes = changes | Changes.of(topic)
        return Done(result, changes)

    @staticmethod
    def load_mapping(path: str | Path) -> Mapping:
        with refusals_in_words(path):
            return load_mapping(path)

    @staticmethod
    def save_mapping(mapping: Mapping, path: str | Path, replace: bool = False) -> Path:
        return save_mapping(mapping, path, replace=replace)

    @staticmethod
    def save_report(result: ImportResult, path: str | Path, replace: bool = False):
        """The rows not imported and why, as CSV (sitcentre.sheets.report); never over a file unless asked."""
        return write_report(path, result.not_added, replace=replace)
