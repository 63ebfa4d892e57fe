"""The report of rows not imported (sitcentre.sheets.report): reasons in words, skipped apart from rejected, a CSV
that the package's own reader (and Excel) reads back, never written over unless asked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitcentre.domain.enums import PostStatus, SubstanceGroup, Unit
from sitcentre.domain.records import Post, Substance
from sitcentre.domain.reference import ReferenceData
from sitcentre.output_paths import OutputExists
from sitcentre.sheets.mapping import Mapping, MappingKind
from sitcentre.sheets.readers import open_table
from sitcentre.sheets.report import COLUMNS, write_report
from sitcentre.sheets.rows import read_rows

NOW = datetime(2024, 6, 1, tzinfo=UTC)
REFERENCE = ReferenceData(
    posts=(Post(1, "KOR", "Карамык", "", "KG", "TJ", "KG-TJ", 40.0, 72.0, 300, PostStatus.OPERATIONAL, "", None,
                None),),
    substances=(Substance(1, "HER", "Heroin", SubstanceGroup.OPIATES, Unit.KG, None),))
HEADER = ["Date", "Post", "=Drug", "Quantity"]
MAPPING = Mapping(MappingKind.INCIDENTS, columns=(("Date", "occurred_at"), ("Post", "post"), ("=Drug", "substance"),
                                                  ("Quantity", "quantity")), defaults=(("unit", "kg"),))
ROWS = [
    (2, ("05.04.2023", "KOR", "Heroin", "1,5")),  # imported: not in the report
    (3, ("05.04.2023", "Карамык", "Heroin", 0)),  # skipped: zero
    (4, ("05.04.2023", "KOR", "Heroin", "1,5")),  # skipped: the same as row 2
    (5, ("вчера", "Nowhere", "Krokodil", "много")),  # rejected, four reasons
]


def outcomes():
    return list(read_rows(ROWS, HEADER, MAPPING, REFERENCE, now=NOW))


def test_every_row_not_imported_is_reported_with_its_reasons(tmp_path):
    counts = write_report(tmp_path / "rejected.csv", outcomes())
    assert (counts.rejected, counts.skipped, counts.lines) == (1, 2, 6)
    assert counts.path == tmp_path / "rejected.csv"
    assert (tmp_path / "rejected.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    table = open_table(tmp_path / "rejected.csv")
    rows = [row.cells for row in table.rows()]
    assert rows[0] == COLUMNS
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("3", "skipped", "zero_quantity"), ("4", "skipped", "duplicate"), ("5", "rejected", "cell"),
        ("5", "rejected", "unknown_post"), ("5", "rejected", "unknown_substance"), ("5", "rejected", "cell")]
    assert rows[2][3] == "The same as row 2: skipped."
    assert "'вчера'" in rows[3][3] and "'Nowhere' is not a post" in rows[4][3]
    assert rows[5][2] == "'=Drug"  # a header Excel would take for a formula is written as text


def test_skipped_and_rejected_outcomes_are_told_apart():
    found = outcomes()
    assert [(o.accepted, o.skipped, o.rejected) for o in found] == [
        (True, False, False), (False, True, False), (False, True, False), (False, False, True)]


def test_an_existing_report_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "rejected.csv"
    target.write_text("mine")
    with pytest.raises(OutputExists):
        write_report(target, outcomes())
    assert target.read_text() == "mine"
    assert write_report(target, outcomes(), replace=True).lines == 6
    assert "unknown_substance" in target.read_text(encoding="utf-8-sig")


def test_a_run_with_nothing_to_report_writes_the_header_only(tmp_path):
    counts = write_report(tmp_path / "none.csv", outcomes()[:1])
    assert (counts.rejected, counts.skipped, counts.lines) == (0, 0, 0)
    assert (tmp_path / "none.csv").read_text(encoding="utf-8-sig").splitlines() == [",".join(COLUMNS)]
