"""Setting up a post from its centre: the seed bundle (issue 12; exchange-research §4.7 "Bootstrap").

A new post database holds no posts, substances or accounts: they are the centre's reference data. The
centre writes a *seed bundle* for the post (`sitcentre install seed --post KZ-KOR --out FILE`): a bundle
signed with the centre's key, addressed to that post, carrying the reference data for it (posts, countries,
substances and aliases, the post's accounts for offline sign-in, the centre's key registry) and no entries.
At the post, `sitcentre install init --role post --origin KZ-KOR --seed FILE` shows the centre's key
fingerprint to compare (read out over the phone or on paper), and on "yes", in one transaction: trusts the
centre's key, applies the reference data, makes this installation the post (its own key pair and epoch).
The post then sends its key file (`sitcentre keys export`) for the centre to trust. Nothing is written when
the fingerprint is refused or the file is not a sound seed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from sitcentre import __version__
from sitcentre.db.migrate import head_revision
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange import bundle
from sitcentre.exchange.canonical import canonical_bytes
from sitcentre.exchange.errors import BundleRejected, EntryError
from sitcentre.exchange.signing import KeyInfo
from sitcentre.repositories import refdata
from sitcentre.repositories.installation import InstallationRepository
from sitcentre.repositories.keys import KeyRepository, registry_for_post
from sitcentre.services import audit, installation, keys
from sitcentre.services.audit import AuditAction
from sitcentre.services.audit_chain import canonical_time
from sitcentre.services.exchange_intake import known_revisions
from sitcentre.services.guard import permit, require_actor

log = logging.getLogger(__name__)
SEED_KIND = "seed"


class SeedError(ValueError):
    """A seed that cannot be written or used as asked; the message is for a person."""


def write_seed(engine: Engine, *, post: str, out: str | os.PathLike, actor: Actor, force: bool = False) -> Path:
    """The seed bundle for post `post`, written to `out` (a file, or a folder for the usual name)."""
    require_actor(actor)
    post = (post or "").strip().upper()
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        permit(s, actor, Action.EXCHANGE_EXPORT)
        me = keys.own_identity(s)
        if me.role != "centre":
            raise SeedError("Only a situation centre writes seed bundles for its posts.")
        if post not in {code for code, _ in InstallationRepository(s).post_codes()}:
            raise SeedError(f"There is no post '{post}' in this database.")
        snapshot = refdata.snapshot(s, post, keys=sorted(registry_for_post(s), key=lambda k: k["key_id"]))
        manifest = {
            "kind": SEED_KIND,
            "from": {"installation_id": me.installation_id, "origin": me.origin, "role": me.role, "epoch": me.epoch,
                     "key_id": me.key_id, "public_key": me.public_key, "app_version": __version__},
            "to": {"origin": post, "installation_id": None},
            "created_at_device": canonical_time(utcnow()),
            "schema_revision": head_revision(),
            "refdata_version": refdata.version_of(snapshot),
            "feed": {"audience": post, "epoch": me.epoch, "from_seq": 1, "to_seq": 0, "prev_hash": "",
                     "head_hash": ""},
            "acks": [], "counts": {},
        }
        parts = {bundle.ENTRIES: b"", bundle.REFDATA: canonical_bytes(snapshot)}
        data, bundle_id, final = bundle.build(manifest, parts, private_key=me.private_key)
        path = bundle.write(out, data, final, bundle_id, force=force)
        audit.append(s, actor, AuditAction.EXPORT, "bundle", bundle_id, None,
                     {"seed_for": post, "file": str(path), "refdata_version": manifest["refdata_version"]})
        uow.commit()
    log.info("seed bundle for %s written to %s", post, path)
    return path


def read_seed_sender(data: bytes) -> KeyInfo:
    """The centre key a seed claims to be signed with (checked against its own signature); for the question."""
    info = bundle.claimed_sender(data)
    if info.role != "centre":
        raise SeedError(f"This file was made by {info.origin}, which is not a situation centre: a post is set up "
                        "from its centre's seed bundle.")
    return info


def init_from_seed(engine: Engine, data: bytes, *, origin: str, actor: Actor,
                   confirm: Callable[[KeyInfo], bool]) -> installation.Installation:
    """Set this database up as post `origin` from its centre's seed (see the module docstring). `confirm` is
    asked with the centre's key (its fingerprint); False leaves the database as it was."""
    require_actor(actor)
    origin = (origin or "").strip().upper()
    centre = read_seed_sender(data)
    as_trusted = replace(centre, state="trusted")  # checked against its own signature; the person confirms below
    opened = bundle.open_bundle(data, keys=lambda key_id: as_trusted if key_id == centre.key_id else None,
                                me_origin=origin, me_installation_id=None, known_revisions=known_revisions())
    if opened.manifest.get("kind") != SEED_KIND or opened.refdata is None:
        raise SeedError("This is a change bundle, not a seed: ask the centre for 'sitcentre install seed'.")
    if not confirm(centre):
        raise SeedError("The centre's key was not confirmed: nothing was changed.")
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        row = InstallationRepository(s).current()
        if row is not None and row.role == "post" and row.key_id:
            raise SeedError(f"This database is already the installation of post {row.origin_code}.")
        if s.scalar(_any_incident()) is not None:
            raise SeedError("This database already holds incidents: a post is set up from a seed on a new, "
                            "empty database.")
        before = installation.describe(s, row) if row is not None else None
        if row is None:
            row = InstallationRepository(s).add(origin, "post")
        row.origin_code, row.role = origin, "post"  # reference data is taken by a post only
        s.flush()
        try:
            counts = refdata.apply_snapshot(
                s, opened.refdata, sender_key_id=centre.key_id,
                apply_keys=lambda s_, k, sender: keys.apply_registry(s_, k, sender_key_id=sender, actor=actor))
        except EntryError as exc:
            raise SeedError(f"The reference data in this seed cannot be used: {exc}") from exc
        repo = KeyRepository(s)
        now = utcnow()
        repo.add_if_absent(centre.key_id, centre.public_key, centre.origin, centre.role, None, "pending", now)
        repo.decide(centre.key_id, "trusted", at=now, by=actor.username, origin=centre.origin, role=centre.role)
        audit.append(s, actor, AuditAction.TRUST_KEY, "key", centre.key_id, None,
                     {"origin": centre.origin, "role": centre.role, "source": "seed bundle"})
        try:
            done = installation.become(s, "post", origin, actor, before=before)
        except installation.InstallationError as exc:
            raise SeedError(f"{exc} (the seed is for {opened.manifest['to']['origin']}).") from exc
        uow.commit()
    log.info("set up as post %s from the seed of %s: %s", origin, centre.origin, counts)
    return done


def _any_incident():
    from sqlalchemy import select

    from sitcentre.db.tables import IncidentRow

    return select(IncidentRow.id).limit(1)


__all__ = ["BundleRejected", "SeedError", "init_from_seed", "read_seed_sender", "write_seed"]
