"""`sitcentre import FILE --mapping MAPPING.json` (issue 15): what it prints, its exit codes, and that a refusal
writes nothing. The rows themselves are tested through the service in test_sheet_import.py."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import text

from sitcentre.sheets import Mapping, MappingKind, save_mapping
from tests.integration.test_cli import run_cli

INCIDENTS = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Substance", "substance"), ("Quantity", "quantity"),
    ("Unit", "unit")))
ROWS = [
    ["Karamyk log, 2023", "", "", "", ""],
    ["Date", "Post", "Substance", "Quantity", "Unit"],
    ["03.02.2023", "BLO Kordai", "Heroin", "12,4", "kg"],
    ["04.02.2023", "KZ-KAR", "hashish", "3,5", "kg"],
    ["05.02.2023", "Nowhere", "Heroin", "1", "kg"],
    ["06.02.2023", "KZ-KAR", "Heroin", "0", "kg"],
]


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def imported(engine) -> list[tuple]:
    with engine.connect() as c:
        return c.execute(text("SELECT import_row, total_kg FROM incidents WHERE import_key IS NOT NULL "
                              "ORDER BY import_row")).all()


def test_import_prints_what_it_did_lists_rejected_rows_and_exits_1(tmp_path, engine, db_url):
    log, mapping = write_csv(tmp_path / "log.csv", ROWS), save_mapping(INCIDENTS, tmp_path / "map.json")
    report = tmp_path / "rejected.csv"
    result = run_cli(tmp_path, "--db", db_url, "import", str(log), "--mapping", str(mapping),
                     "--rejected", str(report))
    assert result.returncode == 1, result.stderr
    assert "log.csv: 2 incidents imported, 0 already present, 1 skipped, 1 rejected (of 4 rows)" in result.stdout
    assert "row 5: 'Post': 'Nowhere' is not a post in the list" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert [(row, round(kg, 3)) for row, kg in imported(engine)] == [(3, 12.4), (4, 3.5)]
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Row,Outcome,Column,Reason,Code" and len(lines) == 3

    again = run_cli(tmp_path, "--db", db_url, "import", str(log), "--mapping", str(mapping))
    assert "0 incidents imported, 2 already present" in again.stdout and again.returncode == 1
    assert len(imported(engine)) == 2


def test_a_clean_file_exits_0_and_a_dry_run_writes_nothing(tmp_path, engine, db_url):
    log = write_csv(tmp_path / "log.csv", ROWS[:4])
    mapping = save_mapping(INCIDENTS, tmp_path / "map.json")
    dry = run_cli(tmp_path, "--db", db_url, "import", str(log), "--mapping", str(mapping), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "2 incidents would be imported" in dry.stdout
    assert imported(engine) == []
    done = run_cli(tmp_path, "--db", db_url, "import", str(log), "--mapping", str(mapping))
    assert done.returncode == 0 and "2 incidents imported" in done.stdout
    assert len(imported(engine)) == 2


def test_refusals_are_one_line_exit_3_and_import_nothing(tmp_path, engine, db_url):
    log, mapping = write_csv(tmp_path / "log.csv", ROWS), save_mapping(INCIDENTS, tmp_path / "map.json")
    existing = tmp_path / "kept.csv"
    existing.write_text("the operator's own notes\n")
    cases = {
        "is for incidents, not statistics": ["import", str(log), "--mapping", str(mapping), "--kind", "statistics"],
        "is not a spreadsheet this program reads": ["import", str(mapping), "--mapping", str(mapping)],
        "is not a mapping file": ["import", str(log), "--mapping", str(log)],
        "Cannot read missing.csv": ["import", str(tmp_path / "missing.csv"), "--mapping", str(mapping)],
        "already exists (use --force": ["import", str(log), "--mapping", str(mapping), "--rejected", str(existing)],
    }
    for words, args in cases.items():
        result = run_cli(tmp_path, "--db", db_url, *args)
        lines = result.stderr.splitlines()
        assert result.returncode == 3 and len(lines) == 1 and words in lines[0], (words, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
    assert imported(engine) == []
    assert existing.read_text() == "the operator's own notes\n"
