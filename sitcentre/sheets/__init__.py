"""Spreadsheets in (issue 15), the pure first layer: reading files and turning their cells into candidate records.

No database here: the package imports only the standard library, sitcentre.domain, openpyxl and itself
(tests/unit/test_layering.py), and ui/ never imports it directly (it goes through the backend). The import
service, the CLI and the wizard sit on top of it. Every value it hands out is a frozen dataclass; every
message a person reads carries a code and parameters beside the English sentence (like domain.numbers'
NumberProblem), so the UI can translate it.

The path of a file through the package:

1. readers.py -- `open_table(path, sheet=None) -> SheetTable`: .csv/.txt (encoding: UTF-8 with or without a
   BOM, UTF-16 with a BOM, else Windows-1251; delimiter: comma, semicolon or tab) and .xlsx (openpyxl read-only,
   data-only; the named worksheet or the first with rows). `SheetTable` has `format`, `sheet`, `sheet_names`,
   `encoding`, `delimiter`, `date1904` (the workbook's date system, for serial dates), `rows()` (streams
   `RawRow(number, cells)` anew on each call: 1-based row number in the file, cells as str/int/float/datetime/
   None, blank rows skipped, trailing empty cells dropped) and `merged_ranges()` (`CellRange`s read from the
   sheet XML, which read-only openpyxl does not give). A file that cannot be read raises `SheetProblem`
   (code, params, message): .xls/.ods, other formats, password-protected, damaged, empty, unknown encoding.
2. header.py -- `find_header(table.rows(), table.merged_ranges(), row_number=None, header_rows=None) -> Header`:
   the header row below titles and notes (or the row the user names), a two-row header with merged group
   titles ("Seizure" over "Substance" -> "Seizure Substance"; from the merge ranges, or inferred from empty
   cells when there are none), names cleaned and made unique. `Header` has `first_row_number`, `row_number`
   (the last header row), `columns` (`HeaderColumn(index, name, original, letter)`), `names`, `index_of(name)`,
   `cells(row)` (a row padded to the header's width); `data_rows(table.rows(), header)` streams the rows below;
   `header_and_rows(table.rows(), table.merged_ranges(), ...)` gives both from one reading of the file.
3. values.py -- cell values read: dates and periods (Excel serials in the 1900 or 1904 system, datetime
   cells, ISO text, dd.mm.yyyy, years, months -> `Period`), numbers with comma decimals and thousands
   separators, `normalise_name` for matching names.
4. mapping.py -- `Mapping`: the kind (incidents or statistics), sheet, header row, column -> field, value
   aliases, saved and loaded as versioned JSON; `Mapping.layout_key` recognises the next file of a layout.
5. rows.py -- `read_rows(data_rows(...), header, mapping, reference, now=..., date1904=table.date1904)` streams
   one `RowOutcome` per data row: an `IncidentCandidate` or a `StatisticCandidate`, each with a `row_key` (sha256
   of its normalised content and the mapping's kind, not of its position, aliases or column order), or all the
   row's `RowProblem`s in words (code, params, field_name). `check_columns(header, mapping)` checks a mapping
   against a header before any row is read. `RowOutcome.skipped` (an empty or zero quantity, a repeated row:
   reported, not an error) and `.rejected` (something in the row is wrong) tell the two apart.
6. report.py -- `write_report(path, outcomes, replace=False) -> ReportCounts`: the rows not imported and their
   reasons as a CSV (UTF-8 with a BOM), written whole or not at all and never over a file unless asked.
"""

from __future__ import annotations

from sitcentre.sheets.header import (
    Header,
    HeaderColumn,
    clean_name,
    column_letter,
    data_rows,
    find_header,
    header_and_rows,
)
from sitcentre.sheets.mapping import (
    Mapping,
    MappingKind,
    MappingProblem,
    group_named,
    layout_key_of,
    load_mapping,
    save_mapping,
)
from sitcentre.sheets.readers import CellRange, CellValue, RawRow, SheetProblem, SheetTable, open_table
from sitcentre.sheets.report import ReportCounts, write_report
from sitcentre.sheets.rows import (
    SKIPPED_CODES,
    CandidateLine,
    IncidentCandidate,
    RowOutcome,
    RowProblem,
    StatisticCandidate,
    check_columns,
    read_rows,
)
from sitcentre.sheets.values import CellProblem, Period, PeriodKind, normalise_name

__all__ = [
    "CandidateLine",
    "CellProblem",
    "CellRange",
    "CellValue",
    "Header",
    "HeaderColumn",
    "IncidentCandidate",
    "Mapping",
    "MappingKind",
    "MappingProblem",
    "Period",
    "PeriodKind",
    "RawRow",
    "ReportCounts",
    "RowOutcome",
    "RowProblem",
    "SKIPPED_CODES",
    "SheetProblem",
    "SheetTable",
    "StatisticCandidate",
    "check_columns",
    "clean_name",
    "column_letter",
    "data_rows",
    "find_header",
    "group_named",
    "header_and_rows",
    "layout_key_of",
    "load_mapping",
    "normalise_name",
    "open_table",
    "read_rows",
    "save_mapping",
    "write_report",
]
