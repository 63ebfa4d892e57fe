"""The incident table's sort keys are named in sitcentre.domain.queries and given columns in the repository."""

from __future__ import annotations

import pytest

from sitcentre.domain.queries import SORT_KEYS, Sort
from sitcentre.repositories.incident_query import SORT_COLUMNS, sort_columns


def test_every_sort_key_the_ui_may_ask_for_has_columns_in_the_repository():
    assert tuple(SORT_COLUMNS) == SORT_KEYS


def test_every_sort_ends_in_the_incident_id_so_that_it_is_unique():
    assert all(sort_columns(Sort(key))[-1].key == "id" for key in SORT_KEYS)


def test_an_unknown_sort_key_is_refused_before_any_query_is_built():
    with pytest.raises(ValueError, match="unknown sort key 'weight'"):
        Sort("weight")
