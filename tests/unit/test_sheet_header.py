"""Issue 15, item 2: the header row found below titles and notes, merged and two-row headers, clean unique names
(sitcentre.sheets.header). Sheets are made here with openpyxl and csv."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitcentre.sheets import (
    CellRange,
    RawRow,
    SheetProblem,
    clean_name,
    column_letter,
    data_rows,
    find_header,
    header_and_rows,
    open_table,
)
from sitcentre.sheets.header import SCAN_ROWS


def numbered(*rows: tuple) -> list[RawRow]:
    return [RawRow(n, row) for n, row in enumerate(rows, start=1) if any(c is not None for c in row)]


def xlsx(path: Path, rows: list[list], merges: list[str] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def header_of(path: Path, **options):
    table = open_table(path)
    return find_header(table.rows(), table.merged_ranges(), **options)


# --- where the header is -----------------------------------------------------------------------------------

def test_the_header_is_found_below_a_title_and_notes(tmp_path):
    path = xlsx(tmp_path / "log.xlsx", [
        ["Seizures at the border posts, 2023"],
        ["Prepared by the situation centre; figures as reported by the posts"],
        [],
        ["Date", "Post", "Substance", "Quantity", "Unit"],
        [dt.datetime(2023, 3, 12), "Post 1", "Heroin", 1.5, "kg"],
        [dt.datetime(2023, 3, 13), "Post 2", "Hashish", 20, "g"],
    ], merges=["A1:E1", "A2:E2"])
    header = header_of(path)
    assert (header.first_row_number, header.row_number, header.guessed) == (4, 4, True)
    assert header.names == ("Date", "Post", "Substance", "Quantity", "Unit")
    assert [c.letter for c in header.columns] == ["A", "B", "C", "D", "E"]


def test_a_two_cell_note_above_the_header_is_not_taken_for_it():
    rows = numbered(("Prepared by:", "J. Smith"), ("Date", "Post", "Substance", "Quantity"),
                    ("12.03.2023", "Post 1", "Heroin", "1,5"), ("13.03.2023", "Post 2", "Opium", "2"))
    assert find_header(rows).row_number == 2


def test_a_csv_of_published_statistics_has_its_header_found(tmp_path):
    text = ("Drug seizures by country, kg\nSource: national reports\n"
            "Country;Year;Drug group;Drug;Quantity (kg)\n"
            "Kazakhstan;2021;Opioids;Heroin;123,4\nKyrgyzstan;2021;Cannabis;Hashish;1 500\n")
    path = tmp_path / "stats.csv"
    path.write_bytes(text.encode("cp1251"))
    header = header_of(path)
    assert header.row_number == 3
    assert header.names == ("Country", "Year", "Drug group", "Drug", "Quantity (kg)")


def test_data_rows_are_the_rows_below_the_header_padded_to_its_width(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Title\nDate,Post,Quantity\n12.03.2023,Post 1,1.5\n13.03.2023,Post 2\n", encoding="utf-8")
    table = open_table(path)
    header = find_header(table.rows())
    below = list(data_rows(table.rows(), header))
    assert [row.number for row in below] == [3, 4]
    assert header.cells(below[1]) == ("13.03.2023", "Post 2", None)
    assert header.cells(RawRow(9, ("a", "b", "c", "d"))) == ("a", "b", "c")
    assert header.index_of("quantity") == 2
    with pytest.raises(KeyError):
        header.index_of("Unit")


def test_the_user_can_name_the_header_row():
    rows = numbered(("Date", "Post"), ("Period", "Country", "Quantity"), ("2021", "KZ", "12"), ("2022", "KG", "4"))
    guessed = find_header(rows)
    assert (guessed.row_number, guessed.names, guessed.guessed) == (2, ("Period", "Country", "Quantity"), True)
    chosen = find_header(rows, row_number=1, header_rows=1)
    assert (chosen.row_number, chosen.names, chosen.guessed) == (1, ("Date", "Post", "Column C"), False)
    assert find_header(rows, row_number=3).names == ("2021", "KZ", "12")


def test_a_named_header_row_that_is_empty_or_not_a_row_is_refused():
    rows = numbered(("Date", "Post"), (None,), ("12.03.2023", "Post 1"))
    with pytest.raises(SheetProblem) as empty:
        find_header(rows, row_number=2, sheet="log.csv")
    assert empty.value.code == "header_row_empty"
    assert empty.value.message == "Row 2 of log.csv is empty or missing, so it cannot be the header row."
    with pytest.raises(SheetProblem) as zero:
        find_header(rows, row_number=0)
    assert zero.value.code == "header_row_number"


def test_a_sheet_with_no_header_like_row_asks_for_the_row_number():
    rows = numbered(*[(str(n), n * 2.5, dt.datetime(2023, 1, 1)) for n in range(1, 20)])
    with pytest.raises(SheetProblem) as caught:
        find_header(rows, sheet="stats.xlsx, sheet 'Data'")
    assert caught.value.code == "no_header"
    assert caught.value.message == (f"No header row was found in the first {SCAN_ROWS} rows of stats.xlsx, "
                                    "sheet 'Data'. Give the number of the header row.")


def test_a_header_after_a_long_preamble_needs_its_row_number():
    preamble = [(f"Note {n}",) for n in range(SCAN_ROWS + 5)]
    rows = numbered(*preamble, ("Date", "Post"), ("12.03.2023", "Post 1"))
    with pytest.raises(SheetProblem):
        find_header(rows)
    assert find_header(rows, row_number=SCAN_ROWS + 6).names == ("Date", "Post")


def test_finding_the_header_reads_only_the_first_rows():
    """A sheet with endless data rows: the header is found all the same (the rows are streamed, not listed)."""
    endless = itertools.chain([RawRow(1, ("Date", "Quantity"))],
                              (RawRow(n, ("12.03.2023", str(n))) for n in itertools.count(2)))
    assert find_header(endless).names == ("Date", "Quantity")


def test_the_header_and_the_rows_below_it_from_one_reading_of_the_file(tmp_path):
    """header_and_rows gives what find_header and data_rows give from two readings, the rows it looked at and
    the row past its scan included, from one stream."""
    rows = [["Seizures, 2023"], [], ["Date", "Seizure", None], [None, "Substance", "Kg"]]
    rows += [[dt.datetime(2023, 1, 1) + dt.timedelta(days=n), "Heroin", n + 0.5] for n in range(SCAN_ROWS + 40)]
    path = xlsx(tmp_path / "log.xlsx", rows, merges=["B3:C3"])
    table = open_table(path)
    expected = find_header(table.rows(), table.merged_ranges())
    header, below = header_and_rows(table.rows(), table.merged_ranges())
    assert header == expected and header.names == ("Date", "Seizure Substance", "Seizure Kg")
    assert list(below) == list(data_rows(table.rows(), expected))
    named, below = header_and_rows(table.rows(), table.merged_ranges(), row_number=4, header_rows=1)
    assert named.names == ("Column A", "Substance", "Kg") and next(below).number == 5
    endless = itertools.chain([RawRow(1, ("Date", "Quantity"))],
                              (RawRow(n, ("12.03.2023", str(n))) for n in itertools.count(2)))
    header, below = header_and_rows(endless)
    assert [row.number for row in itertools.islice(below, SCAN_ROWS + 5)] == list(range(2, SCAN_ROWS + 7))


def test_one_reading_closes_the_file_when_no_header_is_found():
    closed = []

    def stream():
        try:
            yield from numbered(*[(str(n), n * 2.5) for n in range(1, SCAN_ROWS + 10)])
        finally:
            closed.append(True)

    with pytest.raises(SheetProblem) as caught:
        header_and_rows(stream())
    assert caught.value.code == "no_header" and closed == [True]


# --- merged and two-row headers ----------------------------------------------------------------------------

def test_a_merged_group_title_names_the_sub_columns_under_it(tmp_path):
    path = xlsx(tmp_path / "log.xlsx", [
        ["Seizures, 2023"],
        ["Date", "Post", "Seizure", None, None, "Remarks"],
        [None, None, "Substance", "Quantity", "Unit", None],
        [dt.datetime(2023, 3, 12), "Post 1", "Heroin", 1.5, "kg", "in a tyre"],
    ], merges=["A1:F1", "C2:E2", "A2:A3", "B2:B3", "F2:F3"])
    header = header_of(path)
    assert (header.first_row_number, header.row_number) == (2, 3)
    assert header.names == ("Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit", "Remarks")


def test_without_merge_ranges_a_group_title_is_inferred_from_the_empty_cells_after_it(tmp_path):
    """A CSV keeps no merges: "Seizure" spreads right over the empty cells that have a sub-name under them, and
    stops where the lower row is empty ("Remarks" has no sub-name)."""
    path = tmp_path / "log.csv"
    path.write_text("Seizures, 2023\n"
                    "Date;Post;Seizure;;;Remarks;\n"
                    ";;Substance;Quantity;Unit;;Checked\n"
                    "12.03.2023;Post 1;Heroin;1,5;kg;in a tyre;yes\n", encoding="utf-8")
    header = header_of(path)
    assert header.names == ("Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit", "Remarks",
                            "Checked")


def test_a_merged_cell_over_two_columns_of_a_one_row_header_names_both(tmp_path):
    path = xlsx(tmp_path / "log.xlsx", [
        ["Date", "Quantity", None, "Post"],
        [dt.datetime(2023, 3, 12), 1.5, "kg", "Post 1"],
    ], merges=["B1:C1"])
    header = header_of(path)
    assert header.row_number == 1
    assert header.names == ("Date", "Quantity", "Quantity (2)", "Post")
    assert [c.original for c in header.columns] == ["Date", "Quantity", "Quantity", "Post"]


def test_a_second_header_row_can_be_refused_or_asked_for():
    rows = numbered(("Date", "Seizure", None), (None, "Substance", "Quantity"), ("12.03.2023", "Heroin", "1,5"))
    assert find_header(rows).names == ("Date", "Seizure Substance", "Seizure Quantity")
    assert find_header(rows, header_rows=1).names == ("Date", "Seizure", "Column C")
    merged = find_header(rows, [CellRange(1, 2, 1, 3)], header_rows=2)
    assert (merged.row_number, merged.names) == (2, ("Date", "Seizure Substance", "Seizure Quantity"))


def test_a_sub_name_equal_to_its_group_title_is_not_doubled():
    rows = numbered(("Date", "Quantity", None), (None, "Quantity", "Unit"), ("12.03.2023", "1,5", "kg"))
    assert find_header(rows).names == ("Date", "Quantity", "Quantity Unit")


def test_a_header_row_of_names_above_data_is_not_joined_with_the_first_data_row():
    rows = numbered(("Date", "Post", "Substance"), ("12.03.2023", "Post 1", "Heroin"))
    header = find_header(rows)
    assert (header.first_row_number, header.row_number) == (1, 1)


# --- names -------------------------------------------------------------------------------------------------

def test_header_names_are_cleaned_of_line_breaks_and_odd_spacing_with_case_kept():
    rows = numbered((" Date of\nseizure ", "Quantity,\u00a0\u00a0kg", "POST\tname"), ("12.03.2023", "1,5", "Post 1"))
    assert find_header(rows).names == ("Date of seizure", "Quantity, kg", "POST name")


def test_duplicate_names_are_made_unique_ignoring_case():
    rows = numbered(("Quantity", "quantity", "Quantity (2)", "Quantity", "Unit"), ("1", "2", "3", "4", "kg"))
    assert find_header(rows).names == ("Quantity", "quantity (3)", "Quantity (2)", "Quantity (4)", "Unit")


def test_columns_without_a_name_are_called_after_their_letter():
    rows = numbered(("Date", None, "Post"), ("12.03.2023", "x", "Post 1", "extra"))
    assert find_header(rows).names == ("Date", "Column B", "Post", "Column D")


def test_numbers_and_dates_in_header_cells_become_plain_names():
    assert clean_name(2021.0) == "2021" and clean_name(2021) == "2021" and clean_name(1.5) == "1.5"
    assert clean_name(dt.datetime(2023, 4, 1)) == "2023-04-01"
    assert clean_name(dt.datetime(2023, 4, 1, 9, 30)) == "2023-04-01 09:30:00"
    assert clean_name(None) == ""


def test_column_letters_run_past_z():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


# --- any cells ---------------------------------------------------------------------------------------------

cell = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                 st.datetimes(min_value=dt.datetime(1900, 1, 1)))
row_cells = st.lists(cell, max_size=8).map(tuple)
merge = st.builds(lambda r, c, h, w: CellRange(r, c, r + h, c + w), st.integers(1, 12), st.integers(1, 8),
                  st.integers(0, 2), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(st.lists(row_cells, max_size=15), st.lists(merge, max_size=4), st.none() | st.integers(-1, 16),
       st.none() | st.integers(1, 2))
def test_any_cells_give_a_header_of_unique_names_or_a_sheet_problem(rows, merges, row_number, header_rows):
    raw = [RawRow(n, cells) for n, cells in enumerate(rows, start=1) if cells]
    try:
        header = find_header(raw, merges, row_number=row_number, header_rows=header_rows)
    except SheetProblem as problem:
        assert problem.code in {"no_header", "header_row_empty", "header_row_number"}
        assert problem.message
        return
    names = [name.casefold() for name in header.names]
    assert len(set(names)) == len(names) and all(header.names)
    assert [c.index for c in header.columns] == list(range(header.width))
    assert header.first_row_number <= header.row_number <= header.first_row_number + 1
    if row_number is not None:
        assert header.first_row_number == row_number
