"""Fast rule tests: a real SQLite database in memory, built by the real migrations (triggers included).

The schema, the reference data and one account per role are made once per session, in a file migrated as
the app migrates one, then copied into a `:memory:` template. Each test gets its own copy of the template
(sqlite3's backup(), well under a millisecond) and an engine over that one connection, with the pragmas and
SQL functions make_engine sets (foreign keys on, sc_casefold, BEGIN IMMEDIATE for writers). The services
see an ordinary SQLite engine: rules, lifecycle and validation are tested without a file or a server.

The tests where the database itself is the subject (concurrency, PostgreSQL, files, migrations) stay in
tests/integration, on real files and servers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.pool import StaticPool

from sitcentre.db import migrate
from sitcentre.db.engine import _configure_sqlite, make_engine
from sitcentre.db.tables import PostRow, SubstanceRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Role
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import Incident
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.users import UserService
from sitcentre.settings import Settings, sqlite_url
from tests.rules.world import HOME_POST, POOL, ROLES, WHEN, World, make_saved


@dataclass(frozen=True)
class Template:
    """The migrated, seeded database in memory, and the ids the tests look things up by."""

    connection: sqlite3.Connection
    posts: dict[str, int]  # post id by code
    subs: dict[str, int]  # substance id by code
    actors: dict[Role, Actor]  # one account per role (the operator's at HOME_POST); no passwords
    pool: dict[IncidentStatus, tuple[Incident, ...]]  # incidents ready in each status, at HOME_POST


class _Swap:
    """The connection the shared engine hands out; each test puts its own copy here."""

    connection: sqlite3.Connection | None = None


def memory_engine(swap: _Swap, settings: Settings) -> Engine:
    """One engine for the session over whichever connection `swap` holds, configured as
    sitcentre.db.engine.make_engine configures one. Sharing it keeps SQLAlchemy's statement cache (which
    lives on the engine) warm from test to test: a new engine per test would compile every query again."""
    engine = create_engine("sqlite://", creator=lambda: swap.connection, poolclass=StaticPool, hide_parameters=True)
    _configure_sqlite(engine, settings, wal=False)  # foreign keys, sc_casefold, BEGIN IMMEDIATE for writers
    return engine


@pytest.fixture(scope="session")
def rule_template(tmp_path_factory) -> Iterator[Template]:
    folder = tmp_path_factory.mktemp("rules")
    settings = Settings(data_dir=folder)
    engine = make_engine(sqlite_url(folder / "template.sqlite"), settings)
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)
    users = UserService(engine, settings)
    actors = {}
    for role in ROLES:
        info = users.add(role.value, role, None, post_code=HOME_POST if role == Role.OPERATOR else None,
                         actor=Actor.system_actor("setup"))
        actors[role] = Actor(id=info.id, username=info.username, role=info.role, post_id=info.post_id)
    with UnitOfWork(engine) as uow:
        posts = dict(uow.session.execute(select(PostRow.code, PostRow.id)).all())
        subs = dict(uow.session.execute(select(SubstanceRow.code, SubstanceRow.id)).all())
        assert uow.session.scalar(select(UserRow.id).where(UserRow.username == "admin")) is not None
    pool = {status: tuple(make_saved(engine, settings, posts, subs, status, HOME_POST,
                                     WHEN + timedelta(minutes=10 * (i + 1) + 100 * n))
                          for i in range(POOL[status])) for n, status in enumerate(POOL)}
    engine.dispose()
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    with sqlite3.connect(folder / "template.sqlite") as source:
        source.backup(memory)
    source.close()
    yield Template(memory, posts, subs, actors, pool)
    memory.close()


@pytest.fixture(scope="session")
def rule_settings(tmp_path_factory) -> Settings:
    """One data folder for the session: the rules write no files there (a per-test tmp_path costs more than
    the database copy). A test that writes a file uses its own tmp_path."""
    return Settings(data_dir=tmp_path_factory.mktemp("rules-data"))


@pytest.fixture(scope="session")
def _shared_engine(tmp_path_factory) -> Iterator[tuple[Engine, _Swap]]:
    swap = _Swap()
    engine = memory_engine(swap, Settings(data_dir=tmp_path_factory.mktemp("rules-engine")))
    yield engine, swap
    engine.dispose()


@pytest.fixture
def mem_engine(rule_template: Template, _shared_engine) -> Iterator[Engine]:
    """A fresh copy of the template, in memory, for this test only (the engine's pool is renewed over it)."""
    engine, swap = _shared_engine
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    rule_template.connection.backup(connection)
    swap.connection = connection
    engine.dispose()  # a new StaticPool: its first checkout takes `connection` and configures it
    yield engine
    engine.dispose()  # closes `connection`
    swap.connection = None


@pytest.fixture
def mem_backend(mem_engine: Engine, rule_settings: Settings):
    from sitcentre.backend import Backend

    return Backend(mem_engine, rule_settings)


@pytest.fixture
def actors(rule_template: Template) -> dict[Role, Actor]:
    return rule_template.actors


@pytest.fixture
def desks(mem_backend, actors) -> dict[Role, object]:
    """A desk per role, and the system desk under the key None."""
    return {**{role: mem_backend.desk(actor) for role, actor in actors.items()}, None: mem_backend.system_desk()}


@pytest.fixture
def world(mem_engine: Engine, rule_settings: Settings, rule_template: Template):
    return World(mem_engine, rule_settings, rule_template.posts, rule_template.subs, rule_template.actors,
                 rule_template.pool)
