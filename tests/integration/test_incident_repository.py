"""The incident repository: keyset windows in every sort order, filters, count, get, versioned update."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.queries import IncidentFilter, Sort
from sitcentre.repositories.incident_query import SORT_COLUMNS, filter_clause, sort_columns
from sitcentre.repositories.incidents import ConflictError, IncidentRepository, KeysetIndex
from sitcentre.services.demo import seed_incidents
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc

END = datetime(2026, 6, 30, tzinfo=UTC)


@pytest.fixture
def seeded(engine):
    seed_incidents(engine, 1200, seed=11, end=END)
    return engine


def _expected_ids(session, flt: IncidentFilter, sort: Sort) -> list:
    """The whole ordered list, the plain way, to check the keyset windows against."""
    order = [c.desc() if sort.descending else c.asc() for c in sort_columns(sort)]
    return list(session.scalars(select(I.id).where(filter_clause(flt)).order_by(*order)))


def test_windows_at_any_position_match_the_full_ordering_in_every_sort(seeded):
    with UnitOfWork(seeded) as uow:
        repo = IncidentRepository(uow.session)
        for key in sorted(SORT_COLUMNS):
            for descending in (False, True):
                sort = Sort(key, descending)
                expected = _expected_ids(uow.session, IncidentFilter(), sort)
                index = KeysetIndex(IncidentFilter(), sort, page_size=50)
                # the end first, then the middle, paging on from there, back to the start, a ragged end
                for start in (len(expected) - 50, 600, 650, 700, 0, 50, 333, len(expected) - 7):
                    rows = repo.window(index, start, 50)
                    assert [r.id for r in rows] == expected[start:start + 50], f"{sort} window at {start}"
                assert index.count == len(expected) == 1200


def test_a_built_index_serves_every_page_by_seeking(seeded):
    sort = Sort("substance", False)
    flt = IncidentFilter(statuses=("verified", "reported"))
    with UnitOfWork(seeded) as uow:
        repo = IncidentRepository(uow.session)
        expected = _expected_ids(uow.session, flt, sort)
        index = KeysetIndex(flt, sort, page_size=100)
        repo.build_index(index)
        assert index.known == -(-len(expected) // 100)
        for start in range(0, len(expected), 100):
            assert [r.id for r in repo.window(index, start, 100)] == expected[start:start + 100]


def test_a_window_past_the_end_is_short_or_empty(seeded):
    with UnitOfWork(seeded) as uow:
        repo = IncidentRepository(uow.session)
        index = KeysetIndex(IncidentFilter(), Sort())
        assert len(repo.window(index, 1190, 100)) == 10
        assert repo.window(index, 5000, 100) == []


def test_filters_select_the_expected_incidents(engine):
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    heroin = service.record(incident(posts["TJ-PPY"], utc(2025, 3, 1, 10), (subs["heroin"], 2, Unit.KG),
                                     narrative="Found in a spare tyre of a Toyota"), actor=SYSTEM)
    tramadol = service.record(incident(posts["KG-DOS"], utc(2025, 3, 2, 10), (subs["tramadol"], 500, "tablets"),
                                       status=IncidentStatus.VERIFIED, concealment="among melons"), actor=SYSTEM)
    late = service.record(incident(posts["KZ-KOR"], utc(2025, 4, 1, 10), (subs["hashish"], 5, Unit.KG)), actor=SYSTEM)
    cases = {
        IncidentFilter(): {heroin.id, tramadol.id, late.id},
        IncidentFilter(post_ids=(posts["TJ-PPY"],)): {heroin.id},
        IncidentFilter(countries=("KG",)): {tramadol.id},
        IncidentFilter(borders=("KG-KZ",)): {late.id},
        IncidentFilter(substance_ids=(subs["tramadol"], subs["hashish"])): {tramadol.id, late.id},
        IncidentFilter(statuses=("verified",)): {tramadol.id},
        IncidentFilter(date_from=date(2025, 3, 2), date_to=date(2025, 3, 31)): {tramadol.id},
        IncidentFilter(text="SPARE tyre"): {heroin.id},
        IncidentFilter(text="melon"): {tramadol.id},
        IncidentFilter(text="100%"): set(),
        IncidentFilter(types=("weapons",)): set(),
    }
    with UnitOfWork(engine) as uow:
        repo = IncidentRepository(uow.session)
        for flt, wanted in cases.items():
            rows = repo.window(KeysetIndex(flt, Sort()), 0, 10)
            assert {r.id for r in rows} == wanted, flt
            assert repo.count(flt) == len(wanted)


def test_list_rows_carry_what_the_table_shows(engine):
    posts, subs = ids(engine)
    IncidentService(engine,
                    SETTINGS).record(incident(posts["UZ-TER"], utc(2025, 3, 1, 21, 30), (subs["heroin"], 2, Unit.KG),
                                            (subs["acetic_anhydride"], 30, "l"), persons_detained=2), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        (row,) = IncidentRepository(uow.session).window(KeysetIndex(IncidentFilter(), Sort()), 0, 5)
    assert row.post_name == "BLO Termez" and row.border == "AF-UZ"
    assert row.local_date == date(2025, 3, 2)  # 21:30 UTC is 02:30 the next day at UTC+5
    assert row.total_kg == pytest.approx(32.0)
    assert row.substances == "Acetic anhydride, Heroin"
    assert row.persons_detained == 2 and row.status is IncidentStatus.REPORTED


def test_get_returns_the_incident_with_its_lines_and_conversions(engine):
    posts, subs = ids(engine)
    saved = IncidentService(engine, SETTINGS).record(incident(posts["KG-DOS"], utc(2025, 3, 1), (subs["tramadol"], 1000,
                                                                                        "tablets")), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        loaded = IncidentRepository(uow.session).get(saved.id)
    assert loaded.id == saved.id and loaded.version == 1
    (line,) = loaded.lines
    assert line.kg_equivalent == pytest.approx(0.2)
    assert "1,000 tablets x 200 mg" in line.conversion


def test_an_update_of_a_stale_version_raises_a_conflict_carrying_both_versions(engine):
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    original = service.record(incident(posts["KG-DOS"], utc(2025, 3, 1), (subs["heroin"], 1, Unit.KG)), actor=SYSTEM)
    theirs = service.update(replace(original, narrative="Corrected by the other workstation"), actor=SYSTEM)
    assert theirs.version == 2
    mine = replace(original, narrative="My edit of version 1")
    with pytest.raises(ConflictError) as caught:
        service.update(mine, actor=SYSTEM)
    assert caught.value.mine.narrative == "My edit of version 1"
    assert caught.value.theirs.version == 2
    assert caught.value.theirs.narrative == "Corrected by the other workstation"
    with UnitOfWork(engine) as uow:
        assert IncidentRepository(uow.session).get(original.id).narrative == "Corrected by the other workstation"


def test_an_update_replaces_changed_lines_and_keeps_their_ids(engine):
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    saved = service.record(incident(posts["KG-DOS"], utc(2025, 3, 1), (subs["heroin"], 1, Unit.KG),
                                    (subs["opium"], 4, Unit.KG)), actor=SYSTEM)
    heroin_line = saved.lines[0]
    edited = replace(saved, lines=(replace(heroin_line, quantity=3.0),))
    service.update(edited, actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        loaded = IncidentRepository(uow.session).get(saved.id)
        (row,) = IncidentRepository(uow.session).window(KeysetIndex(IncidentFilter(), Sort()), 0, 5)
    assert [line.id for line in loaded.lines] == [heroin_line.id]
    assert loaded.lines[0].kg_equivalent == pytest.approx(3.0)
    assert row.total_kg == pytest.approx(3.0) and row.substances == "Heroin"
