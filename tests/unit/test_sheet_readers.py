"""Issue 15, item 2: CSV and XLSX files opened as streamed tables of raw rows (sitcentre.sheets.readers).

Every file is made here, with csv and openpyxl; nothing is mocked."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from sitcentre.sheets import CellRange, RawRow, SheetProblem, open_table


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
               date1904: bool = False) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    if date1904:
        workbook.epoch = CALENDAR_MAC_1904
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for ref in (merges or {}).get(title, []):
            sheet.merge_cells(ref)
    workbook.save(path)
    return path


def cells(table) -> list[tuple]:
    return [row.cells for row in table.rows()]


# --- CSV: encodings ----------------------------------------------------------------------------------------

RUSSIAN = "Дата;Пост;Вещество;Количество\n12.03.2023;Пост «Ёлки»;Героин;1,5\n"


@pytest.mark.parametrize(("encoding", "found"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251"), ("utf-16", "utf-16"),
])
def test_csv_text_is_read_in_the_encoding_it_was_saved_in(tmp_path, encoding, found):
    table = open_table(write_csv(tmp_path / "log.csv", RUSSIAN, encoding))
    assert (table.format, table.encoding, table.delimiter) == ("csv", found, ";")
    assert cells(table) == [("Дата", "Пост", "Вещество", "Количество"),
                            ("12.03.2023", "Пост «Ёлки»", "Героин", "1,5")]


def test_a_utf8_byte_order_mark_does_not_stick_to_the_first_header_name(tmp_path):
    table = open_table(write_csv(tmp_path / "log.csv", "Date,Post\n2023-01-02,A\n", "utf-8-sig"))
    assert next(table.rows()).cells[0] == "Date"


def test_windows_1251_is_chosen_when_a_byte_past_the_first_sample_is_not_utf8(tmp_path):
    """The whole file is checked, so a Cyrillic name deep in the file decides, not only the first lines."""
    text = "Date,Post\n" + "2023-01-02,A\n" * 20000 + "2023-01-03,Пост\n"
    table = open_table(write_csv(tmp_path / "log.csv", text, "cp1251"))
    assert table.encoding == "cp1251"
    assert list(table.rows())[-1] == RawRow(20002, ("2023-01-03", "Пост"))


def test_text_in_no_known_encoding_is_refused_with_words(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes("Date,Post\n".encode("utf-16-le"))  # UTF-16 without its byte-order mark
    with pytest.raises(SheetProblem) as caught:
        open_table(path)
    assert caught.value.code == "encoding"
    assert "log.csv" in caught.value.message and "CSV UTF-8" in caught.value.message


# --- CSV: delimiters and rows ------------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found_below_title_rows(tmp_path, delimiter):
    lines = ["Seizures at the border posts, 2023", "Source: customs; figures in kg", "",
             delimiter.join(["Date", "Post", "Substance", "Quantity"]),
             delimiter.join(["12.03.2023", "Post 1", "Heroin", "1.5"]),
             delimiter.join(["13.03.2023", "Post 2", "Hashish", "20"])]
    table = open_table(write_csv(tmp_path / "log.txt", "\n".join(lines) + "\n"))
    assert table.delimiter == delimiter
    assert cells(table)[2:] == [("Date", "Post", "Substance", "Quantity"), ("12.03.2023", "Post 1", "Heroin", "1.5"),
                                ("13.03.2023", "Post 2", "Hashish", "20")]


def test_semicolons_win_over_the_comma_decimals_between_them(tmp_path):
    text = ("Date;Substance;Quantity;Unit\n12.03.2023;Heroin;1,5;kg\n13.03.2023;Opium;2,25;kg\n"
            "14.03.2023;Hashish;3,5;g\n")
    table = open_table(write_csv(tmp_path / "log.csv", text))
    assert table.delimiter == ";"
    assert cells(table)[1] == ("12.03.2023", "Heroin", "1,5", "kg")


def test_rows_carry_their_number_in_the_file_past_blank_rows_and_quoted_line_breaks(tmp_path):
    text = 'Date,Note\n\n2023-01-02,"two\nlines"\n , \n2023-01-03,"x, y"\n'
    rows = list(open_table(write_csv(tmp_path / "log.csv", text)).rows())
    assert rows == [RawRow(1, ("Date", "Note")), RawRow(3, ("2023-01-02", "two\nlines")),
                    RawRow(5, ("2023-01-03", "x, y"))]


def test_blank_cells_are_none_and_trailing_empty_cells_are_dropped(tmp_path):
    table = open_table(write_csv(tmp_path / "log.csv", "a,b,c,d\n1,, ,\n,2,,\n"))
    assert cells(table) == [("a", "b", "c", "d"), ("1",), (None, "2")]


def test_rows_can_be_read_again_from_the_start(tmp_path):
    table = open_table(write_csv(tmp_path / "log.csv", "a,b\n1,2\n"))
    first = table.rows()
    assert next(first) == RawRow(1, ("a", "b"))
    assert list(table.rows()) == [RawRow(1, ("a", "b")), RawRow(2, ("1", "2"))]


def test_a_csv_too_damaged_to_parse_names_its_row(tmp_path):
    path = write_csv(tmp_path / "log.csv", "a,b\n1,2\n" + "3," + '"' + "x" * 200_000 + '"\n')
    table = open_table(path)
    rows = table.rows()
    assert next(rows) == RawRow(1, ("a", "b"))
    with pytest.raises(SheetProblem) as caught:
        list(rows)
    assert caught.value.code == "csv_damaged" and caught.value.params["row"] == 3
    assert "row 3" in caught.value.message


# --- XLSX --------------------------------------------------------------------------------------------------

def test_xlsx_cells_come_as_text_numbers_datetimes_or_none(tmp_path):
    path = write_xlsx(tmp_path / "log.xlsx", {"Log": [
        ["Date", "Time", "Post", "Quantity", "Count", "Checked", "Total"],
        [dt.datetime(2023, 3, 12, 14, 30), dt.time(14, 30), "Post 1", 1.5, 3, True, "=D2*2"],
        [dt.date(2023, 3, 13), None, "  ", 44999, None, False],
    ]})
    table = open_table(path)
    assert (table.format, table.sheet, table.sheet_names, table.date1904) == ("xlsx", "Log", ("Log",), False)
    assert cells(table) == [
        ("Date", "Time", "Post", "Quantity", "Count", "Checked", "Total"),
        (dt.datetime(2023, 3, 12, 14, 30), "14:30:00", "Post 1", 1.5, 3, "TRUE"),  # a formula never calculated
        (dt.datetime(2023, 3, 13), None, None, 44999, None, "FALSE"),
    ]


def test_xlsx_row_numbers_count_blank_rows(tmp_path):
    path = write_xlsx(tmp_path / "log.xlsx", {"Log": [["Title"], [], [None, None], ["a", "b"], [], ["1", "2"]]})
    assert list(open_table(path).rows()) == [RawRow(1, ("Title",)), RawRow(4, ("a", "b")), RawRow(6, ("1", "2"))]


_ODD_INLINE = (  # inline strings of every shape: runs, an empty <t>, spaces kept, two <t>, a phonetic part, no <is>
    '<row r="9"><c r="A9" t="inlineStr"><is><r><t>run1</t></r><r><rPr><b/></rPr><t>run2</t></r></is></c>'
    '<c r="B9" t="inlineStr"><is><t/></is></c><c r="C9" t="inlineStr"><is><t xml:space="preserve">  pad  </t></is></c>'
    '<c r="D9" t="inlineStr"><is><t>one</t><t>two</t></is></c>'
    '<c r="E9" t="inlineStr"><is><t>base</t><rPh sb="0" eb="1"><t>ph</t></rPh></is></c><c r="F9" t="inlineStr"/>'
    '<c r="G9" t="inlineStr" s="0"><is><t>styled</t></is></c><c t="inlineStr"><is><t>no place</t></is></c></row>')


def test_inline_text_cells_read_as_openpyxl_reads_them(tmp_path):
    """The reader's own parsing of plain inline text (readers._unsized_reader) gives what openpyxl gives."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Log")
    for row in (["Date", "Post", "Note"], ["01.02.2023", " ", "Рейс 1 <&>"], [], [45000, "", "tab\there"]):
        sheet.append(row)
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    with zipfile.ZipFile(plain) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = next(name for name in parts if name.startswith("xl/worksheets/"))
    parts[part] = parts[part].replace(b"</sheetData>", _ODD_INLINE.encode() + b"</sheetData>")
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    stock = openpyxl.load_workbook(odd, read_only=True, data_only=True)
    expected = [tuple(v if not isinstance(v, str) or v.strip() else None for v in row)
                for row in stock.worksheets[0].iter_rows(values_only=True)]
    stock.close()
    expected = [row[:max((i + 1 for i, v in enumerate(row) if v is not None), default=0)] for row in expected]
    assert cells(open_table(odd)) == [row for row in expected if row]
    assert cells(open_table(odd))[-1] == ("run1run2", None, "  pad  ", "two", "base", None, "styled", "no place")


def test_the_first_sheet_with_rows_is_read_unless_one_is_named(tmp_path):
    path = write_xlsx(tmp_path / "stats.xlsx", {"Cover": [[], [None]], "2022": [["a"], [1]], "2023": [["b"], [2]]})
    first = open_table(path)
    assert (first.sheet, first.sheet_names, cells(first)) == ("2022", ("Cover", "2022", "2023"), [("a",), (1,)])
    named = open_table(path, sheet="2023")
    assert (named.sheet, cells(named)) == ("2023", [("b",), (2,)])
    assert named.name == "stats.xlsx, sheet '2023'"


def test_a_sheet_name_the_workbook_lacks_is_refused_naming_the_sheets_it_has(tmp_path):
    path = write_xlsx(tmp_path / "stats.xlsx", {"2022": [["a"]], "2023": [["b"]]})
    with pytest.raises(SheetProblem) as caught:
        open_table(path, sheet="2024")
    assert caught.value.code == "no_such_sheet"
    assert caught.value.message == "stats.xlsx has no sheet called '2024'. Its sheets are: 2022, 2023."


def test_a_workbook_of_empty_sheets_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "empty.xlsx", {"One": [], "Two": [[None]]})
    with pytest.raises(SheetProblem) as caught:
        open_table(path)
    assert caught.value.code == "no_sheets"


def test_the_1904_date_system_is_reported_for_serial_dates(tmp_path):
    assert open_table(write_xlsx(tmp_path / "mac.xlsx", {"S": [[1]]}, date1904=True)).date1904 is True
    assert open_table(write_xlsx(tmp_path / "pc.xlsx", {"S": [[1]]})).date1904 is False


def test_merged_ranges_are_read_from_the_sheet_xml(tmp_path):
    path = write_xlsx(tmp_path / "log.xlsx", {
        "Cover": [["x"]],
        "Log": [["Seizures, 2023"], ["Date", "Seizure", None, None], [None, "Substance", "Quantity", "Unit"]],
    }, merges={"Log": ["A1:D1", "B2:D2", "A2:A3"], "Cover": ["A5:B6"]})
    ranges = open_table(path, sheet="Log").merged_ranges()
    assert sorted(ranges, key=lambda r: (r.min_row, r.min_col)) == [
        CellRange(1, 1, 1, 4), CellRange(2, 1, 3, 1), CellRange(2, 2, 2, 4)]
    assert open_table(path, sheet="Cover").merged_ranges() == (CellRange(5, 1, 6, 2),)
    assert open_table(write_csv(tmp_path / "log.csv", "a,b\n")).merged_ranges() == ()


def test_merge_elements_cut_across_read_chunks_are_all_found(tmp_path, monkeypatch):
    from sitcentre.sheets import readers

    monkeypatch.setattr(readers, "_CHUNK", 7)
    refs = [f"A{n}:C{n}" for n in range(1, 40, 2)]
    path = write_xlsx(tmp_path / "log.xlsx", {"Log": [["x"]]}, merges={"Log": refs})
    assert {f"A{r.min_row}:C{r.max_row}" for r in open_table(path).merged_ranges()} == set(refs)


def test_rows_stream_so_the_rows_before_a_damaged_part_are_given_first(tmp_path):
    """The sheet is read as it streams: a sheet cut short after 150 of its 300 rows still gives those 150 rows,
    then the damage in words. A reader that loaded the sheet whole would fail before giving any."""
    whole = write_xlsx(tmp_path / "whole.xlsx", {"Log": [["n", "text"]] + [[n, "x" * 20] for n in range(1, 300)]})
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: data.index(b'<row r="151"')] + b'<row r="151"><c r="A151" t="n"><v>15'
            target.writestr(item, data)
    rows = open_table(cut).rows()
    given = []
    with pytest.raises(SheetProblem) as caught:
        for row in rows:
            given.append(row.number)
    assert given == list(range(1, 151))
    assert caught.value.code == "damaged" and "cut.xlsx" in caught.value.message


# --- refused files -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "code", "words"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old_format", "old Excel format (.xls)"),
    ("calc.ods", b"PK\x03\x04" + b"\0" * 100, "old_format", "OpenDocument"),
    ("report.pdf", b"%PDF-1.4 ...", "unknown_format", "Excel workbook (.xlsx) or a CSV file"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "encrypted", "protected with a password"),
    ("broken.xlsx", b"PK\x03\x04" + b"\x14\x00" * 50, "damaged", "damaged"),
    ("text.xlsx", b"Date,Post\n2023-01-01,A\n", "damaged", "not a ZIP package"),
    ("empty.csv", b"", "empty", "no rows"),
    ("blank.csv", b"\r\n \n", "empty", "no rows"),
    ("legacy.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old_format", ".xls"),
])
def test_files_that_cannot_be_imported_are_refused_with_words(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SheetProblem) as caught:
        open_table(path)
    assert caught.value.code == code
    assert name in caught.value.message and words in caught.value.message
    assert "Traceback" not in caught.value.message


def test_a_workbook_saved_with_a_csv_name_is_told_to_be_renamed(tmp_path):
    workbook = write_xlsx(tmp_path / "real.xlsx", {"S": [["a"]]})
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(SheetProblem) as caught:
        open_table(renamed)
    assert caught.value.code == "workbook_named_csv" and "Rename it to .xlsx" in caught.value.message


def test_a_workbook_missing_a_part_is_refused_as_damaged(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", {"S": [["a"]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/workbook.xml":
                target.writestr(item, source.read(item))
    with pytest.raises(SheetProblem) as caught:
        open_table(broken)
    assert caught.value.code == "damaged" and "broken.xlsx" in caught.value.message


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(SheetProblem) as missing:
        open_table(tmp_path / "nowhere.csv")
    assert (missing.value.code, missing.value.message) == ("not_found", "The file nowhere.csv was not found.")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(SheetProblem) as folder:
        open_table(tmp_path / "folder.xlsx")
    assert folder.value.code == "not_a_file"


def test_a_problem_keeps_its_code_and_parameters_for_translation(tmp_path):
    with pytest.raises(SheetProblem) as caught:
        open_table(tmp_path / "nowhere.csv")
    assert caught.value.params == {"name": "nowhere.csv"}
    assert str(caught.value) == caught.value.message
    assert isinstance(caught.value, ValueError)
