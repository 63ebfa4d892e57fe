"""The import benchmark runs and reports (not timed here), and the fast paths it measures keep the import's answers:
a re-import of the very same file with the same mapping answers the rows it added by their row numbers, reads
the others again (a deleted incident comes back, repeats are still repeats of their first row), and another
mapping reads every row."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.domain.permissions import SYSTEM
from sitcentre.services import maintenance
from sitcentre.services.sheet_import import import_sheet
from sitcentre.settings import Settings
from sitcentre.sheets import Mapping, MappingKind

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"rows", "dialect", "added", "csv_import_s", "csv_rows_per_s", "reimport_s", "reimport_ratio", "xlsx_import_s",
        "xlsx_rows_per_s", "read_only_s", "xlsx_ratio", "dry_run_s", "rollups_ok", "max_rss_mb"}
MAPPING = Mapping(MappingKind.INCIDENTS, columns=(("Дата", "occurred_at"), ("Пост", "post"), ("Вещество", "substance"),
                                                  ("Кол-во", "quantity"), ("Ед.", "unit")), decimal_mark=",")


def test_the_bench_prints_one_json_line_with_every_figure(tmp_path: Path):
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "import_sheet.py"), "--rows", "2000", "--runs", "1"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout
    figures = json.loads(lines[0])
    assert KEYS <= set(figures), KEYS - set(figures)
    assert figures["rows"] == 2000 and figures["dialect"] == "sqlite" and figures["rollups_ok"] is True
    assert figures["added"] == 2000 - 10  # in each thousand: four bad rows and a repeat
    assert figures["csv_import_s"] > 0 and figures["read_only_s"] > 0
    # the ratio is of the unrounded times: the rounded ones printed beside it give it within rounding
    assert figures["xlsx_ratio"] == pytest.approx(figures["xlsx_import_s"] / figures["read_only_s"], rel=0.02)


def _log(path: Path) -> Path:
    rows = [["Журнал изъятий"], [], ["Дата", "Пост", "Вещество", "Кол-во", "Ед."]]
    for n in range(30):
        rows.append([f"{1 + n % 28:02d}.{1 + n % 12:02d}.2022", "BLO Kordai" if n % 2 else "KZ-KAR",
                     "Heroin" if n % 3 else "Opium", f"{n + 1},{n % 10}", "кг"])
    rows.append(["03.03.2022", "KZ-KAR", "Spice mix", "1,5", "кг"])  # row 34: unknown substance
    rows.append(["04.03.2022", "KZ-KAR", "Heroin", "0", "кг"])  # row 35: zero
    rows.append(rows[3 + 4])  # row 36: the same as row 8
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def test_a_reimport_of_the_same_file_answers_what_it_added_and_reads_the_rest(engine, tmp_path: Path):
    path, settings = _log(tmp_path / "log.csv"), Settings(data_dir=tmp_path)
    first = import_sheet(engine, settings, path, MAPPING, actor=SYSTEM)
    assert (first.counts.added, first.counts.skipped, first.counts.rejected) == (30, 2, 1)
    with engine.begin() as conn:  # someone deletes one imported incident (row 10)
        conn.execute(text("DELETE FROM seizure_lines WHERE incident_id IN "
                          "(SELECT id FROM incidents WHERE import_row = 10)"))
        conn.execute(text("DELETE FROM incidents WHERE import_row = 10"))

    again = import_sheet(engine, settings, path, MAPPING, actor=SYSTEM)
    assert (again.counts.added, again.counts.present, again.counts.skipped, again.counts.rejected) == (1, 29, 2, 1)
    by_row = {o.row_number: [p.code for p in o.problems] for o in again.not_added}
    assert 10 not in by_row and by_row[8] == ["already_imported"] and by_row[34] == ["unknown_substance"]
    assert by_row[35] == ["zero_quantity"] and by_row[36] == ["duplicate"]  # still a repeat of row 8
    assert [p.message for p in next(o for o in again.not_added if o.row_number == 36).problems] == \
        ["The same as row 8: skipped."]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM incidents WHERE import_row = 10")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM incidents WHERE number IS NULL")).scalar_one() == 0

    taught = MAPPING.with_alias("substance", "Spice mix", "heroin")  # another mapping: every row read again
    third = import_sheet(engine, settings, path, taught, actor=SYSTEM)
    assert (third.counts.added, third.counts.present, third.counts.skipped, third.counts.rejected) == (1, 30, 2, 0)
    assert maintenance.check(engine).rollups_ok is True
