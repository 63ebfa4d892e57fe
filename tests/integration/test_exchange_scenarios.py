"""The exchange end to end (issue 12, "Tests"): two posts on their own SQLite files and a centre on SQLite and
PostgreSQL, bundles through the real exporter and importer.

- A full round trip post -> centre -> post: the centre adds the post's incidents, its bundle back carries the
  acknowledgements and its own correction; after the post imports it, nothing is "exported, not confirmed" any
  more, the acknowledged cursor has moved, and the next cumulative bundle starts after what was confirmed.
- The centre's bundle to a post carries no other post's incident (every entry of the zip is opened).
- A post restored from an old backup: with `install new-epoch`, or with the epoch the post starts by itself when
  the centre acknowledges more than it holds, the centre raises no equivocation and the post ends with the
  centre's copy of its records; without either, the reused sequence numbers are refused as an equivocation.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitcentre.domain.enums import Role, Unit
from sitcentre.domain.permissions import Actor
from sitcentre.services.incidents import IncidentService
from tests.exchange_flow import (
    Site,
    bundle_entries,
    bundle_manifest,
    copy_sqlite,
    export,
    import_path,
    incidents_state,
    make_site,
    open_site,
    rows,
    state_counts,
    trust_both,
)
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user

KOR, DOS, CENTRE = "KZ-KOR", "KG-DOS", "C"


class Desk:
    """One installation and the person who works there: incidents recorded, corrected, deleted through the
    incident service, as the workstation does."""

    def __init__(self, site: Site, name: str, role: Role, post_code: str | None):
        self.site = site
        self.service = IncidentService(site.engine, site.settings)
        self.actor: Actor = add_user(site.engine, site.settings, name, role, post_code=post_code)
        self.posts, self.subs = ids(site.engine)

    def record(self, post_code: str, day: int, kg: float, **fields):
        made = incident(self.posts[post_code], utc(2026, 11, day, 8), (self.subs["heroin"], kg, Unit.KG), **fields)
        return self.service.record(made, actor=self.actor)

    def edit(self, saved, **changes):
        current = self.service_get(saved.id)
        return self.service.update(replace(current, **changes), actor=self.actor)

    def service_get(self, incident_id):
        from sitcentre.db.uow import UnitOfWork
        from sitcentre.repositories.incidents import IncidentRepository

        with UnitOfWork(self.site.engine) as uow:
            return IncidentRepository(uow.session).get(incident_id)


@pytest.fixture
def world(db_url: str, tmp_path: Path):
    """The centre on the parametrised backend, two posts on SQLite files, keys trusted both ways."""
    centre = make_site(tmp_path / "centre", "centre", CENTRE, url=db_url)
    kor = make_site(tmp_path / "kor", "post", KOR)
    dos = make_site(tmp_path / "dos", "post", DOS)
    trust_both(kor, centre, tmp_path / "keys")
    trust_both(dos, centre, tmp_path / "keys")
    sites = {"centre": centre, "kor": kor, "dos": dos}
    yield sites
    for site in sites.values():
        site.dispose()


def _me(site: Site):
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.services import keys

    with UnitOfWork(site.engine) as uow:
        return keys.own_identity(uow.session)


def _own_feed_cursor(site: Site, kind: str) -> int | None:
    me = _me(site)
    found = rows(site, "SELECT seq FROM feed_cursors WHERE origin = :o AND epoch = :e AND audience = '*' "
                       "AND kind = :kind", o=me.origin, e=str(me.epoch), kind=kind)
    return found[0][0] if found else None


def _epoch(site: Site) -> str:
    return str(_me(site).epoch)


def _incident_entries(path: Path) -> list[dict]:
    return [e for e in bundle_entries(path) if e["kind"] == "incident"]


def _open_conflicts(site: Site) -> int:
    return rows(site.engine, "SELECT count(*) FROM conflicts WHERE status = 'open' AND kind <> 'parallel'")[0][0]


def test_round_trip_post_centre_post(world, tmp_path: Path):
    centre, kor, dos = world["centre"], world["kor"], world["dos"]
    officer = Desk(kor, "officer1", Role.OPERATOR, KOR)
    dos_officer = Desk(dos, "officer2", Role.OPERATOR, DOS)
    supervisor = Desk(centre, "chief", Role.SUPERVISOR, None)
    kor_made = [officer.record(KOR, day, kg) for day, kg in ((1, 2.5), (2, 10.0), (3, 0.75))]
    dos_made = [dos_officer.record(DOS, day, kg) for day, kg in ((1, 4.0), (2, 8.0))]

    to_centre = export(kor, CENTRE, tmp_path / "b" / "kor1.scb")
    assert to_centre.from_seq == 1 and to_centre.to_seq == 3
    assert state_counts(kor).get("exported") == 3, state_counts(kor)
    added = import_path(centre, to_centre.path)
    assert (added.added, added.updated, added.conflicts, added.held, added.errors) == (3, 0, 0, 0, 0), added
    assert import_path(centre, export(dos, CENTRE, tmp_path / "b" / "dos1.scb").path).added == 2

    # The centre corrects one incident of each post; the bundle back to Kordai carries only Kordai's.
    corrected = supervisor.edit(kor_made[1], narrative="weighed again at the centre")
    supervisor.edit(dos_made[0], narrative="a Dostuk incident the Kordai post must never see")
    back = export(centre, KOR, tmp_path / "b" / "c_to_kor.scb")
    entries = _incident_entries(back.path)
    assert entries, "the centre's correction of a Kordai incident is not in its bundle to Kordai"
    assert {e["row"]["post"] for e in entries if e["row"] is not None} == {KOR}
    assert {e["id"] for e in entries} <= {str(i.id) for i in kor_made}
    acks = [a for a in bundle_manifest(back.path)["acks"] if a.get("origin") == KOR and a.get("audience") == "*"]
    assert acks and max(a["through_seq"] for a in acks) == 3, bundle_manifest(back.path)["acks"]

    to_dos = export(centre, DOS, tmp_path / "b" / "c_to_dos.scb")
    assert {e["row"]["post"] for e in _incident_entries(to_dos.path) if e["row"] is not None} <= {DOS}
    assert not {e["id"] for e in _incident_entries(to_dos.path)} & {str(i.id) for i in kor_made}

    returned = import_path(kor, back.path)
    assert (returned.updated, returned.conflicts, returned.held, returned.errors) == (1, 0, 0, 0), returned
    assert officer.service_get(corrected.id).narrative == "weighed again at the centre"
    assert incidents_state(kor)[str(corrected.id)] == incidents_state(centre)[str(corrected.id)]
    counts = state_counts(kor)
    assert counts.get("exported", 0) == 0 and counts.get("confirmed", 0) == 3, counts
    assert _own_feed_cursor(kor, "acked") == 3

    # Cumulative from the last acknowledged entry: the next bundle carries only the edit made since.
    officer.edit(kor_made[0], narrative="second thoughts at the post")
    nxt = export(kor, CENTRE, tmp_path / "b" / "kor2.scb")
    assert (nxt.from_seq, nxt.to_seq) == (4, 4), (nxt.from_seq, nxt.to_seq)
    assert [e["id"] for e in _incident_entries(nxt.path)] == [str(kor_made[0].id)]
    assert import_path(centre, nxt.path).updated == 1
    assert incidents_state(centre)[str(kor_made[0].id)] == incidents_state(kor)[str(kor_made[0].id)]
    assert _open_conflicts(centre) == 0 and _open_conflicts(kor) == 0


def _restore(site: Site, backup: Path) -> Site:
    site.dispose()
    copy_sqlite(backup, site.path)
    return open_site(site.url, site.path.parent, site.origin, site.role)


def _backup(site: Site, folder: Path) -> Path:
    site.dispose()
    folder.mkdir(parents=True, exist_ok=True)
    copy_sqlite(site.path, folder / site.path.name)
    return folder / site.path.name


def _before_restore(world, tmp_path: Path, *, lose_a_new_incident: bool = False):
    """Kordai records two incidents, the centre confirms them; a backup is taken; Kordai corrects one (and
    with lose_a_new_incident records a third), the centre imports that too and acknowledges it; the backup is
    restored. Returns (the restored post, the centre's acknowledging bundle, the corrected incident, the lost
    new incident or None)."""
    centre, kor = world["centre"], world["kor"]
    officer = Desk(kor, "officer1", Role.OPERATOR, KOR)
    first = [officer.record(KOR, day, kg) for day, kg in ((1, 2.5), (2, 10.0))]
    assert import_path(centre, export(kor, CENTRE, tmp_path / "b" / "k1.scb").path).added == 2
    assert import_path(kor, export(centre, KOR, tmp_path / "b" / "c1.scb").path).errors == 0
    backup = _backup(kor, tmp_path / "backup")
    corrected = officer.edit(first[0], narrative="corrected after the backup")
    lost = officer.record(KOR, 3, 1.25) if lose_a_new_incident else None
    got = import_path(centre, export(kor, CENTRE, tmp_path / "b" / "k2.scb").path)
    assert (got.added, got.updated) == (int(lose_a_new_incident), 1), got
    acks = export(centre, KOR, tmp_path / "b" / "c2.scb")
    kor = _restore(kor, backup)
    world["kor"] = kor
    return kor, acks, corrected, lost


@pytest.mark.parametrize("how", ["install new-epoch", "automatic"])
def test_post_restored_from_backup(world, tmp_path: Path, how: str):
    centre = world["centre"]
    kor, acks_after_backup, corrected, _ = _before_restore(world, tmp_path)
    old_epoch = _epoch(kor)
    if how == "install new-epoch":
        from sitcentre.services import keys

        keys.new_epoch(kor.engine, actor=Actor.system_actor("restore"), reason="restored from a backup")
    else:
        started = import_path(kor, acks_after_backup.path)
        assert started.new_epoch_started, "the centre acknowledged more than the post holds: a new epoch is due"
    assert _epoch(kor) != old_epoch

    officer = Desk(kor, "officer9", Role.OPERATOR, KOR)
    after_restore = officer.record(KOR, 4, 3.0)
    bundle = export(kor, CENTRE, tmp_path / "b" / "k3.scb")
    assert bundle.from_seq == 1, "a new epoch starts its feed at seq 1"
    got = import_path(centre, bundle.path)  # no Equivocation: (origin, new epoch) is a new feed
    assert got.errors == 0 and got.conflicts == 0, got
    centre_state = incidents_state(centre)
    assert str(after_restore.id) in centre_state
    assert "corrected after the backup" in centre_state[str(corrected.id)][3], "the centre lost the post's edit"
    assert rows(centre.engine, "SELECT count(*) FROM audit_log WHERE action = 'security_alert'")[0][0] == 0

    again = import_path(kor, export(centre, KOR, tmp_path / "b" / "c3.scb").path)
    assert not again.new_epoch_started, "an acknowledgement of the old epoch must not start yet another epoch"
    assert again.errors == 0 and again.held == 0, again
    post_state = incidents_state(kor)
    for record in (corrected, after_restore):
        assert post_state.get(str(record.id)) == centre_state[str(record.id)], record.id
    assert _open_conflicts(kor) == 0 and _open_conflicts(centre) == 0


def test_a_restored_post_does_not_reuse_incident_numbers(world, tmp_path: Path):
    """The incident recorded after the restore would get the number the lost incident had (KOR-2026-0003);
    the new epoch moves the post's counters on to the next thousand, so the centre ends with neither an error
    entry nor two incidents under one number."""
    from sitcentre.services import keys

    centre = world["centre"]
    kor, _acks, _corrected, lost = _before_restore(world, tmp_path, lose_a_new_incident=True)
    keys.new_epoch(kor.engine, actor=Actor.system_actor("restore"), reason="restored from a backup")
    after_restore = Desk(kor, "officer9", Role.OPERATOR, KOR).record(KOR, 4, 3.0)
    got = import_path(centre, export(kor, CENTRE, tmp_path / "b" / "k3.scb").path)
    assert got.errors == 0, got.error_details
    numbers = dict(rows(centre, "SELECT id, number FROM incidents"))
    assert len(set(numbers.values())) == len(numbers)
    assert str(after_restore.id).replace("-", "") in {str(k).replace("-", "") for k in numbers}
    assert lost.number != after_restore.number, "the restored post reused a number it had already given"


def test_restored_post_without_new_epoch_is_an_equivocation(world, tmp_path: Path):
    """The control: reusing the restored feed's sequence numbers with other content is refused, and the
    centre keeps what it had. (This is what the new epoch above avoids.)"""
    from sitcentre.exchange.errors import BundleRejected

    centre = world["centre"]
    kor, _acks, _corrected, _lost = _before_restore(world, tmp_path)
    before = incidents_state(centre)
    Desk(kor, "officer9", Role.OPERATOR, KOR).record(KOR, 4, 3.0)
    Desk(kor, "officer8", Role.OPERATOR, KOR).record(KOR, 5, 4.0)
    reused = export(kor, CENTRE, tmp_path / "b" / "k3.scb")
    assert reused.to_seq >= 3
    with pytest.raises(BundleRejected) as refused:
        import_path(centre, reused.path)
    assert refused.value.code == "equivocation"
    assert incidents_state(centre) == before
