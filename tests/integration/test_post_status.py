"""Post status: report thresholds, attention order and grouping, status changes kept in the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from sitcentre.db.tables import AuditRow, ChangeRow, PostRow, PostStatusHistoryRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import PostStatus, Unit
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.post_status import Attention, ReportLevel, ReportThresholds
from sitcentre.domain.validation import ValidationError
from sitcentre.services import audit
from sitcentre.services.alerts import send_alert
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import GroupBy, change_status, load_post_board, load_post_detail
from sitcentre.settings import Settings
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc

NOW = utc(2025, 6, 10, 12)
THRESHOLDS = ReportThresholds(amber_hours=24, red_hours=72)


def _set_posts(engine, **by_code) -> None:
    """by_code: code -> (status, hours since last report or None)."""
    with UnitOfWork(engine, write=True) as uow:
        uow.session.execute(update(PostRow).values(status="operational", status_reason="",
                                                   last_report_at=NOW - timedelta(hours=1)))
        for code, (status, hours) in by_code.items():
            last = None if hours is None else NOW - timedelta(hours=hours)
            uow.session.execute(update(PostRow).where(PostRow.code == code)
                                .values(status=status, last_report_at=last))
        uow.commit()


def test_the_report_level_turns_amber_after_24_hours_and_red_after_72_or_never():
    level = ReportThresholds(24, 72).level
    assert level(NOW - timedelta(hours=23, minutes=59), NOW) == ReportLevel.OK
    assert level(NOW - timedelta(hours=24), NOW) == ReportLevel.AMBER
    assert level(NOW - timedelta(hours=71), NOW) == ReportLevel.AMBER
    assert level(NOW - timedelta(hours=72), NOW) == ReportLevel.RED
    assert level(None, NOW) == ReportLevel.RED


def test_thresholds_come_from_the_settings(tmp_path):
    settings = Settings(data_dir=tmp_path)
    assert (settings.report_amber_hours, settings.report_red_hours) == (24.0, 72.0)
    custom = ReportThresholds.from_settings(Settings(data_dir=tmp_path, report_amber_hours=6, report_red_hours=12))
    assert custom.level(NOW - timedelta(hours=7), NOW) == ReportLevel.AMBER
    with pytest.raises(ValueError):
        ReportThresholds(48, 24)


def test_the_board_orders_posts_by_the_attention_they_need(engine):
    _set_posts(engine, **{
        "TJ-ISH": ("offline", 2),        # offline: critical, first
        "KZ-KOR": ("operational", 100),  # silent for 100 h: red, critical
        "KG-DOS": ("operational", None),  # never reported: red, critical
        "KZ-KAR": ("limited", 2),        # limited: warning
        "UZ-TER": ("operational", 30),   # 30 h: amber, warning
    })
    board = load_post_board(engine, THRESHOLDS, now=NOW)
    codes = [c.post.code for c in board.cards]
    assert codes[:5] == ["TJ-ISH", "KG-DOS", "KZ-KOR", "KZ-KAR", "UZ-TER"]
    assert len(codes) == 15
    ish, dos, kor, kar, ter = board.cards[:5]
    assert (ish.attention, ish.report) == (Attention.CRITICAL, ReportLevel.OK)
    assert (dos.report, dos.hours_since_report) == (ReportLevel.RED, None)
    assert (kor.report, kor.attention) == (ReportLevel.RED, Attention.CRITICAL)
    assert (kar.attention, ter.report, ter.attention) == (Attention.WARNING, ReportLevel.AMBER, Attention.WARNING)
    assert all(c.attention == Attention.OK for c in board.cards[5:])
    assert (board.count(Attention.CRITICAL), board.count(Attention.WARNING)) == (3, 2)


def test_waiting_alerts_raise_a_quiet_post_above_the_others(engine):
    _set_posts(engine)
    posts, _ = ids(engine)
    send_alert(engine, Alert("Check the grey truck", from_post_id=posts["KG-DOS"], to_post_id=posts["UZ-BEK"]),
               actor=Actor.system_actor("dos"), now=NOW, settings=SETTINGS)
    board = load_post_board(engine, THRESHOLDS, now=NOW)
    assert board.cards[0].post.code == "UZ-BEK" and board.cards[0].unacknowledged_alerts == 1
    assert board.card(posts["KG-DOS"]).unacknowledged_alerts == 0


def test_cards_group_by_border_or_by_country_with_the_most_urgent_group_first(engine):
    _set_posts(engine, **{"UZ-TER": ("offline", 1)})
    board = load_post_board(engine, THRESHOLDS, now=NOW)
    by_border = board.groups(GroupBy.BORDER)
    assert by_border[0][0] == "AF-UZ" and [c.post.code for c in by_border[0][1]] == ["UZ-TER"]
    assert sorted(label for label, _ in by_border) == ["AF-TJ", "AF-UZ", "KG-KZ", "KG-TJ", "KG-UZ", "TJ-UZ"]
    assert {label: len(cards) for label, cards in by_border} == {
        "AF-UZ": 1, "AF-TJ": 2, "KG-KZ": 2, "KG-TJ": 4, "KG-UZ": 2, "TJ-UZ": 4}
    by_country = board.groups(GroupBy.COUNTRY)
    assert by_country[0][0] == "Uzbekistan (UZ)"
    assert sum(len(cards) for _, cards in by_country) == 15
    assert board.groups(GroupBy.NONE) == [("", board.cards)]


def test_the_board_counts_incidents_and_kg_like_the_summary(engine):
    posts, subs = ids(engine)
    IncidentService(engine, SETTINGS).record(
        incident(posts["TJ-PPY"], NOW - timedelta(hours=3), (subs["heroin"], 7, Unit.KG)), actor=SYSTEM)
    card = load_post_board(engine, THRESHOLDS, now=NOW).card(posts["TJ-PPY"])
    assert (card.summary.incidents_24h, card.summary.incidents_7d) == (1, 1)
    assert card.summary.kg_30d == pytest.approx(7.0) and card.summary.daily_kg_30d[-1] == pytest.approx(7.0)
    assert card.report == ReportLevel.OK and card.hours_since_report == pytest.approx(3.0)


def test_a_status_change_updates_the_post_and_is_kept_in_its_history(engine):
    posts, _ = ids(engine)
    post_id = posts["KG-KRM"]
    first = change_status(engine, post_id, PostStatus.LIMITED, " Generator failure ",
                          actor=Actor.system_actor("supervisor1"),
                          now=NOW - timedelta(hours=5), settings=SETTINGS)
    change_status(engine, post_id, "limited", "Generator failure; spare part ordered",
                  actor=Actor.system_actor("supervisor2"),
                  now=NOW - timedelta(hours=3), settings=SETTINGS)
    change_status(engine, post_id, PostStatus.OPERATIONAL, "Power restored",
                  actor=Actor.system_actor("supervisor1"), now=NOW, settings=SETTINGS)
    with UnitOfWork(engine) as uow:
        row = uow.session.get(PostRow, post_id)
        assert (row.status, row.status_reason, row.status_since) == ("operational", "Power restored", NOW)
        audits = uow.session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "post_status"))
        assert audits == 3
        logged = uow.session.scalar(select(func.count()).select_from(ChangeRow).where(
            ChangeRow.table_name == "posts", ChangeRow.row_id == str(post_id)))
        assert logged >= 3
    assert first.reason == "Generator failure" and first.old_status == PostStatus.OPERATIONAL
    assert audit.verify_chain(engine) is None  # the status changes' audit rows keep the hash chain intact
    detail = load_post_detail(engine, post_id, THRESHOLDS, now=NOW)
    history = [(h.old_status, h.status, h.reason, h.changed_by, h.changed_at) for h in detail.history]
    assert history == [
        (PostStatus.LIMITED, PostStatus.OPERATIONAL, "Power restored", "supervisor1", NOW),
        (PostStatus.LIMITED, PostStatus.LIMITED, "Generator failure; spare part ordered", "supervisor2",
         NOW - timedelta(hours=3)),
        (PostStatus.OPERATIONAL, PostStatus.LIMITED, "Generator failure", "supervisor1", NOW - timedelta(hours=5)),
    ]


def test_status_since_moves_only_when_the_status_itself_changes(engine):
    posts, _ = ids(engine)
    change_status(engine, posts["KG-BOR"], "offline", "Flooded road",
                  actor=Actor.system_actor("s"), now=NOW - timedelta(days=2), settings=SETTINGS)
    change_status(engine, posts["KG-BOR"], "offline", "Flooded road; satellite phone only",
                  actor=Actor.system_actor("s"), now=NOW, settings=SETTINGS)
    with UnitOfWork(engine) as uow:
        assert uow.session.get(PostRow, posts["KG-BOR"]).status_since == NOW - timedelta(days=2)


@pytest.mark.parametrize(("status", "reason", "field"), [
    ("limited", "   ", "reason"),
    ("closed", "Strike", "status"),
    ("limited", "x" * 501, "reason"),
])
def test_a_status_change_needs_a_known_status_and_a_reason(engine, status, reason, field):
    posts, _ = ids(engine)
    with pytest.raises(ValidationError) as caught:
        change_status(engine, posts["KG-BOR"], status, reason,
                      actor=Actor.system_actor("s"), now=NOW, settings=SETTINGS)
    assert caught.value.problems[0].field == field
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PostStatusHistoryRow)) == 0


def test_repeating_the_same_status_and_reason_is_refused_and_writes_nothing(engine):
    posts, _ = ids(engine)
    change_status(engine, posts["KG-BOR"], "limited", "Short of staff",
                  actor=Actor.system_actor("s"), now=NOW, settings=SETTINGS)
    with pytest.raises(ValidationError):
        change_status(engine, posts["KG-BOR"], "limited", "Short of staff",
                      actor=Actor.system_actor("s"), now=NOW, settings=SETTINGS)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PostStatusHistoryRow)) == 1


def test_the_post_detail_lists_the_newest_incidents_of_that_post_only(engine):
    posts, subs = ids(engine)
    record = IncidentService(engine, SETTINGS).record
    for hours in range(30):
        record(incident(posts["UZ-TER"], NOW - timedelta(hours=hours), (subs["opium"], 1, Unit.KG)), actor=SYSTEM)
    record(incident(posts["TJ-PPY"], NOW, (subs["opium"], 1, Unit.KG)), actor=SYSTEM)
    detail = load_post_detail(engine, posts["UZ-TER"], THRESHOLDS, now=NOW, recent=10)
    assert detail.incident_count == 30 and len(detail.incidents) == 10
    assert {r.post_id for r in detail.incidents} == {posts["UZ-TER"]}
    assert [r.occurred_at for r in detail.incidents] == [NOW - timedelta(hours=h) for h in range(10)]
    assert detail.record.post.code == "UZ-TER" and detail.card.summary.incidents_24h == 25  # 0 h to 24 h inclusive
    assert load_post_detail(engine, 9999, THRESHOLDS) is None
