"""Backend (owns the engine, opened once at start-up) and Desk (the backend for one signed-in actor)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property

from sqlalchemy import Engine

from sitcentre.db import migrate
from sitcentre.db.engine import describe_url, make_engine, person_url, tls_warning
from sitcentre.db.errors import SchemaBehind, SchemaTooNew, database_named, describe, is_login_refusal
from sitcentre.domain.accounts import LoginRefused
from sitcentre.domain.changes import Changes, changes_from_batch
from sitcentre.domain.permissions import Actor, Policy
from sitcentre.settings import Settings, resolve_db_url

log = logging.getLogger(__name__)


class NoActor(TypeError):
    """A desk (and so every write) needs the Actor it acts for; system work passes Actor.system_actor()."""


class Backend:
    """Owns the engine and the settings; hands out a Desk per actor. Qt-free, thread-safe to share."""

    def __init__(self, engine: Engine, settings: Settings, schema: str | None = None):
        if not isinstance(settings, Settings):
            raise TypeError("Backend needs the Settings built at start-up")
        self.engine = engine  # for start-up code, tests and benches; ui/ never touches it
        from sitcentre.services import site_settings

        # the installation's policy from the database applied over the declared defaults (issue 16, item 3)
        self.settings = site_settings.effective(engine, settings) if isinstance(engine, Engine) else settings
        self.schema = schema
        self.warnings: list[str] = []  # said once at start-up: the status bar shows them, the log has them

    @classmethod
    def open(cls, url: str | None, settings: Settings, demo: bool = False) -> Backend:
        """Engine -> migrations (an SQLite file is backed up first) -> old change_log rows pruned -> demo data.

        Raises the project's database errors only (sitcentre.domain.errors), the original chained for the log.
        """
        from sitcentre.services.maintenance import prune_change_log

        where = "the database"
        try:
            engine = make_engine(resolve_db_url(url, settings, demo=demo), settings)
            where = database_named(describe_url(engine))
            status = migrate.upgrade(engine)
            log.info("opened %s, %s", describe_url(engine), status.describe())
            pruned = prune_change_log(engine, settings.change_log_keep)
            if pruned:
                log.info("pruned %d old change_log rows", pruned)
            if demo:
                _seed_demo(engine)
        except Exception as exc:
            mapped = describe(exc, where)
            if mapped is exc:
                raise
            raise mapped from exc
        return cls(engine, settings, status.current)._warn(tls_warning(engine.url))

    @classmethod
    def open_as(cls, url: str, login: str, password: str, settings: Settings) -> Backend:
        """Connect to a user-less PostgreSQL address as a person's own login (issue 14): never migrates, and
        refuses a schema that is not at this app's head. A refused login (bad password, unknown or disabled
        login) is LoginRefused, whatever the reason; an unreachable server stays DatabaseUnavailable.
        The password lives only in the engine's memory (to open its pooled connections): never written."""
        engine = make_engine(person_url(url, login, password), settings)
        where = database_named(describe_url(engine))
        try:
            with engine.connect():
                pass
            status = migrate.schema_status(engine)
            _refuse_other_schema(status)
            migrate.refuse_damaged_schema(engine, status)
        except Exception as exc:
            engine.dispose()
            if is_login_refusal(exc):
                log.info("the server refused the login %s", login)
                raise LoginRefused() from None  # the server's own words stay out: they would tell which part
            mapped = describe(exc, where)
            if mapped is exc:
                raise
            raise mapped from exc
        log.info("signed in to %s as %s, %s", describe_url(engine), login, status.describe())
        return cls(engine, settings, status.current)._warn(tls_warning(engine.url))

    def _warn(self, warning: str | None) -> Backend:
        if warning:
            log.warning("%s", warning)
            self.warnings.append(warning)
        return self

    @cached_property
    def description(self) -> str:
        """e.g. "SQLite /data/post.sqlite" or "PostgreSQL postgres@host/db": never a password."""
        return describe_url(self.engine)

    @cached_property
    def policy(self) -> Policy:
        return Policy(operators_all_posts=self.settings.operators_all_posts)

    def desk(self, actor: Actor) -> Desk:
        return Desk(self, actor)

    def system_desk(self, name: str = "system") -> Desk:
        """For work no person does (demo seeding, maintenance, benches): an explicit system actor."""
        return Desk(self, Actor.system_actor(name))

    @cached_property
    def accounts(self):
        """Sign-in and first set-up, before anyone is signed in (sitcentre.backend.accounts)."""
        from sitcentre.backend.accounts import Accounts

        return Accounts(self)

    def watch(self, on_changes: Callable[[Changes], None], on_state: Callable[[object], None],
              since_seq: int | None = None, feed_settings=None):
        """A started-on-demand live feed (sitcentre.live.ChangeFeed) whose batches arrive as Changes."""
        from sitcentre.live import ChangeFeed

        return ChangeFeed(self.engine, lambda batch: on_changes(changes_from_batch(batch)), on_state,
                          since_seq, feed_settings)

    def close(self) -> None:
        self.engine.dispose()


class Desk:
    """The backend for one actor: the use cases by noun. Every write runs as `actor` and returns Done."""

    def __init__(self, backend: Backend, actor: Actor):
        if not isinstance(actor, Actor):
            raise NoActor("a Desk acts for an Actor; pass Actor.system_actor(...) for system work")
        self.backend = backend
        self.actor = actor

    @property
    def engine(self) -> Engine:
        return self.backend.engine

    @property
    def settings(self) -> Settings:
        return self.backend.settings

    @property
    def policy(self) -> Policy:
        return self.backend.policy

    def can(self, action) -> bool:
        """What the menus grey out by: the same policy the services enforce."""
        return self.actor.can(action, policy=self.policy)

    @cached_property
    def incidents(self):
        from sitcentre.backend.incidents import Incidents

        return Incidents(self)

    @cached_property
    def reviews(self):
        from sitcentre.backend.reviews import Reviews

        return Reviews(self)

    @cached_property
    def reference(self):
        from sitcentre.backend.reference import Reference

        return Reference(self)

    @cached_property
    def posts(self):
        from sitcentre.backend.posts import Posts

        return Posts(self)

    @cached_property
    def alerts(self):
        from sitcentre.backend.alerts import Alerts

        return Alerts(self)

    @cached_property
    def charts(self):
        from sitcentre.backend.charts import Charts

        return Charts(self)

    @cached_property
    def installation(self):
        from sitcentre.backend.installation import Installation

        return Installation(self)

    @cached_property
    def audit(self):
        from sitcentre.backend.audit import Audit

        return Audit(self)

    @cached_property
    def users(self):
        from sitcentre.backend.users import Users

        return Users(self)

    @cached_property
    def brief(self):
        from sitcentre.backend.brief import Brief

        return Brief(self)

    # The exchange (issue 13): files and the exchange folder; conflicts; keys; exchange state; online sync.
    @cached_property
    def exchange(self):
        from sitcentre.backend.exchange import Exchange

        return Exchange(self)

    @cached_property
    def conflicts(self):
        from sitcentre.backend.conflicts import Conflicts

        return Conflicts(self)

    @cached_property
    def keys(self):
        from sitcentre.backend.keys import Keys

        return Keys(self)

    @cached_property
    def exchange_status(self):
        from sitcentre.backend.exchange_status import ExchangeStatus

        return ExchangeStatus(self)

    @cached_property
    def imports(self):  # spreadsheets in (issue 15)
        from sitcentre.backend.imports import Imports

        return Imports(self)

    @cached_property
    def sync(self):
        from sitcentre.backend.sync import Sync

        return Sync(self)


def _refuse_other_schema(status: migrate.SchemaStatus) -> None:
    """A person's login never migrates: a schema this app does not run on is the administrator's to upgrade."""
    if status.too_new:
        raise SchemaTooNew(f"This database was written by a newer version of sitcentre (schema {status.current}). "
                           "Update sitcentre on this workstation before opening it.")
    if not status.up_to_date:
        raise SchemaBehind(f"This database ({status.describe()}) is older than this version of sitcentre. Ask "
                           "an administrator to run 'sitcentre db upgrade' with the owner's address.")


def _seed_demo(engine: Engine) -> int:
    """Fill an empty demo database; the load is one audit entry, so `sitcentre demo` knows it for demo data."""
    from sitcentre.services.demo import ensure_demo_data
    from sitcentre.services.demo_guard import record_demo_load

    seeded = ensure_demo_data(engine)
    if seeded:
        record_demo_load(engine, Actor.system_actor("demo"), seeded, seed=1)
    log.info("demo database: %d incidents seeded", seeded)
    return seeded
