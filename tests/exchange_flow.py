"""Installations that exchange bundles, for the end-to-end scenarios, the fault tests and bench/exchange.py.

A Site is one installation (a post's SQLite file, or a centre on SQLite or PostgreSQL) made the way an operator
makes it: migrated, reference data, `install init --role --origin` (keys and epoch), and the other side's key
trusted from its exported key file. Bundles go through the real exporter and importer (no mocks).

    post = make_site(tmp / "kor", "post", "KZ-KOR")
    centre = make_site(tmp / "centre", "centre", "C")
    trust_both(post, centre, tmp)
    path = export(post, "C", tmp / "b1.scb")
    summary = import_path(centre, path)

fill_post writes N incidents of one post with one seizure line each straight to the driver (as the demo
does), for the 10,000-entry SIGKILL test and the benchmark.
"""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import Base, IncidentRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings, sqlite_url


@dataclass
class Site:
    engine: Engine
    settings: Settings
    url: str
    origin: str
    role: str
    path: Path | None  # the SQLite file (None on PostgreSQL)

    def dispose(self) -> None:
        self.engine.dispose()


def open_site(url: str, folder: Path, origin: str, role: str) -> Site:
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=folder)
    engine = make_engine(url, settings)
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite") else None
    return Site(engine, settings, url, origin, role, path)


def make_site(folder: Path, role: str, origin: str, url: str | None = None) -> Site:
    """A new installation: migrated, reference data, `install init` (its key pair and epoch)."""
    from sitcentre.services import installation

    folder.mkdir(parents=True, exist_ok=True)
    url = url or sqlite_url(folder / f"{origin}.sqlite")
    site = open_site(url, folder, origin, role)
    migrate.upgrade(site.engine, backup=False)
    seed_reference_data(site.engine)
    installation.init(site.engine, role, origin, SYSTEM)
    return site


def trust(trusting: Site, owner: Site, folder: Path) -> None:
    """`trusting` trusts `owner`'s key, read from the key file `owner` exports (keys export / keys trust)."""
    from sitcentre.services import keys

    folder.mkdir(parents=True, exist_ok=True)
    path = keys.export_key_file(owner.engine, folder / f"{owner.origin}-{uuid.uuid4().hex[:6]}.key")
    info = keys.read_key_file(Path(path).read_bytes())
    keys.trust(trusting.engine, info, actor=SYSTEM)


def trust_both(a: Site, b: Site, folder: Path) -> None:
    trust(a, b, folder)
    trust(b, a, folder)


def copy_site(site: Site, folder: Path) -> Site:
    """A copy of an SQLite site's file (closed first) in `folder`, opened."""
    assert site.path is not None
    site.engine.dispose()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / site.path.name
    copy_sqlite(site.path, target)
    return open_site(sqlite_url(target), folder, site.origin, site.role)


def copy_sqlite(source: Path, target: Path) -> None:
    """The file and its WAL (if any): what a backup of a closed database holds."""
    for suffix in ("", "-wal"):
        src = source.with_name(source.name + suffix)
        dst = target.with_name(target.name + suffix)
        dst.unlink(missing_ok=True)
        if src.exists():
            shutil.copyfile(src, dst)
    target.with_name(target.name + "-shm").unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------- exchange

def export(site: Site, to: str, out: Path, *, since_last: bool = False):
    """Export a bundle for `to` into the file `out`; returns the ExportResult."""
    from sitcentre.services.exchange_export import export_bundle

    out.parent.mkdir(parents=True, exist_ok=True)
    return export_bundle(site.engine, site.settings, to=to, out=out, since_last=since_last, actor=SYSTEM)


def import_path(site: Site, path: Path):
    from sitcentre.services.exchange_import import import_bundle

    return import_bundle(site.engine, site.settings, Path(path).read_bytes(), actor=SYSTEM, file_name=Path(path).name)


def import_bytes(site: Site, data: bytes):
    from sitcentre.services.exchange_import import import_bundle

    return import_bundle(site.engine, site.settings, data, actor=SYSTEM)


def bundle_members(path_or_bytes) -> dict[str, bytes]:
    data = Path(path_or_bytes).read_bytes() if not isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def bundle_entries(path_or_bytes) -> list[dict]:
    raw = bundle_members(path_or_bytes).get("entries.jsonl", b"")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def bundle_manifest(path_or_bytes) -> dict:
    import base64

    envelope = json.loads(bundle_members(path_or_bytes)["envelope.json"])
    return json.loads(base64.b64decode(envelope["payload"]))


# ------------------------------------------------------------------------------------------- state

def incident_ids(engine: Engine | Site) -> list[uuid.UUID]:
    engine = getattr(engine, "engine", engine)
    with UnitOfWork(engine) as uow:
        return list(uow.session.scalars(select(IncidentRow.id)))


def incidents_state(engine: Engine | Site) -> dict[str, tuple]:
    """incident id -> (rev, parent_rev, merge_rev, canonical content): what "the same final state" compares."""
    engine = getattr(engine, "engine", engine)
    from sitcentre.exchange.canonical import canonical_bytes
    from sitcentre.repositories import revisions

    out = {}
    with UnitOfWork(engine) as uow:
        s = uow.session
        for row_id, rev, parent, merge in s.execute(
                select(IncidentRow.id, IncidentRow.rev, IncidentRow.parent_rev, IncidentRow.merge_rev)):
            content = revisions.incident_content(s, row_id)
            out[str(row_id)] = (rev, parent, merge, canonical_bytes(content).decode())
    return out


def incident_content(engine: Engine | Site, incident_id) -> dict | None:
    engine = getattr(engine, "engine", engine)
    from sitcentre.repositories import revisions

    with UnitOfWork(engine) as uow:
        return revisions.incident_content(uow.session, incident_id)


def table_counts(engine: Engine | Site) -> dict[str, int]:
    """Rows in every table of the schema (change_log included)."""
    engine = getattr(engine, "engine", engine)
    with engine.connect() as conn:
        return {t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar_one()
                for t in Base.metadata.sorted_tables}


def audit_head(engine: Engine | Site) -> tuple | None:
    engine = getattr(engine, "engine", engine)
    with engine.connect() as conn:
        return tuple(conn.execute(text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")).first() or ())


def rows(engine: Engine | Site, sql: str, **params) -> list[tuple]:
    engine = getattr(engine, "engine", engine)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def state_counts(engine: Engine | Site) -> dict[str, int]:
    engine = getattr(engine, "engine", engine)
    from sitcentre.repositories import exchange_state

    with UnitOfWork(engine) as uow:
        return dict(exchange_state.counts(uow.session))


# ------------------------------------------------------------------------------------------- bulk rows

BULK_START = datetime(2024, 1, 1, tzinfo=UTC)  # 7 minutes apart: 200,000 incidents end in 2026


def bulk_rows(engine: Engine, post_code: str, count: int, seed: int = 1, first: int = 0):
    """(incident rows, line rows) in services.demo's column order: `count` incidents of one post, one heroin
    line each, a few minutes apart, deterministic for a seed."""
    from sitcentre.domain.conversion import to_kg
    from sitcentre.services.demo import _load_reference

    posts, subs = _load_reference(engine)
    post = next(p for p in posts if p.code == post_code)
    sub = next(s for s in subs if s.code == "heroin")
    rng = np.random.default_rng(seed)
    qty = np.round(rng.uniform(0.05, 80.0, count), 3)
    incidents, lines = [], []
    for k in range(count):
        occurred = BULK_START + timedelta(minutes=7 * (first + k))
        local_day = (occurred + timedelta(minutes=post.offset_minutes)).date()
        incident_id = uuid.UUID(int=int(rng.integers(0, 2**62)) << 64 | (first + k), version=4)
        q = float(qty[k]) or 1.0
        conv = to_kg(q, "kg", None)
        lines.append([uuid.UUID(int=incident_id.int ^ 1, version=4), incident_id, sub.id, q, "kg", "weighed",
                      conv.kg, conv.method, local_day, post.id, "reported"])
        incidents.append([incident_id, post.id, occurred, occurred, local_day, "drug_seizure", "entering", "truck",
                          "fuel tank", post.counterpart, "", post.country, 0, "", "", f"bulk {first + k}",
                          "reported", 1, conv.kg, sub.name, sub.name])
    return incidents, lines


def fill_post(engine: Engine, post_code: str, count: int, seed: int = 1, batch: int = 20_000) -> None:
    """`count` incidents of one post written straight to the driver in batches (as services.demo loads), then
    numbered. They are unsealed (no rev) until the next export seals them."""
    from sitcentre.db.engine import is_sqlite
    from sitcentre.services.demo import _advance_last_report, _write_pg, _write_sqlite
    from sitcentre.services.numbering import number_unnumbered

    writer = _write_sqlite if is_sqlite(engine) else _write_pg
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        for first in range(0, count, batch):
            incidents, lines = bulk_rows(engine, post_code, min(batch, count - first), seed + first, first)
            with conn.begin():
                _advance_last_report(conn, incidents)
                writer(conn.connection.driver_connection, incidents, lines)
    with UnitOfWork(engine, write=True) as uow:
        number_unnumbered(uow.session)
        uow.commit()
