"""The backend the shell uses (issue 11): accounts before sign-in give a Desk, and the desk's audit, users and
brief act as its actor; writes return Done naming what changed; refusals are the domain's own errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitcentre.domain.accounts import AccountError, LoginRefused
from sitcentre.domain.audit import AuditFilter
from sitcentre.domain.briefs import BriefTargetExists
from sitcentre.domain.changes import Done, Topic
from sitcentre.domain.enums import Role, Unit
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.services.brief import default_day
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import ids, incident
from tests.integration.people import PASSWORD, add_user, audit_rows


def test_the_first_admin_signs_in_through_the_accounts_and_gets_a_desk(app_backend):
    accounts = app_backend.accounts
    assert not accounts.has_users()
    desk = accounts.create_first_admin("Chief", PASSWORD, "B. Chief")
    assert (desk.actor.username, desk.actor.role, desk.backend) == ("chief", Role.ADMIN, app_backend)
    assert accounts.has_users()
    again = accounts.sign_in(" CHIEF ", PASSWORD)
    assert again.actor.id == desk.actor.id
    with pytest.raises(LoginRefused):
        accounts.sign_in("chief", "not the password")
    accounts.sign_out(again)
    assert [r.action for r in audit_rows(app_backend.engine, username="chief")][-1] == "logout"
    with pytest.raises(AccountError, match="only for a demo database"):
        accounts.demo_desk()
    with pytest.raises(AccountError, match="at least"):
        accounts.check_password("short", "chief")
    assert accounts.check_username(" Ops ") == "ops"


def test_the_users_noun_acts_as_the_desks_actor_and_says_what_changed(app_backend):
    admin = app_backend.desk(add_user(app_backend.engine, app_backend.settings, "boss", Role.ADMIN))
    done = admin.users.add("ops", Role.OPERATOR, PASSWORD)
    assert isinstance(done, Done) and done.value.username == "ops"
    assert done.changes.ids(Topic.USERS) == {str(done.value.id)}
    disabled = admin.users.disable("OPS")
    assert disabled.value == "ops" and disabled.changes.touches([Topic.USERS])
    assert [u.username for u in admin.users.list()] == ["boss", "ops"]
    operator = app_backend.desk(add_user(app_backend.engine, app_backend.settings, "op2", Role.OPERATOR))
    with pytest.raises(PermissionDenied):
        operator.users.list()


def test_the_audit_noun_reads_for_supervisors_only(app_backend):
    sup = app_backend.desk(add_user(app_backend.engine, app_backend.settings, "sup", Role.SUPERVISOR))
    entries = sup.audit.entries(AuditFilter(username="system"))
    assert entries and all(e.username == "system" for e in entries)
    user_id = sup.actor.id
    assert [e.action for e in sup.audit.history("user", user_id)] == ["create"]
    assert sup.audit.verify().intact
    assert "sup" in {p.username for p in sup.audit.names().users.values()}
    operator = app_backend.desk(add_user(app_backend.engine, app_backend.settings, "ops", Role.OPERATOR))
    with pytest.raises(PermissionDenied):
        operator.audit.entries()


def test_the_brief_noun_exports_for_supervisors_and_never_replaces_a_file_unasked(app_backend, tmp_path):
    engine, settings = app_backend.engine, app_backend.settings
    posts, subs = ids(engine)
    IncidentService(engine, settings).record(
        incident(posts["KG-DOS"], datetime(2025, 4, 10, 6, tzinfo=UTC), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    sup = app_backend.desk(add_user(engine, settings, "sup", Role.SUPERVISOR))
    now = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
    assert sup.brief.default_day(now) == default_day(now, settings.centre_utc_offset_minutes)
    result = sup.brief.export(datetime(2025, 4, 10).date(), tmp_path / "brief.pdf")
    assert result.pages >= 1 and result.path.read_bytes().startswith(b"%PDF")
    with pytest.raises(BriefTargetExists):
        sup.brief.export(datetime(2025, 4, 10).date(), tmp_path / "brief.pdf")
    operator = app_backend.desk(add_user(engine, settings, "ops", Role.OPERATOR))
    with pytest.raises(PermissionDenied):
        operator.brief.export(datetime(2025, 4, 10).date(), tmp_path / "other.pdf")


def test_the_audit_names_tell_times_on_the_centres_clock_as_the_settings_say(engine, tmp_path):
    """Times with no post are on the centre's clock: the configured one, not the default (UTC+5)."""
    from sitcentre.backend import Backend
    from sitcentre.settings import Settings

    backend = Backend(engine, Settings(data_dir=tmp_path, centre_utc_offset_minutes=360))
    sup = backend.desk(add_user(engine, backend.settings, "sup6", Role.SUPERVISOR))
    assert sup.audit.names().centre_offset_minutes == 360
