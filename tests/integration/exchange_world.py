"""Two or more installations that exchange bundles, made the way an operator makes them (migrated, reference
data, `install init --role --origin`, each other's key files trusted), for the import tests and the scenarios.

    post = make_post(tmp_path, "KZ-KOR")                 # a post's own SQLite file
    centre = make_centre(tmp_path, url=db_url)           # SQLite or PostgreSQL (the db_url fixture)
    trust_both(post, centre)
    inc = record(post, narrative="first")               # an incident recorded through the service
    edit(post, inc, narrative="second")                 # an edit through the service
    data = export(post, "C")                             # the bundle bytes (the real exporter)
    summary = import_(centre, data)                      # the real importer
    content(centre, inc)                                 # revisions.incident_content there

Nothing is mocked: the exporter, the bundle format and the importer are the product's own.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import PostRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import Incident, SeizureLine
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings, sqlite_url


@dataclass
class World:
    """One installation: its engine, settings (data folder) and who it is."""

    engine: Engine
    settings: Settings
    origin: str
    role: str
    folder: Path

    def dispose(self) -> None:
        self.engine.dispose()


def make_installation(folder: Path, role: str, origin: str, url: str | None = None) -> World:
    from sitcentre.services import installation

    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=folder)
    engine = make_engine(url or sqlite_url(folder / f"{origin}.sqlite"), settings)
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)
    installation.init(engine, role, origin, SYSTEM)
    return World(engine, settings, origin, role, folder)


def make_post(tmp: Path, code: str = "KZ-KOR") -> World:
    return make_installation(tmp / f"post-{code}", "post", code)


def make_centre(tmp: Path, origin: str = "C", url: str | None = None) -> World:
    return make_installation(tmp / f"centre-{origin}", "centre", origin, url)


def key_file(owner: World) -> Path:
    from sitcentre.services import keys

    return Path(keys.export_key_file(owner.engine, owner.folder / f"{owner.origin}-{uuid.uuid4().hex[:6]}.key"))


def trust(trusting: World, owner: World) -> None:
    """`trusting` trusts `owner`'s key (keys export there, keys trust here)."""
    from sitcentre.services import keys

    keys.trust(trusting.engine, keys.read_key_file(key_file(owner).read_bytes()), actor=SYSTEM)


def trust_both(a: World, b: World) -> None:
    trust(a, b)
    trust(b, a)


# ------------------------------------------------------------------------------------------- records

def ids(world: World) -> tuple[dict[str, int], dict[str, int]]:
    with UnitOfWork(world.engine) as uow:
        posts = dict(uow.session.execute(select(PostRow.code, PostRow.id)).all())
        subs = dict(uow.session.execute(select(SubstanceRow.code, SubstanceRow.id)).all())
    return posts, subs


def record(world: World, post: str = "KZ-KOR", quantity: float = 2.0, substance: str = "heroin",
           **fields) -> uuid.UUID:
    """Record one incident through the service (as a desk would); returns its id."""
    from sitcentre.services.incidents import IncidentService

    posts, subs = ids(world)
    when = datetime(2026, 11, 29, 8, 12, tzinfo=UTC)
    new = Incident(post_id=posts[post], occurred_at=when, reported_at=when,
                   lines=(SeizureLine(substance_id=subs[substance], quantity=quantity, unit=Unit.KG),), **fields)
    return IncidentService(world.engine, world.settings).record(new, actor=SYSTEM).id


def edit(world: World, incident_id: uuid.UUID, **changes) -> None:
    """Change fields of an incident through the service (the optimistic-locking version is read first)."""
    from sitcentre.repositories.incidents import IncidentRepository
    from sitcentre.services.incidents import IncidentService

    with UnitOfWork(world.engine) as uow:
        current = IncidentRepository(uow.session).get(incident_id)
    IncidentService(world.engine, world.settings).update(replace(current, **changes), actor=SYSTEM)


def delete(world: World, incident_id: uuid.UUID) -> None:
    with UnitOfWork(world.engine, write=True) as uow:
        uow.session.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": _param(world, incident_id)})
        uow.commit()


def _param(world: World, value: uuid.UUID):
    return value.hex if world.engine.dialect.name == "sqlite" else value


# ------------------------------------------------------------------------------------------- exchange

def export(world: World, to: str, *, since_last: bool = False) -> bytes:
    """The bundle `world` writes for `to` (the real exporter), as bytes."""
    from sitcentre.services.exchange_export import export_bundle

    out = world.folder / "out" / uuid.uuid4().hex
    out.mkdir(parents=True)
    result = export_bundle(world.engine, world.settings, to=to, out=out, since_last=since_last, actor=SYSTEM)
    return Path(result.path).read_bytes()


def import_(world: World, data: bytes):
    from sitcentre.services.exchange_import import import_bundle

    return import_bundle(world.engine, world.settings, data, actor=SYSTEM, file_name="test.scb")


# ------------------------------------------------------------------------------------------- reading

def content(world: World, incident_id: uuid.UUID) -> dict | None:
    from sitcentre.repositories import revisions

    with UnitOfWork(world.engine) as uow:
        return revisions.incident_content(uow.session, incident_id)


def head(world: World, incident_id: uuid.UUID):
    from sitcentre.repositories import revisions

    with UnitOfWork(world.engine) as uow:
        return revisions.head(uow.session, incident_id)


def versions(world: World, incident_id: uuid.UUID) -> list:
    from sitcentre.repositories import revisions

    with UnitOfWork(world.engine) as uow:
        return revisions.history(uow.session, incident_id)


def scalar(world: World, sql: str, **params):
    with world.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def rows(world: World, sql: str, **params) -> list[tuple]:
    with world.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def data_counts(world: World) -> dict[str, int]:
    """Rows in the tables an import writes (data and exchange state; not the audit trail)."""
    tables = ("incidents", "seizure_lines", "record_versions", "feed_entries", "feed_cursors", "bundles_received",
              "conflicts", "audit_remote", "alerts", "post_status_history", "trusted_keys")
    return {t: scalar(world, f"SELECT count(*) FROM {t}") for t in tables}


# ------------------------------------------------------------------------------------------- crafted bundles

def identity(world: World):
    from sitcentre.services import keys

    with UnitOfWork(world.engine) as uow:
        return keys.own_identity(uow.session)


def incident_entry(content_: dict, *, rev: str | None = None, parent: str | None = None, by: str = "KZ-KOR",
                   op: str = "upsert", **extra) -> dict:
    """A feed entry (without v/origin/epoch/audience/seq/prev) for one incident version."""
    from sitcentre.exchange.canonical import make_rev

    rev = rev or make_rev(parent, content_, deleted=op == "delete")
    return {"kind": "incident", "op": op, "id": content_["id"], "rev": rev, "parent": parent, "merge": None,
            "by": by, "author": "", "device_time": "2026-11-29T08:12:00.000000+00:00", "changed": {},
            "row": None if op == "delete" else content_, "refdata_version": "", **extra}


def craft(world: World, to: str, entries: list[dict], *, from_seq: int = 1, prev: str = "",
          schema_revision: str | None = None, to_installation: str | None = None, acks: list[dict] | None = None,
          refdata: dict | None = None, policy: dict | None = None) -> bytes:
    """A bundle signed by `world`'s own key carrying exactly these entries (chained from `prev`), and these
    acknowledgements and reference data (and, between centres, the sharing policy named in the manifest), for
    cases the exporter would never write (an unknown substance, the same id created twice, a newer schema, forged
    acknowledgements, a field outside the policy)."""
    from sitcentre.exchange import bundle
    from sitcentre.exchange.canonical import canonical_bytes, sha256_hex

    me = identity(world)
    audience = "*" if me.role == "post" else to
    lines, head = [], prev
    for seq, fields in enumerate(entries, start=from_seq):
        line = canonical_bytes({**fields, "v": 1, "origin": me.origin, "epoch": me.epoch, "audience": audience,
                                "seq": seq, "prev": head})
        lines.append(line)
        head = sha256_hex(line)
    manifest = {
        "from": {"installation_id": me.installation_id, "origin": me.origin, "role": me.role, "epoch": me.epoch,
                 "key_id": me.key_id, "public_key": me.public_key, "app_version": "test"},
        "to": {"origin": to, "installation_id": to_installation},
        "created_at_device": "2026-11-29T08:12:00.000000+00:00",
        "schema_revision": schema_revision or migrate.head_revision(), "refdata_version": "",
        "feed": {"audience": audience, "epoch": me.epoch, "from_seq": from_seq,
                 "to_seq": from_seq + len(entries) - 1, "prev_hash": prev, "head_hash": head},
        "acks": acks or [], "counts": dict(Counter(entry.get("kind", "incident") for entry in entries)),
        "audit_head": {"epoch": me.epoch, "seq": 0, "hash": ""},
    }
    if policy is not None:
        manifest["policy"] = policy
    parts = {bundle.ENTRIES: bundle.jsonl(lines)}
    if refdata is not None:
        parts[bundle.REFDATA] = canonical_bytes(refdata)
    data, _bundle_id, _final = bundle.build(manifest, parts, private_key=me.private_key)
    return data
