"""File → Import from spreadsheet… (issue 15, item 6), driven through a real Workstation (offscreen) on a real SQLite
file with the demo reference data: the wizard reads a CSV made here (a title row above the header, comma decimals),
guesses the columns, previews on a job, learns an unknown substance on the value page, imports in one transaction
(rows with their import_key, the change hub told), stops without writing anything, and saves a mapping that fills
the columns of the next file. File dialogs are replaced (`ask_open_path`, `ask_save_path`, `confirm_replace`)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import text

from sitcentre.backend import Topic
from sitcentre.domain.enums import Role
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings
from tests.integration.people import add_user
from tests.ui.barriers import drain
from tests.ui.stations import make_station
from ui.imports.import_wizard import PAGE_COLUMNS, PAGE_IMPORT, PAGE_KIND, PAGE_PREVIEW, PAGE_SHEET
from ui.imports.outcome_model import OutcomeModel

WAIT_MS = 30_000
HEADER = ["Date", "Post", "Substance", "Quantity", "Unit"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows([["Seizure log of the Kordai post, 2023"], [], HEADER, *rows])
    return path


def log_rows(n: int) -> list[list[str]]:
    return [[f"{1 + i % 28:02d}.{1 + i % 12:02d}.2023", "BLO Kordai" if i % 2 else "KZ-KAR",
             "Heroin" if i % 3 else "hashish", f"{1 + i % 97},{i % 10}", "kg"] for i in range(n)]


@pytest.fixture
def world(migrated_engine, tmp_path):
    seed_reference_data(migrated_engine)
    return migrated_engine, Settings(data_dir=tmp_path)


def station(qtbot, world, role=Role.SUPERVISOR, name="sara"):
    engine, settings = world
    return make_station(qtbot, engine, add_user(engine, settings, name, role), settings=settings)


def imported_rows(engine) -> list:
    with engine.connect() as c:
        return c.execute(text("select i.import_key, i.import_row, s.code, l.quantity from incidents i "
                              "join seizure_lines l on l.incident_id = i.id join substances s on s.id = l.substance_id "
                              "order by i.import_row")).all()


def sheet_imports(engine) -> int:
    with engine.connect() as c:
        return c.execute(text("select count(*) from sheet_imports")).scalar_one()


def open_file(qtbot, ws, path: Path):
    wizard = ws.sheet_import.open_wizard()
    wizard.file_page.set_path(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=WAIT_MS)
    return wizard


def to_preview(qtbot, wizard):
    for page in (PAGE_KIND, PAGE_SHEET, PAGE_COLUMNS, PAGE_PREVIEW):
        wizard.next()
        assert wizard.currentId() == page
    qtbot.waitUntil(lambda: not wizard.preview_page.running, timeout=WAIT_MS)
    return wizard.preview_page


def finish(qtbot, ws, wizard) -> None:
    """The wizard closed and every panel's reload (an import reloads them all) answered before the window goes."""
    qtbot.waitUntil(lambda: not ws.jobs.busy(), timeout=WAIT_MS)
    wizard.close()
    for _ in range(2):  # the panels wait a moment before reloading (single-shot timers), then reload
        qtbot.waitUntil(lambda: not any(t.isSingleShot() and t.isActive() and t.interval() <= 5000
                                        for t in ws.window.findChildren(QTimer)), timeout=WAIT_MS)
        drain(qtbot, ws.runner)


def test_a_log_with_a_title_row_and_comma_decimals_is_imported_through_every_page(qtbot, world, tmp_path):
    engine, _ = world
    path = write_csv(tmp_path / "kordai 2023.csv", log_rows(6))
    ws = station(qtbot, world)
    heard: list = []
    ws.runner.changes.subscribe((Topic.INCIDENTS,), heard.append, owner=ws.window)
    wizard = open_file(qtbot, ws, path)
    assert "row 3" in wizard.file_page.status.text()
    assert wizard.start_folder() == str(tmp_path)  # remembered for the next file (sitcentre.preferences)

    wizard.next()
    assert wizard.kind_page.incidents.isChecked() and wizard.kind_page.statistics.isEnabled()
    wizard.next()
    sheet = wizard.sheet_page
    assert sheet.header_row.value() == 3 and sheet.table.rowCount() == 6
    assert sheet.table.item(0, 3).text() == "1,0"  # the cell as the file has it
    wizard.next()
    columns = wizard.columns_page
    assert {h: c.currentData() for h, c in columns.combos.items()} == {
        "Date": "occurred_at", "Post": "post", "Substance": "substance", "Quantity": "quantity", "Unit": "unit"}
    assert columns.isComplete() and columns.missing.text() == ""
    wizard.grab().save("/tmp/wiz-columns.png")

    preview = to_preview_from_columns(qtbot, wizard)
    assert preview.counts.text().startswith("6 rows will be added, 0 already present, 0 skipped, 0 rejected")
    assert preview.first_rows.rowCount() == 6
    first = preview.first_rows.index(0, 2).data()
    assert first.startswith("2023-01-01, KZ-KAR: Hashish (cannabis resin) 1 kg"), first
    assert preview.isComplete() and wizard.button(wizard.WizardButton.CommitButton).text() == "&Import"
    wizard.grab().save("/tmp/wiz-preview.png")

    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS) as ended:
        wizard.next()
        assert wizard.currentId() == PAGE_IMPORT
    assert ended.args == ["imported"]
    assert wizard.import_page.summary.text() == "6 incidents imported"
    wizard.grab().save("/tmp/wiz-imported.png")
    rows = imported_rows(engine)
    assert len(rows) == 6 and all(r.import_key for r in rows) and [r.import_row for r in rows] == [4, 5, 6, 7, 8, 9]
    assert [r.code for r in rows[:3]] == ["hashish", "heroin", "heroin"] and rows[1].quantity == pytest.approx(2.1)
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)  # the Done reached the change hub: panels reload
    assert "6 incidents imported" in ws.window.statusBar().currentMessage()
    finish(qtbot, ws, wizard)


def to_preview_from_columns(qtbot, wizard):
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    qtbot.waitUntil(lambda: not wizard.preview_page.running, timeout=WAIT_MS)
    return wizard.preview_page


def test_an_unknown_substance_is_shown_in_words_and_imports_once_mapped(qtbot, world, tmp_path):
    engine, _ = world
    path = write_csv(tmp_path / "log.csv", [["02.03.2023", "KZ-KAR", "Heroin No.4", "2,50", "kg"],
                                            ["03.03.2023", "KZ-KAR", "Opium", "1", "kg"],
                                            ["04.03.2023", "KZ-KAR", "HEROIN No.4", "0,75", "kg"]])
    ws = station(qtbot, world, Role.OPERATOR, "olga")
    wizard = open_file(qtbot, ws, path)
    assert not ws.sheet_import.wizard.kind_page.statistics.isEnabled()  # an operator imports incident logs only
    preview = to_preview(qtbot, wizard)
    assert preview.counts.text().startswith("1 row will be added, 0 already present, 0 skipped, 2 rejected")
    assert preview.not_added.rowCount() == 2
    problem = preview.not_added.index(0, 3).data()
    assert "'Heroin No.4' is not a substance in the list" in problem, problem
    report = tmp_path / "not imported.csv"
    wizard.ask_save_path = lambda *_a: str(report)
    with qtbot.waitSignal(wizard.file_saved, timeout=WAIT_MS):
        preview.save_report_button.click()
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[1].startswith("4,rejected,Substance") and "Heroin No.4" in lines[1]
    names = preview.names
    assert [(kind, rows) for kind, _name, rows in names.names] == [("substance", 2)]
    assert not names.apply_button.isEnabled()
    for tab, name in ((1, "problems"), (2, "names")):
        preview.tabs.setCurrentIndex(tab)
        wizard.grab().save(f"/tmp/wiz-{name}.png")

    names.choose(0, "heroin")
    qtbot.mouseClick(names.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.running and wizard.state.dry_run is not None, timeout=WAIT_MS)
    assert preview.counts.text().startswith("3 rows will be added, 0 already present, 0 skipped, 0 rejected")
    assert wizard.state.mapping.alias("substance", "HEROIN NO.4") == "heroin"

    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS):
        wizard.next()
    assert sorted((r.code, r.quantity) for r in imported_rows(engine)) == [
        ("heroin", 0.75), ("heroin", 2.5), ("opium", 1.0)]
    finish(qtbot, ws, wizard)


def test_stopping_the_import_leaves_the_database_as_it_was(qtbot, world, tmp_path):
    engine, _ = world
    path = write_csv(tmp_path / "big.csv", log_rows(4000))
    ws = station(qtbot, world)
    wizard = open_file(qtbot, ws, path)
    preview = to_preview(qtbot, wizard)
    assert preview.isComplete()
    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS) as ended:
        wizard.next()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # Esc during the import: stop, not close
        assert wizard.isVisible() and wizard.import_page.strip.stopping
    assert ended.args == ["cancelled"]
    assert wizard.import_page.summary.text() == "The import was stopped: nothing was imported."
    assert imported_rows(engine) == [] and sheet_imports(engine) == 0
    assert wizard.import_page.again.isVisible()

    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS) as ended:  # run again: this time to the end
        wizard.import_page.again.click()
    assert ended.args == ["imported"] and len(imported_rows(engine)) == 4000 and sheet_imports(engine) == 1
    finish(qtbot, ws, wizard)


def test_escape_during_the_dry_run_stops_it_and_closes_the_wizard(qtbot, world, tmp_path):
    path = write_csv(tmp_path / "big.csv", log_rows(4000))
    ws = station(qtbot, world)
    wizard = open_file(qtbot, ws, path)
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW and wizard.preview_page.running
    job = wizard.job
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and job.cancelled
    qtbot.waitUntil(lambda: not ws.jobs.busy(), timeout=WAIT_MS)
    finish(qtbot, ws, wizard)


def test_a_file_gone_before_the_import_is_refused_in_words_and_nothing_is_written(qtbot, world, tmp_path):
    engine, _ = world
    path = write_csv(tmp_path / "log.csv", log_rows(3))
    ws = station(qtbot, world)
    wizard = open_file(qtbot, ws, path)
    to_preview(qtbot, wizard)
    path.unlink()
    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS) as ended:
        wizard.next()
    assert ended.args == ["failed"]
    words = wizard.import_page.summary.text()
    assert "log.csv" in words and "Traceback" not in words, words
    assert wizard.import_page.detail.text() == "Nothing was imported." and imported_rows(engine) == []
    finish(qtbot, ws, wizard)


def test_escape_on_an_early_page_closes_the_wizard(qtbot, world, tmp_path):
    path = write_csv(tmp_path / "log.csv", log_rows(2))
    ws = station(qtbot, world)
    wizard = open_file(qtbot, ws, path)
    wizard.next()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    finish(qtbot, ws, wizard)


def test_a_file_that_is_no_spreadsheet_is_refused_in_words(qtbot, world, tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG not a workbook")
    ws = station(qtbot, world)
    wizard = ws.sheet_import.open_wizard()
    wizard.file_page.set_path(str(path))
    qtbot.waitUntil(lambda: bool(wizard.file_page.error), timeout=WAIT_MS)
    assert not wizard.file_page.isComplete() and "Traceback" not in wizard.file_page.error
    assert "photo.xlsx" in wizard.file_page.error or "workbook" in wizard.file_page.error.lower()
    finish(qtbot, ws, wizard)


def test_a_saved_mapping_fills_the_next_file_and_is_never_overwritten_without_asking(qtbot, world, tmp_path,
                                                                                     monkeypatch):
    first = write_csv(tmp_path / "first.csv", [["02.03.2023", "KZ-KAR", "Heroin No.4", "2,50", "kg"]])
    ws = station(qtbot, world)
    wizard = open_file(qtbot, ws, first)
    preview = to_preview(qtbot, wizard)
    preview.names.choose(0, "heroin")
    preview.names.apply_button.click()
    qtbot.waitUntil(lambda: not preview.running and wizard.state.dry_run is not None, timeout=WAIT_MS)
    target = tmp_path / "kordai.mapping.json"
    monkeypatch.setattr(wizard, "ask_save_path", lambda *_a: str(target))
    with qtbot.waitSignal(wizard.file_saved, timeout=WAIT_MS):
        preview.save_mapping_button.click()
    saved = target.read_text(encoding="utf-8")
    assert '"heroin no.4": "heroin"' in saved

    asked: list[str] = []
    monkeypatch.setattr(wizard, "confirm_replace", lambda p: asked.append(p) or False)
    target.write_text("kept", encoding="utf-8")
    preview.save_mapping_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    drain(qtbot, ws.runner)
    assert asked == [str(target)] and target.read_text(encoding="utf-8") == "kept"
    target.write_text(saved, encoding="utf-8")
    wizard.close()

    # the next file, columns in another order: the saved mapping chooses them and knows the name
    second = tmp_path / "second.csv"
    with open(second, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows([["Unit", "Quantity", "Substance", "Post", "Date"],
                                                ["kg", "1,5", "HEROIN NO.4", "KZ-KAR", "05.03.2023"]])
    wizard = ws.sheet_import.open_wizard()
    wizard.file_page.set_mapping_path(str(target))
    qtbot.waitUntil(lambda: wizard.state.loaded is not None, timeout=WAIT_MS)
    wizard.file_page.set_path(str(second))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=WAIT_MS)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PAGE_COLUMNS
    assert {h: c.currentData() for h, c in wizard.columns_page.combos.items()} == {
        "Unit": "unit", "Quantity": "quantity", "Substance": "substance", "Post": "post", "Date": "occurred_at"}
    assert "another layout" in wizard.columns_page.fit.text()
    preview = to_preview_from_columns(qtbot, wizard)
    assert preview.counts.text().startswith("1 row will be added")
    finish(qtbot, ws, wizard)


def test_an_administrator_sees_the_menu_action_greyed_with_the_reason(qtbot, world):
    ws = station(qtbot, world, Role.ADMIN, "root2")
    action = ws.sheet_import.action
    assert action in ws.window.file_menu.actions()
    assert not action.isEnabled() and "cannot import spreadsheets" in action.toolTip()
    drain(qtbot, ws.runner)


def test_the_outcome_model_passes_qts_model_checks(qtmodeltester, world, tmp_path, qtbot):
    engine, settings = world
    from sitcentre.backend import Backend
    from sitcentre.backend.imports import Mapping, MappingKind

    path = write_csv(tmp_path / "log.csv", log_rows(3) + [["01.01.2023", "Nowhere", "Heroin", "1", "kg"]])
    desk = Backend(engine, settings).system_desk("tests")
    mapping = Mapping(MappingKind.INCIDENTS, columns=tuple((h, f) for h, f in zip(
        HEADER, ("occurred_at", "post", "substance", "quantity", "unit"), strict=True)))
    result = desk.imports.preview(path, mapping)
    model = OutcomeModel()
    model.set_outcomes(result.preview, desk.reference.load())
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.index(3, 1).data() == "Rejected"
    assert "'Nowhere' is not a post" in model.index(3, 3).data()


def test_a_supervisor_imports_published_statistics_from_the_second_sheet_of_a_workbook(qtbot, world, tmp_path):
    import openpyxl

    engine, _ = world
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Nothing to import here"])
    sheet = book.create_sheet("Seizures")
    sheet.append(["Drug seizures as published, tonnes converted to kg"])
    sheet.append(["Country", "Year", "Drug group", "Drug", "Quantity (kg)"])
    sheet.append(["Kazakhstan", 2021, "Opiates", "Heroin", 1200.5])
    sheet.append(["KG", 2021, "Cannabis", "Sedatives and tranquillizers", 3])
    path = tmp_path / "unodc.xlsx"
    book.save(path)
    ws = station(qtbot, world)
    heard: list = []
    ws.runner.changes.subscribe((Topic.STATISTICS,), heard.append, owner=ws.window)
    wizard = open_file(qtbot, ws, path)
    assert "No header row was found" in wizard.file_page.status.text()  # on the first sheet: choose another
    wizard.next()
    wizard.kind_page.statistics.setChecked(True)
    wizard.next()
    chooser = wizard.sheet_page.sheet
    assert chooser.isEnabled() and [chooser.itemText(i) for i in range(chooser.count())] == ["Notes", "Seizures"]
    assert wizard.state.preview.sheet == "Notes"
    chooser.setCurrentText("Seizures")
    chooser.activated.emit(chooser.currentIndex())
    qtbot.waitUntil(lambda: wizard.state.preview.sheet == "Seizures" and wizard.sheet_page.isComplete(),
                    timeout=WAIT_MS)
    assert wizard.sheet_page.header_row.value() == 2 and wizard.sheet_page.table.rowCount() == 2
    wizard.grab().save("/tmp/wiz-sheet.png")
    wizard.next()
    columns = wizard.columns_page
    assert {h: c.currentData() for h, c in columns.combos.items()} == {
        "Country": "country", "Year": "period", "Drug group": "group", "Drug": "substance",
        "Quantity (kg)": "quantity"}
    assert columns.unit.currentData() == "kg" and columns.source.isVisible() and not columns.post.isVisible()
    columns.source.setText("UNODC ARQ")
    preview = to_preview_from_columns(qtbot, wizard)
    assert preview.counts.text().startswith("2 rows will be added"), preview.counts.text()
    assert preview.keep_zero.isVisible() and not preview.keep_duplicates.isVisible()
    with qtbot.waitSignal(wizard.ended, timeout=WAIT_MS):
        wizard.next()
    assert wizard.import_page.summary.text() == "2 published figures imported"
    with engine.connect() as c:
        stored = c.execute(text("select country_code, source, other_name, kg_equivalent from published_statistics "
                                "order by import_row")).all()
    assert [tuple(r) for r in stored] == [("KZ", "UNODC ARQ", None, 1200.5),
                                          ("KG", "UNODC ARQ", "Sedatives and tranquillizers", 3.0)]
    assert imported_rows(engine) == []  # statistics are never incidents
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)
    finish(qtbot, ws, wizard)
