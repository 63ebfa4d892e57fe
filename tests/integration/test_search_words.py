"""Search matches post names and several words, all of which must match (issue 10, item 8): "termez heroin"
finds the heroin seizures at BLO Termez, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import Actor
from sitcentre.repositories.incident_query import search_words
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, searched, utc


@pytest.fixture
def recorded(engine) -> dict:
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    known = {
        "termez heroin": (posts["UZ-TER"], subs["heroin"], "Heroin in the spare wheel of a truck"),
        "termez hashish": (posts["UZ-TER"], subs["hashish"], "Under the driver's seat"),
        "dostuk heroin": (posts["KG-DOS"], subs["heroin"], "Героин в запасном колесе"),
    }
    found = {}
    for day, (key, (post, substance, narrative)) in enumerate(known.items(), start=1):
        new = incident(post, utc(2025, 4, day, 8), (substance, 1.5, Unit.KG), narrative=narrative)
        found[service.record(new, actor=Actor.system_actor("test")).id] = key
    return found


@pytest.mark.parametrize("text", ["termez heroin", "heroin termez", "TERMEZ  Heroin", "blo termez heroin"])
def test_a_post_name_and_a_substance_find_that_posts_seizures_of_it(engine, recorded, text):
    assert searched(engine, recorded, text) == {"termez heroin"}


def test_a_post_name_alone_finds_every_incident_of_that_post(engine, recorded):
    assert searched(engine, recorded, "Termez") == {"termez heroin", "termez hashish"}


def test_every_word_must_match(engine, recorded):
    assert searched(engine, recorded, "termez cocaine") == set()
    assert searched(engine, recorded, "heroin") == {"termez heroin", "dostuk heroin"}


def test_words_of_a_narrative_match_in_any_order_and_a_quoted_phrase_only_as_written(engine, recorded):
    assert searched(engine, recorded, "wheel spare") == {"termez heroin"}
    assert searched(engine, recorded, '"wheel spare"') == set()
    assert searched(engine, recorded, '"spare wheel" termez') == {"termez heroin"}


def test_a_russian_word_and_a_post_name_fold_case_together(engine, recorded):
    assert searched(engine, recorded, "ГЕРОИН dostuk") == {"dostuk heroin"}


def test_the_search_text_splits_into_words_and_quoted_phrases():
    assert search_words('  termez "spare wheel"  heroin ') == ("termez", "spare wheel", "heroin")
    assert search_words('"unclosed phrase') == ("unclosed", "phrase")
    assert search_words('""  ') == ()
