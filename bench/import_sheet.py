"""Spreadsheet import benchmark (issue 15): a historical incident log imported from CSV and from XLSX through the
desk (desk.imports.run, a system actor), a no-op re-import, and the same XLSX file only read by openpyxl.

    python bench/import_sheet.py --rows 100000 [--runs 3] [--pg URL] [--keep]

Prints ONE JSON line:

  rows               data rows in each file (below a title row, a note row and the header)
  dialect            "sqlite" (a fresh migrated file per run, the post's embedded default) or "postgresql"
  added              incidents one import adds (the other rows are bad or repeated: reported, not imported)
  csv_import_s       median seconds of the CSV's import into a fresh database with the reference data
  csv_rows_per_s     rows / csv_import_s                                          (target >= 20,000)
  reimport_s         median seconds of importing the same CSV again (adds nothing: every row already imported)
  reimport_ratio     csv_import_s / reimport_s                                    (target >= 5)
  xlsx_import_s      median seconds of the XLSX's import into a fresh database
  xlsx_rows_per_s    rows / xlsx_import_s
  read_only_s        median seconds of openpyxl alone on the same XLSX: load_workbook(read_only=True,
                     data_only=True) and iter_rows(values_only=True), timed in the same runs
  xlsx_ratio         xlsx_import_s / read_only_s                                  (target <= 2)
  dry_run_s          seconds of the CSV's dry run (read and checked, nothing written) in a fresh database
  cpu                the same figures in this process's CPU seconds (time.process_time; SQLite runs in the process):
                     on a machine shared with other work the wall-clock figures include the time spent waiting
                     for a core, these do not
  rollups_ok         services.maintenance.check after the last imports: the daily rollups equal a fresh
                     aggregate of the incidents (`sitcentre db check` says "rollups: ok")
  max_rss_mb         the process's peak resident memory

The log: dd.mm.yyyy dates (Excel dates in the XLSX) spread over five years, posts by name or code, substances
by name in the case and spacing people type, comma decimals, tablets and grams besides kilograms, persons
detained, a short narrative; about one row in a thousand is bad (unknown substance, zero quantity, a date in the
future, an unreadable date) or a repeat of an earlier row. The runs interleave CSV, XLSX and openpyxl so that
none always runs on a warm or a cold machine. The script reports; it does not fail when a target is missed, but
it stops when the counts or the rollups are wrong.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import openpyxl
from _common import emit, log  # first: it puts the project root on sys.path
from sqlalchemy.engine import make_url

from sitcentre.backend import Backend
from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.maintenance import check
from sitcentre.settings import Settings
from sitcentre.sheets.mapping import Mapping, MappingKind

HEADER = ["Дата", "Пост", "Вещество", "Кол-во", "Ед. изм.", "Задержано", "Примечание"]
POSTS = ("BLO Kordai", "KZ-KAR", "blo  oybek", "BLO Tursunzoda", "UZ-BEK", "BLO Patar", "BLO Karamyk",
         "BLO Dostuk", "BLO Termez", "BLO Panji Poyon", "TJ-ISH")
# substance as typed, unit, quantity scale (tablets are whole numbers)
SUBSTANCES = (("Heroin", "кг", 1.0), ("hashish (cannabis resin)", "kg", 1.0), ("Opium", "кг", 1.0),
              ("Methamphetamine", "г", 100.0), ("Tramadol (tablets)", "табл", 0.0), ("Cannabis herb", "kg", 1.0),
              ("Cocaine", "kg", 1.0))
START = dt.date(2019, 1, 1)
DAYS = 5 * 365
BAD_EVERY = 1000
MAPPING = Mapping(MappingKind.INCIDENTS, columns=(
    ("Дата", "occurred_at"), ("Пост", "post"), ("Вещество", "substance"), ("Кол-во", "quantity"),
    ("Ед. изм.", "unit"), ("Задержано", "persons_detained"), ("Примечание", "narrative")),
    decimal_mark=",")  # the log writes 7,969 (not 7 969): the user says so once in the mapping


def log_row(n: int, rows: int) -> list:
    """Row n of the log: [date, post, substance, quantity, unit, detained, note] with a date and a float; every
    combination of content is distinct (the quantity carries n), except the bad rows made from it."""
    day = START + dt.timedelta(days=n * DAYS // rows)
    substance, unit, scale = SUBSTANCES[n % len(SUBSTANCES)]
    spread = (n * 7919) % 100_000  # distinct for every n below 100,000 (7919 is prime to 100,000)
    quantity = float(1 + spread % 5000 + n // 100_000 * 5000) if scale == 0 else \
        round((0.05 + spread / 1000) * scale, 3)
    row = [day, POSTS[n % len(POSTS)], substance, quantity, unit, n % 4, f"Рейс {n % 9000}, досмотр"]
    kind = n % BAD_EVERY
    if kind == BAD_EVERY - 1:
        row[2] = "Spice mix"  # unknown substance: rejected
    elif kind == BAD_EVERY - 2:
        row[3] = 0.0  # zero quantity: skipped
    elif kind == BAD_EVERY - 3:
        row[0] = dt.date(2099, 1, 1)  # in the future: rejected
    elif kind == BAD_EVERY - 4:
        row[0] = "32.13.2020"  # not a date: rejected
    elif kind == BAD_EVERY - 5 and n > 10:
        return log_row(n - 10, rows)  # an exact repeat of an earlier row: skipped
    return row


def expected_added(rows: int) -> int:
    return rows - sum(1 for n in range(rows) if n % BAD_EVERY >= BAD_EVERY - 5 and not (
        n % BAD_EVERY == BAD_EVERY - 5 and n <= 10))


def _csv_cell(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    title = ["Журнал изъятий на пограничных постах, 2019-2023"]
    note = ["Источник: отдел анализа; количество в единицах изъятия"]
    csv_path = folder / "log.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerows([title, note, [], HEADER])
        writer.writerows([_csv_cell(v) for v in log_row(n, rows)] for n in range(rows))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Журнал")
    for row in (title, note, [], HEADER):
        sheet.append(row)
    for n in range(rows):
        row = log_row(n, rows)
        if isinstance(row[0], dt.date):
            row[0] = dt.datetime.combine(row[0], dt.time())  # an Excel date cell
        sheet.append(row)
    xlsx_path = folder / "log.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


# ---------------------------------------------------------------------------------------------------- databases

class Databases:
    """A fresh migrated database with the reference data for each import: an SQLite file in the folder, or a new
    database on the --pg server (dropped at the end)."""

    def __init__(self, folder: Path, pg: str | None):
        self.folder, self.pg, self.made, self.engines = folder, pg, [], []
        self.settings = Settings(data_dir=folder / "data")

    def fresh(self):
        name = f"bench_sheet_{uuid.uuid4().hex[:10]}"
        if self.pg:
            url = self._pg(name, create=True)
            self.made.append(name)
        else:
            url = f"sqlite:///{self.folder / (name + '.sqlite')}"
        engine = make_engine(url, self.settings)
        self.engines.append(engine)
        migrate.upgrade(engine, backup=False)
        seed_reference_data(engine)
        return engine

    def desk(self, engine):
        return Backend(engine, self.settings, schema=migrate.head_revision()).system_desk("bench")

    def _pg(self, name: str, create: bool) -> str:
        import psycopg

        admin = make_url(self.pg).set(drivername="postgresql")
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                conn.execute(f'CREATE DATABASE "{name}"')
        return make_url(self.pg).set(database=name).render_as_string(hide_password=False)

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        for name in self.made:
            self._pg(name, create=False)


def timed_import(desk, path: Path, expect: int, cpu: list) -> float:
    started, used = time.perf_counter(), time.process_time()
    done = desk.imports.run(path, MAPPING)
    took = time.perf_counter() - started
    cpu.append(time.process_time() - used)
    added = done.value.counts.added
    if added != expect:
        sys.exit(f"bench: {path.name} added {added} incidents, expected {expect} ({done.value.counts})")
    return took


def read_only(path: Path, cpu: list) -> float:
    started, used = time.perf_counter(), time.process_time()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    cpu.append(time.process_time() - used)
    return time.perf_counter() - started


def rollups_ok(engine) -> bool:
    report = check(engine)
    if report.rollups_ok is not True:
        sys.exit(f"bench: the rollups differ from the incidents after the import ({report.rollups_skipped})")
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="timed imports of each file (the median is reported)")
    parser.add_argument("--pg", metavar="URL", help="import into new databases on this PostgreSQL server (URL "
                        "must be able to create databases) instead of SQLite files")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is logged)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sitcentre-bench-import-"))
    dbs = Databases(folder, args.pg)
    try:
        log(f"writing {args.rows} rows as CSV and XLSX in {folder}")
        csv_path, xlsx_path = write_files(folder, args.rows)
        expect = expected_added(args.rows)
        engine = dbs.fresh()
        started = time.perf_counter()
        preview = dbs.desk(engine).imports.preview(csv_path, MAPPING)
        dry_run_s = time.perf_counter() - started
        if preview.counts.added != expect:
            sys.exit(f"bench: the dry run would add {preview.counts.added}, expected {expect} ({preview.counts})")
        csv_s, again_s, xlsx_s, raw_s = [], [], [], []
        cpu = {"csv": [], "again": [], "xlsx": [], "raw": []}
        for run in range(args.runs):
            engine = dbs.fresh()
            desk = dbs.desk(engine)
            csv_s.append(timed_import(desk, csv_path, expect, cpu["csv"]))
            again_s.append(timed_import(desk, csv_path, 0, cpu["again"]))
            if run == args.runs - 1:
                rollups_ok(engine)
            raw_s.append(read_only(xlsx_path, cpu["raw"]))
            engine = dbs.fresh()
            xlsx_s.append(timed_import(dbs.desk(engine), xlsx_path, expect, cpu["xlsx"]))
            if run == args.runs - 1:
                rollups_ok(engine)
            log(f"run {run + 1}: CSV {csv_s[-1]:.2f} s, again {again_s[-1]:.2f} s, XLSX {xlsx_s[-1]:.2f} s, "
                f"openpyxl {raw_s[-1]:.2f} s")
        csv_m, again_m, xlsx_m, raw_m = (statistics.median(x) for x in (csv_s, again_s, xlsx_s, raw_s))
        c_csv, c_again, c_xlsx, c_raw = (statistics.median(cpu[k]) for k in ("csv", "again", "xlsx", "raw"))
        emit({
            "rows": args.rows, "dialect": engine.dialect.name, "added": expect, "runs": args.runs,
            "csv_import_s": round(csv_m, 3), "csv_rows_per_s": round(args.rows / csv_m),
            "reimport_s": round(again_m, 3), "reimport_ratio": round(csv_m / again_m, 2),
            "xlsx_import_s": round(xlsx_m, 3), "xlsx_rows_per_s": round(args.rows / xlsx_m),
            "read_only_s": round(raw_m, 3), "xlsx_ratio": round(xlsx_m / raw_m, 2),
            "dry_run_s": round(dry_run_s, 3), "rollups_ok": True,
            "cpu": {"csv_import_s": round(c_csv, 3), "csv_rows_per_s": round(args.rows / c_csv),
                    "reimport_s": round(c_again, 3), "reimport_ratio": round(c_csv / c_again, 2),
                    "xlsx_import_s": round(c_xlsx, 3), "read_only_s": round(c_raw, 3),
                    "xlsx_ratio": round(c_xlsx / c_raw, 2)},
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        })
    finally:
        dbs.close()
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
