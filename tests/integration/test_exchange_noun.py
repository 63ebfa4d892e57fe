"""The desk's exchange (sitcentre.backend.exchange) and the progress/Cancel hooks of the export and import services,
on a real post (SQLite) and a real centre (SQLite and PostgreSQL, the `pair` fixture): a cancelled import or
export leaves nothing, the same work then completes; who may export and import; what an exchange folder offers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitcentre.backend import Backend, Topic
from sitcentre.backend.exchange import BundleRefused, ExchangeNotSetUp, ExportNotPossible
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, PermissionDenied
from sitcentre.domain.progress import Cancelled
from sitcentre.output_paths import OutputExists
from sitcentre.services.exchange_export import export_bundle
from sitcentre.services.exchange_import import import_file
from tests.integration.exchange_world import data_counts, edit, make_post, record, rows, scalar
from tests.integration.people import add_user, audit_since, last_audit_id


def desk(world, actor=SYSTEM):
    return Backend(world.engine, world.settings).desk(actor)


def export_file(world, to: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(export_bundle(world.engine, world.settings, to=to, out=folder, actor=SYSTEM).path)


class StopAt:
    """A progress callback that raises Cancelled at the n-th report of `stage` (and records every report)."""

    def __init__(self, stage: str, n: int = 1, last: bool = False):
        self.stage, self.n, self.last, self.seen = stage, n, last, []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))
        hits = [s for s in self.seen if s[0] == self.stage]
        if stage != self.stage:
            return
        if (self.last and total and done >= total) or (not self.last and len(hits) == self.n):
            raise Cancelled()


def _post_with_work(post):
    first = record(post, narrative="first")
    record(post, narrative="second")
    record(post, quantity=7.5, narrative="third")
    edit(post, first, narrative="first, corrected")
    return first


# Made fresh for each run: one StopAt shared by the sqlite and postgresql runs (collected once) kept the first
# run's reports, so when both ran in the same process the second never reached its n-th report and never cancelled.
@pytest.mark.parametrize("make_stop", [lambda: StopAt("checking"), lambda: StopAt("applying", 2),
                                       lambda: StopAt("applying", last=True)],
                         ids=["checking", "first-entries", "after-every-entry"])
def test_a_cancelled_import_changes_nothing_then_the_same_import_completes(pair, tmp_path, make_stop):
    post, centre = pair
    stop = make_stop()
    first = _post_with_work(post)
    path = export_file(post, "C", tmp_path / "usb")
    before, audit_mark = data_counts(centre), last_audit_id(centre.engine)

    with pytest.raises(Cancelled):
        import_file(centre.engine, centre.settings, path, actor=SYSTEM, progress=stop)

    assert data_counts(centre) == before
    assert audit_since(centre.engine, audit_mark) == []  # no import entry, no security alert
    assert not (Path(centre.settings.data_dir) / "quarantine").exists()  # not kept aside as refused
    assert path.exists()
    stages = [s for s, _d, _t in stop.seen]
    assert stages[0] == "checking" and stages[-1] == stop.stage

    reports = []
    summary = import_file(centre.engine, centre.settings, path, actor=SYSTEM,
                          progress=lambda *r: reports.append(r))
    assert (summary.added, summary.errors, summary.held) == (3, 0, 0)
    assert reports[0] == ("checking", 0, 0) and reports[-1] == ("applying", 4, 4)
    assert scalar(centre, "SELECT count(*) FROM bundles_received") == before["bundles_received"] + 1
    assert rows(centre, "SELECT narrative FROM incidents WHERE narrative LIKE 'first%'") == [("first, corrected",)]
    assert str(first) in summary.record_ids("added")


def test_a_cancelled_export_leaves_no_file_and_no_cursor(pair, tmp_path):
    post, _centre = pair
    _post_with_work(post)
    out = tmp_path / "usb"
    out.mkdir()
    stop = StopAt("writing", last=True)
    with pytest.raises(Cancelled):
        export_bundle(post.engine, post.settings, to="C", out=out, actor=SYSTEM, progress=stop)
    assert list(out.iterdir()) == []  # neither the bundle nor a hidden temporary file
    assert scalar(post, "SELECT count(*) FROM feed_cursors WHERE kind = 'sent'") == 0
    assert scalar(post, "SELECT count(*) FROM audit_log WHERE action = 'export'") == 0
    assert [s for s, _d, _t in stop.seen] == ["sealing", "writing", "writing"]

    result = export_bundle(post.engine, post.settings, to="C", out=out, actor=SYSTEM)
    assert [p.name for p in out.iterdir()] == [result.path.name] and result.entries == 4


def test_who_may_export_and_import_through_the_desk(pair, tmp_path):
    post, centre = pair
    _post_with_work(post)
    path = export_file(post, "C", tmp_path / "usb")
    admin = add_user(centre.engine, centre.settings, "root2", Role.ADMIN)
    operator = add_user(centre.engine, centre.settings, "olga", Role.OPERATOR)
    before, mark = data_counts(centre), last_audit_id(centre.engine)

    with pytest.raises(PermissionDenied, match="cannot import data bundles"):
        desk(centre, admin).exchange.import_file(path)
    with pytest.raises(PermissionDenied, match="cannot export data bundles"):
        desk(centre, admin).exchange.export("KZ-KOR", tmp_path / "out")
    assert data_counts(centre) == before
    assert [r.action for r in audit_since(centre.engine, mark)] == ["refused", "refused"]

    done = desk(centre, operator).exchange.import_file(path)
    assert done.value.added == 3 and done.changes.touches([Topic.INCIDENTS, Topic.POSTS, Topic.ALERTS])
    again = desk(centre, operator).exchange.import_file(path)
    assert again.value.already and not again.changes


def test_the_desk_words_what_an_export_or_import_cannot_do(pair, tmp_path):
    post, centre = pair
    exchange = desk(post).exchange
    with pytest.raises(ExportNotPossible, match="is a post"):
        exchange.export("KG-DOS", tmp_path)
    made = exchange.export("C", tmp_path).value
    with pytest.raises(OutputExists):
        exchange.export("C", made.path)
    assert exchange.export("C", made.path, replace=True).value.path == made.path

    stranger = make_post(tmp_path / "elsewhere", "KG-DOS")  # its key is trusted nowhere
    foreign = export_file(stranger, "C", tmp_path / "foreign")
    with pytest.raises(BundleRefused) as refused:
        desk(centre).exchange.import_file(foreign)
    assert refused.value.unknown_key and refused.value.kept_at is not None
    stranger.dispose()


def test_identity_and_peers_at_a_post_and_at_a_centre(pair, tmp_path):
    post, centre = pair
    me = desk(post).exchange.identity()
    assert (me.origin, me.role) == ("KZ-KOR", "post") and len(me.fingerprint.replace(" ", "")) == 32
    assert [p.origin for p in desk(post).exchange.peers()] == ["C"]
    at_centre = desk(centre).exchange.peers()
    assert "KZ-KOR" in [p.origin for p in at_centre] and all(p.role == "post" for p in at_centre)
    assert all(p.origin != "C" for p in at_centre)


def test_before_install_init_there_is_no_identity_and_no_export(tmp_path):
    from sitcentre.db import migrate
    from sitcentre.db.engine import make_engine
    from sitcentre.settings import Settings, sqlite_url

    settings = Settings(data_dir=tmp_path)
    engine = make_engine(sqlite_url(tmp_path / "new.sqlite"), settings)
    migrate.upgrade(engine, backup=False)
    exchange = Backend(engine, settings).system_desk().exchange
    assert exchange.identity() is None and exchange.peers() == [] and exchange.scan_folder(tmp_path) == []
    with pytest.raises(ExchangeNotSetUp, match="install init"):
        exchange.export("C", tmp_path)
    engine.dispose()


def test_an_exchange_folder_offers_what_is_for_this_installation_and_says_why_not_the_rest(pair, tmp_path):
    post, centre = pair
    _post_with_work(post)
    folder = tmp_path / "usb"
    good = export_file(centre, "KZ-KOR", folder)
    foreign = export_file(centre, "KG-DOS", folder)  # for another post
    own = export_file(post, "C", folder)  # this post's own export, waiting to be carried to the centre
    damaged = folder / "from-the-centre.scb"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    (folder / "notes.txt").write_text("not a bundle")

    found = {f.name: f for f in desk(post).exchange.scan_folder(folder)}
    assert set(found) == {good.name, foreign.name, own.name, damaged.name}
    assert found[good.name].importable and found[good.name].sender == "C"
    assert found[foreign.name].code == "foreign" and "KG-DOS" in found[foreign.name].problem
    assert found[own.name].code == "own"
    assert not found[damaged.name].importable and found[damaged.name].problem
    assert [f.name for f in desk(post).exchange.scan_folder(folder) if f.importable] == [good.name]

    desk(post).exchange.import_file(good)
    assert [f for f in desk(post).exchange.scan_folder(folder) if f.importable] == []
    assert desk(post).exchange.scan_folder(tmp_path / "taken-out") == []  # the stick is gone: nothing, no error
    shutil.rmtree(folder)
    assert desk(post).exchange.scan_folder(folder) == []


def test_the_summary_opens_the_records_behind_each_count(pair, tmp_path):
    post, centre = pair
    first = _post_with_work(post)
    summary = desk(centre).exchange.import_file(export_file(post, "C", tmp_path / "one")).value
    added = desk(centre).exchange.summary_records(summary, "added")
    assert len(added) == 3 and all(r.openable and r.number and r.post for r in added)
    assert first in {r.id for r in added}

    edit(post, first, narrative="first, corrected again")
    second = desk(centre).exchange.import_file(export_file(post, "C", tmp_path / "two")).value
    assert second.updated == 1 and second.unchanged == 4
    assert [r.id for r in desk(centre).exchange.summary_records(second, "updated")] == [first]
    assert desk(centre).exchange.summary_records(second, "error") == []
