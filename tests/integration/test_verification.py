"""Review by supervisors: draft -> reported -> verified or rejected (with a reason), reopen; versions bump,
every review is audited, and the charts' "verified only" follows."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Role, Unit
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.series import SeriesRequest
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import _rollups_match
from sitcentre.services.verification import VerificationService
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user, audit_rows, audit_since, last_audit_id, test_settings

DAY = date(2026, 4, 10)


@pytest.fixture
def setup(engine, tmp_path):
    settings = test_settings(tmp_path)
    posts, subs = ids(engine)
    supervisor = add_user(engine, settings, "sam", Role.SUPERVISOR)
    operator = add_user(engine, settings, "olga", Role.OPERATOR)
    reported = IncidentService(engine, settings).record(
        incident(posts["KG-KSU"], utc(2026, 4, 10, 6), (subs["heroin"], 12, Unit.KG)), actor=operator)
    return engine, settings, VerificationService(engine, settings), supervisor, operator, reported, posts, subs


def stored(engine, incident_id):
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


def verified_kg(engine, verified_only=True) -> float:
    req = SeriesRequest(DAY, DAY, split="none", verified_only=verified_only)
    with UnitOfWork(engine) as uow:
        return float(StatsRepository(uow.session).series(req).total().sum())


def test_a_supervisor_verifies_a_reported_incident(setup):
    engine, _, review, supervisor, _, reported, *_ = setup
    mark = last_audit_id(engine)
    assert verified_kg(engine) == 0
    verified = review.verify(reported.id, actor=supervisor)
    assert verified == stored(engine, reported.id)
    assert (verified.status, verified.verified_by, verified.version) == (IncidentStatus.VERIFIED, supervisor.id, 2)
    assert verified.verified_at is not None
    assert verified_kg(engine) == pytest.approx(12)
    [row] = audit_since(engine, mark)
    assert (row.action, row.username, row.entity, row.entity_id) == ("verify", "sam", "incident", str(reported.id))
    assert json.loads(row.before_json)["status"] == "reported" and json.loads(row.after_json)["status"] == "verified"
    assert _rollups_match(engine)


def test_a_rejection_needs_a_reason_and_keeps_it(setup):
    engine, _, review, supervisor, _, reported, *_ = setup
    mark = last_audit_id(engine)
    for blank in ("", "   "):
        with pytest.raises(ValidationError, match="Say why") as problem:
            review.reject(reported.id, blank, actor=supervisor)
        assert problem.value.problems[0].field == "rejection_reason"
    assert audit_since(engine, mark) == [] and stored(engine, reported.id).status == IncidentStatus.REPORTED
    rejected = review.reject(reported.id, "  Same seizure as the customs report  ", actor=supervisor)
    assert rejected.status == IncidentStatus.REJECTED
    assert stored(engine, reported.id).rejection_reason == "Same seizure as the customs report"
    assert verified_kg(engine, verified_only=False) == 0  # rejected incidents are not counted at all
    assert [r.action for r in audit_since(engine, mark)] == ["reject"]
    assert _rollups_match(engine)


def test_a_supervisor_may_change_their_mind_and_reopen(setup):
    engine, _, review, supervisor, _, reported, *_ = setup
    review.verify(reported.id, actor=supervisor)
    review.reject(reported.id, "Lab found sugar", actor=supervisor)
    review.verify(reported.id, actor=supervisor)
    reopened = review.reopen(reported.id, actor=supervisor)
    row = stored(engine, reported.id)
    assert reopened.status == row.status == IncidentStatus.REPORTED
    assert (row.verified_by, row.verified_at, row.rejection_reason, row.version) == (None, None, "", 5)
    assert [r.action for r in audit_rows(engine, entity_id=str(reported.id))] == \
        ["create", "verify", "reject", "verify", "reopen"]


def test_a_draft_cannot_be_reviewed_and_a_verdict_is_not_given_twice(setup):
    engine, settings, review, supervisor, operator, reported, posts, subs = setup
    draft = IncidentService(engine, settings).record(
        incident(posts["KG-KSU"], utc(2026, 4, 10, 7), (subs["heroin"], 1, Unit.KG), status=IncidentStatus.DRAFT),
        actor=operator)
    for attempt in (lambda: review.verify(draft.id, actor=supervisor),
                    lambda: review.reject(draft.id, "why", actor=supervisor),
                    lambda: review.reopen(draft.id, actor=supervisor)):
        with pytest.raises(ValidationError, match="still a draft"):
            attempt()
    with pytest.raises(ValidationError, match="reported and not yet reviewed"):
        review.reopen(reported.id, actor=supervisor)
    review.verify(reported.id, actor=supervisor)
    with pytest.raises(ValidationError, match="already verified"):
        review.verify(reported.id, actor=supervisor)
    assert stored(engine, draft.id).status == IncidentStatus.DRAFT


def test_a_review_of_a_stale_version_is_a_conflict(setup):
    engine, settings, review, supervisor, operator, reported, *_ = setup
    IncidentService(engine, settings).update(replace(reported, narrative="edited meanwhile"), actor=operator)
    with pytest.raises(ConflictError) as conflict:
        review.verify(reported.id, actor=supervisor, expected_version=reported.version)
    assert conflict.value.theirs.narrative == "edited meanwhile"
    assert stored(engine, reported.id).status == IncidentStatus.REPORTED


def test_an_operator_editing_the_version_before_a_review_gets_a_conflict_not_an_overwrite(setup):
    engine, settings, review, supervisor, operator, reported, *_ = setup
    review.verify(reported.id, actor=supervisor)
    with pytest.raises(ConflictError):
        IncidentService(engine, settings).update(replace(reported, narrative="stale form"), actor=operator)
    assert stored(engine, reported.id).status == IncidentStatus.VERIFIED


def test_reviewing_a_missing_incident_says_so(setup):
    from sitcentre.domain.records import new_id
    from sitcentre.services.duplicates import IncidentNotFound

    _, _, review, supervisor, *_ = setup
    with pytest.raises(IncidentNotFound, match="no longer exists"):
        review.verify(new_id(), actor=supervisor)
