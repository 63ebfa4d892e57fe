"""The text of a search is cleaned once, in the filter value itself, so both databases see the same text
(issue 9, defect 7: a 50,000-character search failed on SQLite, a NUL in a search failed on PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

from sitcentre.domain.queries import IncidentFilter
from sitcentre.domain.validation import SEARCH_LIMIT, search_text


def test_a_search_of_the_limit_is_kept_whole_and_one_character_more_is_cut():
    assert SEARCH_LIMIT == 200
    assert search_text("ж" * 200) == ("ж" * 200, False)
    assert search_text("ж" * 201) == ("ж" * 200, True)


def test_nul_and_other_control_characters_are_dropped_and_line_breaks_read_as_spaces():
    assert search_text("гер\x00оин\x07") == ("героин", False)
    assert search_text("  spare\twheel\r\n") == ("spare wheel", False)
    assert search_text("\x00\x1b\x9f") == ("", False)


def test_a_lone_surrogate_that_no_database_could_encode_is_dropped():
    assert search_text("bag\ud800") == ("bag", False)


def test_a_filter_keeps_its_search_text_clean_and_says_when_it_was_cut():
    flt = IncidentFilter(text="героин " * 7_143)  # 50,001 characters pasted
    assert len(flt.text) <= SEARCH_LIMIT and flt.text_cut
    assert flt.text.startswith("героин героин") and not flt.text.endswith(" ")
    short = IncidentFilter(text=" героин\x00 ")
    assert short.text == "героин" and not short.text_cut


def test_whether_the_text_was_cut_does_not_change_which_filter_it_is():
    cut = IncidentFilter(text="a" * 500)
    assert cut == IncidentFilter(text="a" * 200) and hash(cut) == hash(IncidentFilter(text="a" * 200))
    assert IncidentFilter(text="\x00 ").is_empty()
    assert replace(cut, post_ids=(3,)).text == "a" * 200
