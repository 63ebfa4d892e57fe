"""The report of rows not imported (issue 15, item 5): each row's reasons in words, as a CSV a person opens.

`write_report(path, outcomes, replace=False) -> ReportCounts` writes one line per problem of every row that was
not imported (accepted rows are passed over, so the outcomes of a whole run can be streamed through it):

    Row;Outcome;Column;Reason;Code
    9;rejected;Seizure Substance;'Seizure Substance': 'Krokodil' is not a substance in the list. ...;unknown_substance
    12;skipped;;The same as row 6: skipped.;duplicate

"skipped" rows (an empty or zero quantity, a repeated row: rows.SKIPPED_CODES) are reported beside the "rejected"
ones so that nothing disappears unexplained. The file is UTF-8 with a BOM, so Excel shows Cyrillic names as
they are, and comma-separated; a cell that Excel would take for a formula (starting with =, +, - or @) is
written with an apostrophe before it. It is written through output_paths: whole or not at all, and an existing
file is replaced only when `replace` is True (else output_paths.OutputExists).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitcentre import output_paths
from sitcentre.sheets.rows import RowOutcome

COLUMNS = ("Row", "Outcome", "Column", "Reason", "Code")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportCounts:
    path: Path
    rejected: int  # rows
    skipped: int  # rows
    lines: int  # problems written (a row may have several)


def report_lines(outcomes: Iterable[RowOutcome]):
    """(row, "rejected" or "skipped", column as shown, sentence, code) for each problem of each row not imported."""
    for outcome in outcomes:
        if not outcome.problems:
            continue
        kind = "skipped" if outcome.skipped else "rejected"
        for problem in outcome.problems:
            column = str(problem.params.get("column", ""))
            if len(column) >= 2 and column[0] == column[-1] == "'":
                column = column[1:-1]
            yield outcome.row_number, kind, column, problem.message, problem.code


def write_report(path: str | os.PathLike, outcomes: Iterable[RowOutcome], *, replace: bool = False) -> ReportCounts:
    rejected = skipped = lines = 0
    last_row = None
    with output_paths.atomic_write(path, replace=replace, text=True, what="report of rows not imported") as out:
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row, kind, column, reason, code in report_lines(outcomes):
            if row != last_row:
                rejected += kind == "rejected"
                skipped += kind == "skipped"
                last_row = row
            writer.writerow([row, kind, _safe(column), _safe(reason), code])
            lines += 1
    return ReportCounts(Path(path).expanduser().absolute(), rejected, skipped, lines)


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
