"""Rows of a sheet to incident and statistic candidates, or to their problems in words (sitcentre.sheets.rows).

The spreadsheets are made here (openpyxl and csv) and read through the package's own readers and header finder,
so each test follows a file from its cells to what it will become."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitcentre.domain.enums import PostStatus, SubstanceGroup, Unit
from sitcentre.domain.records import Country, Post, Substance
from sitcentre.domain.reference import ReferenceData
from sitcentre.sheets.header import data_rows, find_header
from sitcentre.sheets.mapping import Mapping, MappingKind, MappingProblem
from sitcentre.sheets.readers import open_table
from sitcentre.sheets.rows import IncidentCandidate, RowOutcome, StatisticCandidate, read_rows
from sitcentre.sheets.values import Period

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def post(id_: int, code: str, name: str, offset: int = 300) -> Post:
    return Post(id_, code, name, "", "KG", "TJ", "KG-TJ", 40.0, 72.0, offset, PostStatus.OPERATIONAL, "", None, None)


REFERENCE = ReferenceData(
    posts=(post(1, "KOR", "Karamyk"), post(2, "DOS", "Dostuk", 360)),
    substances=(
        Substance(1, "HER", "Heroin", SubstanceGroup.OPIATES, Unit.KG, None),
        Substance(2, "HSH", "Hashish", SubstanceGroup.CANNABIS, Unit.KG, None),
        Substance(3, "TRM", "Tramadol", SubstanceGroup.PHARMACEUTICALS, Unit.TABLETS, 200.0),
        Substance(4, "ACA", "Acetic anhydride", SubstanceGroup.PRECURSORS, Unit.LITRE, None),
        Substance(5, "ГШ", "Гашишное масло", SubstanceGroup.CANNABIS, Unit.KG, None),
    ),
    countries=(Country("KG", "Kyrgyzstan", 360), Country("TJ", "Tajikistan", 300)),
)
INCIDENTS = Mapping(MappingKind.INCIDENTS, columns=(
    ("Date", "occurred_at"), ("Post", "post"), ("Seizure Substance", "substance"),
    ("Seizure Quantity", "quantity"), ("Seizure Unit", "unit")))
STATISTICS = Mapping(MappingKind.STATISTICS, columns=(
    ("Country", "country"), ("Year", "period"), ("Drug group", "group"), ("Drug", "substance"),
    ("Quantity (kg)", "quantity")), defaults=(("unit", "kg"), ("source", "UNODC")))


def xlsx(path, rows, merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def csv_file(path, rows, encoding="utf-8", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def outcomes(path, mapping, header_row=None, **options) -> dict[int, RowOutcome]:
    table = open_table(path)
    header = find_header(table.rows(), table.merged_ranges(), row_number=header_row)
    options.setdefault("now", NOW)
    found = read_rows(data_rows(table.rows(), header), header, mapping, REFERENCE, date1904=table.date1904,
                      **options)
    return {outcome.row_number: outcome for outcome in found}


def codes(outcome: RowOutcome) -> list[str]:
    return [problem.code for problem in outcome.problems]


# --- incident logs ---

INCIDENT_LOG = [
    ("Seizure log of post Karamyk, 2023",),
    ("Exported from the post's register; quantities as weighed",),
    (),
    ("Date", "Post", "Seizure", None, None),
    (None, None, "Substance", "Quantity", "Unit"),
    (45021, "KOR", "Heroin", "1 234,5", "kg"),  # 6: an Excel serial date, comma decimals
    ("06.04.2023", "Karamyk", "“Hashish”", 2.5, "кг"),  # 7: dd.mm.yyyy, curly quotes, a Russian unit
    (datetime(2023, 4, 7, 14, 30), " karamyk ", "TRAMADOL", 1000, "tablets"),  # 8: a date-time cell
    ("08.04.2023", "KOR", "Krokodil", 3, "kg"),  # 9: unknown substance
    ("09.04.2023", "KOR", "Heroin", None, "kg"),  # 10: empty quantity
    ("10.04.2023", "KOR", "Heroin", 0, "kg"),  # 11: zero quantity
    (45021, "KOR", "Heroin", "1234,5", "KG"),  # 12: the same as row 6
    ("01.01.2030", "KOR", "Heroin", 1, "kg"),  # 13: in the future
    ("31.02.2023", "KOR", "Heroin", 1, "kg"),  # 14: no such day
    ("11.04.2023", "KOR", "Heroin", "1,2,3", "kg"),  # 15: no number
    ("12.04.2023", "Osh airport", "Heroin", 1, "kg"),  # 16: unknown post
    ("13.04.2023", "KOR", "Acetic anhydride", 5, "tablets"),  # 17: a unit the substance is not recorded in
    (2023, "KOR", "Heroin", 1, "kg"),  # 18: a year only
]


@pytest.fixture
def incident_log(tmp_path):
    return xlsx(tmp_path / "log.xlsx", INCIDENT_LOG, merges=["C4:E4"])


def test_each_incident_row_lands_as_the_right_candidate_or_the_right_problem(incident_log):
    found = outcomes(incident_log, INCIDENTS)
    assert sorted(found) == list(range(6, 19))
    first = found[6].candidate
    assert isinstance(first, IncidentCandidate) and first.post_code == "KOR" and first.post_id == 1
    assert first.occurred_at == datetime(2023, 4, 4, 19, 0, tzinfo=UTC)  # midnight at the post (UTC+5)
    assert first.time_known is False
    assert [(ln.substance_code, ln.quantity, ln.unit) for ln in first.lines] == [("HER", Decimal("1234.5"), Unit.KG)]
    assert found[7].candidate.lines[0].substance_code == "HSH" and found[7].candidate.lines[0].quantity == Decimal(
        "2.5")
    tramadol = found[8].candidate
    assert tramadol.occurred_at == datetime(2023, 4, 7, 9, 30, tzinfo=UTC) and tramadol.time_known
    assert tramadol.lines[0].kg_equivalent == pytest.approx(0.2)
    assert tramadol.lines[0].conversion == "1,000 tablets x 200 mg = 0.2 kg"
    assert codes(found[9]) == ["unknown_substance"] and "'Krokodil'" in found[9].problems[0].message
    assert codes(found[10]) == ["empty_quantity"]
    assert codes(found[11]) == ["zero_quantity"]
    assert codes(found[12]) == ["duplicate"] and found[12].problems[0].params == {"first": 6}
    assert codes(found[13]) == ["future"]
    assert codes(found[14]) == ["cell"] and found[14].problems[0].params["cell_code"] == "no_such_date"
    assert codes(found[15]) == ["cell"] and found[15].problems[0].field_name == "quantity"
    assert codes(found[16]) == ["unknown_post"]
    assert codes(found[17]) == ["unit_not_allowed"]
    assert codes(found[18]) == ["cell"] and "only the year 2023" in found[18].problems[0].message
    assert all(p.message and p.row_number == n for n, o in found.items() for p in o.problems)


def test_problems_name_the_column_as_the_sheet_shows_it(incident_log):
    found = outcomes(incident_log, INCIDENTS)
    assert found[10].problems[0].message == "'Seizure Quantity': the quantity is empty."
    assert found[9].problems[0].field_name == "substance"


def test_every_problem_of_a_row_is_reported_at_once(tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", [("Date", "Post", "Substance", "Quantity", "Unit"),
                                        ("yesterday", "Nowhere", "Krokodil", "many", "pcs")])
    mapping = Mapping(MappingKind.INCIDENTS, columns=(("Date", "occurred_at"), ("Post", "post"),
                                                      ("Substance", "substance"), ("Quantity", "quantity"),
                                                      ("Unit", "unit")))
    (outcome,) = outcomes(path, mapping, header_row=1).values()  # all text: no header to guess, the user names it
    assert outcome.candidate is None
    assert [(p.code, p.field_name) for p in outcome.problems] == [
        ("cell", "occurred_at"), ("unknown_post", "post"), ("unknown_substance", "substance"), ("cell", "unit"),
        ("cell", "quantity")]


def test_reading_the_same_file_again_gives_the_same_keys_and_position_does_not_matter(incident_log, tmp_path):
    keys = {n: o.candidate.row_key for n, o in outcomes(incident_log, INCIDENTS).items() if o.accepted}
    again = {n: o.candidate.row_key for n, o in outcomes(incident_log, INCIDENTS).items() if o.accepted}
    assert keys == again and len(set(keys.values())) == len(keys) == 3
    moved = xlsx(tmp_path / "later.xlsx", [INCIDENT_LOG[3], INCIDENT_LOG[4], ("01.05.2023", "KOR", "Heroin", 9, "kg"),
                                           ("05.04.2023", "Karamyk", "heroin", 1234.5, "kg"), INCIDENT_LOG[7]],
                 merges=["C1:E1"])
    later = {o.candidate.row_key for o in outcomes(moved, INCIDENTS).values() if o.accepted}
    assert len(later) == 3
    assert later & set(keys.values()) == {keys[6], keys[8]}  # an overlapping later file: the same rows, same keys
    taught = outcomes(incident_log, INCIDENTS.with_alias("substance", "Krokodil", "HER"))
    assert {n: o.candidate.row_key for n, o in taught.items() if n in keys} == keys  # an alias changes no key


def test_the_same_quantity_written_differently_is_the_same_row():
    header = ["Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit"]
    rows = [(2, ("05.04.2023", "KOR", "Heroin", "2,50", "kg")), (3, ("2023-04-05", "Karamyk", "heroin", 2.5, "KG")),
            (4, (45021, "kor", "HEROIN", "2.50", "кг")), (5, ("05.04.2023", "KOR", "Heroin", "2,05", "kg"))]
    found = list(read_rows(rows, header, INCIDENTS, REFERENCE, now=NOW))
    assert [codes(o) for o in found] == [[], ["duplicate"], ["duplicate"], []]
    published = [(2, ("KG", 2021, "Opiates", "Heroin", "1 000")), (3, ("Kyrgyzstan", "2021", "", "HEROIN", 1000.0))]
    found = list(read_rows(published, [h for h, _ in STATISTICS.columns], STATISTICS, REFERENCE, now=NOW))
    assert [codes(o) for o in found] == [[], ["duplicate"]]


def test_duplicates_can_be_kept_when_the_user_chooses(incident_log):
    found = outcomes(incident_log, INCIDENTS, keep_duplicates=True)
    assert found[12].accepted and found[12].candidate.row_key != found[6].candidate.row_key
    assert found[12].candidate.row_key == outcomes(incident_log, INCIDENTS, keep_duplicates=True)[12].candidate.row_key


def test_a_post_log_without_a_post_column_takes_the_default_post_and_a_time_column(tmp_path):
    path = csv_file(tmp_path / "dostuk.csv", [("Журнал изъятий",), ("Дата", "Время", "Вещество", "Кол-во", "Ед."),
                                              ("05.04.2023", "08:15", "Гашишное масло", "0,75", "кг"),
                                              ("06.04.2023", "", "«Гашишное масло»", "1,5", "")],
                    encoding="cp1251")
    mapping = Mapping(MappingKind.INCIDENTS, columns=(("Дата", "occurred_at"), ("Время", "occurred_time"),
                                                      ("Вещество", "substance"), ("Кол-во", "quantity"),
                                                      ("Ед.", "unit")), defaults=(("post", "DOS"),))
    found = outcomes(path, mapping)
    assert [o.problems for o in found.values()] == [(), ()]
    first, second = (o.candidate for o in found.values())
    assert first.occurred_at == datetime(2023, 4, 5, 2, 15, tzinfo=UTC) and first.post_code == "DOS"
    assert second.lines[0].unit is Unit.KG and second.lines[0].quantity == Decimal("1.5")  # the substance's unit


def test_other_incident_fields_and_several_lines_on_a_row(tmp_path):
    path = xlsx(tmp_path / "wide.xlsx", [
        ("Date", "Post", "Drug 1", "Kg 1", "Drug 2", "Tablets 2", "Mode", "Detained", "From", "Via", "Notes"),
        ("05.04.2023 10:00", "KOR", "Heroin", 2, "Tramadol", "2 000", "Truck", 2, "Tajikistan", "TJ, KG", "x"),
        ("06.04.2023", "KOR", "Heroin", 2, None, None, "boat", "1,5", "Narnia", None, None)])
    mapping = Mapping(MappingKind.INCIDENTS, columns=(
        ("Date", "occurred_at"), ("Post", "post"), ("Drug 1", "substance"), ("Kg 1", "quantity"),
        ("Drug 2", "substance_2"), ("Tablets 2", "quantity_2"), ("Mode", "transport_mode"),
        ("Detained", "persons_detained"), ("From", "route_departure"), ("Via", "route_transit"),
        ("Notes", "narrative")), defaults=(("unit", "kg"), ("unit_2", "tablets")))
    found = outcomes(path, mapping)
    good = found[2].candidate
    assert [(ln.substance_code, ln.quantity, ln.unit) for ln in good.lines] == [
        ("HER", Decimal(2), Unit.KG), ("TRM", Decimal(2000), Unit.TABLETS)]
    assert (good.transport_mode.value, good.persons_detained, good.route_departure, good.route_transit,
            good.narrative) == ("truck", 2, "TJ", "TJ,KG", "x")
    assert sorted(p.field_name for p in found[3].problems) == ["persons_detained", "route_departure",
                                                              "transport_mode"]


def test_a_row_with_no_substance_at_all_says_so(tmp_path):
    path = xlsx(tmp_path / "empty.xlsx", [("Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit"),
                                          ("05.04.2023", "KOR", None, None, "kg")])
    assert [codes(o) for o in outcomes(path, INCIDENTS).values()] == [["no_lines"]]


def test_a_mapping_naming_a_column_the_sheet_lacks_is_refused_before_any_row(tmp_path):
    path = xlsx(tmp_path / "other.xlsx", [("When", "Where", "What", "How much"), ("05.04.2023", "KOR", "Heroin", 1)])
    with pytest.raises(MappingProblem) as caught:
        outcomes(path, INCIDENTS)
    assert caught.value.code == "missing_columns" and "'Date'" in caught.value.message


# --- published statistics ---

PUBLISHED = [
    ("Drug seizures reported to UNODC", None, None, None, None),
    ("Source: Annual Report Questionnaire", None, None, None, None),
    ("Country", "Year", "Drug group", "Drug", "Quantity (kg)"),
    ("Kyrgyzstan", 2021, "Opiates", "Heroin", "1 234,5"),  # 4
    ("KG", "2022", "Cannabis-type", "Hashish", 2500),  # 5
    ("Tajikistan", 2022, "Sedatives and tranquillizers", None, 12),  # 6: a category the app does not track
    ("TJ", 2022, "Precursors", "Acetic anhydride", 40),  # 7: precursors stay precursors
    ("Tajikistan", 2022, "Any other drugs/substances", "Krokodil", 3),  # 8: an unknown drug, kept under other
    ("Atlantis", 2022, "Opiates", "Heroin", 5),  # 9: not a country
    ("KG", 2022, "Opiates", "Heroin", None),  # 10: empty
    ("KG", 2023, "Opiates", "Heroin", 0),  # 11: zero
    ("Kyrgyzstan", 2021, "opiates", "HEROIN", 1234.5),  # 12: the same as row 4
    ("KG", 2030, "Opiates", "Heroin", 1),  # 13: in the future
    ("KG", "2023-04", "Amphetamine-type stimulants", None, 0.5),  # 14: a month
]


@pytest.fixture
def published(tmp_path):
    return xlsx(tmp_path / "arq.xlsx", PUBLISHED)


def test_each_published_row_lands_as_the_right_statistic_or_problem(published):
    found = outcomes(published, STATISTICS)
    assert sorted(found) == list(range(4, 15))
    heroin = found[4].candidate
    assert isinstance(heroin, StatisticCandidate)
    assert (heroin.source, heroin.country_code, heroin.period, heroin.category, heroin.group, heroin.quantity,
            heroin.unit) == ("UNODC", "KG", Period.year(2021), "HER", SubstanceGroup.OPIATES, Decimal("1234.5"),
                             Unit.KG)
    assert heroin.kg_equivalent == 1234.5 and heroin.conversion == "1,234.5 kg as recorded"
    assert found[5].candidate.category == "HSH"
    sedatives = found[6].candidate
    assert sedatives.category == "other: Sedatives and tranquillizers" and sedatives.group is None
    assert found[7].candidate.group is SubstanceGroup.PRECURSORS
    krokodil = found[8].candidate
    assert krokodil.category == "other: Krokodil" and krokodil.substance_id is None
    assert codes(found[9]) == ["unknown_country"]
    assert codes(found[10]) == ["empty_quantity"]
    assert codes(found[11]) == ["zero_quantity"]
    assert codes(found[12]) == ["duplicate"]
    assert codes(found[13]) == ["future"]
    month = found[14].candidate
    assert month.period == Period.month(2023, 4) and month.group is SubstanceGroup.ATS and month.category == "ats"


def test_without_keep_other_an_unknown_category_is_a_problem(published):
    strict = Mapping(STATISTICS.kind, STATISTICS.columns, defaults=STATISTICS.defaults, keep_other=False)
    found = outcomes(published, strict)
    assert codes(found[6]) == ["unknown_category"] and codes(found[8]) == ["unknown_category"]
    taught = strict.with_alias("substance", "Krokodil", "HER").with_alias("group", "Sedatives and tranquillizers",
                                                                         "pharmaceuticals")
    found = outcomes(published, taught)
    assert found[8].candidate.category == "HER"
    assert found[6].candidate.group is SubstanceGroup.PHARMACEUTICALS


def test_published_zeros_can_be_kept(published):
    found = outcomes(published, STATISTICS, keep_zero_quantities=True)
    assert found[11].accepted and found[11].candidate.quantity == 0


def test_country_aliases_and_year_and_month_columns_in_a_csv(tmp_path):
    path = csv_file(tmp_path / "national.csv", [
        ("Страна", "Год", "Месяц", "Наркотик", "Количество", "Ед."),
        ("Кыргызская Республика", "2023", "апрель", "Героин", "1 500,25", "кг"),
        ("Кыргызская Республика", "2023", "", "Героин", "12", "т"),
    ], encoding="cp1251", delimiter=";")
    mapping = Mapping(MappingKind.STATISTICS, columns=(
        ("Страна", "country"), ("Год", "year"), ("Месяц", "month"), ("Наркотик", "category"),
        ("Количество", "quantity"), ("Ед.", "unit"))).with_alias("country", "Кыргызская республика", "KG")
    mapping = mapping.with_alias("substance", "героин", "HER")
    found = outcomes(path, mapping)
    first = found[2].candidate
    assert (first.country_code, first.period, first.category, first.quantity) == \
        ("KG", Period.month(2023, 4), "HER", Decimal("1500.25"))
    assert codes(found[3]) == ["cell"] and found[3].problems[0].field_name == "unit"


def test_country_names_match_whatever_the_quotes_case_and_spacing():
    published = [(2, ("“Kyrgyzstan”", 2021, "", "Heroin", 1)), (3, ("  TAJIKISTAN ", 2021, "", "Heroin", 1)),
                 (4, ("«Киргизия»", 2020, "", "Heroin", 1)), (5, ("tj", 2022, "", "Heroin", 1))]
    mapping = STATISTICS.with_alias("country", "Киргизия", "KG")
    found = list(read_rows(published, [h for h, _ in STATISTICS.columns], mapping, REFERENCE, now=NOW))
    assert [o.candidate.country_code for o in found] == ["KG", "TJ", "KG", "TJ"]
    wide = Mapping(MappingKind.INCIDENTS, columns=(*INCIDENTS.columns, ("From", "route_departure"),
                                                   ("To", "route_destination")))
    header = [h for h, _ in wide.columns]
    rows = [(2, ("05.04.2023", "KOR", "Heroin", 1, "kg", "‘Tajikistan’", "kyrgyzstan")),
            (3, ("05.04.2023", "KOR", "Heroin", 2, "kg", "Atlantis", None))]
    first, second = read_rows(rows, header, wide, REFERENCE, now=NOW)
    assert (first.candidate.route_departure, first.candidate.route_destination) == ("TJ", "KG")
    assert [(p.code, p.field_name) for p in second.problems] == [("cell", "route_departure")]
    assert "'Atlantis' is not a country" in second.problems[0].message


# --- any cells at all ---

CELL = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(), st.datetimes(), st.dates(),
                 st.sampled_from(["Heroin", "KOR", "KG", "kg", "tablets", "05.04.2023", "2023", "1 234,5", "0",
                                  "Opiates", "Tramadol", "TJ, KG", "Truck"]))
ROWS = st.lists(st.tuples(st.integers(1, 10**6), st.lists(CELL, max_size=12).map(tuple)), max_size=8)
WIDE = Mapping(MappingKind.INCIDENTS, columns=tuple((f"c{i}", name) for i, name in enumerate((
    "occurred_at", "occurred_time", "post", "substance", "quantity", "unit", "mass_per_tablet_mg", "substance_2",
    "quantity_2", "transport_mode", "persons_detained", "route_transit"))), defaults=(("unit_2", "kg"),))
WIDE_STATS = Mapping(MappingKind.STATISTICS, columns=tuple((f"c{i}", name) for i, name in enumerate((
    "source", "country", "period", "group", "category", "quantity", "unit"))))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(rows=ROWS, statistics=st.booleans(), keep=st.booleans(),
       now=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.just(UTC)))
def test_any_cells_give_outcomes_and_never_raise(rows, statistics, keep, now):
    mapping = WIDE_STATS if statistics else WIDE
    header = [name for name, _ in mapping.columns]
    found = list(read_rows(rows, header, mapping, REFERENCE, now=now, date1904=keep, keep_duplicates=keep,
                           keep_zero_quantities=keep))
    for outcome in found:
        assert outcome.accepted != bool(outcome.problems)
        assert all(p.message for p in outcome.problems)
        if outcome.accepted:
            assert len(outcome.candidate.row_key) == 64
    assert len({o.candidate.row_key for o in found if o.accepted}) == sum(o.accepted for o in found)


def test_a_date_in_far_years_is_refused_not_overflowed():
    rows = [(2, (datetime(1, 1, 1), "KOR", "Heroin", 1, "kg")), (3, (datetime(9999, 12, 31, 23, 59), "DOS",
                                                                      "Heroin", 1, "kg")),
            (4, (date(1970, 1, 1), "KOR", "Heroin", 1, "kg"))]
    header = ["Date", "Post", "Seizure Substance", "Seizure Quantity", "Seizure Unit"]
    found = list(read_rows(rows, header, INCIDENTS, REFERENCE, now=NOW))
    assert [codes(o) for o in found] == [["too_early"], ["future"], ["too_early"]]  # local midnight is 1969 in UTC


def test_a_rows_problems_are_worded_in_the_language_spoken(tmp_path):
    """Issue 16: the import wizard shows these as the backend words them, in the app's language."""
    from sitcentre.domain.i18n import speaking
    from sitcentre.sheets.readers import SheetProblem, open_table

    path = xlsx(tmp_path / "bad.xlsx", [("Date", "Post", "Substance", "Quantity", "Unit"),
                                        ("yesterday", "Nowhere", "Krokodil", "many", "pcs")])
    mapping = Mapping(MappingKind.INCIDENTS, columns=(("Date", "occurred_at"), ("Post", "post"),
                                                      ("Substance", "substance"), ("Quantity", "quantity"),
                                                      ("Unit", "unit")))
    with speaking("ru"):
        (outcome,) = outcomes(path, mapping, header_row=1).values()
        with pytest.raises(SheetProblem, match="не найден"):
            open_table(tmp_path / "missing.csv")
    words = [p.message for p in outcome.problems]
    assert words[0] == "'Date': «yesterday» — не год, не месяц и не дата. Запишите 2023, 2023-04 или 05.04.2023."
    assert words[1].startswith("'Post': «Nowhere» нет в списке ОПВ.")
    assert words[2].startswith("'Substance': «Krokodil» нет в списке веществ.")
    (english,) = outcomes(path, mapping, header_row=1).values()
    assert english.problems[1].message.startswith("'Post': 'Nowhere' is not a post in the list.")
