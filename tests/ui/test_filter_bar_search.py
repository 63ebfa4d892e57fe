"""The filter bar's search text: what is pasted is cleaned the same way for both databases, and a text cut
to the search limit says so above the table (issue 9, defect 7)."""

from __future__ import annotations

from sitcentre.domain.validation import SEARCH_LIMIT
from ui.incidents.filter_bar import FilterBar


def searched(qtbot, text: str):
    bar = FilterBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.changed, timeout=5_000) as emitted:
        bar.search.setText(text)
        bar.search.returnPressed.emit()
    return bar, emitted.args[0]


def test_a_pasted_50000_character_search_is_cut_and_the_filter_line_says_so(qtbot):
    bar, flt = searched(qtbot, "героин " * 7_143)
    assert len(flt.text) <= SEARCH_LIMIT and flt.text_cut
    assert f"cut to its first {SEARCH_LIMIT} characters" in bar.describe(flt)


def test_a_search_that_fits_is_shown_as_typed_without_a_note(qtbot):
    bar, flt = searched(qtbot, "Героин")
    assert flt.text == "Героин" and bar.describe(flt) == "“Героин”"


def test_nul_and_control_characters_never_reach_the_query(qtbot):
    _, flt = searched(qtbot, "spare\x00 wheel\x07")
    assert flt.text == "spare wheel"
