"""A write without an actor cannot reach the database (issue 11, item 2).

Every write use case and every permission-checked read takes `actor=` as a required keyword: the signed-in
Actor, or for system work an explicit `Actor.system_actor(name)`. Called with None (or a bare user name,
as the old `username=` calls did), each raises TypeError before any unit of work is opened: no row of any
table changes, and no audit row (not even a refusal) is written. A Desk cannot be made without one either.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sitcentre.backend import Desk, NoActor
from sitcentre.db.tables import Base
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services import audit, auth, installation
from sitcentre.services.alerts import acknowledge_alert, send_alert
from sitcentre.services.audit import AuditService
from sitcentre.services.brief_pdf import export_brief
from sitcentre.services.demo_guard import record_demo_load
from sitcentre.services.duplicates import DuplicateService
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import change_status
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService

from .helpers import SETTINGS, ids, incident, utc


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(table))
                for name, table in Base.metadata.tables.items()}


def _use_cases(engine, tmp_path, world):
    """(name, call taking the actor) for every write and permission-checked read."""
    incidents = IncidentService(engine, SETTINGS)
    reviews = VerificationService(engine, SETTINGS)
    duplicates = DuplicateService(engine, SETTINGS)
    users = UserService(engine, SETTINGS)
    trail = AuditService(engine, SETTINGS)
    new = incident(world["post"], utc(2026, 3, 1, 9), (world["heroin"], 1, Unit.KG))
    saved, other, alert_id = world["saved"], world["other"], world["alert"]
    return [
        ("record an incident", lambda a: incidents.record(new, actor=a)),
        ("edit an incident", lambda a: incidents.update(saved, actor=a)),
        ("delete an incident", lambda a: incidents.delete(saved.id, actor=a)),
        ("verify", lambda a: reviews.verify(saved.id, actor=a)),
        ("reject", lambda a: reviews.reject(saved.id, "not a seizure", actor=a)),
        ("reopen", lambda a: reviews.reopen(saved.id, actor=a)),
        ("link a duplicate", lambda a: duplicates.link(other.id, saved.id, actor=a)),
        ("unlink a duplicate", lambda a: duplicates.unlink(other.id, actor=a)),
        ("add an account", lambda a: users.add("new.officer", "operator", "a long password 1", actor=a)),
        ("set a password", lambda a: users.set_password("olga", "another long one 2", actor=a)),
        ("change one's password", lambda a: users.change_own_password("x", "another long one 2", actor=a)),
        ("disable an account", lambda a: users.disable("olga", actor=a)),
        ("enable an account", lambda a: users.enable("olga", actor=a)),
        ("unlock an account", lambda a: users.unlock("olga", actor=a)),
        ("change a role", lambda a: users.set_role("olga", "supervisor", actor=a)),
        ("list the accounts", lambda a: users.list(actor=a)),
        ("read an account", lambda a: users.get("olga", actor=a)),
        ("read the audit trail", lambda a: trail.entries(actor=a)),
        ("read a history", lambda a: trail.history("incident", saved.id, actor=a)),
        ("check the chain", lambda a: trail.verify(actor=a)),
        ("change a post's status", lambda a: change_status(engine, world["post"], "limited", "Scanner broken",
                                                           actor=a, settings=SETTINGS)),
        ("send an alert", lambda a: send_alert(engine, Alert("Grey truck", to_post_id=world["post"]), actor=a,
                                               settings=SETTINGS)),
        ("acknowledge an alert", lambda a: acknowledge_alert(engine, alert_id, actor=a, settings=SETTINGS)),
        ("export the brief", lambda a: export_brief(engine, saved.occurred_at.date(), tmp_path / "brief.pdf",
                                                    actor=a, settings=SETTINGS)),
        ("set up the installation", lambda a: installation.init(engine, "centre", "KZC", a)),
        ("sign out", lambda a: auth.logout(engine, a)),
        ("record a demo load", lambda a: record_demo_load(engine, a, 10, seed=1)),
        ("append to the audit trail", lambda a: audit.append_now(engine, a, "export", "brief", "x")),
    ]


@pytest.fixture
def world(engine):
    posts, subs = ids(engine)
    incidents = IncidentService(engine, SETTINGS)
    saved = incidents.record(incident(posts["KG-KSU"], utc(2026, 3, 1, 9), (subs["heroin"], 5, Unit.KG)), actor=SYSTEM)
    other = incidents.record(incident(posts["KG-KSU"], utc(2026, 3, 1, 10), (subs["heroin"], 5, Unit.KG)),
                             actor=SYSTEM)
    UserService(engine, SETTINGS).add("olga", "operator", "a long password 1", actor=SYSTEM)
    alert = send_alert(engine, Alert("Check the truck", to_post_id=posts["KG-DOS"]), actor=SYSTEM, settings=SETTINGS)
    return {"post": posts["KG-KSU"], "heroin": subs["heroin"], "saved": saved, "other": other, "alert": alert.id}


@pytest.mark.parametrize("missing", [None, "olga"], ids=["None", "a user name"])
def test_no_write_without_an_actor_reaches_the_database(engine, tmp_path, world, missing):
    before = _counts(engine)
    head = audit.chain_head(engine)
    cases = _use_cases(engine, tmp_path, world)
    assert len(cases) == 28
    for name, call in cases:
        with pytest.raises(TypeError):
            call(missing)
            pytest.fail(f"{name}: ran without an actor")
    assert _counts(engine) == before
    assert audit.chain_head(engine) == head  # not even a refusal was audited
    assert not (tmp_path / "brief.pdf").exists()


def test_the_same_calls_with_the_system_actor_do_write(engine, tmp_path, world):
    """The check above is not vacuous: the calls are the real ones (a system actor gets through)."""
    before = _counts(engine)["audit_log"]
    cases = dict(_use_cases(engine, tmp_path, world))
    cases["record an incident"](SYSTEM)
    cases["change a post's status"](SYSTEM)
    assert _counts(engine)["audit_log"] == before + 2


def test_a_desk_needs_an_actor(app_backend):
    with pytest.raises(NoActor):
        Desk(app_backend, None)
    with pytest.raises(NoActor):
        app_backend.desk("olga")
    assert isinstance(NoActor(), TypeError)
    assert app_backend.system_desk("tests").actor.system


def test_the_services_take_no_settings_fallback(engine):
    for service in (IncidentService, VerificationService, DuplicateService, UserService, AuditService):
        with pytest.raises(TypeError):
            service(engine)
        with pytest.raises(TypeError):
            service(engine, None)
