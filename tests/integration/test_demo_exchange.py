"""`sitcentre demo --exchange FOLDER` (services.demo_exchange): the three databases it makes, the README's
walk-through followed through the services on them, and the folder rules (never a file written over)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitcentre.cli import main
from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.repositories import exchange_state
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import conflicts, demo_exchange, installation, keys
from sitcentre.services.demo_exchange import CENTRE_ORIGIN, KG_POST, KZ_POST, PASSWORD, send, sign_in
from sitcentre.settings import Settings, sqlite_url


@pytest.fixture
def settings(tmp_path: Path, monkeypatch) -> Settings:
    monkeypatch.setenv("SITCENTRE_DATA_DIR", str(tmp_path / "data"))  # the command's data folder, not $HOME's
    monkeypatch.delenv("SITCENTRE_DB", raising=False)
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def demo(tmp_path: Path, settings, capsys):
    """The folder made by the command, its printed next steps, and engines on its three databases."""
    folder = tmp_path / "demo"
    assert main(["demo", "--exchange", str(folder)]) == 0
    printed = capsys.readouterr().out
    engines = {name: make_engine(sqlite_url(folder / name), settings)
               for name in ("centre.sqlite", "post-kz.sqlite", "post-kg.sqlite")}
    yield folder, printed, engines
    for engine in engines.values():
        engine.dispose()


def states(engine) -> dict:
    with UnitOfWork(engine) as uow:
        return exchange_state.states(uow.session, None)


def test_makes_a_centre_and_a_post_on_each_side_of_the_border_that_trust_each_other(demo, settings):
    folder, printed, engines = demo
    assert sorted(p.name for p in folder.iterdir()) == ["centre.sqlite", "exchange", "post-kg.sqlite",
                                                        "post-kz.sqlite"]
    assert list((folder / "exchange").iterdir()) == []
    who = {name: installation.show(engine) for name, engine in engines.items()}
    assert [(w.role, w.origin_code) for w in who.values()] == [("centre", CENTRE_ORIGIN), ("post", KZ_POST),
                                                                ("post", KG_POST)]
    trusted_at = {name: {k.origin for k in keys.list_keys(engine) if k.state == "trusted"}
                  for name, engine in engines.items()}
    assert {KZ_POST, KG_POST} <= trusted_at["centre.sqlite"]
    assert CENTRE_ORIGIN in trusted_at["post-kz.sqlite"] and CENTRE_ORIGIN in trusted_at["post-kg.sqlite"]
    # Every account printed signs in with the printed password on the database it is printed for.
    assert PASSWORD in printed
    for account in demo_exchange.ACCOUNTS:
        assert account.username in printed
        assert sign_in(engines[account.where], account.username, settings).username == account.username
    for name in engines:
        assert f"python main.py --db {sqlite_url(folder / name)}" in printed


def test_each_post_has_exchanged_once_and_has_offline_work_waiting(demo):
    _folder, printed, engines = demo
    kz, kg, centre = states(engines["post-kz.sqlite"]), states(engines["post-kg.sqlite"]), \
        states(engines["centre.sqlite"])
    assert sorted(kz.values()) == ["confirmed", "confirmed", "local", "local"]  # the edit and the new one
    assert sorted(kg.values()) == ["confirmed", "confirmed", "local"]
    assert sorted(centre.values()) == ["confirmed"] * 4 + ["local"]  # the supervisor's edit, not yet sent
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

    # The Kyrgyz side: its waiting incident arrives without a conflict.
    akzhol = sign_in(kg, "akzhol", settings)
    assert send(kg, CENTRE_ORIGIN, centre, settings, work, by=akzhol, at=supervisor).added == 1


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
