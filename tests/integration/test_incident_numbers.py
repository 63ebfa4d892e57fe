"""Readable incident numbers (issue 10, item 5): made where the incident is recorded, unique without a network.

KOR-C-YYYY-NNNN entered at the centre for Kordai, KOR-YYYY-NNNN entered at the Kordai post itself; a post and
the centre numbering the same post while apart never collide; concurrent workstations on one PostgreSQL
database get distinct numbers without gaps; existing incidents are numbered by the migration.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import IncidentCounterRow, IncidentRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.queries import IncidentFilter, Sort
from sitcentre.domain.records import local_date, utcnow
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex
from sitcentre.services import installation
from sitcentre.services.demo import seed_incidents, seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import Settings, sqlite_url
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident

ADMIN = Actor.system_actor("test-admin")
KZ_OFFSET = 300


def _year() -> int:
    """The post-local year a number allocated now carries (KZ posts keep UTC+5)."""
    return local_date(utcnow(), KZ_OFFSET).year


def _record(engine, post_code: str, count: int = 1, minutes_ago: int = 30) -> list[str]:
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    when = utcnow() - timedelta(minutes=minutes_ago)
    return [service.record(incident(posts[post_code], when - timedelta(minutes=i),
                                    (subs["heroin"], 1.0, Unit.KG)), actor=SYSTEM).number for i in range(count)]


def _sqlite_installation(tmp_path: Path, name: str):
    engine = make_engine(sqlite_url(tmp_path / f"{name}.sqlite"), Settings(data_dir=tmp_path))
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)
    return engine


def test_the_centre_numbers_each_post_apart_with_its_origin_and_the_year(engine):
    year = _year()
    kordai = _record(engine, "KZ-KOR", 2)
    karkyra = _record(engine, "KZ-KAR")
    assert kordai == [f"KOR-C-{year}-0001", f"KOR-C-{year}-0002"]
    assert karkyra == [f"KAR-C-{year}-0001"]


def test_a_post_installation_numbers_its_own_incidents_without_an_origin(engine):
    installation.init(engine, "post", "KZ-KOR", ADMIN)
    year = _year()
    assert _record(engine, "KZ-KOR") == [f"KOR-{year}-0001"]
    assert _record(engine, "KZ-KAR") == [f"KAR-KOR-{year}-0001"]  # entered at Kordai for Karkyra


def test_the_number_never_changes_when_the_incident_is_edited(engine):
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    saved = service.record(incident(posts["KZ-KOR"], utcnow() - timedelta(hours=1), (subs["heroin"], 1.0, Unit.KG)),
                           actor=SYSTEM)
    edited = service.update(replace(saved, post_id=posts["KZ-KAR"], number="KAR-C-1999-0001", narrative="moved"),
                            actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        stored = IncidentRepository(uow.session).get(saved.id)
    assert edited.number == stored.number == saved.number == f"KOR-C-{_year()}-0001"


def test_the_counter_grows_past_four_digits(engine):
    posts, _ = ids(engine)
    with UnitOfWork(engine, write=True) as uow:
        uow.session.add(IncidentCounterRow(origin="C", post_id=posts["KZ-KOR"], year=_year(), last=9998))
        uow.commit()
    assert _record(engine, "KZ-KOR", 2) == [f"KOR-C-{_year()}-9999", f"KOR-C-{_year()}-10000"]


def test_a_post_and_the_centre_numbering_the_same_post_apart_never_collide(tmp_path):
    """Two SQLite files with different installation rows; the post's incidents then meet the centre's."""
    post = _sqlite_installation(tmp_path, "kordai")
    centre = _sqlite_installation(tmp_path, "centre")
    try:
        installation.init(post, "post", "KZ-KOR", ADMIN)
        assert installation.show(centre).origin_code == "C" and installation.show(centre).role == "centre"
        at_post, at_centre = _record(post, "KZ-KOR", 3), _record(centre, "KZ-KOR", 3)
        year = _year()
        assert at_post == [f"KOR-{year}-{n:04d}" for n in (1, 2, 3)]
        assert at_centre == [f"KOR-C-{year}-{n:04d}" for n in (1, 2, 3)]
        with UnitOfWork(post) as uow:
            repo = IncidentRepository(uow.session)
            travelling = [repo.get(i) for i in uow.session.scalars(select(IncidentRow.id))]
        with UnitOfWork(centre, write=True) as uow:  # posts have the same ids: both seeded from reference data
            repo = IncidentRepository(uow.session)
            for item in travelling:
                repo.add(item, local_date(item.occurred_at, KZ_OFFSET))
            uow.commit()
        with UnitOfWork(centre) as uow:
            stored = sorted(uow.session.scalars(select(IncidentRow.number)))
        assert stored == sorted(at_post + at_centre)
        assert _record(centre, "KZ-KOR") == [f"KOR-C-{year}-0004"]  # the centre's counter is its own
    finally:
        post.dispose()
        centre.dispose()


@pytest.mark.pg
@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_workstations_creating_at_once_on_one_postgresql_database_get_distinct_gapless_numbers(db_url, tmp_path):
    engines = [make_engine(db_url, Settings(data_dir=tmp_path)) for _ in range(2)]
    seed_reference_data(engines[0])
    per_workstation, numbers, errors = 15, [], []
    start = threading.Barrier(2)

    def workstation(engine) -> None:
        try:
            start.wait(timeout=30)
            numbers.extend(_record(engine, "KZ-KOR", per_workstation))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=workstation, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for e in engines:
        e.dispose()
    assert errors == []
    year = _year()
    assert sorted(numbers) == [f"KOR-C-{year}-{n:04d}" for n in range(1, 2 * per_workstation + 1)]


def test_search_finds_an_incident_by_its_whole_number_and_by_its_counter(engine):
    first, second = _record(engine, "KZ-KOR", 2)
    with UnitOfWork(engine) as uow:
        repo = IncidentRepository(uow.session)

        def found(words: str) -> list[str]:
            return [r.number for r in repo.window(KeysetIndex(IncidentFilter(text=words), Sort()), 0, 50)]

        assert found(first) == [first]
        assert found(first.lower()) == [first]
        assert found(second[-4:]) == [second]


def test_the_upgrade_numbers_existing_incidents_by_post_year_and_time(empty_db_url, tmp_path):
    engine = make_engine(empty_db_url, Settings(data_dir=tmp_path))
    try:
        migrate.upgrade(engine, "0005", backup=False)
        seed_incidents(engine, 120, seed=7)
        migrate.upgrade(engine, backup=False)
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT i.number, p.number_prefix, i.local_date, i.occurred_at, i.id FROM incidents i "
                "JOIN posts p ON p.id = i.post_id")).all()
            counters = {(c.post_id, c.year): c.last for c in conn.execute(text(
                "SELECT post_id, year, last FROM incident_counters WHERE origin = 'C'"))}
        assert rows and all(r.number for r in rows)
        expected, seen = {}, {}
        for _, prefix, day, _, row_id in sorted(rows, key=lambda r: (r[1], str(r[2])[:4], r[3], r[4])):
            year = str(day)[:4]
            seen[(prefix, year)] = seen.get((prefix, year), 0) + 1
            expected[row_id] = f"{prefix}-C-{year}-{seen[(prefix, year)]:04d}"
        assert {r.id: r.number for r in rows} == expected
        assert sorted(counters.values()) == sorted(seen.values())
        posts, _ = ids(engine)
        with engine.connect() as conn:
            latest = conn.execute(text("SELECT last FROM incident_counters WHERE origin = 'C' AND post_id = :p "
                                       "AND year = :y"), {"p": posts["KZ-KOR"], "y": _year()}).scalar() or 0
        assert _record(engine, "KZ-KOR") == [f"KOR-C-{_year()}-{latest + 1:04d}"]
    finally:
        engine.dispose()


def test_changing_the_origin_after_numbering_is_refused_unless_forced_and_is_audited(engine):
    _record(engine, "KZ-KOR")
    with pytest.raises(installation.InstallationError, match="already numbered incidents as 'C'"):
        installation.init(engine, "centre", "KZC", ADMIN)
    assert installation.show(engine).origin_code == "C"
    changed = installation.init(engine, "centre", "KZC", ADMIN, force=True)
    assert changed.origin_code == "KZC"
    with engine.connect() as conn:
        audited = conn.execute(text("SELECT after_json FROM audit_log WHERE entity = 'installation'")).scalars().all()
    assert len(audited) == 1 and '"KZC"' in audited[0] and '"forced": true' in audited[0]
    assert _record(engine, "KZ-KOR") == [f"KOR-KZC-{_year()}-0001"]


@pytest.mark.parametrize("role, origin, words", [
    ("post", "KZ-XXX", "is no post"), ("centre", "KOR", "post's code or number prefix"),
    ("centre", "c-1", "capital letters"), ("hub", "C", "'post' or 'centre'"),
])
def test_an_origin_that_could_collide_is_refused(engine, role, origin, words):
    with pytest.raises(installation.InstallationError, match=words):
        installation.init(engine, role, origin, ADMIN)


def test_the_daily_briefs_incident_table_shows_each_incidents_number(engine, tmp_path):
    from pypdf import PdfReader

    from sitcentre.services.brief_pdf import export_brief

    posts, subs = ids(engine)
    day_time = utcnow() - timedelta(days=2)
    saved = IncidentService(engine, SETTINGS).record(
        incident(posts["KZ-KOR"], day_time, (subs["heroin"], 2.0, Unit.KG)), actor=SYSTEM)
    result = export_brief(engine, local_date(day_time, KZ_OFFSET), tmp_path / "brief.pdf",
                          actor=SYSTEM, settings=SETTINGS)
    assert [r.number for r in result.brief.incidents] == [saved.number]
    shown = "".join(page.extract_text() for page in PdfReader(result.path).pages)
    assert saved.number in shown and "No." in shown


def test_a_demo_load_numbers_its_incidents_after_those_already_numbered(engine):
    first = _record(engine, "KZ-KOR", minutes_ago=60)[0]
    seed_incidents(engine, 200, seed=11)
    with engine.connect() as conn:
        numbers = conn.execute(text("SELECT number FROM incidents")).scalars().all()
        kordai_this_year = conn.execute(text(
            "SELECT last FROM incident_counters WHERE origin = 'C' AND post_id = :p AND year = :y"),
            {"p": ids(engine)[0]["KZ-KOR"], "y": _year()}).scalar()
    assert len(numbers) == 201 and None not in numbers and len(set(numbers)) == 201
    assert first == f"KOR-C-{_year()}-0001" and first in numbers
    assert _record(engine, "KZ-KOR") == [f"KOR-C-{_year()}-{kordai_this_year + 1:04d}"]


def test_a_new_database_is_a_centre_whose_origin_a_setting_can_name(tmp_path, monkeypatch):
    default = _sqlite_installation(tmp_path, "default")
    monkeypatch.setenv("SITCENTRE_ORIGIN", "kzc")
    named = _sqlite_installation(tmp_path, "named")
    try:
        assert (installation.show(default).origin_code, installation.show(default).role) == ("C", "centre")
        assert (installation.show(named).origin_code, installation.show(named).role) == ("KZC", "centre")
        assert _record(named, "KZ-KOR") == [f"KOR-KZC-{_year()}-0001"]
    finally:
        default.dispose()
        named.dispose()


def test_after_a_restore_the_numbers_go_on_from_the_next_thousand(engine):
    """A restored post's counters are as old as its backup; services.keys.start_new_epoch moves them on so a
    number given since the backup (and already at the centre) is never given again."""
    from sqlalchemy import select

    from sitcentre.db.tables import IncidentCounterRow
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.services.numbering import skip_ahead_after_restore

    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        post_ids = [p for (p,) in s.execute(select(IncidentCounterRow.post_id).limit(0))]
        assert post_ids == []
        from sitcentre.db.tables import PostRow

        kor = s.scalar(select(PostRow.id).order_by(PostRow.id).limit(1))
        s.add(IncidentCounterRow(origin="ZZ", post_id=kor, year=2020, last=7))
        s.add(IncidentCounterRow(origin="ZZ", post_id=kor, year=2021, last=1999))
        s.add(IncidentCounterRow(origin="OTHER", post_id=kor, year=2021, last=5))
        s.flush()
        moved = skip_ahead_after_restore(s, "ZZ")
        other = s.scalar(select(IncidentCounterRow.last).where(IncidentCounterRow.origin == "OTHER"))
    assert moved[(kor, 2020)] == 1000 and moved[(kor, 2021)] == 2000
    assert len(moved) == 3 and sorted(moved.values())[0] == 1000  # and this year's counter starts at 1000
    assert other == 5  # another origin's counters are not touched
