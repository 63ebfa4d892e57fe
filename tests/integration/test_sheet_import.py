"""Importing incident logs and published statistics from spreadsheets (issue 15), on SQLite and PostgreSQL.

The files are made here (openpyxl and csv) the way posts and agencies make them: title and note rows above the
header, merged header cells, Excel serial dates, dd.mm.yyyy and ISO dates, year-only and month periods, comma
decimals and space thousands, Windows-1251 text, curly quotes, odd spacing and case, unknown substances, empty and
zero quantities, repeated rows. Each row lands where it should (an incident with its seizure lines and import_*
columns, numbered, reported; or a published figure) or is skipped or rejected with its reason in words; after
every import the rollups equal a fresh aggregate and the audit chain verifies.
"""

from __future__ import annotations

import csv
import hashlib
import json
import threading
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from sqlalchemy import text

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role, Unit
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.domain.sheet_imports import ImportCancelled, ImportRefused
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import maintenance
from sitcentre.services.audit import verify_chain
from sitcentre.services.incidents import IncidentService
from sitcentre.services.sheet_import import CHUNK, ImportOptions, file_sha256, import_sheet
from sitcentre.settings import Settings
from sitcentre.sheets import Mapping, MappingKind
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user, audit_rows

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

# --- files and mappings ---------------------------------------------------------------------------------------


def write_xlsx(path: Path, rows: list[list], merges: tuple[str, ...] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Log"
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ";") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


LOG_MAPPING = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Seizure Substance", "substance"),
    ("Seizure Quantity", "quantity"), ("Seizure Unit", "unit"), ("Narrative", "narrative")))

SIMPLE_MAPPING = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Substance", "substance"), ("Quantity", "quantity"),
    ("Unit", "unit")))


def messy_log(path: Path) -> Path:
    """An incident log as a post keeps it: a title and a note, a two-row header with merged cells."""
    return write_xlsx(path, [
        ["Журнал изъятий / Seizure log, 2023"],                                          # 1
        ["Prepared by the post; figures as weighed"],                                    # 2
        [],                                                                              # 3
        ["Date", "Post", "Seizure", None, None, "Narrative"],                            # 4
        [None, None, "Substance", "Quantity", "Unit", None],                             # 5
        [datetime(2023, 3, 12, 14, 30), "BLO Kordai", "Heroin", 1.5, "kg", "в тайнике"],  # 6 added
        [45000, "KZ-KAR", "“Hashish (cannabis resin)”", "2,5", "kg", None],              # 7 added (serial)
        ["16.03.2023", "blo   KORDAI", "Ecstasy (MDMA tablets)", 1000, "tablets", None],  # 8 added
        ["17.03.2023", "BLO Kordai", "Unobtainium", 3, "kg", None],                      # 9 unknown substance
        ["18.03.2023", "BLO Kordai", "Heroin", None, "kg", None],                        # 10 empty quantity
        ["19.03.2023", "BLO Kordai", "Heroin", 0, "kg", None],                           # 11 zero quantity
        [datetime(2023, 3, 12, 14, 30), "BLO Kordai", "Heroin", 1.5, "kg", "в тайнике"],  # 12 repeats row 6
        ["20.03.2023", "Nowhere", "Opium", 4, "kg", None],                               # 13 unknown post
        ["21.03.2031", "BLO Kordai", "Opium", 4, "kg", None],                            # 14 in the future
        ["2023-03-22", "UZ-OYB", "Tramadol (tablets)", "1 000", "tab", None],            # 15 added
        ["23.03.2023", "TJ-TUR", "Acetic anhydride", "12,5", "l", None],                 # 16 added
    ], merges=("A1:F1", "A4:A5", "B4:B5", "C4:E4", "F4:F5"))


# (row, post, local wall clock, UTC time, [(substance, quantity, unit)])
MESSY_ADDED = [
    (6, "KZ-KOR", utc(2023, 3, 12, 9, 30), [("heroin", 1.5, Unit.KG)]),
    (7, "KZ-KAR", utc(2023, 3, 14, 19, 0), [("hashish", 2.5, Unit.KG)]),
    (8, "KZ-KOR", utc(2023, 3, 15, 19, 0), [("ecstasy", 1000, Unit.TABLETS)]),
    (15, "UZ-OYB", utc(2023, 3, 21, 19, 0), [("tramadol", 1000, Unit.TABLETS)]),
    (16, "TJ-TUR", utc(2023, 3, 22, 19, 0), [("acetic_anhydride", 12.5, Unit.LITRE)]),
]
MESSY_NOT_ADDED = {  # row -> (skipped?, problem code, words the reason has)
    9: (False, "unknown_substance", "'Unobtainium' is not a substance in the list"),
    10: (True, "empty_quantity", "the quantity is empty"),
    11: (True, "zero_quantity", "the quantity is zero"),
    12: (True, "duplicate", "The same as row 6"),
    13: (False, "unknown_post", "'Nowhere' is not a post in the list"),
    14: (False, "future", "is in the future"),
}


def statistics_book(path: Path) -> Path:
    return write_xlsx(path, [
        ["Drug seizures reported by member states (kg)"],                                  # 1
        ["Source: the agency's annual report questionnaire"],                               # 2
        ["Country", "Year", "Month", "Drug group", "Drug", "Kg"],                            # 3
        ["KZ", 2022, None, "Opiates", "Heroin", "1 234,5"],                                 # 4 substance, year
        ["Kazakhstan", "2023", 3, "Cannabis", None, 100],                                   # 5 group, month
        ["“Kyrgyzstan”", 2022, None, "Sedatives and tranquillizers", None, 7.25],           # 6 other
        ["UZ", 2022, None, "Precursors", "Acetic anhydride", 50],                           # 7 precursor substance
        ["TJ", 2022, None, "Прекурсоры", None, 7],                                          # 8 precursors group
        ["AF", 2022, None, None, "Any other drugs/substances", 3],                           # 9 other
        ["Atlantis", 2022, None, "Opiates", "Heroin", 1],                                   # 10 unknown country
        ["KG", 2022, None, "Cocaine", None, 0],                                             # 11 zero
        ["KG", 2031, None, "Cocaine", None, 1],                                             # 12 in the future
    ], merges=("A1:F1",))


STATISTICS_MAPPING = Mapping(MappingKind.STATISTICS, columns=(
    ("Country", "country"), ("Year", "year"), ("Month", "month"), ("Drug group", "group"), ("Drug", "substance"),
    ("Kg", "quantity")), defaults=(("unit", "kg"), ("source", "Agency ARQ")))


# --- the database, read --------------------------------------------------------------------------------------

def rows(engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


STATE_SQL = {
    "incidents": "SELECT id, number, post_id, total_kg, status, import_id, import_row, import_key FROM incidents "
                 "ORDER BY id",
    "seizure_lines": "SELECT id, incident_id, substance_id, quantity, unit, kg_equivalent FROM seizure_lines "
                     "ORDER BY id",
    "daily_seizures": "SELECT * FROM daily_seizures ORDER BY 1, 2, 3, 4",
    "daily_incidents": "SELECT * FROM daily_incidents ORDER BY 1, 2, 3",
    "audit_log": "SELECT id, action, entity, hash FROM audit_log ORDER BY id",
    "sheet_imports": "SELECT id, kind, added FROM sheet_imports ORDER BY id",
    "published_statistics": "SELECT id, row_key FROM published_statistics ORDER BY id",
    "posts": "SELECT id, last_report_at FROM posts ORDER BY id",
    "change_log": "SELECT count(*) FROM change_log",
    "incident_counters": "SELECT origin, post_id, year, last FROM incident_counters ORDER BY 1, 2, 3",
}


def state(engine) -> dict[str, list]:
    """Everything an import could change, in full (not only counts)."""
    return {name: rows(engine, sql) for name, sql in STATE_SQL.items()}


def incident_figures(engine) -> dict[str, list]:
    """What published statistics must never change: incidents, lines, totals and the daily rollups."""
    return {name: state_rows for name, state_rows in state(engine).items()
            if name in ("incidents", "seizure_lines", "daily_seizures", "daily_incidents", "posts")}


def assert_consistent(engine) -> None:
    report = maintenance.check(engine)
    assert report.rollups_ok is True, report
    assert maintenance.posts_with_wrong_last_report(engine) == []
    assert verify_chain(engine) is None, "the audit chain is broken"


def imported(engine, row: int, import_id: int) -> dict:
    """The incident imported from a row, with its lines (substance code, quantity, unit, kg, conversion)."""
    found = rows(engine, "SELECT i.id, p.code, i.occurred_at, i.number, i.status, i.import_key, i.total_kg "
                         "FROM incidents i JOIN posts p ON p.id = i.post_id "
                         "WHERE i.import_id = :import_id AND i.import_row = :row", import_id=import_id, row=row)
    assert len(found) == 1, (row, found)
    incident_id, post, occurred, number, status, key, total = found[0]
    lines = rows(engine, "SELECT s.code, l.quantity, l.unit, l.kg_equivalent, l.conversion FROM seizure_lines l "
                         "JOIN substances s ON s.id = l.substance_id WHERE l.incident_id = :id ORDER BY s.code",
                 id=incident_id)
    if isinstance(occurred, str):
        occurred = datetime.fromisoformat(occurred)
    occurred = occurred.replace(tzinfo=UTC) if occurred.tzinfo is None else occurred.astimezone(UTC)
    return dict(id=incident_id, post=post, occurred=occurred, number=number, status=status, key=key,
                total=total, lines=lines)


def settings_of(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


def run(engine, tmp_path, path, mapping, **kwargs):
    kwargs.setdefault("actor", SYSTEM)
    kwargs.setdefault("now", NOW)
    return import_sheet(engine, settings_of(tmp_path), path, mapping, **kwargs)


def add(counts) -> int:
    return counts.added + counts.present + counts.skipped + counts.rejected


# --- incident logs ---------------------------------------------------------------------------------------------

def test_each_row_of_a_messy_log_lands_where_it_should_or_says_why_not(engine, tmp_path: Path):
    path = messy_log(tmp_path / "log 2023.xlsx")
    before_audit = rows(engine, "SELECT id FROM audit_log")
    result = run(engine, tmp_path, path, LOG_MAPPING)

    assert result.header_names == ("Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit",
                                   "Narrative")
    c = result.counts
    assert (c.rows, c.added, c.present, c.skipped, c.rejected) == (11, 5, 0, 3, 3), c
    assert result.import_id is not None and not result.dry_run
    # every row added is an incident of its post and time, with its lines, numbered, reported
    keys = set()
    for row, post, occurred, lines in MESSY_ADDED:
        got = imported(engine, row, result.import_id)
        assert (got["post"], got["occurred"], got["status"]) == (post, occurred, "reported"), (row, got)
        assert got["number"], f"row {row} not numbered"
        assert len(got["key"]) == 64
        keys.add(got["key"])
        assert [(code, float(q), u) for code, q, u, _kg, _rule in got["lines"]] == \
            [(code, float(q), u.value) for code, q, u in lines], row
    assert len(keys) == len(MESSY_ADDED)
    assert scalar(engine, "SELECT count(*) FROM incidents WHERE import_id IS NOT NULL") == len(MESSY_ADDED)
    assert imported(engine, 6, result.import_id)["id"] is not None
    assert rows(engine, "SELECT narrative FROM incidents WHERE import_row = 6") == [("в тайнике",)]
    # every other row is reported with its reason in words, skipped or rejected
    outcomes = {o.row_number: o for o in result.not_added}
    assert set(outcomes) == set(MESSY_NOT_ADDED)
    for row, (skipped, code, words) in MESSY_NOT_ADDED.items():
        outcome = outcomes[row]
        assert outcome.skipped is skipped and outcome.rejected is not skipped, outcome
        assert [p.code for p in outcome.problems] == [code], outcome
        assert words in outcome.problems[0].message, outcome.problems[0].message
    # one audit entry, the chain intact, the rollups a fresh aggregate
    new_audit = [r for r in audit_rows(engine) if (r.id,) not in before_audit]
    assert [(r.action, r.entity, r.entity_id) for r in new_audit] == [("import", "sheet_import",
                                                                       str(result.import_id))]
    assert_consistent(engine)


def test_imported_lines_convert_as_the_form_converts(engine, tmp_path: Path):
    """The same seizures typed into the form give the same kg-equivalents, rules and totals."""
    result = run(engine, tmp_path, messy_log(tmp_path / "log.xlsx"), LOG_MAPPING)
    posts, subs = ids(engine)
    service = IncidentService(engine, settings_of(tmp_path))
    for row, post, occurred, lines in MESSY_ADDED:
        got = imported(engine, row, result.import_id)
        typed = service.record(incident(posts[post], occurred, *[(subs[s], q, u) for s, q, u in lines]),
                               actor=SYSTEM, allow_duplicates=True)
        form_lines = rows(engine, "SELECT s.code, l.quantity, l.unit, l.kg_equivalent, l.conversion "
                                  "FROM seizure_lines l JOIN substances s ON s.id = l.substance_id "
                                  "WHERE l.incident_id = :id ORDER BY s.code",
                          id=typed.id.hex if engine.dialect.name == "sqlite" else typed.id)
        assert got["lines"] == form_lines, row
        form_total = scalar(engine, "SELECT total_kg FROM incidents WHERE id = :id",
                            id=typed.id.hex if engine.dialect.name == "sqlite" else typed.id)
        assert got["total"] == pytest.approx(form_total, rel=1e-12), row
    tablets = imported(engine, 8, result.import_id)["lines"][0]
    assert tablets[3] == pytest.approx(0.25) and "tablets x 250 mg" in tablets[4], tablets
    assert_consistent(engine)


def test_a_windows_1251_csv_with_russian_names_and_comma_decimals(engine, tmp_path: Path):
    path = write_csv(tmp_path / "журнал.csv", [
        ["Журнал изъятий за 2023 год"],
        [],
        ["Дата", "Пост", "Вещество", "Количество", "Ед.", "Примечание"],
        ["12.03.2023", "BLO Kordai", "героин", "1 234,5", "кг", "«в бензобаке»"],
        ["13.03.2023", "Kz-Kar", "Гашиш", "0,75", "г", "под сиденьем"],
        ["14.03.2023", "BLO Kordai", "героин", "", "кг", ""],
        ["15.03.2023", "BLO Kordai", "мескалин", "1", "кг", ""],
    ], encoding="cp1251")
    mapping = Mapping(MappingKind.INCIDENTS, columns=(
        ("Дата", "occurred_at"), ("Пост", "post"), ("Вещество", "substance"), ("Количество", "quantity"),
        ("Ед.", "unit"), ("Примечание", "narrative"))).with_alias("substance", "Героин", "heroin") \
        .with_alias("substance", "гашиш", "hashish")
    result = run(engine, tmp_path, path, mapping)
    c = result.counts
    assert (c.rows, c.added, c.skipped, c.rejected) == (4, 2, 1, 1), c
    heroin = imported(engine, 4, result.import_id)
    assert heroin["lines"] == [("heroin", 1234.5, "kg", 1234.5, "1,234.5 kg as recorded")]
    assert heroin["occurred"] == utc(2023, 3, 11, 19, 0)
    hashish = imported(engine, 5, result.import_id)
    assert hashish["post"] == "KZ-KAR" and hashish["lines"][0][:4] == ("hashish", 0.75, "g", 0.00075)
    narratives = rows(engine, "SELECT import_row, narrative FROM incidents WHERE import_id = :i ORDER BY import_row",
                      i=result.import_id)
    assert narratives == [(4, "«в бензобаке»"), (5, "под сиденьем")]
    problems = {o.row_number: o.problems[0].message for o in result.not_added}
    assert "'мескалин' is not a substance in the list" in problems[7]
    assert "the quantity is empty" in problems[6]
    assert_consistent(engine)


def clean_rows(start: int, stop: int) -> list[list]:
    """Valid rows, one incident each, all different (the quantity is 1 + i): row i is on day i % 1500 from 2020
    at post KZ-KOR or KZ-KAR."""
    out = []
    for i in range(start, stop):
        day = date.fromordinal(date(2020, 1, 1).toordinal() + i % 1500)
        out.append([day.strftime("%d.%m.%Y"), "KZ-KOR" if i % 2 else "KZ-KAR", "Heroin" if i % 3 else "Opium",
                    f"{1 + i},{i % 10}", "kg"])
    return out


HEADER = ["Date", "Post", "Substance", "Quantity", "Unit"]


def test_reimporting_a_file_adds_nothing(engine, tmp_path: Path):
    path = write_csv(tmp_path / "log.csv", [["Seizures 2023"], HEADER, *clean_rows(0, 30)])
    first = run(engine, tmp_path, path, SIMPLE_MAPPING)
    assert (first.counts.rows, first.counts.added) == (30, 30)
    after_first = incident_figures(engine)
    again = run(engine, tmp_path, path, SIMPLE_MAPPING)
    assert again.counts.present == again.counts.rows == 30 and again.counts.added == 0, again.counts
    assert all(o.problems[0].code == "already_imported" and "Already imported" in o.problems[0].message
               for o in again.not_added)
    assert incident_figures(engine) == after_first
    # the messy file too: its added rows are present, its other rows what they were
    messy = messy_log(tmp_path / "messy.xlsx")
    once = run(engine, tmp_path, messy, LOG_MAPPING)
    twice = run(engine, tmp_path, messy, LOG_MAPPING)
    assert (twice.counts.added, twice.counts.present) == (0, once.counts.added)
    assert (twice.counts.skipped, twice.counts.rejected) == (once.counts.skipped, once.counts.rejected)
    assert scalar(engine, "SELECT count(*) FROM incidents") == 30 + len(MESSY_ADDED)
    assert_consistent(engine)


def test_a_later_overlapping_file_adds_only_its_new_rows(engine, tmp_path: Path):
    first = write_csv(tmp_path / "jan-jun.csv", [HEADER, *clean_rows(0, 20)])
    assert run(engine, tmp_path, first, SIMPLE_MAPPING).counts.added == 20
    # the next file: another layout (columns in another order, an XLSX, a title), rows 10..29 in reverse order
    later_rows = [[r[2], r[0], r[4], r[3], r[1]] for r in reversed(clean_rows(10, 30))]
    later = write_xlsx(tmp_path / "apr-dec.xlsx", [["Second half"], ["Substance", "Date", "Unit", "Quantity",
                                                                    "Post"], *later_rows])
    mapping = Mapping(MappingKind.INCIDENTS, columns=(
        ("Substance", "substance"), ("Date", "occurred_at"), ("Unit", "unit"), ("Quantity", "quantity"),
        ("Post", "post")))
    result = run(engine, tmp_path, later, mapping)
    assert (result.counts.rows, result.counts.added, result.counts.present) == (20, 10, 10), result.counts
    assert scalar(engine, "SELECT count(*) FROM incidents") == 30
    assert scalar(engine, "SELECT count(DISTINCT import_key) FROM incidents") == 30
    assert_consistent(engine)


def test_a_row_like_an_incident_already_typed_is_a_likely_duplicate(engine, tmp_path: Path):
    posts, subs = ids(engine)
    typed = IncidentService(engine, settings_of(tmp_path)).record(
        incident(posts["KZ-KOR"], utc(2023, 3, 12, 9, 30), (subs["heroin"], 10.0, Unit.KG)), actor=SYSTEM)
    path = write_csv(tmp_path / "log.csv", [HEADER,
                                            ["12.03.2023 20:00", "KZ-KOR", "Heroin", "10,4", "kg"],   # similar
                                            ["12.03.2023 20:00", "KZ-KOR", "Heroin", "25", "kg"],     # not similar
                                            ["12.03.2023 20:00", "KZ-KAR", "Heroin", "10", "kg"],     # other post
                                            ["20.03.2023", "KZ-KOR", "Heroin", "10", "kg"]])          # a week on
    dry = run(engine, tmp_path, path, SIMPLE_MAPPING, dry_run=True)
    assert (dry.counts.added, dry.counts.skipped) == (3, 1), dry.counts
    [likely] = dry.not_added
    assert likely.row_number == 2 and likely.skipped and likely.problems[0].code == "likely_duplicate"
    assert f"Looks like incident {typed.number}" in likely.problems[0].message
    result = run(engine, tmp_path, path, SIMPLE_MAPPING)
    assert result.counts == dry.counts
    assert scalar(engine, "SELECT count(*) FROM incidents") == 4
    kept = run(engine, tmp_path, path, SIMPLE_MAPPING, options=ImportOptions(keep_likely_duplicates=True))
    assert (kept.counts.added, kept.counts.present) == (1, 3), kept.counts
    assert rows(engine, "SELECT import_row FROM incidents WHERE import_id = :i", i=kept.import_id) == [(2,)]
    assert_consistent(engine)


def test_a_dry_run_writes_nothing_and_counts_what_the_import_does(engine, tmp_path: Path):
    path = messy_log(tmp_path / "log.xlsx")
    before = state(engine)
    dry = run(engine, tmp_path, path, LOG_MAPPING, dry_run=True)
    assert dry.dry_run and dry.import_id is None and dry.audit_id is None
    assert state(engine) == before
    assert dry.preview and dry.preview[0].row_number == 6 and dry.preview[0].accepted
    real = run(engine, tmp_path, path, LOG_MAPPING)
    assert real.counts == dry.counts
    assert [(o.row_number, [p.code for p in o.problems]) for o in real.not_added] == \
        [(o.row_number, [p.code for p in o.problems]) for o in dry.not_added]


def test_one_audit_entry_per_import_naming_the_file_the_mapping_and_the_counts(engine, tmp_path: Path):
    path = messy_log(tmp_path / "log.xlsx")
    results = [run(engine, tmp_path, path, LOG_MAPPING) for _ in range(2)]
    entries = audit_rows(engine, entity="sheet_import")
    assert len(entries) == 2
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert file_sha256(path) == digest
    for entry, result in zip(entries, results, strict=True):
        assert entry.action == "import" and entry.entity_id == str(result.import_id) and entry.id == result.audit_id
        after = json.loads(entry.after_json)
        assert after["file"] == "log.xlsx" and after["file_sha256"] == digest == result.file_sha256
        assert after["mapping_sha256"] == LOG_MAPPING.identity and after["kind"] == "incidents"
        c = result.counts
        assert (after["rows"], after["added"], after["already_present"], after["skipped"], after["rejected"]) == \
            (c.rows, c.added, c.present, c.skipped, c.rejected)
        assert Mapping.from_dict(after["mapping"]).identity == LOG_MAPPING.identity  # the audit sorts keys
    assert [json.loads(e.after_json)["added"] for e in entries] == [5, 0]
    assert len(audit_rows(engine)) == 2  # no audit row per incident: the import is one entry
    imports = rows(engine, "SELECT id, kind, file_name, file_sha256, added FROM sheet_imports ORDER BY id")
    assert imports == [(results[0].import_id, "incidents", "log.xlsx", digest, 5),
                       (results[1].import_id, "incidents", "log.xlsx", digest, 0)]
    assert verify_chain(engine) is None


@pytest.mark.parametrize("kind", ["incidents", "statistics"])
def test_a_cancelled_import_leaves_the_database_exactly_as_before(engine, tmp_path: Path, kind: str):
    run(engine, tmp_path, write_csv(tmp_path / "earlier.csv", [HEADER, *clean_rows(0, 5)]), SIMPLE_MAPPING)
    if kind == "incidents":
        # more rows than one chunk: the cancel comes between two chunks written
        path, mapping = write_csv(tmp_path / "big.csv", [HEADER, *clean_rows(5, 5 + CHUNK + 100)]), SIMPLE_MAPPING
    else:
        path, mapping = statistics_book(tmp_path / "stats.xlsx"), STATISTICS_MAPPING
    before = state(engine)
    calls: list[tuple] = []
    with pytest.raises(ImportCancelled, match="cancelled. Nothing was imported"):
        run(engine, tmp_path, path, mapping, progress=lambda *a: calls.append(a),
            cancelled=lambda: any(phase == "writing" for phase, *_ in calls))
    assert any(phase == "writing" for phase, *_ in calls), calls  # it was cancelled while writing
    assert state(engine) == before
    assert_consistent(engine)
    done = run(engine, tmp_path, path, mapping)  # and the import runs whole afterwards
    assert done.counts.added == (CHUNK + 100 if kind == "incidents" else 6)


def test_cancel_while_reading_writes_nothing(engine, tmp_path: Path):
    path = write_csv(tmp_path / "big.csv", [HEADER, *clean_rows(0, 5000)])
    before = state(engine)
    seen: list[tuple] = []
    with pytest.raises(ImportCancelled):
        run(engine, tmp_path, path, SIMPLE_MAPPING, progress=lambda *a: seen.append(a), cancelled=lambda: bool(seen))
    assert seen and all(phase == "reading" for phase, *_ in seen)
    assert state(engine) == before


# --- published statistics --------------------------------------------------------------------------------------

def test_published_statistics_land_in_their_own_table(engine, tmp_path: Path):
    run(engine, tmp_path, write_csv(tmp_path / "log.csv", [HEADER, *clean_rows(0, 10)]), SIMPLE_MAPPING)
    figures = incident_figures(engine)
    path = statistics_book(tmp_path / "arq.xlsx")
    result = run(engine, tmp_path, path, STATISTICS_MAPPING)
    c = result.counts
    assert (c.rows, c.added, c.skipped, c.rejected) == (9, 6, 1, 2), (c, result.not_added)
    got = {r[0]: r[1:] for r in rows(engine, """
        SELECT ps.import_row, ps.country_code, ps.period_kind, ps.period_start, ps.period_end, s.code,
               ps.substance_group, ps.other_name, ps.quantity, ps.unit, ps.kg_equivalent, ps.source
        FROM published_statistics ps LEFT JOIN substances s ON s.id = ps.substance_id""")}

    def period(kind, start, end):
        return (kind, str(start), str(end))

    def shown(r):
        return (r[0], *period(r[1], r[2], r[3]), *r[4:])

    assert {k: shown(v) for k, v in got.items()} == {
        4: ("KZ", *period("year", "2022-01-01", "2022-12-31"), "heroin", "opiates", None, 1234.5, "kg", 1234.5,
            "Agency ARQ"),
        5: ("KZ", *period("month", "2023-03-01", "2023-03-31"), None, "cannabis", None, 100.0, "kg", 100.0,
            "Agency ARQ"),
        6: ("KG", *period("year", "2022-01-01", "2022-12-31"), None, None, "Sedatives and tranquillizers", 7.25,
            "kg", 7.25, "Agency ARQ"),
        7: ("UZ", *period("year", "2022-01-01", "2022-12-31"), "acetic_anhydride", "precursors", None, 50.0, "kg",
            50.0, "Agency ARQ"),
        8: ("TJ", *period("year", "2022-01-01", "2022-12-31"), None, "precursors", None, 7.0, "kg", 7.0,
            "Agency ARQ"),
        9: ("AF", *period("year", "2022-01-01", "2022-12-31"), None, None, "Any other drugs/substances", 3.0, "kg",
            3.0, "Agency ARQ"),
    }
    reasons = {o.row_number: (o.skipped, o.problems[0].code, o.problems[0].message) for o in result.not_added}
    assert reasons[10][:2] == (False, "unknown_country") and "'Atlantis' is not a country" in reasons[10][2]
    assert reasons[11][:2] == (True, "zero_quantity")
    assert reasons[12][:2] == (False, "future") and "2031" in reasons[12][2]
    # never incidents, never in the totals or the rollups
    assert incident_figures(engine) == figures
    assert rows(engine, "SELECT kind, added FROM sheet_imports ORDER BY id")[-1] == ("statistics", 6)
    assert_consistent(engine)
    # again: nothing new; with published zeros kept, the zero only
    again = run(engine, tmp_path, path, STATISTICS_MAPPING)
    assert (again.counts.added, again.counts.present) == (0, 6)
    zeros = run(engine, tmp_path, path, STATISTICS_MAPPING, options=ImportOptions(keep_zero_quantities=True))
    assert (zeros.counts.added, zeros.counts.present) == (1, 6)
    assert incident_figures(engine) == figures
    assert_consistent(engine)


def test_a_period_column_reads_years_and_months_and_keeps_others_or_refuses_them(engine, tmp_path: Path):
    path = write_csv(tmp_path / "national.csv", [
        ["National totals"],
        ["Period", "Country", "Category", "Quantity", "Unit"],
        ["2021", "Kazakhstan", "Heroin", "12,5", "kg"],
        ["03.2023", "KZ", "Sedatives and tranquillizers", "1 000", "kg"],
        ["2023-04", "KZ", "ATS", "2", "kg"],
    ])
    columns = (("Period", "period"), ("Country", "country"), ("Category", "category"), ("Quantity", "quantity"),
               ("Unit", "unit"))
    refused = run(engine, tmp_path, path, Mapping(MappingKind.STATISTICS, columns=columns, keep_other=False),
                  dry_run=True)
    assert (refused.counts.added, refused.counts.rejected) == (2, 1)
    assert refused.not_added[0].problems[0].code == "unknown_category"
    kept = run(engine, tmp_path, path, Mapping(MappingKind.STATISTICS, columns=columns))
    assert kept.counts.added == 3
    assert rows(engine, "SELECT period_kind, other_name, substance_group FROM published_statistics "
                        "ORDER BY import_row") == [("year", None, "opiates"),
                                                   ("month", "Sedatives and tranquillizers", None),
                                                   ("month", None, "ats")]


# --- who may import ---------------------------------------------------------------------------------------------

def test_who_may_import_what(engine, tmp_path: Path):
    settings = settings_of(tmp_path)
    operator = add_user(engine, settings, "oper", Role.OPERATOR, post_code="KZ-KOR")
    supervisor = add_user(engine, settings, "super", Role.SUPERVISOR)
    admin = add_user(engine, settings, "admin", Role.ADMIN)
    own_post = write_csv(tmp_path / "kor.csv", [HEADER, *[r for r in clean_rows(0, 10) if r[1] == "KZ-KOR"]])
    stats = statistics_book(tmp_path / "arq.xlsx")
    before = state(engine)

    with pytest.raises(PermissionDenied, match="import published statistics"):
        run(engine, tmp_path, stats, STATISTICS_MAPPING, actor=operator)
    for path, mapping in ((own_post, SIMPLE_MAPPING), (stats, STATISTICS_MAPPING)):
        with pytest.raises(PermissionDenied):
            run(engine, tmp_path, path, mapping, actor=admin)
    refusals = audit_rows(engine, action="refused")
    assert [(r.username, r.entity, r.entity_id, json.loads(r.after_json)["action"]) for r in refusals] == [
        ("oper", "sheet_import", "arq.xlsx", "sheet.import_statistics"),
        ("admin", "sheet_import", "kor.csv", "sheet.import_incidents"),
        ("admin", "sheet_import", "arq.xlsx", "sheet.import_statistics")]
    after_refusals = state(engine)
    assert {k: v for k, v in after_refusals.items() if k != "audit_log"} == \
        {k: v for k, v in before.items() if k != "audit_log"}

    logged = run(engine, tmp_path, own_post, SIMPLE_MAPPING, actor=operator)
    assert logged.counts.added == 5
    assert rows(engine, "SELECT DISTINCT recorded_by FROM incidents") == [(operator.id,)]
    assert rows(engine, "SELECT imported_by FROM sheet_imports") == [(operator.id,)]
    assert run(engine, tmp_path, stats, STATISTICS_MAPPING, actor=supervisor).counts.added == 6
    assert_consistent(engine)


def test_an_operator_of_one_post_cannot_import_another_posts_log(engine, tmp_path: Path):
    """With the setting that keeps operators to their own post, a log naming another post is refused whole."""
    settings = Settings(data_dir=tmp_path, operators_all_posts=False)
    operator = add_user(engine, settings, "oper", Role.OPERATOR, post_code="KZ-KOR")
    both_posts = write_csv(tmp_path / "both.csv", [HEADER, *clean_rows(0, 4)])
    before = state(engine)
    with pytest.raises(PermissionDenied, match="own post"):
        import_sheet(engine, settings, both_posts, SIMPLE_MAPPING, actor=operator, now=NOW)
    assert {k: v for k, v in state(engine).items() if k != "audit_log"} == \
        {k: v for k, v in before.items() if k != "audit_log"}
    assert [r.entity for r in audit_rows(engine, action="refused")] == ["sheet_import"]


# --- two imports of one file at once, and the Mac date system ---------------------------------------------------

@pytest.mark.parametrize("kind", ["incidents", "statistics"])
def test_an_import_overtaken_by_another_of_the_same_rows_is_refused_whole(engine, tmp_path: Path, kind: str):
    """The second import checked the rows before the first committed them: the unique row keys refuse its
    write, in words, and the database is as the first import left it."""
    if kind == "incidents":
        path, mapping = write_csv(tmp_path / "log.csv", [HEADER, *clean_rows(0, 20)]), SIMPLE_MAPPING
        options = ImportOptions(keep_likely_duplicates=True)  # else the first's incidents are likely duplicates
    else:
        path, mapping, options = statistics_book(tmp_path / "arq.xlsx"), STATISTICS_MAPPING, ImportOptions()
    first: list = []

    def meanwhile(phase: str, done: int, total: int | None) -> None:
        if phase == "reading" and done == total and not first:  # the second has read and checked the file
            first.append(run(engine, tmp_path, path, mapping))

    with pytest.raises(ImportRefused, match="Another import added some of these rows meanwhile") as refused:
        run(engine, tmp_path, path, mapping, options=options, progress=meanwhile)
    assert refused.value.code == "conflict"
    assert first and first[0].counts.added == (20 if kind == "incidents" else 6)
    assert rows(engine, "SELECT count(*) FROM sheet_imports") == [(1,)]
    assert len(audit_rows(engine, entity="sheet_import")) == 1
    assert_consistent(engine)


def test_serial_dates_of_a_workbook_in_the_1904_date_system(engine, tmp_path: Path):
    workbook = openpyxl.Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    for row in ([*HEADER], [45000 - 1462, "KZ-KOR", "Heroin", 1, "kg"], [datetime(2023, 3, 16), "KZ-KOR", "Opium",
                                                                          2, "kg"]):
        sheet.append(row)
    workbook.save(tmp_path / "mac.xlsx")
    result = run(engine, tmp_path, tmp_path / "mac.xlsx", SIMPLE_MAPPING)
    assert result.counts.added == 2, result.not_added
    assert imported(engine, 2, result.import_id)["occurred"] == utc(2023, 3, 14, 19, 0)  # 15 March at the post
    assert imported(engine, 3, result.import_id)["occurred"] == utc(2023, 3, 15, 19, 0)


# --- several lines a row, numbers, last reports ------------------------------------------------------------------

TWO_LINES = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Substance", "substance"), ("Quantity", "quantity"),
    ("Unit", "unit"), ("Substance 2", "substance_2"), ("Quantity 2", "quantity_2"), ("Unit 2", "unit_2"),
    ("Substance 3", "substance_3"), ("Quantity 3", "quantity_3")))


def test_rows_of_several_lines_get_the_totals_numbers_and_last_reports_typed_ones_get(engine, tmp_path: Path):
    posts, subs = ids(engine)
    service = IncidentService(engine, settings_of(tmp_path))
    early = service.record(incident(posts["KZ-KOR"], utc(2023, 1, 2, 5), (subs["heroin"], 1.0, Unit.KG)),
                           actor=SYSTEM)
    recent = service.record(incident(posts["KZ-KOR"], utc(2026, 5, 20, 5), (subs["opium"], 1.0, Unit.KG)),
                            actor=SYSTEM)
    path = write_xlsx(tmp_path / "lines.xlsx", [
        ["Date", "Post", "Substance", "Quantity", "Unit", "Substance 2", "Quantity 2", "Unit 2", "Substance 3",
         "Quantity 3"],
        ["05.03.2023 10:00", "KZ-KOR", "Heroin", "2,5", "kg", "Ecstasy (MDMA tablets)", 400, "tablets", None, None],
        ["04.03.2023 10:00", "KZ-KOR", "Opium", 3, "kg", "Hashish (cannabis resin)", 500, "g", "Tramadol (tablets)",
         1000],
        ["06.03.2023", "KZ-KOR", "Methamphetamine", "0,2", "kg", None, None, None, None, None],
        ["01.02.2023", "KZ-KAR", "Cocaine", 1, "kg", "Heroin", 1, "kg", None, None],
        ["01.02.2024", "KZ-KAR", "Cocaine", 1, "kg", "Unobtainium", 1, "kg", None, None],  # one bad line: rejected
    ])
    result = run(engine, tmp_path, path, TWO_LINES)
    assert (result.counts.added, result.counts.rejected) == (4, 1), result.not_added
    shape = {row: [len(imported(engine, row, result.import_id)["lines"])] for row in (2, 3, 4, 5)}
    assert shape == {2: [2], 3: [3], 4: [1], 5: [2]}
    # totals, substance lists and sorting as the triggers give a typed incident with the same lines
    columns = "total_kg, substances, substance_sort, local_date, reported_at"
    for row, lines in {2: [("heroin", 2.5, Unit.KG), ("ecstasy", 400, Unit.TABLETS)],
                       3: [("opium", 3, Unit.KG), ("hashish", 500, Unit.G), ("tramadol", 1000, Unit.TABLETS)],
                       5: [("cocaine", 1, Unit.KG), ("heroin", 1, Unit.KG)]}.items():
        got = imported(engine, row, result.import_id)
        twin = service.record(incident(posts[got["post"]], got["occurred"], *[(subs[s], q, u) for s, q, u in lines]),
                              actor=SYSTEM, allow_duplicates=True)
        twin_id = twin.id.hex if engine.dialect.name == "sqlite" else twin.id
        assert rows(engine, f"SELECT {columns} FROM incidents WHERE id = :id", id=got["id"]) == \
            rows(engine, f"SELECT {columns} FROM incidents WHERE id = :id", id=twin_id), row
        assert sorted(got["lines"]) == sorted(rows(
            engine, "SELECT s.code, l.quantity, l.unit, l.kg_equivalent, l.conversion FROM seizure_lines l JOIN "
                    "substances s ON s.id = l.substance_id WHERE l.incident_id = :id", id=twin_id)), row
    assert imported(engine, 3, result.import_id)["total"] == pytest.approx(3 + 0.5 + 0.2)
    # numbers: per post and post-local year of occurrence (as number_unnumbered gives them; a typed one takes the
    # year it is typed in), in order of occurrence, and the counters moved on for the next import
    tag = early.number.split("-2026-")[0].split("-", 1)[1]  # the installation's origin, e.g. C
    assert [imported(engine, row, result.import_id)["number"] for row in (3, 2, 4, 5)] == \
        [f"KOR-{tag}-2023-0001", f"KOR-{tag}-2023-0002", f"KOR-{tag}-2023-0003", f"KAR-{tag}-2023-0001"]
    more = run(engine, tmp_path, write_csv(tmp_path / "more.csv", [HEADER, ["01.01.2023", "KZ-KOR", "Opium", "9",
                                                                             "kg"]]), SIMPLE_MAPPING)
    assert imported(engine, 2, more.import_id)["number"] == f"KOR-{tag}-2023-0004"
    # the post's last report is still its latest incident's (typed in 2026), not the import's
    assert recent.number and maintenance.posts_with_wrong_last_report(engine) == []
    assert_consistent(engine)


def test_imported_rows_among_incidents_without_numbers_are_numbered_with_them(engine, tmp_path: Path):
    posts, subs = ids(engine)
    IncidentService(engine, settings_of(tmp_path)).record(
        incident(posts["KZ-KOR"], utc(2023, 3, 1, 5), (subs["heroin"], 1.0, Unit.KG)), actor=SYSTEM)
    with engine.begin() as conn:  # as a program that does not number them leaves incidents
        conn.execute(text("UPDATE incidents SET number = NULL"))
    result = run(engine, tmp_path, write_csv(tmp_path / "log.csv", [HEADER, *clean_rows(0, 6)]), SIMPLE_MAPPING)
    assert result.counts.added == 6
    assert scalar(engine, "SELECT count(*) FROM incidents WHERE number IS NULL") == 0
    assert scalar(engine, "SELECT count(DISTINCT number) FROM incidents") == 7
    assert_consistent(engine)


def test_rows_deleted_since_are_imported_again_and_edited_ones_stay_present(engine, tmp_path: Path):
    """A second import of the very same file with the same mapping: the rows still there are present (by their row
    numbers or keys), a row whose incident was deleted since comes back, an edited one stays as edited."""
    path = messy_log(tmp_path / "log.xlsx")
    first = run(engine, tmp_path, path, LOG_MAPPING)
    service = IncidentService(engine, settings_of(tmp_path))
    gone = imported(engine, 7, first.import_id)
    service.delete(uuid.UUID(str(gone["id"])), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        edited = IncidentRepository(uow.session).get(uuid.UUID(str(imported(engine, 6, first.import_id)["id"])))
    service.update(replace(edited, narrative="checked by the lab"), actor=SYSTEM)
    again = run(engine, tmp_path, path, LOG_MAPPING)
    assert (again.counts.added, again.counts.present) == (1, len(MESSY_ADDED) - 1), again.counts
    assert (again.counts.skipped, again.counts.rejected) == (first.counts.skipped, first.counts.rejected)
    back = imported(engine, 7, again.import_id)
    assert (back["post"], back["occurred"], back["key"]) == (gone["post"], gone["occurred"], gone["key"])
    assert back["lines"] == gone["lines"]
    assert rows(engine, "SELECT narrative FROM incidents WHERE import_row = 6") == [("checked by the lab",)]
    present = {o.row_number for o in again.not_added if o.problems[0].code == "already_imported"}
    assert present == {6, 8, 15, 16}
    assert_consistent(engine)


def test_the_same_file_again_with_other_choices_adds_what_the_choices_now_let_in(engine, tmp_path: Path):
    path = messy_log(tmp_path / "log.xlsx")
    first = run(engine, tmp_path, path, LOG_MAPPING)
    # the repeated row (12, the same as row 6) kept this time: row 6's incident is recorded now, so it is a
    # likely duplicate of it unless those are kept too; then it is added once, as a second incident
    repeats = run(engine, tmp_path, path, LOG_MAPPING, options=ImportOptions(keep_repeated_rows=True),
                  dry_run=True)
    assert [(o.row_number, o.problems[0].code) for o in repeats.not_added if o.row_number == 12] == \
        [(12, "likely_duplicate")]
    both = ImportOptions(keep_repeated_rows=True, keep_likely_duplicates=True)
    repeats = run(engine, tmp_path, path, LOG_MAPPING, options=both)
    assert (repeats.counts.added, repeats.counts.present) == (1, first.counts.added), repeats.counts
    assert rows(engine, "SELECT import_row FROM incidents WHERE import_id = :i", i=repeats.import_id) == [(12,)]
    assert run(engine, tmp_path, path, LOG_MAPPING, options=both, dry_run=True).counts.added == 0
    # the mapping taught what 'Unobtainium' is: row 9 is added, the rest present or as they were
    taught = LOG_MAPPING.with_alias("substance", "unobtainium", "opium")
    again = run(engine, tmp_path, path, taught)
    assert (again.counts.added, again.counts.present) == (1, first.counts.added), again.counts
    assert imported(engine, 9, again.import_id)["lines"][0][:3] == ("opium", 3.0, "kg")
    assert {o.row_number for o in again.not_added if o.problems[0].code == "duplicate"} == {12}
    assert_consistent(engine)


def test_a_utf8_bom_csv_with_commas_and_quoted_separators_and_line_breaks(engine, tmp_path: Path):
    path = write_csv(tmp_path / "log.csv", [
        ["Date", "Post", "Substance", "Quantity", "Unit", "Narrative"],
        ["01.02.2023", "KG-DOS", "Heroin", "1.5", "kg", 'in a tyre, wrapped; "taped"\nsecond line'],
        ["02.02.2023", "UZ-OYB", "“Opium”", "2", "kg", "«под сиденьем»"],
    ], encoding="utf-8-sig", delimiter=",")
    mapping = Mapping(MappingKind.INCIDENTS, columns=(*SIMPLE_MAPPING.columns, ("Narrative", "narrative")))
    result = run(engine, tmp_path, path, mapping)
    assert result.counts.added == 2, result.not_added
    assert rows(engine, "SELECT import_row, narrative FROM incidents ORDER BY import_row") == [
        (2, 'in a tyre, wrapped; "taped" second line'), (3, "«под сиденьем»")]  # text read as shown: spacing folded
    # the day in the file is the incident's local day at its post (KG is UTC+6, UZ UTC+5)
    assert [(r[0], str(r[1])[:10]) for r in rows(engine, "SELECT import_row, local_date FROM incidents "
                                                         "ORDER BY import_row")] == [(2, "2023-02-01"),
                                                                                     (3, "2023-02-02")]
    assert imported(engine, 2, result.import_id)["occurred"] == utc(2023, 1, 31, 18, 0)
    assert_consistent(engine)


def test_permission_is_checked_before_a_dry_run_reads_the_file(engine, tmp_path: Path):
    operator = add_user(engine, settings_of(tmp_path), "oper", Role.OPERATOR, post_code="KZ-KOR")
    with pytest.raises(PermissionDenied):
        run(engine, tmp_path, statistics_book(tmp_path / "arq.xlsx"), STATISTICS_MAPPING, actor=operator,
            dry_run=True)
    assert [r.entity for r in audit_rows(engine, action="refused")] == ["sheet_import"]


def test_two_imports_at_once_of_other_rows_of_the_same_posts_and_years_both_land(engine, tmp_path: Path):
    """The second starts writing while the first holds its numbers uncommitted (it waits for it): its numbers
    follow the first's, nothing is refused."""
    first_file = write_csv(tmp_path / "a.csv", [HEADER, *clean_rows(0, 20)])
    second_file = write_csv(tmp_path / "b.csv", [HEADER, *clean_rows(20, 40)])  # the same posts, the same year
    second: list = []

    def import_second() -> None:
        try:
            second.append(run(engine, tmp_path, second_file, SIMPLE_MAPPING))
        except Exception as exc:  # reported below
            second.append(exc)

    thread = threading.Thread(target=import_second)

    def meanwhile(phase: str, done: int, total: int | None) -> None:
        if phase == "writing" and not thread.is_alive() and not second:
            thread.start()
            thread.join(timeout=2.0)  # it reads and checks the file, then waits for this import to commit

    first = run(engine, tmp_path, first_file, SIMPLE_MAPPING, progress=meanwhile)
    thread.join(timeout=60)
    assert first.counts.added == 20
    assert len(second) == 1 and not isinstance(second[0], Exception), second
    assert second[0].counts.added == 20
    numbers = [r[0] for r in rows(engine, "SELECT number FROM incidents")]
    assert len(numbers) == 40 and len(set(numbers)) == 40 and None not in numbers
    assert_consistent(engine)


def test_rows_the_form_would_refuse_are_rejected_with_the_forms_words(engine, tmp_path: Path):
    mapping = Mapping(MappingKind.INCIDENTS, columns=(
        *SIMPLE_MAPPING.columns, ("Concealment", "concealment"), ("Detained", "persons_detained"),
        ("Transit", "route_transit"), ("Mass", "mass_per_tablet_mg"), ("Type", "transport_mode")))
    path = write_xlsx(tmp_path / "odd.xlsx", [
        [*HEADER, "Concealment", "Detained", "Transit", "Mass", "Type"],
        ["01.03.2023", "KZ-KOR", "Heroin", 1, "kg", "x" * 501, None, None, None, None],             # too long
        ["02.03.2023", "KZ-KOR", "Heroin", 1, "kg", None, 20_000, None, None, None],               # too many
        ["03.03.2023", "KZ-KOR", "Heroin", 1, "kg", None, "2,5", None, None, None],                # not whole
        ["04.03.2023", "KZ-KOR", "Ecstasy (MDMA tablets)", 100, "tablets", None, None, None, 5000, None],
        ["05.03.2023", "KZ-KOR", "Heroin", 1, "kg", None, None, "Atlantis", None, None],           # no country
        ["06.03.2023", "KZ-KOR", "Heroin", 1, "kg", None, None, None, None, "camel"],              # no such mode
        ["07.03.2023", "KZ-KOR", "Heroin", 2_000_000, "kg", None, None, None, None, None],         # too much
        ["08.03.2023", "KZ-KOR", "Heroin", 1, "kg", "in the spare tyre", 2, "Kyrgyzstan, UZ", None, "truck"],
    ])
    result = run(engine, tmp_path, path, mapping)
    assert (result.counts.added, result.counts.rejected) == (1, 7), result.not_added
    reasons = {o.row_number: " ".join(p.message for p in o.problems) for o in result.not_added}
    assert "too long" in reasons[2] and "500" in reasons[2]
    assert "10,000" in reasons[3]
    assert reasons[4] == "'Detained': '2,5' is not a number of persons: write a whole number from 0."
    assert "mass per tablet" in reasons[5] and "2,000 mg" in reasons[5]
    assert "'Atlantis' is not a country" in reasons[6] and "'camel' is not one of" in reasons[7]
    assert "more than one line can hold (1,000,000 kg)" in reasons[8]
    assert all("Traceback" not in words for words in reasons.values())
    assert rows(engine, "SELECT concealment, persons_detained, route_transit, transport_mode FROM incidents") == [
        ("in the spare tyre", 2, "KG,UZ", "truck")]
    assert_consistent(engine)


def test_the_mappings_worksheet_is_read_and_a_missing_one_is_refused_in_words(engine, tmp_path: Path):
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Notes"
    notes.append(["This workbook holds the 2023 log on the next sheet."])
    data = workbook.create_sheet("Журнал 2023")
    for row in ([None], ["Log"], HEADER, ["01.03.2023", "KZ-KOR", "Heroin", "1,25", "kg"]):
        data.append(row)
    workbook.save(tmp_path / "book.xlsx")
    named = Mapping(MappingKind.INCIDENTS, columns=SIMPLE_MAPPING.columns, sheet="Журнал 2023")
    result = run(engine, tmp_path, tmp_path / "book.xlsx", named)
    assert (result.sheet, result.counts.added) == ("Журнал 2023", 1)
    assert imported(engine, 4, result.import_id)["lines"][0][:2] == ("heroin", 1.25)
    missing = Mapping(MappingKind.INCIDENTS, columns=SIMPLE_MAPPING.columns, sheet="Log 2024")
    with pytest.raises(ImportRefused, match="Log 2024") as refused:
        run(engine, tmp_path, tmp_path / "book.xlsx", missing)
    assert "Traceback" not in str(refused.value)
    with pytest.raises(ImportRefused):  # the first sheet holds a note and no header
        run(engine, tmp_path, tmp_path / "book.xlsx", SIMPLE_MAPPING)
    assert scalar(engine, "SELECT count(*) FROM sheet_imports") == 1


def test_files_that_are_no_spreadsheet_are_refused_in_words(engine, tmp_path: Path):
    good = messy_log(tmp_path / "good.xlsx").read_bytes()
    cases = {
        "cut.xlsx": good[: len(good) // 2],
        "text.xlsx": b"Date;Post\n01.03.2023;KZ-KOR\n",
        "empty.csv": b"",
        "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "picture.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    }
    before = state(engine)
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ImportRefused) as refused:
            run(engine, tmp_path, tmp_path / name, LOG_MAPPING)
        assert str(refused.value).strip() and "Traceback" not in str(refused.value), name
    with pytest.raises(ImportRefused, match="nowhere.csv"):
        run(engine, tmp_path, tmp_path / "nowhere.csv", LOG_MAPPING)
    with pytest.raises(ImportRefused):
        run(engine, tmp_path, tmp_path, LOG_MAPPING)  # a folder
    assert state(engine) == before
