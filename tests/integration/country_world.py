"""Two countries' installations for the tests between centres (issue 13, item 6): a national centre with its posts,
another country's centre (or the regional centre) with its own, linked as peers under a sharing policy. Built on
tests/integration/exchange_world (the real installer, exporter and importer; nothing mocked).

    kzc, (kor,) = make_country(tmp, "KZC", ["KZ-KOR"], url=db_url)
    kgc, (dos,) = make_country(tmp, "KGC", ["KG-DOS"])
    link_peers(kzc, kgc)                        # keys trusted both ways, each the other's peer (regional-default)
    relay(kor, kzc)                             # export at KZ-KOR for KZC, import at KZC
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, Actor
from tests.integration.exchange_world import World, export, import_, make_centre, make_post, trust_both


def make_country(tmp: Path, centre: str, posts: list[str], url: str | None = None) -> tuple[World, list[World]]:
    """A centre (SQLite, or `url`) and its posts (SQLite files), keys trusted both ways."""
    hub = make_centre(tmp, centre, url)
    members = [make_post(tmp, code) for code in posts]
    for post in members:
        trust_both(post, hub)
    return hub, members


def link_peers(a: World, b: World, policy: str | None = None) -> None:
    """Two centres trust each other's keys and each sets the other as its peer (`install peer`)."""
    from sitcentre.services import peers

    trust_both(a, b)
    peers.set_peer(a.engine, b.origin, policy, actor=SYSTEM)
    peers.set_peer(b.engine, a.origin, policy, actor=SYSTEM)


def relay(source: World, target: World):
    """`source` exports its bundle for `target`, which imports it; the import summary."""
    return import_(target, export(source, target.origin))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def manifest_of(data: bytes) -> dict:
    import base64

    envelope = json.loads(members(data)["envelope.json"])
    return json.loads(base64.b64decode(envelope["payload"]))


def entries_of(data: bytes) -> list[dict]:
    return [json.loads(line) for line in members(data)["entries.jsonl"].splitlines() if line.strip()]


def supervisor(world: World, username: str = "supervisor1") -> Actor:
    """A supervisor account at `world` (made through the users service), as the signed-in Actor."""
    from sitcentre.services.users import UserService

    service = UserService(world.engine, world.settings)
    info = service.add(username, Role.SUPERVISOR, None, actor=SYSTEM)
    return Actor(id=info.id, username=username, role=Role.SUPERVISOR)


def verify(world: World, incident_id, actor: Actor | None = None) -> None:
    from sitcentre.services.verification import VerificationService

    VerificationService(world.engine, world.settings).verify(incident_id, actor=actor or SYSTEM)


def reopen(world: World, incident_id, actor: Actor | None = None) -> None:
    from sitcentre.services.verification import VerificationService

    VerificationService(world.engine, world.settings).reopen(incident_id, actor=actor or SYSTEM)
