"""Where records and installations stand in the exchange, as the incident table, the post cards and the status
bar read it (issue 13, items 2 and 3): a post (SQLite) and a centre (SQLite and PostgreSQL) exchanging real
bundles; the table's marks are read through the desk's pager, as the panel reads them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from sitcentre.backend.core import Backend
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import utcnow
from sitcentre.repositories import exchange_state
from sitcentre.settings import Settings
from tests.integration.exchange_world import World, content, craft, edit, export, import_, incident_entry, record


def desk(world):
    return Backend(world.engine, world.settings).system_desk()


def marks(world) -> dict:
    """id -> the incident table's exchange mark (the first page, through the desk's pager)."""
    snapshot = desk(world).incidents.browser().snapshot(1, [0])
    return {row.id: row.exchange for row in snapshot.pages[0]}


def states(world) -> dict:
    with UnitOfWork(world.engine) as uow:
        return exchange_state.states(uow.session, None)


def assert_marks_follow_exchange_state(world) -> None:
    """The table's one-statement marks and exchange_state.states agree on every record."""
    role = world.role
    expected = {"post": {"local": "unsent", "exported": "unconfirmed"},
                "centre": {"local": "", "exported": "unconfirmed"}}[role]
    found = marks(world)
    for row_id, state in states(world).items():
        want = expected.get(state, state)
        if role == "post" and state == "conflict":
            want = "centre_too"
        assert found[row_id] == want, (row_id, state, found[row_id])


def round_trip(post, centre):
    import_(centre, export(post, "C"))
    import_(post, export(centre, post.origin))


def test_a_posts_record_goes_unsent_then_unconfirmed_then_confirmed(pair):
    post, centre = pair
    a = record(post, narrative="first")
    assert marks(post)[a] == "unsent"
    summary = desk(post).exchange_status.summary()
    assert (summary.role, summary.unsent, summary.unconfirmed, summary.last_heard) == ("post", 1, 0, None)
    data = export(post, "C")
    assert marks(post)[a] == "unconfirmed"
    assert (desk(post).exchange_status.summary().unsent, desk(post).exchange_status.summary().unconfirmed) == (0, 1)
    import_(centre, data)
    assert marks(centre)[a] == "confirmed"  # received from the post, not edited at the centre
    assert_marks_follow_exchange_state(centre)
    import_(post, export(centre, post.origin))  # the centre's bundle acknowledges the post's entry
    assert marks(post)[a] == "confirmed"
    summary = desk(post).exchange_status.summary()
    assert (summary.unsent, summary.unconfirmed) == (0, 0)
    assert summary.last_heard is not None and abs(summary.last_heard - utcnow()) < timedelta(minutes=5)
    assert desk(post).exchange_status.record_states([a]) == {a: "confirmed"}
    assert_marks_follow_exchange_state(post)


def test_a_centre_edit_sent_to_the_post_is_unconfirmed_at_the_centre_until_the_post_acknowledges_it(pair):
    post, centre = pair
    a = record(post, narrative="first")
    round_trip(post, centre)
    edit(centre, a, narrative="corrected at the centre")
    assert marks(centre)[a] == ""  # not sent yet: the centre's table says nothing
    data = export(centre, post.origin)
    assert marks(centre)[a] == "unconfirmed"
    assert_marks_follow_exchange_state(centre)
    import_(post, data)
    assert marks(post)[a] == "confirmed"  # the centre's version, received, not edited here
    import_(centre, export(post, "C"))  # the post's bundle acknowledges the centre's entry
    assert marks(centre)[a] == "confirmed"


def test_an_entry_waiting_for_an_earlier_one_is_held_in_the_table_the_summary_and_the_post_card(pair):
    post, centre = pair
    a = record(post, narrative="one")
    import_(centre, export(post, "C"))
    edit(post, a, narrative="two")
    missing = export(post, "C", since_last=True)
    edit(post, a, narrative="three")
    late = export(post, "C", since_last=True)
    summary = import_(centre, late)
    assert summary.held == 1
    assert marks(centre)[a] == "held"
    assert_marks_follow_exchange_state(centre)
    status = desk(centre).exchange_status
    assert (status.summary().held, status.summary().errors) == (1, 0)
    board = desk(centre).posts.board()
    kor = next(c for c in board.cards if c.post.code == post.origin)
    assert kor.exchange is not None
    assert (kor.exchange.held, kor.exchange.errors, kor.exchange.last_bundle_entries) == (1, 0, 1)
    assert abs(kor.exchange.last_bundle_at - utcnow()) < timedelta(minutes=5)
    assert status.post_exchange()[kor.post.id] == kor.exchange
    others = [c for c in board.cards if c.post.code != post.origin]
    assert others and all(c.exchange is None for c in others)  # nothing came from them
    import_(centre, missing)
    assert marks(centre)[a] == "confirmed"
    kor = next(c for c in desk(centre).posts.board().cards if c.post.code == post.origin)
    assert (kor.exchange.held, kor.exchange.last_bundle_entries) == (0, 1)
    detail = desk(centre).posts.detail(kor.post.id)
    assert detail.card.exchange == kor.exchange


def test_an_entry_in_error_is_counted_on_the_post_card_with_the_last_bundle(pair):
    post, centre = pair
    a = record(post, narrative="fine")
    bad = dict(content(post, a), id="7f0e6c1a-0000-4000-8000-000000000001", number="KOR-2026-9999")
    bad["lines"] = {key: dict(line, substance="NO-SUCH-THING") for key, line in bad["lines"].items()}
    data = craft(post, "C", [incident_entry(bad, by=post.origin)])
    summary = import_(centre, data)
    assert summary.errors == 1
    kor = next(c for c in desk(centre).posts.board().cards if c.post.code == post.origin)
    assert (kor.exchange.errors, kor.exchange.held, kor.exchange.last_bundle_entries) == (1, 0, 1)
    assert kor.exchange.needs_attention
    assert desk(centre).exchange_status.summary().errors == 1


def test_a_record_changed_at_the_centre_while_the_posts_edit_was_unconfirmed_is_flagged_at_the_post(pair):
    post, centre = pair
    a = record(post, narrative="first")
    round_trip(post, centre)
    edit(post, a, narrative="the post's word")
    edit(centre, a, narrative="the centre's word")
    import_(post, export(centre, post.origin))
    assert content(post, a)["narrative"] == "the post's word"  # the row keeps the post's edit
    assert marks(post)[a] == "centre_too"
    assert desk(post).exchange_status.changed_at_centre(a)
    assert desk(post).exchange_status.summary().open_conflicts == 1
    assert_marks_follow_exchange_state(post)
    assert not desk(centre).exchange_status.changed_at_centre(a)


def test_a_conflict_at_the_centre_is_marked_and_counted(pair):
    post, centre = pair
    a = record(post, narrative="first")
    round_trip(post, centre)
    edit(post, a, narrative="the post's word")
    edit(centre, a, narrative="the centre's word")
    import_(centre, export(post, "C"))
    assert marks(centre)[a] == "conflict"
    assert_marks_follow_exchange_state(centre)
    summary = desk(centre).exchange_status.summary()
    assert (summary.role, summary.open_conflicts) == ("centre", 1)
    assert (summary.unsent, summary.unconfirmed) == (0, 0)  # a centre's bar shows its conflicts, not counts


def _refdata_days_ago(world, days: int) -> None:
    with UnitOfWork(world.engine, write=True) as uow:
        uow.session.execute(text("UPDATE installation SET refdata_at = :at"),
                            {"at": (utcnow() - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S.%f+00:00")})
        uow.commit()


def test_reference_data_older_than_the_setting_is_flagged(pair):
    post, centre = pair
    import_(post, export(centre, post.origin))  # the centre's reference data applied: fresh
    summary = desk(post).exchange_status.summary()
    assert summary.refdata_age_days == 0 and not summary.refdata_stale
    _refdata_days_ago(post, 41)
    summary = desk(post).exchange_status.summary()
    assert (summary.refdata_age_days, summary.refdata_stale) == (41, True)
    _refdata_days_ago(post, post.settings.refdata_stale_days)
    assert not desk(post).exchange_status.summary().refdata_stale  # exactly N days old is not yet stale


def test_a_database_that_never_exchanged_shows_no_marks(engine, tmp_path):
    world = World(engine, Settings(data_dir=tmp_path), "", "", tmp_path)  # migrated, reference data, no init
    a = record(world, narrative="plain")
    assert marks(world)[a] == ""  # a centre's own record, never sent: nothing to say
    summary = desk(world).exchange_status.summary()
    assert (summary.role, summary.open_conflicts, summary.held, summary.errors) == ("centre", 0, 0, 0)
    assert desk(world).exchange_status.post_exchange() == {}
