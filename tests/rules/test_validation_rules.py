"""Refusals the services make on their own input, on an in-memory database: an incident with a bad line,
an unknown post or substance, a post status without a reason, an alert to nowhere, an account rule broken.
Each is refused before anything is written: no row of any table moves and no audit row is added.

(The field-by-field rules themselves are tested without a database in tests/unit/test_validation.py.)"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from sitcentre.domain.accounts import AccountError
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import Role, Unit
from sitcentre.domain.records import SeizureLine, utcnow
from sitcentre.domain.validation import ValidationError
from tests.rules.world import World

MISSING_ID = 2**31 - 2  # a whole number a post or substance id may be, that names none here


def _line(w: World, **fields) -> tuple[SeizureLine, ...]:
    return (replace(SeizureLine(substance_id=w.subs["heroin"], quantity=2, unit=Unit.KG), **fields),)


# (case, what to change in a valid incident, the field the service names)
INCIDENT_CASES = [
    ("no lines", lambda w, i: replace(i, lines=()), "lines"),
    ("zero quantity", lambda w, i: replace(i, lines=_line(w, quantity=0)), "lines[0].quantity"),
    ("negative quantity", lambda w, i: replace(i, lines=_line(w, quantity=-3)), "lines[0].quantity"),
    ("NaN quantity", lambda w, i: replace(i, lines=_line(w, quantity=math.nan)), "lines[0].quantity"),
    ("infinite quantity", lambda w, i: replace(i, lines=_line(w, quantity=math.inf)), "lines[0].quantity"),
    ("text quantity", lambda w, i: replace(i, lines=_line(w, quantity="2")), "lines[0].quantity"),
    ("too many kg", lambda w, i: replace(i, lines=_line(w, quantity=1_000_001)), "lines[0].quantity"),
    ("unknown substance", lambda w, i: replace(i, lines=_line(w, substance_id=MISSING_ID)), "lines[0].substance_id"),
    ("unknown unit", lambda w, i: replace(i, lines=_line(w, unit="bales")), "lines[0].unit"),
    ("heroin in tablets", lambda w, i: replace(i, lines=_line(w, unit=Unit.TABLETS, quantity=10)), "lines[0].unit"),
    ("tablet mass on kg", lambda w, i: replace(i, lines=_line(w, mass_per_tablet_mg=200)),
     "lines[0].mass_per_tablet_mg"),
    ("unknown basis", lambda w, i: replace(i, lines=_line(w, basis="guessed")), "lines[0].basis"),
    ("unknown post", lambda w, i: replace(i, post_id=MISSING_ID), "post_id"),
    ("no post", lambda w, i: replace(i, post_id=None), "post_id"),
    ("post id not whole", lambda w, i: replace(i, post_id=1.5), "post_id"),
    ("no time", lambda w, i: replace(i, occurred_at=None), "occurred_at"),
    ("naive time", lambda w, i: replace(i, occurred_at=i.occurred_at.replace(tzinfo=None)), "occurred_at"),
    ("future", lambda w, i: replace(i, occurred_at=utcnow() + timedelta(days=2), reported_at=None), "occurred_at"),
    ("reported before it happened", lambda w, i: replace(i, reported_at=i.occurred_at - timedelta(hours=1)),
     "reported_at"),
    ("negative persons", lambda w, i: replace(i, persons_detained=-1), "persons_detained"),
    ("persons not whole", lambda w, i: replace(i, persons_detained=2.5), "persons_detained"),
    ("narrative too long", lambda w, i: replace(i, narrative="x" * 20_001), "narrative"),
    ("NUL in narrative", lambda w, i: replace(i, narrative="a\x00b"), "narrative"),
    ("transit too long", lambda w, i: replace(i, route_transit="KZ," * 30), "route_transit"),
    ("departure not a code", lambda w, i: replace(i, route_departure="Afghanistan"), "route_departure"),
    ("unknown direction", lambda w, i: replace(i, direction="sideways"), "direction"),
    ("unknown transport", lambda w, i: replace(i, transport_mode="balloon"), "transport_mode"),
    ("unknown status", lambda w, i: replace(i, status="archived"), "status"),
]
CASE_IDS = [c[0] for c in INCIDENT_CASES]


@pytest.mark.parametrize("case, change, field", INCIDENT_CASES, ids=CASE_IDS)
def test_a_bad_new_incident_is_refused_and_nothing_is_written(world: World, case, change, field):
    mark, before = world.last_audit_id(), world.snapshot()
    bad = change(world, world.incident())
    with pytest.raises(ValidationError) as refused:
        world.record(bad, world.actors[Role.OPERATOR])
    assert field in [p.field for p in refused.value.problems], refused.value.problems
    assert all(p.message.endswith(".") for p in refused.value.problems)
    assert world.get(bad.id) is None and world.snapshot() == before and world.audit_since(mark) == []


@pytest.mark.parametrize("case, change, field", INCIDENT_CASES, ids=CASE_IDS)
def test_a_bad_edit_is_refused_and_the_incident_stays_as_it_was(world: World, case, change, field):
    saved = world.saved()
    mark, before = world.last_audit_id(), world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.update(change(world, saved), world.actors[Role.SUPERVISOR])
    assert field in [p.field for p in refused.value.problems], refused.value.problems
    assert world.get(saved.id) == saved and world.snapshot() == before and world.audit_since(mark) == []


def test_every_problem_is_named_at_once(world: World):
    bad = replace(world.incident(), post_id=MISSING_ID, persons_detained=-1,
                  lines=_line(world, quantity=0, unit="bales"))
    with pytest.raises(ValidationError) as refused:
        world.record(bad, world.actors[Role.OPERATOR])
    assert {p.field for p in refused.value.problems} >= {"persons_detained", "lines[0].quantity", "lines[0].unit"}


def test_the_post_is_looked_up_once_the_rest_is_valid(world: World):
    with pytest.raises(ValidationError) as refused:
        world.record(replace(world.incident(), post_id=MISSING_ID), world.actors[Role.OPERATOR])
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("post_id", "The chosen post no longer exists. Choose another post.")]


def test_a_valid_incident_gets_its_kg_equivalent_from_the_reference_data(world: World):
    saved = world.record(world.incident(("heroin", 1500, Unit.G), ("tramadol", 1000, "tablets")),
                         world.actors[Role.OPERATOR])
    assert [line.kg_equivalent for line in saved.lines][0] == pytest.approx(1.5)
    assert all(line.kg_equivalent > 0 and line.conversion for line in saved.lines)


# --- a post's status ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("status, reason, post, field", [
    ("limited", "", "KG-KSU", "reason"),
    ("limited", "   ", "KG-KSU", "reason"),
    ("limited", "x" * 501, "KG-KSU", "reason"),
    ("on fire", "Smoke", "KG-KSU", "status"),
])
def test_a_bad_post_status_is_refused(world: World, status, reason, post, field):
    mark, before = world.last_audit_id(), world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.set_post_status(world.actors[Role.SUPERVISOR], status, reason, post)
    assert [p.field for p in refused.value.problems] == [field]
    assert world.snapshot() == before and world.audit_since(mark) == []


def test_the_same_status_and_reason_again_is_refused(world: World):
    supervisor = world.actors[Role.SUPERVISOR]
    world.set_post_status(supervisor, "limited", "Scanner under repair")
    with pytest.raises(ValidationError, match="already has this status and reason"):
        world.set_post_status(supervisor, "limited", "Scanner under repair")
    world.set_post_status(supervisor, "limited", "Scanner still under repair")  # a new reason is history


# --- alerts -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, sender, receiver, priority, field", [
    ("", "KG-KSU", "KG-DOS", "normal", "text"),
    ("   ", "KG-KSU", "KG-DOS", "normal", "text"),
    ("x" * 2001, "KG-KSU", "KG-DOS", "normal", "text"),
    ("Truck", "KG-KSU", None, "normal", None),  # to every post: fine
    ("Truck", "KG-KSU", "KG-KSU", "normal", "to_post_id"),
    ("Truck", "KG-KSU", MISSING_ID, "normal", "to_post_id"),
    ("Truck", MISSING_ID, "KG-DOS", "normal", "from_post_id"),
    ("Truck", "KG-KSU", "KG-DOS", "whenever", "priority"),
])
def test_alerts_are_checked_before_they_are_stored(world: World, text, sender, receiver, priority, field):
    def post(code):
        return world.posts[code] if isinstance(code, str) else code

    alert = Alert(text, post(sender), post(receiver), priority=priority)
    if field is None:
        assert world.send(world.actors[Role.OPERATOR], alert).sent_by == "operator"
        return
    before = world.snapshot()
    with pytest.raises(ValidationError) as refused:
        world.send(world.actors[Role.OPERATOR], alert)
    assert field in [p.field for p in refused.value.problems] and world.snapshot() == before


def test_an_alert_that_is_gone_cannot_be_acknowledged(world: World):
    ghost = Alert("Gone", None, world.posts["KG-KSU"], id=uuid.uuid4())
    with pytest.raises(ValidationError, match="no longer exists"):
        world.acknowledge(ghost, world.actors[Role.OPERATOR])


def test_the_first_acknowledgement_stands(world: World):
    alert = world.alert()
    first = world.acknowledge(alert, world.actors[Role.OPERATOR])
    second = world.acknowledge(alert, world.actors[Role.SUPERVISOR])
    assert second.acknowledged_by == first.acknowledged_by == "operator"


# --- accounts ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, role, password, post_code, display, words", [
    ("a", "operator", None, None, "", "cannot be a user name"),
    ("two words", "operator", None, None, "", "cannot be a user name"),
    ("newbie", "chief", None, None, "", "is not a role"),
    ("newbie", "operator", None, "XX-NOPE", "", "no post with the code"),
    ("newbie", "operator", "short", None, "", "too short"),
    ("newbie", "operator", "newbie", None, "", "too short"),
    ("newbie", "operator", None, None, "x" * 121, "display name is too long"),
    ("newbie", "operator", None, None, "two\nlines", "cannot be stored"),
    ("operator", "operator", None, None, "", "already an account named 'operator'"),
    ("OPERATOR", "operator", None, None, "", "already an account named 'operator'"),
    ("оператор", "operator", None, None, "", None),  # Cyrillic: one alphabet, another name
    ("oпerator", "operator", None, None, "", "different alphabets"),
])
def test_account_rules(world: World, name, role, password, post_code, display, words):
    admin = world.actors[Role.ADMIN]
    if words is None:
        assert world.users().add(name, role, password, post_code, display, actor=admin).role == Role(role)
        return
    before = world.snapshot()
    with pytest.raises(AccountError, match=words):
        world.users().add(name, role, password, post_code, display, actor=admin)
    assert world.snapshot() == before


def test_a_name_that_looks_like_an_account_s_is_refused(world: World):
    admin = world.actors[Role.ADMIN]
    world.users().add("ace", Role.OPERATOR, None, actor=admin)
    with pytest.raises(AccountError, match="'асе' looks like the existing account 'ace'"):
        world.users().add("асе", Role.OPERATOR, None, actor=admin)  # Cyrillic а, с, е


def test_the_last_administrator_stays(world: World):
    admin = world.actors[Role.ADMIN]
    users = world.users()
    with pytest.raises(AccountError, match="last active administrator"):
        users.disable("admin", actor=admin)
    with pytest.raises(AccountError, match="last active administrator"):
        users.set_role("admin", Role.OPERATOR, actor=admin)
    users.add("second.admin", Role.ADMIN, None, actor=admin)
    assert users.disable("admin", actor=admin) == "admin"


@pytest.mark.parametrize("verb", ["disable", "enable", "unlock"])
def test_an_unknown_account_is_named(world: World, verb):
    with pytest.raises(AccountError, match="There is no account named 'nobody'."):
        getattr(world.users(), verb)("Nobody", actor=world.actors[Role.ADMIN])
