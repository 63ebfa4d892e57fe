"""Between countries (issue 13, item 6): a national centre's bundle for the regional centre carries only what its
sharing policy releases, the regional centre refuses a bundle that carries more, and never edits the other
country's records. The national centre on SQLite and PostgreSQL; posts and the regional centre on SQLite."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from sitcentre.domain.validation import ValidationError
from sitcentre.exchange import sharing
from sitcentre.exchange.errors import BundleRejected
from tests.integration.country_world import (
    entries_of,
    link_peers,
    make_country,
    manifest_of,
    relay,
    reopen,
    supervisor,
    verify,
)
from tests.integration.exchange_world import (
    content,
    craft,
    data_counts,
    edit,
    export,
    import_,
    incident_entry,
    make_centre,
    record,
    rows,
    scalar,
    trust_both,
)

PERSONAL = {"narrative": "Driver A. Petrov, passport 1234567", "detainee_nationalities": "KZ, RU",
            "joint_operation": "Op Kanal", "concealment": "false floor"}


@pytest.fixture
def region(tmp_path: Path, db_url: str):
    """KZC (the parametrised backend) with post KZ-KOR, and the regional centre RC, peers of each other."""
    kzc, (kor,) = make_country(tmp_path, "KZC", ["KZ-KOR"], url=db_url)
    rc = make_centre(tmp_path, "RC")
    link_peers(kzc, rc)
    yield kzc, kor, rc
    for world in (kzc, kor, rc):
        world.dispose()


def _reported_and_verified(kzc, kor):
    """Two incidents recorded at the post with personal data, imported at KZC; the second verified there by a
    supervisor. Returns (reported id, verified id)."""
    reported = record(kor, quantity=1.0, **PERSONAL)
    verified = record(kor, quantity=7.5, **PERSONAL)
    assert relay(kor, kzc).added == 2
    verify(kzc, verified, supervisor(kzc))
    return reported, verified


def test_a_bundle_for_the_regional_centre_holds_only_what_the_policy_releases(region):
    kzc, kor, rc = region
    reported, verified = _reported_and_verified(kzc, kor)
    data = export(kzc, "RC")

    manifest = manifest_of(data)
    assert manifest["policy"] == {"name": "regional-default", "version": 1}
    assert [part["name"] for part in manifest["parts"]] == ["entries.jsonl"]  # no reference data, no audit
    entries = entries_of(data)
    incidents = [e for e in entries if e["kind"] == "incident"]
    assert [e["id"] for e in incidents] == [str(verified)]  # the reported one does not leave
    entry = incidents[0]
    row = entry["row"]
    assert set(row) <= set(sharing.REGIONAL_DEFAULT.incident)
    assert "narrative" not in row and "detainee_nationalities" not in row and "rejection_reason" not in row
    assert row["recorded_by"] is None and row["verified_by"] is None
    assert row["status"] == "verified" and row["post"] == "KZ-KOR"
    assert row["concealment"] == "false floor" and row["joint_operation"] == "Op Kanal"
    assert entry["author"] == "" and entry["by"] == "KZC" and entry["parent"] is None
    assert entry["changed"] == sharing.filter_changed(sharing.REGIONAL_DEFAULT, entry["changed"])
    assert "narrative" not in entry["changed"] and "recorded_by" not in entry["changed"]
    for each in entries:
        sharing.check_entry(sharing.REGIONAL_DEFAULT, each)  # raises on anything outside the policy
    assert b"Petrov" not in data and b"supervisor1" not in data

    summary = import_(rc, data)
    assert (summary.added, summary.errors, summary.conflicts) == (1, 0, 0)
    there = content(rc, verified)
    assert there["narrative"] == "" and there["detainee_nationalities"] == ""
    assert there["recorded_by"] is None and there["verified_by"] is None
    assert content(rc, reported) is None
    assert scalar(rc, "SELECT origin FROM incidents") == "KZC"  # stored as the releasing country's record
    assert scalar(rc, "SELECT count(*) FROM users WHERE username = 'supervisor1'") == 0


def test_an_incident_no_longer_verified_is_withdrawn_and_comes_back_when_verified_again(region):
    kzc, kor, rc = region
    _reported, verified = _reported_and_verified(kzc, kor)
    assert relay(kzc, rc).added == 1
    relay(rc, kzc)  # RC's acknowledgement: KZC's next bundle starts after what RC holds
    boss = supervisor(kzc, "supervisor2")

    reopen(kzc, verified, boss)
    data = export(kzc, "RC")
    [withdrawal] = [e for e in entries_of(data) if e["kind"] == "incident"]
    assert withdrawal["op"] == "delete" and withdrawal["row"] is None
    import_(rc, data)
    assert content(rc, verified) is None
    relay(rc, kzc)

    verify(kzc, verified, boss)
    edit_data = export(kzc, "RC")
    [back] = [e for e in entries_of(edit_data) if e["kind"] == "incident"]
    assert back["parent"] == withdrawal["rev"]  # the receiver's head: it fast-forwards, never held
    summary = import_(rc, edit_data)
    assert (summary.added, summary.held, summary.conflicts) == (1, 0, 0)
    assert content(rc, verified)["status"] == "verified"


def test_a_change_at_the_national_centre_fast_forwards_at_the_regional_centre(region):
    kzc, kor, rc = region
    _reported, verified = _reported_and_verified(kzc, kor)
    relay(kzc, rc)
    relay(rc, kzc)
    edit(kzc, verified, concealment="spare tyre", narrative="more personal words")
    data = export(kzc, "RC")
    [entry] = [e for e in entries_of(data) if e["kind"] == "incident"]
    assert entry["changed"] == {"concealment": ["false floor", "spare tyre"]}  # never the narrative
    summary = import_(rc, data)
    assert (summary.updated, summary.conflicts, summary.held) == (1, 0, 0)
    assert content(rc, verified)["concealment"] == "spare tyre"


def _forged(rc_content: dict, **change) -> dict:
    return incident_entry({**rc_content, **change}, by="KZC")


def _clean_content(kzc, kor) -> dict:
    _reported, verified = _reported_and_verified(kzc, kor)
    return sharing.filter_content(sharing.REGIONAL_DEFAULT, content(kzc, verified))


POLICY = {"name": "regional-default", "version": 1}


@pytest.mark.parametrize("case", ["narrative", "nationalities", "a_name", "unverified", "author", "status_change",
                                  "no_policy", "unknown_version", "other_policy_name"])
def test_a_bundle_with_anything_outside_the_policy_is_refused_there(region, case):
    kzc, kor, rc = region
    clean = _clean_content(kzc, kor)
    entry, policy = incident_entry(clean, by="KZC"), POLICY
    if case == "narrative":
        entry = _forged(clean, narrative="Driver A. Petrov")
    elif case == "nationalities":
        entry = _forged(clean, detainee_nationalities="KZ")
    elif case == "a_name":
        entry = _forged(clean, verified_by="supervisor1")
    elif case == "unverified":
        entry = _forged(clean, status="reported")
    elif case == "author":
        entry = {**entry, "author": "officer1"}
    elif case == "status_change":
        entry = {"kind": "post_status", "op": "upsert", "id": str(clean["id"]), "rev": "status", "parent": None,
                 "merge": None, "by": "KZC", "author": "", "device_time": clean["reported_at"], "changed": {},
                 "row": {"post": "KZ-KOR", "status": "offline"}}
    elif case == "no_policy":
        policy = None
    elif case == "unknown_version":
        policy = {"name": "regional-default", "version": 9}
    elif case == "other_policy_name":
        policy = {"name": "everything", "version": 1}
    before = data_counts(rc)
    with pytest.raises(BundleRejected) as refused:
        import_(rc, craft(kzc, "RC", [entry], policy=policy))
    assert refused.value.code == "policy"
    assert refused.value.message  # in words
    assert data_counts(rc) == before
    # the same entry, within the policy, is taken
    assert import_(rc, craft(kzc, "RC", [incident_entry(clean, by="KZC")], policy=POLICY)).added == 1


def test_a_centre_that_is_not_a_peer_is_refused(tmp_path: Path, db_url: str):
    kzc, (kor,) = make_country(tmp_path, "KZC", ["KZ-KOR"], url=db_url)
    other = make_centre(tmp_path, "KGC")
    trust_both(kzc, other)  # keys trusted, but no 'install peer'
    clean = sharing.filter_content(sharing.REGIONAL_DEFAULT, content(kor, record(kor)) | {"status": "verified"})
    with pytest.raises(BundleRejected) as refused:
        import_(kzc, craft(other, "KZC", [incident_entry(clean, by="KGC")], policy=POLICY))
    assert refused.value.code == "wrong_sender"
    for world in (kzc, kor, other):
        world.dispose()


def test_the_receiving_centre_cannot_edit_or_review_a_foreign_record(region):
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.domain.permissions import SYSTEM
    from sitcentre.repositories.incidents import IncidentRepository
    from sitcentre.services.incidents import IncidentService

    kzc, kor, rc = region
    _reported, verified = _reported_and_verified(kzc, kor)
    relay(kzc, rc)
    with UnitOfWork(rc.engine) as uow:
        current = IncidentRepository(uow.session).get(verified)
    service = IncidentService(rc.engine, rc.settings)
    with pytest.raises(ValidationError) as refused:
        service.update(replace(current, concealment="changed at RC"), actor=SYSTEM)
    assert "KZC" in str(refused.value.problems[0].message) and "read-only" in refused.value.problems[0].message
    with pytest.raises(ValidationError):
        reopen(rc, verified)
    with pytest.raises(ValidationError):
        service.delete(verified, actor=SYSTEM)
    from sitcentre.services.duplicates import DuplicateService

    duplicates = DuplicateService(rc.engine, rc.settings)
    for attempt in (lambda: duplicates.link(verified, uuid.uuid4(), actor=SYSTEM),
                    lambda: duplicates.unlink(verified, actor=SYSTEM)):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "read-only" in refused.value.problems[0].message
    assert content(rc, verified)["status"] == "verified"
    assert content(rc, verified)["concealment"] == "false floor"
    assert scalar(rc, "SELECT count(*) FROM record_versions WHERE origin = 'RC'") == 0


def test_a_peer_never_sends_a_record_of_this_country(region):
    kzc, kor, rc = region
    _reported, verified = _reported_and_verified(kzc, kor)
    ours = sharing.filter_content(sharing.REGIONAL_DEFAULT, content(kzc, verified))
    # RC (a peer of KZC) sends back KZC's own record, changed, and a new one at KZC's post
    changed = incident_entry({**ours, "concealment": "rewritten"}, parent=None, by="RC")
    invented = incident_entry({**ours, "id": str(uuid.uuid4()), "number": "X-1", "lines": {}}, by="RC")
    summary = import_(kzc, craft(rc, "KZC", [changed, invented], policy=POLICY))
    assert summary.errors == 2 and summary.added == 0 and summary.updated == 0
    reasons = " ".join(reason for _id, reason in summary.error_details)
    assert "this centre's posts" in reasons
    assert content(kzc, verified)["concealment"] == "false floor"
    assert rows(kzc, "SELECT count(*) FROM conflicts") == [(0,)]


def test_install_peer_on_the_command_line(tmp_path: Path, capsys):
    from sitcentre import cli

    centre = make_centre(tmp_path, "KZC")
    url = str(centre.engine.url)
    centre.dispose()
    assert cli.main(["--db", url, "install", "peer", "--origin", "kgc", "--policy", "regional-default"]) == 0
    assert cli.main(["--db", url, "install", "peer"]) == 0
    out = capsys.readouterr().out
    assert "KGC" in out and "regional-default v1" in out
    assert cli.main(["--db", url, "install", "peer", "--origin", "KGC", "--policy", "everything"]) != 0
    assert cli.main(["--db", url, "install", "peer", "--origin", "KZ-KOR"]) != 0
    assert "no sharing policy called 'everything'" in capsys.readouterr().err


def test_a_peer_centre_restored_from_a_backup_is_taken_under_its_new_epoch(region):
    from sitcentre.domain.permissions import SYSTEM
    from sitcentre.services import keys

    kzc, kor, rc = region
    _reported, verified = _reported_and_verified(kzc, kor)
    relay(kzc, rc)
    relay(rc, kzc)
    keys.new_epoch(rc.engine, actor=SYSTEM, reason="restored from a backup")
    summary = relay(rc, kzc)  # the first bundle of RC's new epoch: no resync (that is for posts)
    assert (summary.errors, summary.already) == (0, False)
    assert scalar(kzc, "SELECT count(*) FROM feed_entries WHERE audience = 'RC' AND body LIKE '%resync%'") == 0
    edit(kzc, verified, concealment="after the restore")
    assert relay(kzc, rc).updated == 1
