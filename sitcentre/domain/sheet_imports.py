"""What a spreadsheet import tells the person who runs it (issue 15): the counts, the rows not imported with their
reasons, and the refusals. Plain values shared by services.sheet_import, the backend, the CLI and ui/.

The rows themselves are sitcentre.sheets' RowOutcome values (`row_number`, `candidate`, `problems`, each problem
with `code`, `params`, `message`, `field_name`), handed on as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitcentre.domain.errors import OperatorError


class ImportCancelled(OperatorError):
    """The person cancelled: nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was imported.")


class ImportRefused(OperatorError):
    """The file, the mapping or the database refuses the import as a whole; the message says why in words."""

    def __init__(self, message: str, code: str = "refused", **params) -> None:
        super().__init__(message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class ImportCounts:
    rows: int = 0  # data rows that held anything
    added: int = 0  # new records (with dry_run: that would be added)
    present: int = 0  # skipped as already imported (the same row, from this file or an earlier one)
    skipped: int = 0  # skipped for a reason that is no error: an empty or zero quantity, a repeated row, a likely
    #                   duplicate of an incident already recorded (present excluded)
    rejected: int = 0  # something in the row is wrong

    @property
    def not_added(self) -> int:
        return self.present + self.skipped + self.rejected


@dataclass(frozen=True)
class ImportResult:
    kind: str  # "incidents" or "statistics"
    file_name: str
    file_sha256: str
    sheet: str | None
    header_names: tuple[str, ...]
    counts: ImportCounts
    dry_run: bool
    import_id: int | None = None  # the sheet_imports row (None for a dry run)
    preview: tuple = ()  # the first RowOutcomes of the file, as they will be imported (or not)
    not_added: tuple = field(default=(), repr=False)  # every RowOutcome not added, in file order
    audit_id: int | None = None

    @property
    def anything_rejected(self) -> bool:
        return self.counts.rejected > 0
