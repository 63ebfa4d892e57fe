"""The installation's policy in the database (issue 16, item 3): defaults declared once in Settings, values an
administrator changes kept in site_settings, applied by the Backend at start, every change audited."""

from __future__ import annotations

import pytest

from sitcentre.backend import Backend
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.services import site_settings as policy
from sitcentre.services.audit_chain import verify_chain
from tests.integration.helpers import SETTINGS
from tests.integration.people import add_user, audit_rows


def test_defaults_apply_until_an_administrator_changes_them_and_after_a_reset(engine):
    assert Backend(engine, SETTINGS).settings == SETTINGS
    assert policy.set_value(engine, SETTINGS, "report_amber_hours", "12,5", actor=SYSTEM) == (None, "12.5")
    assert policy.set_value(engine, SETTINGS, "operators_all_posts", "no", actor=SYSTEM) == (None, "false")
    applied = Backend(engine, SETTINGS).settings
    assert (applied.report_amber_hours, applied.operators_all_posts) == (12.5, False)
    assert Backend(engine, SETTINGS).policy.operators_all_posts is False  # the services' own-post rule follows
    shown = {key: (value, default, changed) for key, value, default, changed in policy.current(engine, SETTINGS)}
    assert shown["report_amber_hours"] == ("12.5", "24", True) and shown["report_red_hours"] == ("72", "72", False)
    assert policy.reset(engine, SETTINGS, actor=SYSTEM) == ["operators_all_posts", "report_amber_hours"]
    assert Backend(engine, SETTINGS).settings == SETTINGS
    assert verify_chain(engine) is None
    assert [r.action for r in audit_rows(engine, entity='settings')] == ['update', 'update', 'update']


@pytest.mark.parametrize(("key", "value", "words"), [
    ("report_red_hours", "12", "must be above report_amber_hours"),
    ("report_amber_hours", "nan", "between 1 and 720"),
    ("report_amber_hours", "a day", "is a number"),
    ("operators_all_posts", "maybe", "true or false"),
    ("centre_utc_offset_minutes", "310", "quarter hours"),
    ("colour", "red", "not an installation setting"),
])
def test_a_bad_value_is_refused_in_words_and_nothing_changes(engine, key, value, words):
    with pytest.raises(policy.SettingRefused, match=words):
        policy.set_value(engine, SETTINGS, key, value, actor=SYSTEM)
    assert policy.stored(engine) == {}


def test_only_an_administrator_changes_them_and_a_refusal_is_audited(engine):
    operator = add_user(engine, SETTINGS, "olga", Role.OPERATOR)
    admin = add_user(engine, SETTINGS, "adil", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        policy.set_value(engine, SETTINGS, "report_red_hours", "96", actor=operator)
    assert policy.stored(engine) == {}
    policy.set_value(engine, SETTINGS, "report_red_hours", "96", actor=admin)
    assert policy.stored(engine) == {"report_red_hours": "96"}
    assert [(r.action, r.username) for r in audit_rows(engine, entity="settings")] == [
        ("refused", "olga"), ("update", "adil")]


def test_a_damaged_stored_value_keeps_the_default(engine):
    from sitcentre.db.tables import SiteSettingRow
    from sitcentre.db.uow import UnitOfWork

    with UnitOfWork(engine, write=True) as uow:
        uow.session.add(SiteSettingRow(key="report_amber_hours", value="soon"))
        uow.session.add(SiteSettingRow(key="centre_utc_offset_minutes", value="360"))
        uow.commit()
    applied = Backend(engine, SETTINGS).settings
    assert (applied.report_amber_hours, applied.centre_utc_offset_minutes) == (SETTINGS.report_amber_hours, 360)
