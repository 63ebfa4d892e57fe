"""Exchange benchmark: export a post's bundle, import it at a centre, import it again, and the same rows as plain
inserts, all in one run.

    python bench/exchange.py --records 100000 [--pg URL] [--keep]

Prints ONE JSON line:

  records               incidents in the bundle (one seizure line each)
  dialect               the centre's: "sqlite" or "postgresql" (the post is always an SQLite file)
  export_s              export_bundle at the post: sealing the records (their revisions and versions), the feed
                        entries, the signed zip written to disk
  import_s              import_bundle at a fresh centre (every check of the file, then one transaction)
  reimport_s            the same bundle again (answered "already imported")
  import_records_per_s  records / import_s
  plain_insert_s        the same incidents and lines (same ids, numbers, revisions) inserted into another fresh
                        centre by the driver's executemany, incidents then lines, one transaction, the same
                        triggers (totals, rollups, last report, change log): what the import's writing would
                        cost without the exchange
  import_ratio          import_s / plain_insert_s
  bundle_bytes          the bundle file's size

The post and the SQLite centres are files in a temporary folder (removed unless --keep). With --pg URL each
centre is a new database made on that server next to URL's (CREATE DATABASE, dropped at the end): URL must be
able to create databases. The post's rows are written straight to the driver (tests/exchange_flow.fill_post),
deterministic for --seed. Targets on SQLite: import_records_per_s >= 10,000, reimport_s <= import_s / 10,
import_ratio <= 3. The script reports; it does not fail when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from _common import emit, log  # first: it puts the project root on sys.path
from sqlalchemy.engine import make_url

from sitcentre.db.engine import is_sqlite
from sitcentre.services.demo import INCIDENT_COLS, LINE_COLS, _sqlite_value
from tests.exchange_flow import bulk_rows, export, fill_post, import_bytes, make_site, rows, trust

POST, CENTRE = "KZ-KOR", "C"
BATCH = 20_000  # fill_post's batch: the plain inserts regenerate the same rows batch by batch


def _pg_database(url: str, name: str, create: bool) -> str:
    import psycopg

    admin = make_url(url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.set(database=name).render_as_string(hide_password=False)


def _centre(folder: Path, pg: str | None, name: str, post) -> object:
    url = _pg_database(pg, name, create=True) if pg else None
    centre = make_site(folder / name, "centre", CENTRE, url=url)
    trust(centre, post, folder / "keys")
    return centre


def _post_columns(post) -> tuple[dict[str, tuple], dict[str, str]]:
    """incident id (32 hex) -> (number, rev, origin); line id -> rev: what the import writes besides the rows."""
    incidents = {str(r[0]).replace("-", ""): (r[1], r[2], r[3])
                 for r in rows(post.engine, "SELECT id, number, rev, origin FROM incidents")}
    lines = {str(r[0]).replace("-", ""): r[1] for r in rows(post.engine, "SELECT id, rev FROM seizure_lines")}
    return incidents, lines


def plain_insert(centre, records: int, seed: int, extra: tuple[dict, dict]) -> float:
    """Seconds to insert the post's incidents and lines with executemany in one transaction (untimed: the rows
    regenerated from the seed, as fill_post made them)."""
    incident_extra, line_extra = extra
    sqlite = is_sqlite(centre.engine)
    incident_rows, line_rows = [], []
    for first in range(0, records, BATCH):
        incidents, lines = bulk_rows(centre.engine, POST, min(BATCH, records - first), seed + first, first)
        for row in incidents:
            number, rev, origin = incident_extra[row[0].hex]
            incident_rows.append([*(_sqlite_value(v) for v in row), number, rev, origin] if sqlite
                                 else [*row, number, rev, origin])
        for row in lines:
            rev = line_extra[row[0].hex]
            line_rows.append([*(_sqlite_value(v) for v in row), rev] if sqlite else [*row, rev])
    mark = "?" if sqlite else "%s"
    insert_incidents = (f"INSERT INTO incidents ({', '.join(INCIDENT_COLS)}, number, rev, origin) "
                        f"VALUES ({', '.join([mark] * (len(INCIDENT_COLS) + 3))})")
    insert_lines = (f"INSERT INTO seizure_lines ({', '.join(LINE_COLS)}, rev) "
                    f"VALUES ({', '.join([mark] * (len(LINE_COLS) + 1))})")
    with centre.engine.connect() as conn:
        raw = conn.connection.driver_connection
        started = time.perf_counter()
        if sqlite:
            raw.execute("BEGIN IMMEDIATE")
            raw.executemany(insert_incidents, incident_rows)
            raw.executemany(insert_lines, line_rows)
            raw.execute("COMMIT")
        else:
            with raw.cursor() as cursor:
                cursor.executemany(insert_incidents, incident_rows)
                cursor.executemany(insert_lines, line_rows)
            raw.commit()
        took = time.perf_counter() - started
    got = rows(centre.engine, "SELECT count(*), count(rev) FROM incidents")[0]
    assert got == (records, records), got
    return took


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=100_000, help="incidents in the bundle (one line each)")
    p.add_argument("--pg", metavar="URL", help="the centres on this PostgreSQL server instead of SQLite files")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is logged)")
    args = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitcentre-bench-exchange-"))
    tag = uuid.uuid4().hex[:8]
    names = [f"bench_exchange_{tag}_import", f"bench_exchange_{tag}_plain"]
    try:
        log(f"post with {args.records} incidents in {folder}")
        post = make_site(folder / "post", "post", POST)
        fill_post(post.engine, POST, args.records, seed=args.seed, batch=BATCH)
        started = time.perf_counter()
        exported = export(post, CENTRE, folder / "bundles" / "bench.scb")
        export_s = time.perf_counter() - started
        data = exported.path.read_bytes()
        log(f"exported {exported.entries} entries in {export_s:.2f} s ({len(data) / 2**20:.1f} MB)")

        centre = _centre(folder, args.pg, names[0], post)
        started = time.perf_counter()
        summary = import_bytes(centre, data)
        import_s = time.perf_counter() - started
        assert summary.added == args.records and not summary.errors, summary
        log(f"imported in {import_s:.2f} s")
        started = time.perf_counter()
        again = import_bytes(centre, data)
        reimport_s = time.perf_counter() - started
        assert again.already, again
        dialect = centre.engine.dialect.name
        centre.dispose()

        plain = _centre(folder, args.pg, names[1], post)
        plain_s = plain_insert(plain, args.records, args.seed, _post_columns(post))
        log(f"plain inserts in {plain_s:.2f} s")
        plain.dispose()
        post.dispose()
        emit({"records": args.records, "dialect": dialect, "export_s": round(export_s, 3),
              "import_s": round(import_s, 3), "reimport_s": round(reimport_s, 4),
              "import_records_per_s": round(args.records / import_s), "plain_insert_s": round(plain_s, 3),
              "import_ratio": round(import_s / plain_s, 2), "bundle_bytes": len(data)})
    finally:
        if args.pg:
            for name in names:
                _pg_database(args.pg, name, create=False)
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
