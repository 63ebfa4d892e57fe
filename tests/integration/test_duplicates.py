"""Likely duplicates: same post, same substance, amount within 10 %, within 24 hours (each condition
failing on its own), the warning before saving, and links that make the charts count a pair once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Role, Unit
from sitcentre.domain.permissions import Actor
from sitcentre.domain.series import SeriesRequest
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.duplicates import DuplicateService, LikelyDuplicates, find_duplicates, similar
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import _rollups_match
from sitcentre.services.verification import VerificationService
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user, audit_rows, test_settings

WHEN = utc(2026, 2, 10, 12)
DAY = date(2026, 2, 10)


@pytest.fixture
def world(engine, tmp_path):
    settings = test_settings(tmp_path)
    posts, subs = ids(engine)
    service = IncidentService(engine, settings)
    first = service.record(incident(posts["UZ-TER"], WHEN, (subs["heroin"], 100, Unit.KG)),
                           actor=Actor.system_actor("setup"))
    supervisor = add_user(engine, settings, "sam", Role.SUPERVISOR)
    return engine, settings, service, posts, subs, first, supervisor


def candidates(engine, new) -> list:
    with UnitOfWork(engine) as uow:
        return find_duplicates(uow.session, new)


@pytest.mark.parametrize("post, substance, quantity, unit, hours, found", [
    ("UZ-TER", "heroin", 95, Unit.KG, 3, True),
    ("UZ-TER", "heroin", 90, Unit.KG, -23.9, True),  # 10 % below, just inside the day before
    ("UZ-TER", "heroin", 110, Unit.KG, 24, True),  # 100 is within 10 % of 110, exactly 24 h later
    ("UZ-TER", "heroin", 95_000, Unit.G, 1, True),  # amounts compare as kg-equivalent
    ("UZ-TER", "heroin", 89, Unit.KG, 3, False),  # amount 11 % off
    ("UZ-TER", "heroin", 112, Unit.KG, 3, False),
    ("UZ-TER", "heroin", 100, Unit.KG, 24.1, False),  # too late
    ("UZ-TER", "heroin", 100, Unit.KG, -25, False),  # too early
    ("UZ-OYB", "heroin", 100, Unit.KG, 1, False),  # another post
    ("UZ-TER", "opium", 100, Unit.KG, 1, False),  # another substance
], ids=["similar", "lower-edge", "upper-edge", "grams", "amount-low", "amount-high", "late", "early", "post",
        "substance"])
def test_the_duplicate_warning_cases(world, post, substance, quantity, unit, hours, found):
    engine, _, service, posts, subs, first, _ = world
    new = incident(posts[post], WHEN + timedelta(hours=hours), (subs[substance], quantity, unit))
    result = service.check_duplicates(new)  # raw lines, as the form sends them: converted for the check
    assert [c.incident_id for c in result] == ([first.id] if found else [])
    if found:
        c = result[0]
        assert (c.substance_id, c.kg, c.hours_apart, c.status) == (subs["heroin"], 100, abs(hours),
                                                                    IncidentStatus.REPORTED)
        assert c.new_kg == pytest.approx(quantity / (1000 if unit == Unit.G else 1))


def test_similar_is_symmetric_and_relative_to_the_larger_amount():
    assert similar(90, 100) and similar(100, 90) and not similar(89.9, 100) and not similar(100, 89.9)
    assert similar(0.0095, 0.01) and not similar(5, 10)


def test_one_shared_substance_is_enough_and_a_rejected_incident_is_no_candidate(world):
    engine, settings, service, posts, subs, first, supervisor = world
    mixed = incident(posts["UZ-TER"], WHEN, (subs["opium"], 3, Unit.KG), (subs["heroin"], 104, Unit.KG))
    assert [c.incident_id for c in candidates(engine, mixed)] == [first.id]
    VerificationService(engine, settings).reject(first.id, "prank call", actor=supervisor)
    assert candidates(engine, mixed) == []


def test_an_incident_is_not_its_own_duplicate_and_no_lines_means_no_warning(world):
    engine, _, service, posts, subs, first, _ = world
    assert candidates(engine, first) == []
    assert candidates(engine, incident(posts["UZ-TER"], WHEN)) == []


def test_saving_with_the_check_on_raises_the_warning_and_saves_nothing(world):
    engine, _, service, posts, subs, first, _ = world
    operator = add_user(engine, world[1], "olga", Role.OPERATOR)
    again = incident(posts["UZ-TER"], WHEN + timedelta(hours=2), (subs["heroin"], 98, Unit.KG))
    with pytest.raises(LikelyDuplicates) as warned:
        service.record(again, actor=operator, allow_duplicates=False)
    assert [c.incident_id for c in warned.value.candidates] == [first.id]
    assert "may be a duplicate" in str(warned.value)
    with UnitOfWork(engine) as uow:
        assert IncidentRepository(uow.session).get(again.id) is None
    service.record(again, actor=operator)  # the operator confirms: saved
    with UnitOfWork(engine) as uow:
        assert IncidentRepository(uow.session).get(again.id) is not None


def kg_series(engine, verified_only=False) -> float:
    with UnitOfWork(engine) as uow:
        series = StatsRepository(uow.session).series(SeriesRequest(DAY, DAY, split="none",
                                                                   verified_only=verified_only))
        return float(series.total().sum())


def incident_count(engine) -> float:
    with UnitOfWork(engine) as uow:
        series = StatsRepository(uow.session).series(SeriesRequest(DAY, DAY, metric="incidents", split="none"))
        return float(series.total().sum())


def test_a_linked_pair_is_counted_once_and_the_rollups_stay_exact(world):
    engine, settings, service, posts, subs, first, supervisor = world
    second = service.record(incident(posts["UZ-TER"], WHEN + timedelta(hours=1), (subs["heroin"], 96, Unit.KG)),
                            actor=Actor.system_actor("setup"))
    assert kg_series(engine) == pytest.approx(196) and incident_count(engine) == 2
    duplicates = DuplicateService(engine, settings)
    linked = duplicates.link(second.id, first.id, actor=supervisor)
    assert (linked.status, linked.duplicate_of, linked.version) == (IncidentStatus.DUPLICATE, first.id, 2)
    assert kg_series(engine) == pytest.approx(100) and incident_count(engine) == 1
    assert _rollups_match(engine)
    VerificationService(engine, settings).verify(first.id, actor=supervisor)
    assert kg_series(engine, verified_only=True) == pytest.approx(100)
    assert duplicates.linked_to(first.id) == [second.id]
    unlinked = duplicates.unlink(second.id, actor=supervisor)
    assert (unlinked.status, unlinked.duplicate_of) == (IncidentStatus.REPORTED, None)
    assert kg_series(engine) == pytest.approx(196) and _rollups_match(engine)
    assert [r.action for r in audit_rows(engine, entity_id=str(second.id))] == \
        ["create", "link_duplicate", "unlink_duplicate"]


def test_links_always_point_at_the_incident_that_is_counted(world):
    engine, settings, service, posts, subs, first, supervisor = world
    record = service.record
    b = record(incident(posts["UZ-TER"], WHEN + timedelta(hours=1), (subs["heroin"], 99, Unit.KG)),
               actor=Actor.system_actor("x"))
    c = record(incident(posts["UZ-TER"], WHEN + timedelta(hours=2), (subs["heroin"], 98, Unit.KG)),
               actor=Actor.system_actor("x"))
    d = record(incident(posts["UZ-TER"], WHEN + timedelta(hours=3), (subs["heroin"], 97, Unit.KG)),
               actor=Actor.system_actor("x"))
    links = DuplicateService(engine, settings)
    links.link(b.id, first.id, actor=supervisor)
    assert links.link(c.id, b.id, actor=supervisor).duplicate_of == first.id  # linking to a duplicate follows it
    links.link(first.id, d.id, actor=supervisor)  # the original becomes a duplicate: its duplicates move along
    assert sorted(links.linked_to(d.id)) == sorted([first.id, b.id, c.id])
    assert kg_series(engine) == pytest.approx(97) and _rollups_match(engine)
    with pytest.raises(ValidationError, match="itself"):
        links.link(d.id, b.id, actor=supervisor)  # b leads to d


def test_an_incident_with_duplicates_cannot_be_deleted_until_they_are_unlinked(world):
    engine, settings, service, posts, subs, first, supervisor = world
    second = service.record(incident(posts["UZ-TER"], WHEN, (subs["heroin"], 100, Unit.KG)),
                            actor=Actor.system_actor("x"))
    DuplicateService(engine, settings).link(second.id, first.id, actor=supervisor)
    with pytest.raises(ValidationError, match="unlink them first"):
        service.delete(first.id, actor=supervisor)
    DuplicateService(engine, settings).unlink(second.id, actor=supervisor)
    service.delete(first.id, actor=supervisor)
    assert _rollups_match(engine)


def test_a_linked_duplicate_keeps_its_status_when_edited(world):
    from dataclasses import replace

    engine, settings, service, posts, subs, first, supervisor = world
    second = service.record(incident(posts["UZ-TER"], WHEN, (subs["heroin"], 100, Unit.KG)),
                            actor=Actor.system_actor("x"))
    linked = DuplicateService(engine, settings).link(second.id, first.id, actor=supervisor)
    operator = add_user(engine, settings, "olga", Role.OPERATOR)
    edited = service.update(replace(linked, narrative="customs report of the same seizure"), actor=operator)
    assert (edited.status, edited.duplicate_of) == (IncidentStatus.DUPLICATE, first.id)
    assert kg_series(engine) == pytest.approx(100)
