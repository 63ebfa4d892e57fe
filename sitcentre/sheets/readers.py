"""Open a CSV or XLSX file as a table of raw rows, streamed (issue 15, item 2).

`open_table(path, sheet=None)` checks the file and returns a `SheetTable`: what was found (format, sheet,
encoding, delimiter, the workbook's date system), nothing read yet. `SheetTable.rows()` streams the rows each
time it is called: a 100,000-row sheet is never held whole. Cells come as they are stored: text, int, float,
datetime or None; nothing is parsed here (values.py reads dates and numbers).

- CSV (.csv, .txt): the encoding is UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
  or else Windows-1251 (common in the region); the whole file is checked to decode before a row is given, so a
  bad byte is one message up front, never a failure halfway. The delimiter (comma, semicolon or tab) is
  csv.Sniffer's guess when it splits the first lines as evenly as the best candidate, else the candidate that
  gives the most rows of one width (title rows above the header do not fool it). Cells are text; an empty or
  blank cell is None.
- XLSX: openpyxl's read-only, data-only mode (formulas give the value Excel saved; a formula never calculated
  reads as empty). A time-of-day cell comes as text "HH:MM:SS", a duration as text, a boolean as "TRUE"/"FALSE",
  a date as a datetime at midnight. Merged ranges are not available in read-only mode, so `merged_ranges()` reads
  the sheet XML's <mergeCell ref="..."/> elements itself, in one streamed pass over the decompressed part.
- Refused with words: .xls and .ods (save as .xlsx or CSV), other extensions, a workbook protected by a
  password (an encrypted workbook is an OLE file, not a ZIP), a damaged or truncated file, an empty file.

Blank rows are skipped; every row carries its 1-based number in the file (for CSV the record number, which is
the row number a spreadsheet program shows), so a problem can name it. Trailing empty cells are dropped, so
rows differ in length: pad to the header's width when reading.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sitcentre.domain.i18n import N_, _t

CellValue = str | int | float | dt.datetime | None

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLD_FORMATS = {".xls": "old Excel format (.xls)", ".ods": "OpenDocument format (.ods)"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")
_SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)\"")


class SheetProblem(ValueError):
    """Why a spreadsheet cannot be read, or its header found: a code for translation, parameters, the sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, dict(params)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _t(_MESSAGES[self.code]).format(**self.params)  # in the language spoken (domain.i18n)


_MESSAGES = {
    "not_found": N_("The file {name} was not found."),
    "not_a_file": N_("{name} is a folder or a device, not a file."),
    "unreadable": N_("The file {name} could not be read: {reason}."),
    "old_format": N_("{name} is in the {format}, which is not read. Open it in a spreadsheet program and save it "
                     "as an Excel workbook (.xlsx) or as CSV, then import that file."),
    "unknown_format": N_("{name} is not a spreadsheet this program reads. Import an Excel workbook (.xlsx) or a "
                         "CSV file (.csv or .txt)."),
    "encrypted": N_("{name} is protected with a password (or is an old .xls file renamed to .xlsx). Open it in "
                    "Excel, remove the password or save it as .xlsx, then import it again."),
    "damaged": N_("{name} is damaged or is not an Excel workbook ({reason}). Open it in Excel and save it again."),
    "workbook_named_csv": N_("{name} is an Excel workbook with a .csv or .txt name. Rename it to .xlsx and import it."),
    "empty": N_("{name} is empty: there are no rows to import."),
    "no_sheets": N_("{name} has no worksheets with rows to import."),
    "no_such_sheet": N_("{name} has no sheet called '{sheet}'. Its sheets are: {sheets}."),
    "encoding": N_("{name} is not text in UTF-8, UTF-16 or Windows-1251. Save it from the spreadsheet program as "
                   "'CSV UTF-8' and import it again."),
    "csv_damaged": N_("{name} cannot be read as CSV at row {row}: {reason}."),
    "no_header": N_("No header row was found in the first {rows} rows of {sheet}. Give the number of the header row."),
    "header_row_empty": N_("Row {row} of {sheet} is empty or missing, so it cannot be the header row."),
    "header_row_number": N_("The header row must be a row number from 1 on, not {row}."),
}


@dataclass(frozen=True)
class RawRow:
    """One non-blank row as stored: `number` is 1-based in the file, cells[0] is column A."""

    number: int
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class CellRange:
    """A merged range of cells, 1-based and inclusive (A1:C2 is rows 1-2, columns 1-3)."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @classmethod
    def parse(cls, ref: str) -> CellRange:
        first, _, last = ref.partition(":")
        (row1, col1), (row2, col2) = _cell_ref(first), _cell_ref(last or first)
        return cls(min(row1, row2), min(col1, col2), max(row1, row2), max(col1, col2))


def _cell_ref(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(ref[len(letters):]), column


@dataclass(frozen=True)
class SheetTable:
    """An opened spreadsheet: what it is and where its rows are; `rows()` streams them, anew on every call."""

    path: Path
    format: Literal["csv", "xlsx"]
    sheet: str | None = None  # the worksheet read (XLSX); None for CSV
    sheet_names: tuple[str, ...] = ()  # every worksheet of the workbook, in order (XLSX); () for CSV
    encoding: str | None = None  # CSV: the codec the text was read with
    delimiter: str | None = None  # CSV: ",", ";" or "\t"
    date1904: bool = False  # XLSX: the workbook counts date serials from 1904 (values.py needs it)
    _part: str | None = None  # XLSX: the sheet's part in the ZIP, for merged_ranges()

    @property
    def name(self) -> str:
        """The file and sheet, as messages name them."""
        return f"{self.path.name}, sheet '{self.sheet}'" if self.sheet else self.path.name

    def rows(self) -> Iterator[RawRow]:
        """The non-blank rows, in file order, each with its 1-based row number."""
        return _csv_rows(self) if self.format == "csv" else _xlsx_rows(self)

    def merged_ranges(self) -> tuple[CellRange, ...]:
        """The sheet's merged cell ranges (XLSX, read from the sheet XML); a CSV file has none."""
        if self.format != "xlsx" or not self._part:
            return ()
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(self._part) as part:
                return tuple(CellRange.parse(ref.decode("ascii")) for ref in _scan_merges(part))
        except (OSError, zipfile.BadZipFile, KeyError, EOFError) as exc:
            raise SheetProblem("damaged", name=self.path.name, reason=str(exc) or type(exc).__name__) from exc


def _scan_merges(stream) -> Iterator[bytes]:
    """Every mergeCell ref in an XML stream, read in chunks: '<' never appears raw inside XML text, so a match is
    always an element, and a tail kept from each chunk catches an element cut in two. A chunk without the word
    mergeCell (all of a sheet's rows: the merges come after them) is not searched with the pattern, which tries
    every '<' of the chunk."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        buffer = tail + chunk
        end = 0
        if b"mergeCell" in buffer:
            for match in _MERGE.finditer(buffer):
                yield match.group(1)
                end = match.end()
        tail = buffer[max(end, len(buffer) - 256):]


def open_table(path: str | Path, sheet: str | None = None) -> SheetTable:
    """The table in a .csv/.txt or .xlsx file (the named worksheet, else the first with a non-blank row).

    Raises SheetProblem, in words, for a file that cannot be imported."""
    path = Path(path)
    head = _head(path)
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise SheetProblem("old_format", name=path.name, format=_OLD_FORMATS[suffix])
    if suffix in XLSX_SUFFIXES:
        return _open_xlsx(path, head, sheet)
    if suffix in CSV_SUFFIXES:
        return _open_csv(path, head)
    raise SheetProblem("unknown_format", name=path.name)


def _head(path: Path) -> bytes:
    try:
        if not path.exists():
            raise SheetProblem("not_found", name=path.name)
        if not path.is_file():
            raise SheetProblem("not_a_file", name=path.name)
        with path.open("rb") as handle:
            head = handle.read(_SAMPLE_BYTES)
    except OSError as exc:
        raise SheetProblem("unreadable", name=path.name, reason=exc.strerror or str(exc)) from exc
    if not head.strip(b" \t\r\n\x00"):
        raise SheetProblem("empty", name=path.name)
    return head


# --- CSV ---------------------------------------------------------------------------------------------------

def _open_csv(path: Path, head: bytes) -> SheetTable:
    if head.startswith(_ZIP_MAGIC):
        raise SheetProblem("workbook_named_csv", name=path.name)
    if head.startswith(_OLE_MAGIC):
        raise SheetProblem("old_format", name=path.name, format=_OLD_FORMATS[".xls"])
    encoding = _encoding(path, head)
    sample = head.decode(encoding, errors="ignore")
    delimiter = _delimiter(sample[: sample.rfind("\n") + 1] or sample)
    return SheetTable(path=path, format="csv", encoding=encoding, delimiter=delimiter)


def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif b"\x00" in head:
        candidates = ()  # UTF-16 without a mark, UTF-32 or a binary file: not guessed
    else:
        candidates = ("utf-8", "cp1251")
    for encoding in candidates:
        if _decodes(path, encoding):
            return encoding
    raise SheetProblem("encoding", name=path.name)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines most evenly; csv.Sniffer's guess when it does as well."""
    scores = {d: _evenness(sample, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: scores[d])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return best
    return sniffed if scores.get(sniffed) == scores[best] else best


def _evenness(sample: str, delimiter: str) -> tuple[int, int]:
    """(rows of the most common width, that width) for rows wider than one cell."""
    try:
        widths = Counter(len(row) for row in csv.reader(sample.splitlines(), delimiter=delimiter) if len(row) > 1)
    except csv.Error:
        return (0, 0)
    if not widths:
        return (0, 0)
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
    return (count, width)


def _csv_rows(table: SheetTable) -> Iterator[RawRow]:
    number = 0
    try:
        with table.path.open(encoding=table.encoding, newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter=table.delimiter or ","), start=1):
                if row and all(map(str.strip, row)):  # no blank cell (most rows): nothing to replace or trim
                    yield RawRow(number, tuple(row))
                    continue
                cells = tuple(cell if cell.strip() else None for cell in row)
                if cells := _trimmed(cells):
                    yield RawRow(number, cells)
    except csv.Error as exc:
        raise SheetProblem("csv_damaged", name=table.path.name, row=number + 1, reason=str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetProblem("unreadable", name=table.path.name, reason=str(exc)) from exc


def _trimmed(cells: tuple[CellValue, ...]) -> tuple[CellValue, ...]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


# --- XLSX --------------------------------------------------------------------------------------------------

def _open_xlsx(path: Path, head: bytes, sheet: str | None) -> SheetTable:
    if head.startswith(_OLE_MAGIC):
        raise SheetProblem("encrypted", name=path.name)
    if not head.startswith(_ZIP_MAGIC):
        raise SheetProblem("damaged", name=path.name, reason="it is not a ZIP package")
    workbook = _load(path)
    try:
        names = tuple(ws.title for ws in workbook.worksheets)
        if sheet is not None and sheet not in names:
            raise SheetProblem("no_such_sheet", name=path.name, sheet=sheet, sheets=", ".join(names) or "none")
        chosen = sheet if sheet is not None else next((n for n in names if _has_rows(workbook[n])), None)
        if chosen is None:
            raise SheetProblem("no_sheets", name=path.name)
        part = getattr(workbook[chosen], "_worksheet_path", None)
        date1904 = workbook.epoch.year == 1904
    except SheetProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged part
        raise SheetProblem("damaged", name=path.name, reason=_reason(exc)) from exc
    finally:
        workbook.close()
    return SheetTable(path=path, format="xlsx", sheet=chosen, sheet_names=names, date1904=date1904, _part=part)


def _load(path: Path):
    """The workbook, read-only, values not formulas. Its worksheets are not sized on opening: openpyxl reads a
    sheet's stored dimension when it makes a read-only worksheet, and where there is none (files written by
    openpyxl's write-only mode, among others) that is a whole pass over the sheet's XML, for every sheet, on every
    opening; the rows are read at their own length anyway (reset_dimensions)."""
    try:
        reader = _unsized_reader()(path, read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except Exception as exc:  # BadZipFile, KeyError for a missing part, InvalidFileException, XML errors...
        raise SheetProblem("damaged", name=path.name, reason=_reason(exc)) from exc


@functools.cache
def _unsized_reader():
    """openpyxl's ExcelReader making read-only worksheets that skip the sizing pass and read inline text faster
    (imported here: CSV-only use never pays for openpyxl)."""
    from openpyxl.cell.read_only import EMPTY_CELL
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    plain_text = f"{{{SHEET_MAIN_NS}}}t"

    class InlineTextParser(WorkSheetParser):
        """openpyxl's sheet parser, except that a cell of plain inline text, <is><t>text</t></is> (what
        openpyxl's write-only mode and many exporters write for every text cell), is read without making an
        openpyxl Text object from it, which was about two fifths of the reading: the value is the same, the
        <t>'s text ("" for none), as Text.from_tree(...).content gives. Any other shape (rich text runs,
        phonetic parts, attributes, formulas kept) goes openpyxl's own way."""

        def parse_cell(self, element):
            if element.get("t") != "inlineStr" or not self.data_only or self.rich_text:
                return openpyxl_cell(self, element)
            inline = element.find(INLINE_STRING)
            if inline is None or inline.attrib or len(inline) != 1:
                return openpyxl_cell(self, element)
            text = inline[0]
            if text.tag != plain_text or len(text):
                return openpyxl_cell(self, element)
            element.remove(inline)  # (the row's elements are cleared once parsed)
            cell = openpyxl_cell(self, element)  # its place and style as openpyxl reads them, no value
            cell["value"], cell["data_type"] = text.text or "", "s"
            return cell

    openpyxl_cell = WorkSheetParser.parse_cell  # (called as is: most cells are numbers and dates)

    class UnsizedWorksheet(ReadOnlyWorksheet):
        def _get_size(self):  # dimensions stay unknown (None), as after reset_dimensions
            return None

        def _cells_by_row(self, min_col, min_row, max_col, max_row, values_only=False):
            """ReadOnlyWorksheet._cells_by_row (openpyxl 3.1) with the parser above: a row missing from the
            XML comes as an empty row, so that rows keep their numbers."""
            filler = None if values_only else EMPTY_CELL
            max_col = max_col or self.max_column
            max_row = max_row or self.max_row
            empty_row = (filler,) * (max_col + 1 - min_col) if max_col is not None else []
            counter, idx = min_row, 1
            with self._get_source() as src:
                parser = InlineTextParser(src, self._shared_strings, data_only=self.parent.data_only,
                                          epoch=self.parent.epoch, date_formats=self.parent._date_formats,
                                          timedelta_formats=self.parent._timedelta_formats)
                for idx, row in parser.parse():
                    if max_row is not None and idx > max_row:
                        break
                    for _ in range(counter, idx):
                        counter += 1
                        yield empty_row
                    if counter <= idx:
                        counter += 1
                        yield self._get_row(row, min_col, max_col, values_only)
            if max_row is not None and max_row < idx:
                for _ in range(counter, max_row + 1):
                    yield empty_row

    class UnsizedReader(ExcelReader):
        def read_worksheets(self):  # what ExcelReader does for a read-only workbook, with the class above
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                worksheet = UnsizedWorksheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)

    return UnsizedReader


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().strip("'\"")
    return text[:200] if text else type(exc).__name__


def _has_rows(worksheet) -> bool:
    worksheet.reset_dimensions()
    return any(any(_cell(v) is not None for v in row) for row in worksheet.iter_rows(min_row=1, values_only=True))


def _xlsx_rows(table: SheetTable) -> Iterator[RawRow]:
    workbook = _load(table.path)
    try:
        worksheet = workbook[table.sheet]
        worksheet.reset_dimensions()  # the stored dimension is often wrong; rows come at their own length
        for number, row in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
            # _cell for each value, without its call for the values kept as they are (most of a sheet)
            cells = tuple(value if value.__class__ in _KEPT or value.__class__ is str and value.strip()
                          else _cell(value) for value in row)
            if cells := _trimmed(cells):
                yield RawRow(number, cells)
    except SheetProblem:
        raise
    except Exception as exc:
        raise SheetProblem("damaged", name=table.path.name, reason=_reason(exc)) from exc
    finally:
        workbook.close()


_KEPT = frozenset({int, float, dt.datetime, type(None)})  # cells _cell gives back as they are (exact types)


def _cell(value: object) -> CellValue:
    """A stored cell as one of the package's cell types."""
    if value is None or isinstance(value, int | float | dt.datetime) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)
