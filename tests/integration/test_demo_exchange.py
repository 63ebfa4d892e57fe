"""`sitcentre demo --exchange FOLDER` (services.demo_exchange): the four databases it makes (two countries' centres,
a post of each on the two sides of one crossing), the README's walk-through followed through the services on them
(the conflict, and a verified incident across the border), and the folder rules (never a file written over)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sitcentre.cli import main
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import IncidentRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.repositories import exchange_state
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import conflicts, demo_exchange, installation, keys, peers
from sitcentre.services.demo_exchange import (
    CENTRE_ORIGIN,
    DATABASES,
    KG_CENTRE_ORIGIN,
    KG_POST,
    KZ_POST,
    PASSWORD,
    send,
    sign_in,
)
from sitcentre.services.verification import VerificationService
from sitcentre.settings import Settings, sqlite_url


@pytest.fixture
def settings(tmp_path: Path, monkeypatch) -> Settings:
    monkeypatch.setenv("SITCENTRE_DATA_DIR", str(tmp_path / "data"))  # the command's data folder, not $HOME's
    monkeypatch.delenv("SITCENTRE_DB", raising=False)
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def demo(tmp_path: Path, settings, capsys):
    """The folder made by the command, its printed next steps, and engines on its four databases."""
    folder = tmp_path / "demo"
    assert main(["demo", "--exchange", str(folder)]) == 0
    printed = capsys.readouterr().out
    engines = {name: make_engine(sqlite_url(folder / name), settings) for name in DATABASES}
    yield folder, printed, engines
    for engine in engines.values():
        engine.dispose()


def states(engine) -> dict:
    with UnitOfWork(engine) as uow:
        return exchange_state.states(uow.session, None)


def test_makes_two_centres_and_a_post_of_each_on_both_sides_of_the_border_that_trust_each_other(demo, settings):
    folder, printed, engines = demo
    assert sorted(p.name for p in folder.iterdir()) == ["centre-kg.sqlite", "centre.sqlite", "exchange",
                                                        "post-kg.sqlite", "post-kz.sqlite"]
    assert list((folder / "exchange").iterdir()) == []
    who = {name: installation.show(engine) for name, engine in engines.items()}
    assert {name: (w.role, w.origin_code) for name, w in who.items()} == {
        "centre.sqlite": ("centre", CENTRE_ORIGIN), "post-kz.sqlite": ("post", KZ_POST),
        "centre-kg.sqlite": ("centre", KG_CENTRE_ORIGIN), "post-kg.sqlite": ("post", KG_POST)}
    trusted_at = {name: {k.origin for k in keys.list_keys(engine) if k.state == "trusted"}
                  for name, engine in engines.items()}
    assert trusted_at["centre.sqlite"] == {KZ_POST, KG_CENTRE_ORIGIN}
    assert trusted_at["centre-kg.sqlite"] == {KG_POST, CENTRE_ORIGIN}
    assert CENTRE_ORIGIN in trusted_at["post-kz.sqlite"] and KG_CENTRE_ORIGIN in trusted_at["post-kg.sqlite"]
    assert [(p.origin, p.policy) for p in peers.list_peers(engines["centre.sqlite"])] == [
        (KG_CENTRE_ORIGIN, "regional-default")]
    assert [p.origin for p in peers.list_peers(engines["centre-kg.sqlite"])] == [CENTRE_ORIGIN]
    # Every account printed signs in with the printed password on the database it is printed for.
    assert PASSWORD in printed
    for account in demo_exchange.ACCOUNTS:
        assert account.username in printed
        assert sign_in(engines[account.where], account.username, settings).username == account.username
    for name in engines:
        assert f"python main.py --db {sqlite_url(folder / name)}" in printed


def test_each_post_has_exchanged_once_and_has_offline_work_waiting(demo):
    _folder, printed, engines = demo
    kz, kg = states(engines["post-kz.sqlite"]), states(engines["post-kg.sqlite"])
    kzc, kgc = states(engines["centre.sqlite"]), states(engines["centre-kg.sqlite"])
    assert sorted(kz.values()) == ["confirmed", "confirmed", "local", "local"]  # the edit and the new one
    assert sorted(kg.values()) == ["confirmed", "confirmed", "local"]
    assert sorted(kzc.values()) == ["confirmed", "confirmed", "local"]  # the supervisor's edit, not yet sent
    assert sorted(kgc.values()) == ["confirmed", "confirmed"]
    assert conflicts.list_conflicts(engines["centre.sqlite"]) == []


def test_the_walk_through_ends_with_the_resolution_confirmed_at_the_post(demo, settings, tmp_path):
    folder, printed, engines = demo
    centre, kz, kg = engines["centre.sqlite"], engines["post-kz.sqlite"], engines["post-kg.sqlite"]
    supervisor, kordai = sign_in(centre, "supervisor", settings), sign_in(kz, "kordai", settings)
    work = folder / "exchange"

    arrived = send(kz, CENTRE_ORIGIN, centre, settings, work, by=kordai, at=supervisor)
    assert (arrived.added, arrived.conflicts, arrived.errors) == (1, 1, 0)
    [conflict] = conflicts.list_conflicts(centre)
    assert conflict.number in printed and conflict.post == KZ_POST and conflict.fields == ("narrative",)
    detail = conflicts.show(centre, conflict.id)
    rows = {row.field: row for row in detail.rows}
    assert rows["narrative"].conflicting and "second man" in rows["narrative"].post
    assert "Bishkek" in rows["narrative"].centre
    assert not rows["persons_detained"].conflicting and rows["persons_detained"].post == 2  # merged, not asked

    conflicts.resolve(centre, settings, conflict.id, "post", actor=supervisor)  # "Take post's version"
    assert conflicts.list_conflicts(centre) == []
    back = send(centre, KZ_POST, kz, settings, work, by=supervisor, at=kordai)
    assert back.errors == 0 and back.conflicts == 0
    assert set(states(kz).values()) == {"confirmed"}
    with UnitOfWork(kz) as uow:
        incident = IncidentRepository(uow.session).get(conflict.row_id)
    assert "second man" in incident.narrative and "Bishkek" not in incident.narrative
    assert incident.persons_detained == 2

    # The Kyrgyz side: its waiting incident arrives at its own centre without a conflict.
    kgc = engines["centre-kg.sqlite"]
    akzhol, kg_supervisor = sign_in(kg, "akzhol", settings), sign_in(kgc, "supervisor", settings)
    assert send(kg, KG_CENTRE_ORIGIN, kgc, settings, work, by=akzhol, at=kg_supervisor).added == 1


def test_a_verified_incident_crosses_to_the_other_country_without_its_narrative(demo, settings):
    folder, _printed, engines = demo
    kzc, kgc = engines["centre.sqlite"], engines["centre-kg.sqlite"]
    supervisor, kg_supervisor = sign_in(kzc, "supervisor", settings), sign_in(kgc, "supervisor", settings)
    with UnitOfWork(kzc) as uow:
        second_id = uow.session.scalar(select(IncidentRow.id).where(IncidentRow.number.like("KOR-%-0002")))
        second = IncidentRepository(uow.session).get(second_id)
    VerificationService(kzc, settings).verify(second.id, actor=supervisor)

    arrived = send(kzc, KG_CENTRE_ORIGIN, kgc, settings, folder / "exchange", by=supervisor, at=kg_supervisor)
    assert (arrived.added, arrived.errors) == (1, 0)  # only the verified one leaves Kazakhstan
    with UnitOfWork(kgc) as uow:
        there = IncidentRepository(uow.session).get(second.id)
    assert there.number == second.number and there.narrative == "" and there.total_kg == second.total_kg


def test_refuses_a_folder_that_is_not_empty_unless_forced(tmp_path, settings, capsys):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert main(["demo", "--exchange", str(folder)]) == 3
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]

    assert main(["demo", "--exchange", str(folder), "--force"]) == 0
    assert (folder / "notes.txt").read_text() == "mine" and (folder / "centre.sqlite").exists()


def test_never_writes_over_a_demo_already_there_even_when_forced(demo, capsys):
    folder, _printed, engines = demo
    for engine in engines.values():
        engine.dispose()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert main(["demo", "--exchange", str(folder), "--force"]) == 3
    assert "never writes over" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_a_file_in_place_of_the_folder_is_refused_and_no_default_database_is_made(tmp_path, settings, capsys):
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["demo", "--exchange", str(target)]) == 3
    assert "is a file" in capsys.readouterr().err
    assert not any(settings.data_dir.glob("*.sqlite"))  # the --db database of a plain `demo` is not opened


def test_a_failure_half_way_leaves_nothing_of_the_demo_behind(tmp_path, settings, monkeypatch):
    def broken(*_args):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(demo_exchange, "_story", broken)
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "notes.txt").write_text("mine")
    with pytest.raises(RuntimeError):
        demo_exchange.build(tmp_path / "new", settings)
    assert not (tmp_path / "new").exists()
    with pytest.raises(RuntimeError):
        demo_exchange.build(kept, settings, force=True)
    assert [p.name for p in kept.iterdir()] == ["notes.txt"] and (kept / "notes.txt").read_text() == "mine"
