"""Readable incident numbers, the installation's identity, a seizure line's own mass per tablet (issue 10,
items 5 and 11).

installation   one row: a UUID made here, the origin code written into the numbers this database allocates,
               the role ('post' or 'centre') and when it was made. A new database is a centre with origin "C"
               ($SITCENTRE_ORIGIN names another); `sitcentre install init` changes it (services.installation).
posts.number_prefix      the first part of the post's numbers: KOR for KZ-KOR (the part after the country;
               the whole code without its dash if two posts would share one). Unique.
incidents.number         PREFIX-YYYY-NNNN when the installation is the post itself (origin code == the post's
               code), PREFIX-ORIGIN-YYYY-NNNN otherwise: KOR-2026-0412 entered at Kordai, KOR-C-2026-0087
               entered at the centre for Kordai. The counter grows past 9999 (KOR-2026-10000). Unique; NULL
               is allowed for rows other programs insert (no trigger numbers them: a trigger cannot know which
               installation allocates, and the screens show a short id instead).
incident_counters        (origin, post, year) -> the last number allocated, incremented in the transaction
               that inserts the incident (services.numbering).
seizure_lines.mass_per_tablet_mg   the line's own mass per tablet when a laboratory knows it (NULL: the
               substance's default).

Existing incidents are numbered here, on both dialects alike: per post and year in order of occurrence
(occurred_at, then id), the year being the post-local day of occurrence (local_date; new numbers take the
post-local year in which they are allocated), under this installation's origin; the counters are set to
the highest number given. SQLite columns are added with ALTER TABLE (no table rebuild: the triggers on
incidents, posts and seizure_lines stay as they are).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
DEFAULT_ORIGIN = "C"
_CENTRE_ORIGIN = re.compile(r"[A-Z][A-Z0-9]{0,7}")


def upgrade() -> None:
    op.create_table(
        "installation",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("origin_code", sa.String(16), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("created_at", TS, nullable=False, server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.CheckConstraint("role IN ('post', 'centre')", name="ck_installation_role"),
    )
    op.create_table(
        "incident_counters",
        sa.Column("origin", sa.String(16), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    with op.batch_alter_table("posts", recreate="never") as batch:
        batch.add_column(sa.Column("number_prefix", sa.String(12)))
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.add_column(sa.Column("number", sa.String(40)))
    with op.batch_alter_table("seizure_lines", recreate="never") as batch:
        batch.add_column(sa.Column("mass_per_tablet_mg", sa.Float()))
    _fill_prefixes()
    op.create_index("ux_posts_number_prefix", "posts", ["number_prefix"], unique=True)
    origin = _make_installation()
    _number_existing(origin)
    op.create_index("ux_incidents_number", "incidents", ["number"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_incidents_number", table_name="incidents")
    op.drop_index("ux_posts_number_prefix", table_name="posts")
    with op.batch_alter_table("seizure_lines", recreate="never") as batch:
        batch.drop_column("mass_per_tablet_mg")
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("number")
    with op.batch_alter_table("posts", recreate="never") as batch:
        batch.drop_column("number_prefix")
    op.drop_table("incident_counters")
    op.drop_table("installation")


def _fill_prefixes() -> None:
    """KOR for KZ-KOR; the code without its dash when that part is taken; then with the post's id."""
    bind = op.get_bind()
    taken: set[str] = set()
    for post_id, code in bind.execute(sa.text("SELECT id, code FROM posts ORDER BY id")).all():
        for candidate in (code.split("-", 1)[-1], code.replace("-", ""), f"{code.replace('-', '')}{post_id}"):
            candidate = candidate.upper()[:12]
            if candidate and candidate not in taken:
                break
        taken.add(candidate)
        bind.execute(sa.text("UPDATE posts SET number_prefix = :p WHERE id = :i"), {"p": candidate, "i": post_id})


def _make_installation() -> str:
    """The one installation row: a centre, origin "C" unless $SITCENTRE_ORIGIN names a valid other one."""
    bind = op.get_bind()
    from sitcentre.settings import load_settings  # settings.installation_origin: $SITCENTRE_ORIGIN or "C"

    origin = (load_settings().installation_origin or DEFAULT_ORIGIN).strip().upper()
    prefixes = {p for (p,) in bind.execute(sa.text("SELECT number_prefix FROM posts")).all()}
    if not _CENTRE_ORIGIN.fullmatch(origin) or origin in prefixes:
        origin = DEFAULT_ORIGIN
    table = sa.table("installation", sa.column("id", sa.Uuid()), sa.column("origin_code", sa.String()),
                     sa.column("role", sa.String()))
    bind.execute(table.insert().values(id=uuid.uuid4(), origin_code=origin, role="centre"))
    return origin


def _number_existing(origin: str) -> None:
    """Existing incidents by post, year of occurrence (post-local) and time: PREFIX-ORIGIN-YYYY-NNNN."""
    pg = op.get_bind().dialect.name == "postgresql"
    year = ("CAST(extract(year FROM coalesce(i.local_date, CAST(i.occurred_at AT TIME ZONE 'UTC' AS date))) "
            "AS integer)") if pg else "CAST(substr(coalesce(i.local_date, i.occurred_at), 1, 4) AS INTEGER)"
    counter = ("CASE WHEN w.rn < 10000 THEN lpad(CAST(w.rn AS text), 4, '0') ELSE CAST(w.rn AS text) END"
               if pg else "printf('%04d', w.rn)")
    numbered = (f"SELECT i.id, i.post_id, {year} AS yr, row_number() OVER (PARTITION BY i.post_id, {year} "
                "ORDER BY i.occurred_at, i.id) AS rn FROM incidents i")
    origin_part = "CASE WHEN p.code = :origin THEN '' ELSE '-' || :origin END"
    # UPDATE ... FROM (PostgreSQL, SQLite 3.33+): the numbering is computed once, not once per row.
    op.get_bind().execute(sa.text(
        f"UPDATE incidents SET number = n.number FROM (SELECT w.id, p.number_prefix || {origin_part} || '-' "
        f"|| CAST(w.yr AS text) || '-' || {counter} AS number FROM ({numbered}) w JOIN posts p ON p.id = w.post_id"
        ") n WHERE n.id = incidents.id AND incidents.number IS NULL"), {"origin": origin})
    op.get_bind().execute(sa.text(
        f"INSERT INTO incident_counters(origin, post_id, year, last) "
        f"SELECT :origin, i.post_id, {year}, count(*) FROM incidents i GROUP BY i.post_id, {year}"),
        {"origin": origin})
