"""Spreadsheet reading benchmark (issue 15): how fast sitcentre.sheets streams a large CSV and XLSX file, against
openpyxl's own read-only iteration of the same workbook.

    python bench/read_sheet.py --rows 100000 [--keep]

Prints ONE JSON line:

  rows               data rows in each file (below a title, a note and a header row)
  csv_read_s         open_table + find_header + every row of the CSV (semicolons, comma decimals, Windows-1251)
  csv_rows_per_s     rows / csv_read_s
  xlsx_read_s        open_table + merged_ranges + find_header + every row of the XLSX
  xlsx_rows_per_s    rows / xlsx_read_s
  openpyxl_s         load_workbook(read_only=True, data_only=True) and iter_rows(values_only=True), nothing else
  xlsx_ratio         xlsx_read_s / openpyxl_s (what the package adds over openpyxl)
  merges_s           merged_ranges() alone (one streamed pass over the sheet XML)
  csv_candidates_s   the CSV read once (header_and_rows) and every row turned into an incident candidate or its problems
                     (sheets.rows.read_rows: dates, names, numbers, units converted, row keys, duplicates)
  csv_candidates_per_s, xlsx_candidates_s, xlsx_candidates_per_s   the same, and for the XLSX
  accepted           rows that became candidates (the others have a zero quantity, every 997th row)
  max_rss_mb         the process's peak resident memory after all of it: the files are streamed, so it stays far
                     below what holding the rows would take

The files are written (the XLSX by openpyxl's write-only mode) in a temporary folder, removed unless --keep.
The later import benchmark (bench/import_sheet.py) has the targets; this one reports the reading layer alone.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from _common import emit, log  # first: it puts the project root on sys.path

from sitcentre.domain.enums import PostStatus, SubstanceGroup, Unit
from sitcentre.domain.records import Post, Substance
from sitcentre.domain.reference import ReferenceData
from sitcentre.sheets import find_header, header_and_rows, open_table
from sitcentre.sheets.mapping import Mapping, MappingKind
from sitcentre.sheets.rows import read_rows

SUBSTANCES = ("Героин", "Hashish", "Opium", "Cocaine", "Methamphetamine")
POSTS = ("Пост 1", "Post 2", "Post 3")


def _row(n: int) -> list:
    day = dt.datetime(2015, 1, 1) + dt.timedelta(hours=n)
    return [day, POSTS[n % len(POSTS)], SUBSTANCES[n % len(SUBSTANCES)], round(n % 997 * 0.125, 3), "kg"]


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    header = ["Date", "Post", "Seizure", "Quantity", "Unit"]
    csv_path = folder / "log.csv"
    with csv_path.open("w", encoding="cp1251", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Изъятия на пограничных постах"])
        writer.writerow(["Source: customs"])
        writer.writerow(header)
        for n in range(rows):
            date, post, substance, quantity, unit = _row(n)
            writer.writerow([date.strftime("%d.%m.%Y"), post, substance, str(quantity).replace(".", ","), unit])
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Log")
    sheet.append(["Изъятия на пограничных постах"])
    sheet.append(["Source: customs"])
    sheet.append(header)
    for n in range(rows):
        sheet.append(_row(n))
    xlsx_path = folder / "log.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


MAPPING = Mapping(MappingKind.INCIDENTS, columns=(("Date", "occurred_at"), ("Post", "post"),
                                                  ("Seizure", "substance"), ("Quantity", "quantity"),
                                                  ("Unit", "unit")), decimal_mark=",")  # the CSV writes 1,125
REFERENCE = ReferenceData(
    posts=tuple(Post(n, f"P{n}", name, "", "KG", "TJ", "KG-TJ", 40.0, 72.0, 360, PostStatus.OPERATIONAL, "",
                     None, None) for n, name in enumerate(POSTS, 1)),
    substances=tuple(Substance(n, f"S{n}", name, SubstanceGroup.OPIATES, Unit.KG, None)
                     for n, name in enumerate(SUBSTANCES, 1)))
NOW = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)


def candidates(path: Path) -> tuple[float, int, int]:
    """Seconds to read the file and turn every row into a candidate or its problems; rows seen, accepted."""
    started = time.perf_counter()
    table = open_table(path)
    header, below = header_and_rows(table.rows(), table.merged_ranges())  # one reading of the file
    seen = accepted = 0
    for outcome in read_rows(below, header, MAPPING, REFERENCE, now=NOW, date1904=table.date1904):
        seen += 1
        accepted += outcome.accepted
    return time.perf_counter() - started, seen, accepted


def read_all(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    table = open_table(path)
    header = find_header(table.rows(), table.merged_ranges())
    count = sum(1 for row in table.rows() if row.number > header.row_number)
    return time.perf_counter() - started, count


def openpyxl_only(path: Path) -> float:
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the files made")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sitcentre-bench-sheet-"))
    try:
        log(f"writing {args.rows} rows as CSV and XLSX in {folder}")
        csv_path, xlsx_path = write_files(folder, args.rows)
        log("reading")
        csv_s, csv_rows = read_all(csv_path)
        xlsx_s, xlsx_rows = read_all(xlsx_path)
        raw_s = openpyxl_only(xlsx_path)
        started = time.perf_counter()
        open_table(xlsx_path).merged_ranges()
        merges_s = time.perf_counter() - started
        log("turning rows into candidates")
        csv_c_s, csv_seen, csv_accepted = candidates(csv_path)
        xlsx_c_s, xlsx_seen, xlsx_accepted = candidates(xlsx_path)
        if csv_rows != args.rows or xlsx_rows != args.rows:
            sys.exit(f"read {csv_rows} CSV and {xlsx_rows} XLSX rows, expected {args.rows}")
        expected = args.rows - len(range(0, args.rows, 997))  # quantity n % 997 * 0.125 is zero every 997th row
        if (csv_seen, csv_accepted, xlsx_seen, xlsx_accepted) != (args.rows, expected, args.rows, expected):
            sys.exit(f"candidates: CSV {csv_accepted} of {csv_seen}, XLSX {xlsx_accepted} of {xlsx_seen}; "
                     f"expected {expected} of {args.rows}")
        emit({
            "rows": args.rows,
            "csv_read_s": round(csv_s, 3), "csv_rows_per_s": round(args.rows / csv_s),
            "xlsx_read_s": round(xlsx_s, 3), "xlsx_rows_per_s": round(args.rows / xlsx_s),
            "openpyxl_s": round(raw_s, 3), "xlsx_ratio": round(xlsx_s / raw_s, 2),
            "merges_s": round(merges_s, 3),
            "csv_candidates_s": round(csv_c_s, 3), "csv_candidates_per_s": round(args.rows / csv_c_s),
            "xlsx_candidates_s": round(xlsx_c_s, 3), "xlsx_candidates_per_s": round(args.rows / xlsx_c_s),
            "accepted": csv_accepted,
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        })
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
