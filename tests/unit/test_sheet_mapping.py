"""A spreadsheet mapping: fields, aliases, defaults, its JSON file and its layout key (sitcentre.sheets.mapping)."""

from __future__ import annotations

import json
import os

import pytest

from sitcentre import output_paths
from sitcentre.domain.enums import SubstanceGroup, Unit
from sitcentre.sheets.mapping import (
    FORMAT,
    Mapping,
    MappingKind,
    MappingProblem,
    group_named,
    layout_key_of,
    load_mapping,
    save_mapping,
)

STATS = Mapping(
    MappingKind.STATISTICS,
    columns=(("Country", "country"), ("Year", "period"), ("Drug group", "group"), ("Drug", "substance"),
             ("Kg", "quantity")),
    sheet="Seizures", header_row=3, header_names=("Country", "Year", "Drug group", "Drug", "Kg", "Notes"),
    defaults=(("unit", "kg"), ("source", "UNODC ARQ")),
)


def problem_code(call, *args, **kwargs) -> str:
    with pytest.raises(MappingProblem) as caught:
        call(*args, **kwargs)
    assert caught.value.message
    return caught.value.code


def test_a_mapping_survives_its_json_unchanged():
    taught = STATS.with_alias("substance", " “Heroin base” ", "HER").with_alias("country", "Kyrgyzstan", "KG")
    again = Mapping.from_json(taught.to_json())
    assert again == taught
    assert again.alias("substance", "HEROIN BASE") == "HER"
    assert again.default_unit is Unit.KG and again.default("source") == "UNODC ARQ"
    assert again.identity == taught.identity


def test_the_json_is_versioned_readable_and_names_aliases_by_kind():
    data = json.loads(STATS.with_alias("unit", "Kilograms", "kg").to_json())
    assert data["format"] == FORMAT and data["version"] == 1 and data["kind"] == "statistics"
    assert data["columns"]["Drug"] == "substance"
    assert data["aliases"]["unit"] == {"kilograms": "kg"}
    assert set(data["aliases"]) == {"substance", "group", "country", "post", "unit"}


def test_teaching_an_alias_again_replaces_it_and_changes_the_identity():
    first = STATS.with_alias("substance", "Heroin base", "HER")
    second = first.with_alias("substance", "HEROIN BASE", "MOR")
    assert second.alias("substance", "heroin base") == "MOR" and len(second.aliases) == 1
    assert first.identity != second.identity != STATS.identity


def test_the_layout_key_ignores_case_spacing_and_quotes_but_not_the_columns():
    same = layout_key_of(MappingKind.STATISTICS, [" country", "YEAR", "Drug  group", "“Drug”", "kg", "notes", None])
    assert STATS.layout_key == same
    assert STATS.layout_key != layout_key_of(MappingKind.STATISTICS, ["Country", "Year", "Drug", "Kg"])
    assert STATS.layout_key != layout_key_of(MappingKind.INCIDENTS, STATS.header_names)


@pytest.mark.parametrize(("name", "group"), [
    ("Precursors", SubstanceGroup.PRECURSORS), ("precursor chemicals", SubstanceGroup.PRECURSORS),
    ("Прекурсоры", SubstanceGroup.PRECURSORS), ("Amphetamine-type stimulants", SubstanceGroup.ATS),
    ("AMPHETAMINE–TYPE STIMULANTS", SubstanceGroup.ATS), ("Opioids", SubstanceGroup.OPIATES),
    ("cannabis", SubstanceGroup.CANNABIS), ("Sedatives and tranquillizers", None), ("Any other drugs", None),
])
def test_published_group_names_map_to_the_apps_groups(name, group):
    assert group_named(name) is group


def test_a_group_alias_of_the_mapping_wins():
    taught = STATS.with_alias("group", "Sedatives and tranquillizers", "pharmaceuticals")
    assert group_named("sedatives AND tranquillizers", taught) is SubstanceGroup.PHARMACEUTICALS


@pytest.mark.parametrize(("columns", "defaults", "code"), [
    ((("Date", "occurred_at"),), (), "unknown_field"),  # a field of incidents in a statistics mapping
    ((("Kg", "quantity"), ("Tonnes", "quantity")), (), "field_twice"),
    ((), (("unit", "tonnes"),), "bad_value"),
    ((), (("colour", "red"),), "unknown_field"),
])
def test_a_mapping_that_cannot_work_is_refused_in_words(columns, defaults, code):
    assert problem_code(Mapping, MappingKind.STATISTICS, columns=columns, defaults=defaults) == code


def test_aliases_to_no_group_or_unit_are_refused():
    assert problem_code(STATS.with_alias, "group", "Sedatives", "sedatives") == "bad_value"
    assert problem_code(STATS.with_alias, "unit", "pcs", "pieces") == "bad_value"


def _json(**changes) -> str:
    data = STATS.to_dict()
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...})


@pytest.mark.parametrize(("text", "code"), [
    ("{not json", "not_json"), (b"\xff\xfe\x00", "not_json"), ("[1, 2]", "foreign"), ('{"a": 1}', "foreign"),
    ("[" * 100_000 + "]" * 100_000, "not_json"),
    (_json(format="sitcentre-bundle"), "foreign"), (_json(version=2), "too_new"), (_json(version="1"), "bad_value"),
    (_json(version=True), "bad_value"), (_json(kind="seizures"), "bad_value"), (_json(colour="red"), "unknown_keys"),
    (_json(columns=["Country"]), "bad_value"), (_json(columns={"Kg": 5}), "bad_value"),
    (_json(columns={"Kg": "weight"}), "unknown_field"), (_json(aliases={"drug": {}}), "unknown_keys"),
    (_json(aliases={"unit": {"kilo": "pounds"}}), "bad_value"), (_json(header_row=0), "bad_value"),
    (_json(header_row=2.5), "bad_value"), (_json(keep_other="yes"), "bad_value"),
    (_json(decimal_mark=";"), "bad_value"),
    (_json(header_names="Country"), "bad_value"), (_json(sheet=3), "bad_value"),
])
def test_bad_or_foreign_json_is_refused_with_words(text, code):
    assert problem_code(Mapping.from_json, text) == code


def test_saved_and_loaded_through_a_file(tmp_path):
    path = save_mapping(STATS, tmp_path / "unodc.json")
    assert load_mapping(path) == STATS
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_an_existing_file_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "mine.json"
    target.write_text("my own notes")
    with pytest.raises(output_paths.OutputExists):
        save_mapping(STATS, target)
    assert target.read_text() == "my own notes"
    save_mapping(STATS, target, replace=True)
    assert load_mapping(target) == STATS


def test_loading_what_is_not_a_readable_mapping_file_says_why(tmp_path):
    assert problem_code(load_mapping, tmp_path / "missing.json") == "unreadable"
    assert problem_code(load_mapping, tmp_path) == "unreadable"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1_000_001)
    assert problem_code(load_mapping, big) == "too_big"
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "left-pad"}')
    with pytest.raises(MappingProblem) as caught:
        load_mapping(foreign)
    assert os.fspath(foreign) in caught.value.message and caught.value.code == "foreign"
