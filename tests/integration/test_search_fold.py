"""Text search folds case for every script, the same on SQLite and PostgreSQL (issue 9, defect 6).

SQLite's own lower() and LIKE fold ASCII only, so "героин" did not find "Героин" there while PostgreSQL
did. Search text is also cleaned in the filter itself (length cap, control characters dropped), so a
pasted 50,000-character text or a NUL is answered on both databases instead of failing on one of them.
"""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import Actor
from sitcentre.domain.queries import IncidentFilter
from sitcentre.domain.validation import SEARCH_LIMIT
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, searched, utc

NARRATIVES = {
    "capitalised": "Героин в запасном колесе",
    "shouted": "ГЕРОИН под сиденьем водителя",
    "yo-lower": "ёлочные игрушки, внутри гашиш",
    "yo-upper": "Ёмкость с уксусным ангидридом",
    "latin": "Heroin wrapped in the spare wheel",
    "wildcards": "Label: 100%_pure",
    "other": "Cotton bags on the back seat",
}


@pytest.fixture
def recorded(engine) -> dict:
    """One incident per narrative (all hashish, so the substance names do not match the words searched)."""
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    found = {}
    for day, (key, narrative) in enumerate(NARRATIVES.items(), start=1):
        new = incident(posts["TJ-PPY"], utc(2025, 4, day, 8), (subs["hashish"], 1.5, Unit.KG), narrative=narrative)
        found[service.record(new, actor=Actor.system_actor("test")).id] = key
    return found


@pytest.mark.parametrize("text", ["героин", "ГЕРОИН", "Героин", "гЕрОиН"])
def test_russian_search_finds_the_word_in_any_case(engine, recorded, text):
    assert searched(engine, recorded, text) == {"capitalised", "shouted"}


@pytest.mark.parametrize("text", ["ё", "Ё"])
def test_yo_is_found_in_both_cases(engine, recorded, text):
    assert searched(engine, recorded, text) == {"yo-lower", "yo-upper"}


def test_a_word_inside_a_russian_sentence_is_found_whatever_its_case(engine, recorded):
    assert searched(engine, recorded, "ЗАПАСНОМ КОЛЕСЕ") == {"capitalised"}
    assert searched(engine, recorded, "Гашиш") == {"yo-lower"}


@pytest.mark.parametrize("text", ["heroin", "HEROIN", "Spare Wheel"])
def test_latin_search_still_folds_case(engine, recorded, text):
    assert searched(engine, recorded, text) == {"latin"}


def test_percent_and_underscore_are_searched_as_themselves(engine, recorded):
    assert searched(engine, recorded, "100%_") == {"wildcards"}
    assert searched(engine, recorded, "%") == {"wildcards"}


def test_a_50000_character_search_is_cut_and_answered(engine, recorded):
    flt = IncidentFilter(text="героин " * 7_143)
    assert len(flt.text) <= SEARCH_LIMIT and flt.text_cut
    # the cut text is the one word many times over, and every word must match (issue 10, item 8)
    assert searched(engine, recorded, "героин " * 7_143) == {"capitalised", "shouted"}


def test_a_search_with_nul_and_control_characters_drops_them_and_is_answered(engine, recorded):
    assert searched(engine, recorded, "гер\x00оин") == {"capitalised", "shouted"}
    assert searched(engine, recorded, "\x00\x07") == set(NARRATIVES)  # nothing left to look for: every incident


@pytest.mark.parametrize("backend", ["sqlite"])  # PostgreSQL folds with lower(): checked by the searches above
def test_the_sqlite_fold_is_registered_on_every_connection(engine):
    for _ in range(2):  # NullPool: each connection is a new one
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT sc_casefold('ГЕРОИН Ё Straße')").scalar() == "героин ё strasse"
