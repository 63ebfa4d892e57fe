"""Find the header row of a table, below its title and notes, and name its columns (issue 15, item 2).

`find_header(rows, merges=(), row_number=None, header_rows=None) -> Header`; `header_and_rows(...)` gives the
header and the data rows below it from one stream (one reading of the file).

- Found: the first of the first SCAN_ROWS rows that is header-like (at least two cells, most of them text that
  is not a number or a date, filling at least half the width of the rows below) and followed, within the next
  three rows, by a data-like row (one with a number, a date, or text that reads as one). Titles and notes above
  it (one cell, or a sentence in a merged cell) are passed over. The user can name the row instead
  (`row_number`), and then nothing is guessed about it.
- Two-row header: the row under the header row is a second header row when it is header-like and not data-like,
  and either the sheet merges cells in the upper row or the upper row has gaps the lower row fills. Each column
  is named "upper lower" ("Seizure" over "Substance" gives "Seizure Substance"); a column with only one of the
  two keeps that one. `header_rows=1` or `2` overrides the guess.
- Merged header cells: a merged range over several columns gives its text to each column it covers. XLSX ranges
  come from the sheet XML (SheetTable.merged_ranges()). Where there are no merge ranges (CSV, or an XLSX saved
  without them) the group is inferred in a two-row header: an upper cell whose lower cell has text carries its
  text right over the following empty upper cells, as long as the lower row has text under them.
- Names: line breaks, tabs and runs of spaces (no-break spaces too) become one space, ends trimmed, case kept
  for display. A number in a header cell is written without ".0"; a date as yyyy-mm-dd. A column with no name
  is called after its letter ("Column F"). Duplicate names (compared ignoring case) get " (2)", " (3)"...
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitcentre.sheets.readers import CellRange, CellValue, RawRow, SheetProblem

SCAN_ROWS = 60  # rows looked at to find the header; a longer preamble needs the row number given
_LOOKAHEAD = 3
_SPACES = re.compile(r"\s+")
_NUMBERISH = re.compile(r"[-+]?[\d\s\u00a0\u202f.,']*\d[\d\s\u00a0\u202f.,']*")
_DATEISH = re.compile(r"\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


@dataclass(frozen=True)
class HeaderColumn:
    """One column: `index` into RawRow.cells (0 is column A), its unique display name, the name before it was
    made unique, and its letter in the sheet."""

    index: int
    name: str
    original: str
    letter: str


@dataclass(frozen=True)
class Header:
    """The header of a table: its first and last row numbers (1-based; equal for a one-row header), its columns,
    and whether it was guessed or named by the user. Data rows are the rows numbered after `row_number`."""

    first_row_number: int
    row_number: int
    columns: tuple[HeaderColumn, ...]
    guessed: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def width(self) -> int:
        return len(self.columns)

    def index_of(self, name: str) -> int:
        """The cell index of the column called `name` (ignoring case); KeyError when there is none."""
        wanted = name.casefold()
        for column in self.columns:
            if column.name.casefold() == wanted:
                return column.index
        raise KeyError(name)

    def cells(self, row: RawRow) -> tuple[CellValue, ...]:
        """The row's cells padded or cut to the header's width."""
        cells = row.cells[: self.width]
        return cells + (None,) * (self.width - len(cells))


def data_rows(rows: Iterable[RawRow], header: Header) -> Iterator[RawRow]:
    """The rows below the header (rows is a fresh SheetTable.rows(), streamed)."""
    return (row for row in rows if row.number > header.row_number)


def header_and_rows(rows: Iterable[RawRow], merges: Iterable[CellRange] = (), *, row_number: int | None = None,
                    header_rows: int | None = None, sheet: str = "the sheet") -> tuple[Header, Iterator[RawRow]]:
    """The header and the data rows below it from ONE stream (find_header, then data_rows, without reading the
    file a second time: an XLSX is loaded and parsed once). The rows looked at for the header are kept and
    handed out again; on a SheetProblem the stream is closed (its file with it)."""
    iterator = iter(rows)
    limit = (row_number + SCAN_ROWS if row_number and row_number > 0 else SCAN_ROWS)
    scanned: list[RawRow] = []
    try:
        for row in iterator:
            scanned.append(row)
            if row.number > limit:
                break
        header = find_header(scanned, merges, row_number=row_number, header_rows=header_rows, sheet=sheet)
    except BaseException:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
        raise
    return header, data_rows(itertools.chain(scanned, iterator), header)


def find_header(rows: Iterable[RawRow], merges: Iterable[CellRange] = (), *, row_number: int | None = None,
                header_rows: int | None = None, sheet: str = "the sheet") -> Header:
    """The table's header (see the module's docstring); SheetProblem when none is found or the given row is empty.

    Reads only as far as it needs: SCAN_ROWS rows when guessing, the given row and a few after it otherwise."""
    merges = tuple(merges)
    if row_number is not None and row_number < 1:
        raise SheetProblem("header_row_number", row=row_number)
    limit = row_number + SCAN_ROWS if row_number else SCAN_ROWS
    scanned = _first(rows, limit)
    if row_number is None:
        position = _guess(scanned, merges)
        if position is None:
            raise SheetProblem("no_header", rows=SCAN_ROWS, sheet=sheet)
    else:
        position = next((i for i, row in enumerate(scanned) if row.number == row_number), None)
        if position is None:
            raise SheetProblem("header_row_empty", row=row_number, sheet=sheet)
    upper = scanned[position]
    lower = scanned[position + 1] if position + 1 < len(scanned) else None
    if lower is not None and not _two_rows(upper, lower, scanned[position + 2:], merges, header_rows):
        lower = None
    width = max([len(row.cells) for row in scanned[position:]] or [0])
    names = _names(upper, lower, merges, width)
    return Header(
        first_row_number=upper.number,
        row_number=(lower or upper).number,
        columns=_unique(names),
        guessed=row_number is None,
    )


def _first(rows: Iterable[RawRow], limit: int) -> list[RawRow]:
    scanned = []
    for row in rows:
        if row.number > limit:
            break
        scanned.append(row)
    return scanned


# --- guessing ----------------------------------------------------------------------------------------------

def _guess(scanned: list[RawRow], merges: tuple[CellRange, ...]) -> int | None:
    """The first header-like row with data below it; a header-like row under it makes it the upper row of a
    two-row header, or else (a note above the header) passes the choice down to that row."""
    for i, row in enumerate(scanned):
        below = scanned[i + 1: i + 1 + _LOOKAHEAD]
        width = max([_filled(r) for r in below] or [0])
        if not below or not _header_like(row, width):
            continue
        if _data_like(below[0]):
            return i
        if _header_like(below[0], 0):
            if _two_rows(row, below[0], scanned[i + 2:], merges, None):
                return i
            continue
        if any(_data_like(r) for r in below):
            return i
    return None


def _filled(row: RawRow) -> int:
    return sum(cell is not None for cell in row.cells)


def _is_text(cell: CellValue) -> bool:
    """Text that is a name, not a number or a date typed as text."""
    if not isinstance(cell, str):
        return False
    stripped = cell.strip()
    return not (_NUMBERISH.fullmatch(stripped) or _DATEISH.fullmatch(stripped))


def _header_like(row: RawRow, width_below: int) -> bool:
    filled = _filled(row)
    texts = sum(_is_text(cell) for cell in row.cells)
    return filled >= 2 and texts >= 0.75 * filled and filled >= 0.5 * width_below


def _data_like(row: RawRow) -> bool:
    return _filled(row) >= 2 and any(cell is not None and not _is_text(cell) for cell in row.cells)


def _two_rows(upper: RawRow, lower: RawRow, after: list[RawRow], merges: tuple[CellRange, ...],
              header_rows: int | None) -> bool:
    if header_rows is not None:
        return header_rows == 2 and lower.number == upper.number + 1
    if lower.number != upper.number + 1 or _data_like(lower) or not _header_like(lower, 0):
        return False
    if not any(_data_like(row) for row in after[:_LOOKAHEAD]):
        return False
    spans = any(m.min_row == upper.number and m.max_col > m.min_col for m in merges)
    return spans or _grouped(upper, lower)


def _grouped(upper: RawRow, lower: RawRow) -> bool:
    """Without merge ranges: a group title over sub-names (a column named in both rows, followed by one named in
    the lower row only), and either text after the group in the upper row or a column named in the upper row
    only (a one-row name beside the group), so that a lower row merely wider than the upper is not a header."""
    width = max(len(upper.cells), len(lower.cells))
    top = [upper.cells[i] if i < len(upper.cells) else None for i in range(width)]
    bottom = [lower.cells[i] if i < len(lower.cells) else None for i in range(width)]
    starts = [c for c in range(width - 1)
              if top[c] is not None and bottom[c] is not None and top[c + 1] is None and bottom[c + 1] is not None]
    alone = any(t is not None and b is None for t, b in zip(top, bottom))
    return bool(starts) and (alone or starts[0] + 1 < len(upper.cells))


# --- naming ------------------------------------------------------------------------------------------------

def _names(upper: RawRow, lower: RawRow | None, merges: tuple[CellRange, ...], width: int) -> list[str]:
    top = _spread(upper, merges, width)
    if lower is None:
        return top
    if not merges:
        _carry_groups(top, lower, width)
    bottom = _spread(lower, merges, width)
    return [_join(t, b) for t, b in zip(top, bottom)]


def _spread(row: RawRow, merges: tuple[CellRange, ...], width: int) -> list[str]:
    """The row's cleaned names over `width` columns, the text of a range merged from this row given to every
    column the range covers (the other cells of a merged range are empty in the file)."""
    names = [clean_name(row.cells[i]) if i < len(row.cells) else "" for i in range(width)]
    for merge in merges:
        if merge.min_row == row.number and merge.min_col <= width:
            text = names[merge.min_col - 1]
            for col in range(merge.min_col - 1, min(merge.max_col, width)):
                names[col] = text
    return names


def _carry_groups(top: list[str], lower: RawRow, width: int) -> None:
    """Without merge ranges: an upper group title whose own lower cell has a sub-name carries right over the
    empty upper cells that have sub-names under them ("Seizure" over "Substance" | "Quantity" | "Unit")."""
    below = [lower.cells[i] if i < len(lower.cells) else None for i in range(width)]
    for col in range(1, width):
        if not top[col] and top[col - 1] and below[col] is not None and below[col - 1] is not None:
            top[col] = top[col - 1]


def _join(top: str, bottom: str) -> str:
    if top and bottom and top.casefold() != bottom.casefold():
        return f"{top} {bottom}"
    return top or bottom


def clean_name(cell: CellValue) -> str:
    """A header cell as a display name: whitespace runs (line breaks, no-break spaces) as one space, trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    elif isinstance(cell, dt.datetime):
        text = cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    else:
        text = str(cell)
    return _SPACES.sub(" ", text).strip()


def column_letter(index: int) -> str:
    """The sheet letter of a 0-based cell index: 0 -> A, 26 -> AA."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _unique(names: list[str]) -> tuple[HeaderColumn, ...]:
    seen: dict[str, int] = {}
    taken = {name.casefold() for name in names if name}
    columns = []
    for index, original in enumerate(names):
        letter = column_letter(index)
        name = original or f"Column {letter}"
        key = name.casefold()
        if key in seen:
            count = seen[key]
            while True:
                count += 1
                candidate = f"{name} ({count})"
                if candidate.casefold() not in taken:
                    break
            seen[key] = count
            name = candidate
            taken.add(name.casefold())
        else:
            seen[key] = 1
        columns.append(HeaderColumn(index=index, name=name, original=original, letter=letter))
    return tuple(columns)
