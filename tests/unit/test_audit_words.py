"""The audit trail in plain words (sitcentre.domain.audit_text): names instead of ids, seizure lines as sentences,
times in the post's clock with the zone named. No database and no Qt: the names are given."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

from sitcentre.domain.audit_text import (
    AuditNames,
    PersonName,
    PlaceName,
    by_whom_when,
    describe_changes,
    moment,
    person,
    referenced_incidents,
)

TERMEZ, KORDAI = 13, 1
HEROIN, HASHISH, TRAMADOL = 1, 4, 12
NAMES = AuditNames(
    posts={TERMEZ: PlaceName("БЛО Термез", "Термез", 300), KORDAI: PlaceName("BLO Kordai", "Kordai", 300),
           7: PlaceName("BLO Dostuk", "Dostuk", 360)},
    substances={HEROIN: "Героин", HASHISH: "Гашиш", TRAMADOL: "Трамадол (таблетки)"},
    users={1: PersonName("karimov", "А. Каримов", "operator"), 2: PersonName("sup", "Н. Юсупова", "supervisor")},
    centre_offset_minutes=300,
)
LINE_ID = str(uuid.uuid4())


def incident(**changes) -> dict:
    base = {"id": "0190aa", "post_id": TERMEZ, "occurred_at": "2026-03-10T06:30:00.000000+00:00", "status": "reported",
            "incident_type": "drug_seizure", "recorded_by": 1, "verified_by": None, "version": 1, "narrative": "",
            "lines": [{"id": LINE_ID, "substance_id": HEROIN, "quantity": 10.0, "unit": "kg", "basis": "estimated",
                       "kg_equivalent": 10.0, "conversion": "kg"}]}
    return {**base, **changes}


def with_line(**changes) -> list[dict]:
    return [{**incident()["lines"][0], **changes}]


def test_a_changed_quantity_reads_as_old_and_new_amount_of_the_named_substance():
    lines = describe_changes(incident(), incident(lines=with_line(quantity=12.0, kg_equivalent=12.0), version=2),
                             NAMES)
    assert lines == ["Quantity of Героин 10 kg → 12 kg"]


def test_ids_become_names_of_posts_users_and_statuses():
    before = incident()
    after = incident(post_id=7, verified_by=2, status="verified")
    lines = describe_changes(before, after, NAMES)
    assert "Post БЛО Термез → BLO Dostuk" in lines
    assert "Status reported → verified" in lines
    assert "Reviewed by (none) → Н. Юсупова (supervisor)" in lines
    assert not any("post_id" in line or "verified_by" in line or ": 7" in line for line in lines)


def test_seizure_lines_added_removed_and_requalified_are_sentences():
    added = {"id": str(uuid.uuid4()), "substance_id": TRAMADOL, "quantity": 1000, "unit": "tablets",
             "basis": "weighed"}
    after = incident(lines=[*with_line(basis="weighed", substance_id=HASHISH), added])
    lines = describe_changes(incident(), after, NAMES)
    assert lines == ["Substance Героин → Гашиш", "How the amount of Гашиш is known: estimated → weighed",
                     "Seizure line added: Трамадол (таблетки) 1,000 tablets, weighed"]
    assert describe_changes(after, incident(lines=[added]), NAMES) == ["Seizure line removed: Гашиш 10 kg, weighed"]


def test_times_are_shown_in_the_posts_clock_with_the_zone_named():
    after = incident(occurred_at="2026-03-10T09:02:00+00:00")
    assert describe_changes(incident(), after, NAMES) == [
        "Occurred at 2026-03-10 11:30 Термез time (UTC+5) → 2026-03-10 14:02 Термез time (UTC+5)"]
    at = datetime(2026, 3, 10, 9, 2, tzinfo=UTC)
    assert moment(at, NAMES, post_id=7) == "2026-03-10 15:02 Dostuk time (UTC+6)"
    assert moment(at, NAMES) == "2026-03-10 14:02 centre time (UTC+5)"


def test_who_is_named_with_the_role_and_an_unknown_account_by_its_user_name():
    entry = SimpleNamespace(user_id=1, username="karimov", at=datetime(2026, 3, 10, 9, 2, tzinfo=UTC))
    assert by_whom_when(entry, NAMES, TERMEZ) == "by А. Каримов (operator), 2026-03-10 14:02 Термез time (UTC+5)"
    assert person(99, "gone.user", NAMES) == "gone.user"
    assert person(None, "", NAMES) == "the system"


def test_a_new_incident_lists_what_it_holds_and_hides_the_machine_fields():
    lines = describe_changes(None, incident(), NAMES)
    assert "Post: БЛО Термез" in lines and "Recorded by: А. Каримов (operator)" in lines
    assert "Seizure line: Героин 10 kg, estimated" in lines
    assert not any(line.startswith(("Id", "Version", "Lines")) for line in lines)


def test_an_alert_to_all_posts_from_the_centre_names_both_ends():
    after = {"from": None, "to": None, "priority": "urgent", "incident": None, "acknowledged_by": None,
             "acknowledged_at": None}
    lines = describe_changes(None, after, NAMES)
    assert lines[:3] == ["From: the situation centre", "To: all posts", "Priority: urgent"]
    acked = {**after, "from": KORDAI, "to": 7}
    assert describe_changes(None, acked, NAMES)[:2] == ["From: BLO Kordai", "To: BLO Dostuk"]


def test_the_words_go_through_the_translation_given():
    russian = {"{0} {1} {2} {3}": "{0}: было {1}, стало {3}", "Status": "Статус", "reported": "сообщено",
               "verified": "подтверждено"}
    lines = describe_changes(incident(), incident(status="verified"), NAMES, tr=lambda t: russian.get(t, t))
    assert lines == ["Статус: было сообщено, стало подтверждено"]


def test_a_linked_incident_is_named_by_its_number_and_an_unknown_one_by_its_short_id():
    original, unknown = uuid.uuid4(), uuid.uuid4()
    names = replace(NAMES, incidents={original.hex: "TER-2026-0007"})
    lines = describe_changes({"status": "reported", "duplicate_of": None},
                             {"status": "duplicate", "duplicate_of": str(original)}, names)
    assert lines == ["Status reported → duplicate", "Duplicate of (none) → TER-2026-0007"]
    assert describe_changes(None, {"incident": str(unknown)}, names) == [f"Incident: incident {unknown.hex[:8]}…"]


def test_the_incidents_an_entry_refers_to_are_found_for_one_lookup():
    child, parent, alerted = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    entries = [
        SimpleNamespace(entity="incident", entity_id=str(child), before={"duplicate_of": None},
                        after={"duplicate_of": str(parent), "moved_from": None}),
        SimpleNamespace(entity="alert", entity_id=str(uuid.uuid4()), before=None, after={"incident": str(alerted)}),
        SimpleNamespace(entity="user", entity_id="3", before=None, after={"role": "operator"}),
    ]
    assert referenced_incidents(entries) == {child.hex, parent.hex, alerted.hex}
