"""The program the import fault tests kill or race: it imports one bundle file into a database.

    python tests/faults/import_child.py URL BUNDLE [--wait]

It prints "ready" once the bundle is read and the database connected; with --wait it then waits for one line on
stdin (so that two of them start importing at once); then imports and prints "summary <json>" and "done".
An error is printed as "error <type>: <words>" with exit code 1 (the parent checks that nothing was shown).
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import asdict, is_dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sitcentre.db.engine import make_engine
from sitcentre.domain.permissions import Actor
from sitcentre.services.exchange_import import import_bundle
from sitcentre.settings import Settings


def say(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str]) -> int:
    url, bundle, wait = argv[0], Path(argv[1]), "--wait" in argv[2:]
    data = bundle.read_bytes()
    with tempfile.TemporaryDirectory(prefix="sitcentre-import-") as spare:
        folder = Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite") else Path(spare)
        engine = make_engine(url, Settings(data_dir=folder))
        with engine.connect():
            pass
        say("ready")
        if wait:
            sys.stdin.readline()
        try:
            summary = import_bundle(engine, Settings(data_dir=folder), data, actor=Actor.system_actor("fault-test"),
                                    file_name=bundle.name)
        except Exception as exc:  # the parent reports it: a race must never surface as an error
            say(f"error {type(exc).__name__}: {exc}")
            return 1
        finally:
            engine.dispose()
        fields = asdict(summary) if is_dataclass(summary) else dict(vars(summary))
        say("summary " + json.dumps(fields, default=str))
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
