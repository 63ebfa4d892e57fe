"""Readable incident numbers, made where the incident is recorded and unique without a network.

A number is PREFIX-YYYY-NNNN when the installation that allocates it is the post itself (its origin code is
the post's code: KOR-2026-0412 entered at Kordai), PREFIX-ORIGIN-YYYY-NNNN otherwise (KOR-C-2026-0087 entered
at the centre for Kordai from a phone call). A post installation allocating for another post writes its own
prefix as the origin (KAR-KOR-2026-0003). So a post and the centre numbering the same post while apart never
collide, and their records meet in one database without a unique violation, as long as every installation
has its own origin code (services.installation checks it against the posts).

YYYY is the post-local year in which the number is allocated (stable: editing the incident's time never
changes its number). NNNN counts per (origin, post, year) from 0001 and simply grows past 9999 (10000).
The counter row is incremented by INSERT ... ON CONFLICT DO UPDATE ... RETURNING in the transaction that
inserts the incident: on PostgreSQL a second workstation waits on the row lock until the first commits and
then takes the next value, so numbers are distinct and, for committed incidents, without gaps.
"""

from __future__ import annotations

from sqlalchemy import exists, func, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentCounterRow as C
from sitcentre.db.tables import IncidentRow, InstallationRow, PostRow
from sitcentre.domain.records import local_date, utcnow
from sitcentre.services.reference_data import number_prefix

DEFAULT_ORIGIN = "C"  # a situation centre (migration 0006, settings.installation_origin)


def post_prefix(post: PostRow) -> str:
    """The post's number prefix; a post inserted by another program without one uses its whole code."""
    return post.number_prefix or post.code


def format_number(prefix: str, origin_tag: str, year: int, counter: int) -> str:
    middle = f"-{origin_tag}" if origin_tag else ""
    return f"{prefix}{middle}-{year}-{counter:04d}"


def origin_tag(session: Session, origin: str, post: PostRow) -> str:
    """'' when the post numbers its own incidents; else the origin, a post installation by its prefix."""
    if origin == post.code:
        return ""
    own = session.scalars(select(PostRow).where(PostRow.code == origin)).first()
    return post_prefix(own) if own is not None else origin


def current_origin(session: Session) -> str:
    row = session.scalars(select(InstallationRow).order_by(InstallationRow.created_at, InstallationRow.id)).first()
    return row.origin_code if row is not None else DEFAULT_ORIGIN


def allocate_number(session: Session, post_id: int) -> str:
    """The next number for an incident of the post, in the caller's transaction (see the module docstring)."""
    post = session.get(PostRow, post_id)
    origin = current_origin(session)
    year = local_date(utcnow(), post.utc_offset_minutes).year
    prefix, tag = post_prefix(post), origin_tag(session, origin, post)
    while True:
        number = format_number(prefix, tag, year, _next(session, origin, post_id, year))
        # A number already stored (a database restored under another origin, an import): skip it, never fail.
        if not session.scalar(select(exists().where(IncidentRow.number == number))):
            return number


def _next(session: Session, origin: str, post_id: int, year: int) -> int:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(C).values(origin=origin, post_id=post_id, year=year, last=1)
    statement = statement.on_conflict_do_update(index_elements=[C.origin, C.post_id, C.year],
                                                set_={"last": C.last + 1}).returning(C.last)
    return int(session.execute(statement).scalar_one())


RESTORE_GAP = 1000  # after a restore, this origin's numbers go on from the next thousand


def skip_ahead_after_restore(session: Session, origin: str) -> dict[tuple[int, int], int]:
    """After a restore from a backup the counters are as old as the backup: numbers given since would be given
    again (KOR-2026-0003 twice), and the centre already holds them. Move every counter of this origin, and the
    current year's of each post it numbers, on to the next multiple of RESTORE_GAP; the numbers skipped stay
    unused. Returns {(post_id, year): new last}. (Numbers this database later receives back from the centre
    are skipped by allocate_number as well.)"""
    posts = [p for (p,) in session.execute(select(C.post_id).where(C.origin == origin).distinct())]
    for post_id in posts:
        post = session.get(PostRow, post_id)
        year = local_date(utcnow(), post.utc_offset_minutes).year if post is not None else utcnow().year
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(C).values(origin=origin, post_id=post_id, year=year, last=0)
                        .on_conflict_do_nothing(index_elements=[C.origin, C.post_id, C.year]))
    session.execute(update(C).where(C.origin == origin)
                    .values(last=C.last - C.last % RESTORE_GAP + RESTORE_GAP))  # integer on both databases
    return {(r.post_id, r.year): r.last for r in session.scalars(select(C).where(C.origin == origin))}


def numbered_by(session: Session, origin: str) -> int:
    """How many numbers the origin has allocated in this database."""
    return int(session.scalar(select(func.coalesce(func.sum(C.last), 0)).where(C.origin == origin)))


def fill_number_prefixes(session: Session) -> None:
    """Give posts without a number prefix one (reference data seeding). A database at a revision before 0006
    (tests build old ones) has no such column: nothing to fill, migration 0006 does it."""
    session.flush()
    if "number_prefix" not in {c["name"] for c in inspect(session.connection()).get_columns("posts")}:
        return
    taken = set(session.scalars(select(PostRow.number_prefix).where(PostRow.number_prefix.is_not(None))))
    for post_id, code in session.execute(select(PostRow.id, PostRow.code).where(PostRow.number_prefix.is_(None))
                                         .order_by(PostRow.id)).all():
        prefix = next(p for p in (number_prefix(code), code.replace("-", "").upper(), f"{code}{post_id}")
                      if p not in taken)
        taken.add(prefix)
        session.execute(update(PostRow).where(PostRow.id == post_id).values(number_prefix=prefix))


def number_unnumbered(session: Session) -> int:
    """Number the incidents that have none (a bulk demo load, rows other programs inserted), as migration 0006
    numbered the old ones: per post and post-local year of occurrence, in order of occurrence, after what the
    counters already hold, under this installation's origin. Returns how many were numbered (0 on a database
    before revision 0006, which has no numbers: its upgrade numbers them)."""
    if "number" not in {c["name"] for c in inspect(session.connection()).get_columns("incidents")}:
        return 0
    origin = current_origin(session)
    own = session.scalars(select(PostRow).where(PostRow.code == origin)).first()
    tag = post_prefix(own) if own is not None else origin
    pg = session.get_bind().dialect.name == "postgresql"
    year = ("CAST(extract(year FROM coalesce(i.local_date, CAST(i.occurred_at AT TIME ZONE 'UTC' AS date))) "
            "AS integer)") if pg else "CAST(substr(coalesce(i.local_date, i.occurred_at), 1, 4) AS INTEGER)"
    counts = session.execute(text(f"SELECT i.post_id, {year} AS yr, count(*) FROM incidents i "
                                  "WHERE i.number IS NULL GROUP BY i.post_id, yr")).all()
    if not counts:
        return 0
    value = "w.rn + coalesce(c.last, 0)"
    counter = (f"CASE WHEN {value} < 10000 THEN lpad(CAST({value} AS text), 4, '0') ELSE CAST({value} AS text) END"
               if pg else f"printf('%04d', {value})")
    numbered = (f"SELECT i.id, i.post_id, {year} AS yr, row_number() OVER (PARTITION BY i.post_id, {year} "
                "ORDER BY i.occurred_at, i.id) AS rn FROM incidents i WHERE i.number IS NULL")
    session.execute(text(
        "UPDATE incidents SET number = n.number FROM (SELECT w.id, coalesce(p.number_prefix, p.code) "
        "|| CASE WHEN p.code = :origin THEN '' ELSE '-' || :tag END || '-' || CAST(w.yr AS text) || '-' || "
        f"{counter} AS number FROM ({numbered}) w JOIN posts p ON p.id = w.post_id LEFT JOIN incident_counters c "
        "ON c.origin = :origin AND c.post_id = w.post_id AND c.year = w.yr) n WHERE n.id = incidents.id"),
        {"origin": origin, "tag": tag})
    dialect = postgresql if pg else sqlite
    for post_id, yr, count in counts:
        statement = dialect.insert(C).values(origin=origin, post_id=post_id, year=yr, last=count)
        session.execute(statement.on_conflict_do_update(index_elements=[C.origin, C.post_id, C.year],
                                                        set_={"last": C.last + count}))
    return sum(count for _, _, count in counts)
