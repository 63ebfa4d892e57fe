"""The program the fault tests kill: it writes to a database and prints one line per acknowledged step.

    python tests/faults/child.py seed URL ROUNDS PER_ROUND
    python tests/faults/child.py writes URL SEED COUNT
    python tests/faults/child.py upgrade URL

It prints "ready" once imported and connected, then one "ack ..." line, flushed, just after each commit
returned: whatever the parent reads as acknowledged was committed before the line was written. An upgrade
also prints "step ..." as alembic starts each revision, so the parent can kill it inside one.
"""

from __future__ import annotations

import logging
import random
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.records import Incident, SeizureLine
from sitcentre.services.demo import seed_incidents
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import Settings
from tests.integration.helpers import SETTINGS

SEED_END = datetime(2026, 6, 30, tzinfo=UTC)
POST_IDS = (1, 2, 3, 4)  # reference data ids: posts and substances are seeded in a fixed order
SUBSTANCE_IDS = (1, 2, 3)


def say(line: str) -> None:
    print(line, flush=True)


def seed(engine, rounds: int, per_round: int) -> None:
    for n in range(1, rounds + 1):
        seed_incidents(engine, per_round, seed=n, end=SEED_END)
        say(f"ack seed {n * per_round}")


def new_incident(rng: random.Random) -> Incident:
    when = datetime(2026, 5, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(60 * 24 * 20))
    subs = sorted(rng.sample(SUBSTANCE_IDS, rng.choice((1, 2))))
    lines = tuple(SeizureLine(substance_id=s, quantity=rng.randrange(1, 5000) / 100, unit=Unit.KG) for s in subs)
    return Incident(post_id=rng.choice(POST_IDS), occurred_at=when, reported_at=when, lines=lines,
                    id=uuid.UUID(int=rng.getrandbits(128), version=4))


def writes(engine, seed_: int, count: int) -> None:
    """Record, correct and delete incidents through the service, as the workstation does."""
    rng, service, live = random.Random(seed_), IncidentService(engine, SETTINGS), {}
    for _ in range(count):
        roll = rng.random()
        if len(live) < 3 or roll < 0.6:
            saved = service.record(new_incident(rng), actor=Actor.system_actor("fault-test"))
            live[saved.id] = saved
            say(f"ack record {saved.id.hex} {len(saved.lines)} {saved.version}")
        elif roll < 0.85:
            old = live[rng.choice(sorted(live))]
            line = replace(old.lines[0], quantity=rng.randrange(1, 5000) / 100)
            saved = service.update(replace(old, lines=(line, *old.lines[1:])), actor=Actor.system_actor("fault-test"))
            live[saved.id] = saved
            say(f"ack update {saved.id.hex} {len(saved.lines)} {saved.version}")
        else:
            gone = live.pop(rng.choice(sorted(live)))
            say(f"try delete {gone.id.hex}")  # killed before its ack, the delete may or may not have committed
            service.delete(gone.id, actor=SYSTEM)
            say(f"ack delete {gone.id.hex}")


class _Steps(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Running upgrade"):
            say(f"step {message}")


def upgrade(engine) -> None:
    alembic_log = logging.getLogger("alembic.runtime.migration")
    alembic_log.setLevel(logging.INFO)
    alembic_log.addHandler(_Steps())
    migrate.upgrade(engine)
    say("ack upgraded")


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="sitcentre-fault-") as spare:
        data_dir = Path(argv[1].removeprefix("sqlite:///")).parent if argv[1].startswith("sqlite") else Path(spare)
        work(argv, data_dir)


def work(argv: list[str], data_dir: Path) -> None:
    mode, url = argv[0], argv[1]
    engine = make_engine(url, Settings(data_dir=data_dir))
    with engine.connect():
        pass
    say("ready")
    if mode == "seed":
        seed(engine, int(argv[2]), int(argv[3]))
    elif mode == "writes":
        writes(engine, int(argv[2]), int(argv[3]))
    elif mode == "upgrade":
        upgrade(engine)
    else:
        raise SystemExit(f"unknown mode {mode}")
    engine.dispose()
    say("done")


if __name__ == "__main__":
    main(sys.argv[1:])
