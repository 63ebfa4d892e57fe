"""Whatever the cells of a spreadsheet hold, a dry-run import answers in words (issue 15, "Tests"): hypothesis draws
cells (text with Cyrillic, curly and straight quotes, separators and line breaks; whole numbers; floats with nan
and infinities; datetimes; None; booleans) into a small sheet below a title and a header, written as CSV and as
XLSX, and `import_sheet(dry_run=True)` either refuses the file as a whole (ImportRefused, in words) or counts
every row once: added + present + skipped + rejected == rows, each row not added with at least one reason.
Imported for real, the rows it says it added are there, a second look adds nothing, and the rollups and the
audit chain stay right.
"""

from __future__ import annotations

import csv
import math
import os
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import text

from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.sheet_imports import ImportRefused
from sitcentre.services import maintenance
from sitcentre.services.audit import verify_chain
from sitcentre.services.sheet_import import import_sheet
from sitcentre.settings import Settings
from sitcentre.sheets import Mapping, MappingKind

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
INCIDENT_HEADER = ["Date", "Post", "Substance", "Quantity", "Unit", "Narrative"]
STATISTIC_HEADER = ["Country", "Period", "Drug group", "Drug", "Quantity", "Unit"]
MAPPINGS = {
    "incidents": Mapping(MappingKind.INCIDENTS, columns=tuple(zip(INCIDENT_HEADER, (
        "occurred_at", "post", "substance", "quantity", "unit", "narrative"), strict=True))),
    "statistics": Mapping(MappingKind.STATISTICS, columns=tuple(zip(STATISTIC_HEADER, (
        "country", "period", "group", "substance", "quantity", "unit"), strict=True))),
}

FRAGMENTS = ["Heroin", "героин", "“Heroin”", "«Гашиш»", "'Opium'", '"KZ-KOR"', "BLO Kordai", "blo  kordai", "KZ",
             "Kazakhstan", "Opiates", "Прекурсоры", "Sedatives and tranquillizers", "12.03.2023", "2023",
             "03.2023", "2023-04-05 14:30", "1,5", "1 000,25", "1.234,5", "-3", "0", "0,0", "kg", "кг", "tablets",
             "л", ";", ",", "\t", "\n", '"', "''", " ", "=1+1", "1e308", "9" * 30, "31.02.2023", "00.00.0000",
             "NaN", "inf", "ё", "\u00a0", "\u200b"]
texts = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12),
                  st.builds(lambda a, b: a + b, st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS)))
cells = st.one_of(
    texts,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.none(),
    st.booleans(),
)
# Cells a column of its kind usually holds, so that many rows are read through to candidates (validation, row
# keys, repeated rows) and not only refused at their first cell.
VALID = {
    "incidents": (["12.03.2023", "2023-03-12 14:30", datetime(2023, 3, 12, 8, 0), 45000, 45000.5, "01.01.1969"],
                  ["KZ-KOR", "BLO Kordai", "“blo kordai”", "UZ-OYB", "Nowhere"],
                  ["Heroin", "героин", "Ecstasy (MDMA tablets)", "Tramadol (tablets)", "Acetic anhydride", "Mescal"],
                  ["1,5", 2, 0.25, "1 000", 0, "", -1, 10**9],
                  ["kg", "g", "кг", "tablets", "l", None],
                  ["в тайнике", "“quoted”", None]),
    "statistics": (["KZ", "Kazakhstan", "«Kyrgyzstan»", "AF", "Atlantis"],
                   [2022, "2021", "03.2023", "2023-04", "март 2023", 2031],
                   ["Opiates", "Прекурсоры", "Sedatives and tranquillizers", None],
                   ["Heroin", "Acetic anhydride", "Any other drugs/substances", None],
                   ["1 234,5", 7, 0, 0.001, "", -2],
                   ["kg", "tablets", "l", None]),
}


def either(often, sometimes, weight: int):
    """`often` weight times out of weight + 1, else `sometimes` (one_of's choice of branch is not uniform)."""
    return st.tuples(st.integers(0, weight), often, sometimes).map(lambda t: t[2] if t[0] == weight else t[1])


def data_rows(kind: str, weight: int = 3):
    """Rows of the kind's columns: each cell from its column's values `weight` times out of `weight + 1`."""
    row = st.tuples(*(either(st.sampled_from(pool), cells, weight) for pool in VALID[kind]),
                    st.lists(cells, max_size=1)).map(lambda t: [*t[:-1], *t[-1]])
    return st.lists(either(row, st.lists(cells, max_size=7), 2), min_size=1, max_size=6)


def csv_text(value) -> str:
    return "" if value is None else str(value)


def write_csv(path: Path, rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows([[csv_text(v) for v in row] for row in rows])


def xlsx_cell(value):
    """What a spreadsheet program can store: no NaN, no control characters (openpyxl refuses them)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_xlsx(path: Path, rows: list[list]) -> bool:
    """False when openpyxl cannot write the cells: not what is tested here."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    try:
        for row in rows:
            sheet.append([xlsx_cell(v) for v in row])
        workbook.save(path)
    except (IllegalCharacterError, ValueError):
        return False
    return True


def drawn_file(tmp_path: Path, kind: str, title: list, data: list[list], as_xlsx: bool) -> Path | None:
    header = INCIDENT_HEADER if kind == "incidents" else STATISTIC_HEADER
    rows = [title, [], header, *data] if title else [header, *data]
    path = tmp_path / ("drawn.xlsx" if as_xlsx else "drawn.csv")
    if as_xlsx:
        return path if write_xlsx(path, rows) else None
    write_csv(path, rows)
    return path


def imported(engine, tmp_path: Path, path: Path, kind: str, dry_run: bool):
    """The result, or None after checking that a refusal is in words."""
    try:
        return import_sheet(engine, Settings(data_dir=tmp_path), path, MAPPINGS[kind], actor=SYSTEM,
                            dry_run=dry_run, now=NOW)
    except ImportRefused as refused:  # the file as a whole (no header, a mapped column missing, not text...)
        event(f"refused: {refused.code}")
        assert str(refused).strip() and "Traceback" not in str(refused)
        return None


def assert_counted(result, data_rows: int) -> None:
    c = result.counts
    event("some rows added" if c.added else "no row added")
    assert c.added + c.present + c.skipped + c.rejected == c.rows, c
    assert c.rows <= data_rows + 4
    assert len(result.not_added) == c.rows - c.added
    for outcome in result.not_added:
        assert outcome.problems and all(p.message.strip() for p in outcome.problems), outcome


BOUNDED = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize("kind", ["incidents", "statistics"])
@settings(max_examples=int(os.environ.get("SITCENTRE_SHEET_EXAMPLES", 40)), **BOUNDED)
@given(draw=st.data(), title=st.lists(cells, max_size=3), as_xlsx=st.booleans())
def test_drawn_cells_are_counted_or_the_file_refused_in_words(engine, tmp_path: Path, kind: str, draw, title,
                                                             as_xlsx: bool):
    data = draw.draw(data_rows(kind), label="rows")
    path = drawn_file(tmp_path, kind, title, data, as_xlsx)
    result = imported(engine, tmp_path, path, kind, dry_run=True) if path else None
    if result is not None:
        assert_counted(result, len(data))
        assert result.counts.present == 0 and result.dry_run and result.import_id is None


@pytest.mark.parametrize("kind", ["incidents", "statistics"])
@settings(max_examples=int(os.environ.get("SITCENTRE_SHEET_EXAMPLES", 40)) // 2, **BOUNDED)
@given(draw=st.data(), as_xlsx=st.booleans())
def test_drawn_rows_imported_for_real_keep_the_database_consistent(engine, tmp_path: Path, kind: str, draw,
                                                                  as_xlsx: bool):
    """The same, imported (into one database, example after example): what the import says it added is there,
    a second import of the file adds nothing, and the rollups and the audit chain stay right."""
    data = draw.draw(data_rows(kind, weight=12), label="rows")
    path = drawn_file(tmp_path, kind, [], data, as_xlsx)
    result = imported(engine, tmp_path, path, kind, dry_run=False) if path else None
    if result is None:
        return
    assert_counted(result, len(data))
    table, column = ("incidents", "import_id") if kind == "incidents" else ("published_statistics", "import_id")
    with engine.connect() as conn:
        stored = conn.execute(text(f"SELECT count(*) FROM {table} WHERE {column} = :i"),
                              {"i": result.import_id}).scalar()
    assert stored == result.counts.added
    again = imported(engine, tmp_path, path, kind, dry_run=True)
    assert again.counts.added == 0 and again.counts.present >= result.counts.added
    report = maintenance.check(engine)
    assert report.rollups_ok is True, report
    assert verify_chain(engine) is None
