"""The import's fast path (services.exchange_bulk): new records written a chunk at a time give exactly what the
per-entry path gives; a chunk that breaks a constraint falls back to one by one (each failure an error entry with
its reason, the rest applied); accounts made in a failed chunk are not remembered; a re-import is answered
without parsing the entries."""

from __future__ import annotations

import uuid
from pathlib import Path

from sitcentre.exchange import bundle
from sitcentre.services import exchange_bulk
from sitcentre.services.exchange_apply import IncidentApplier
from tests.integration.exchange_world import (
    content,
    craft,
    export,
    head,
    import_,
    incident_entry,
    make_centre,
    make_post,
    record,
    rows,
    scalar,
    trust,
)

# what a centre holds after an import: rows that the triggers and the importer write, without ids and times
STATE_SQL = {
    "incidents": "SELECT id, number, rev, parent_rev, merge_rev, origin, local_date, total_kg, substance_sort, "
                 "substances, status, recorded_by IS NULL FROM incidents ORDER BY id",
    "seizure_lines": "SELECT id, incident_id, rev, parent_rev, kg_equivalent, conversion, local_date, post_id "
                     "FROM seizure_lines ORDER BY id",
    "record_versions": "SELECT row_id, rev, parent_rev, merge_rev, op, origin, author, content_json, changed_json "
                       "FROM record_versions ORDER BY row_id, rev",
    "feed_entries": "SELECT seq, kind, row_id, rev, state, reason FROM feed_entries ORDER BY seq",
    "daily_seizures": "SELECT * FROM daily_seizures ORDER BY 1, 2, 3, 4",
    "daily_incidents": "SELECT * FROM daily_incidents ORDER BY 1, 2, 3",
    "change_log": "SELECT count(*) FROM change_log",
}


def _state(world) -> dict[str, list]:
    return {name: rows(world, sql) for name, sql in STATE_SQL.items()}


def _new_content(post, base: dict, number: str, *, substance: str | None = None, recorded_by: str | None = None):
    """Another incident's content like `base`: new id, new line id, this number."""
    line = next(iter(base["lines"].values()))
    changed = dict(base, id=str(uuid.uuid4()), number=number,
                   lines={str(uuid.uuid4()): dict(line, substance=substance or line["substance"])})
    if recorded_by is not None:
        changed["recorded_by"] = recorded_by
    return changed


def test_new_records_in_bulk_give_what_the_per_entry_path_gives(tmp_path: Path, monkeypatch):
    post = make_post(tmp_path, "KZ-KOR")
    for i in range(25):
        record(post, quantity=1.0 + i, substance=("heroin", "cannabis_herb", "amphetamine")[i % 3], narrative=f"n{i}")
    data = export(post, "C")
    bulk_centre, one_by_one = make_centre(tmp_path / "a"), make_centre(tmp_path / "b")
    for centre in (bulk_centre, one_by_one):
        trust(centre, post)
    monkeypatch.setattr(exchange_bulk, "CHUNK", 7)  # several chunks, the last one partial
    taken = []
    original = exchange_bulk.NewRecords.write
    monkeypatch.setattr(exchange_bulk.NewRecords, "write",
                        lambda self: (taken.append(len(self._pending)), original(self))[1])
    summary = import_(bulk_centre, data)
    assert sum(taken) == 25 and max(taken) == 7  # every record went the bulk path
    monkeypatch.setattr(IncidentApplier, "new_record", lambda self, entry: None)
    other = import_(one_by_one, data)
    assert (summary.added, summary.errors) == (other.added, other.errors) == (25, 0)
    bulk_state, single_state = _state(bulk_centre), _state(one_by_one)
    for name in STATE_SQL:
        assert bulk_state[name] == single_state[name], name
    assert len(bulk_state["incidents"]) == 25 and bulk_state["daily_seizures"]
    bulk_centre.dispose()
    one_by_one.dispose()
    post.dispose()


def test_a_chunk_that_breaks_a_constraint_is_applied_one_by_one(pair):
    post, centre = pair
    base = content(post, record(post))
    first = _new_content(post, base, "KOR-2026-9001")
    same_number = _new_content(post, base, "KOR-2026-9001")
    unknown = _new_content(post, base, "KOR-2026-9002", substance="XYZ")
    last = _new_content(post, base, "KOR-2026-9003")
    entries = [incident_entry(c) for c in (first, same_number, unknown, last)]
    summary = import_(centre, craft(post, "C", entries))
    assert (summary.added, summary.errors) == (2, 2), summary
    reasons = dict(summary.error_details)
    assert "KOR-2026-9001" in reasons[same_number["id"]] and "already used" in reasons[same_number["id"]]
    assert "XYZ" in reasons[unknown["id"]]
    for applied in (first, last):
        assert content(centre, uuid.UUID(applied["id"])) == applied
    for failed in (same_number, unknown):
        assert content(centre, uuid.UUID(failed["id"])) is None
        assert scalar(centre, "SELECT count(*) FROM record_versions WHERE rev = :rev",
                      rev=incident_entry(failed)["rev"]) == 0
    assert rows(centre, "SELECT seq, state FROM feed_entries ORDER BY seq") == [
        (1, "applied"), (2, "error"), (3, "error"), (4, "applied")]
    assert scalar(centre, "SELECT count(*) FROM incidents") == 2


def test_an_account_made_in_a_failed_chunk_is_made_again_when_applied_one_by_one(pair):
    post, centre = pair
    base = content(post, record(post))
    ghost = _new_content(post, base, "KOR-2026-9101", recorded_by="ghost")
    clash = _new_content(post, base, "KOR-2026-9101")
    summary = import_(centre, craft(post, "C", [incident_entry(ghost), incident_entry(clash)]))
    assert (summary.added, summary.errors) == (1, 1), summary
    assert content(centre, uuid.UUID(ghost["id"]))["recorded_by"] == "ghost"
    assert scalar(centre, "SELECT count(*) FROM users WHERE username = 'ghost'") == 1


def test_a_reimport_is_answered_without_parsing_the_entries(pair, monkeypatch):
    post, centre = pair
    incident = record(post)
    data = export(post, "C")
    assert import_(centre, data).added == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("the entries were parsed")

    monkeypatch.setattr(bundle, "_entries", no_parsing)
    again = import_(centre, data)
    assert again.already and again.added == 0
    assert head(centre, incident) == head(post, incident)
