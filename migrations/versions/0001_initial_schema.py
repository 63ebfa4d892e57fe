"""Initial schema: reference data, incidents and seizure lines, users, audit and change logs.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
NOW = sa.text("CURRENT_TIMESTAMP")
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("code", sa.String(2), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("crossing", sa.String(120), nullable=False),
        sa.Column("country_code", sa.String(2), sa.ForeignKey("countries.code"), nullable=False),
        sa.Column("counterpart_country_code", sa.String(2), sa.ForeignKey("countries.code"), nullable=False),
        sa.Column("border", sa.String(5), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="operational"),
        sa.Column("status_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("status_since", TS),
        sa.Column("staff_notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("equipment_notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("last_report_at", TS),
    )
    op.create_index("ix_posts_border", "posts", ["border"])
    op.create_table(
        "substances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("substance_group", sa.String(24), nullable=False),
        sa.Column("default_unit", sa.String(8), nullable=False),
        sa.Column("mass_per_tablet_mg", sa.Float()),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text()),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id")),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.text("false")),
        sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", TS),
        sa.Column("created_at", TS, nullable=False, server_default=NOW),
    )
    _create_incidents()
    op.create_table(
        "seizure_lines",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        # Deferred: a bulk load writes lines before their incident (services.demo).
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE", deferrable=True,
                                initially="DEFERRED"),
        sa.Column("substance_id", sa.Integer(), sa.ForeignKey("substances.id"), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False, server_default="estimated"),
        sa.Column("kg_equivalent", sa.Float(), nullable=False),
        sa.Column("conversion", sa.Text(), nullable=False, server_default=""),
        sa.Column("local_date", sa.Date()),
        sa.Column("post_id", sa.Integer()),
        sa.Column("status", sa.String(12)),
    )
    op.create_index("ix_seizure_lines_incident_id", "seizure_lines", ["incident_id"])
    op.create_index("ix_seizure_lines_substance_date", "seizure_lines", ["substance_id", "local_date"])
    op.create_table(
        "audit_log",
        sa.Column("id", BIGID, primary_key=True),
        sa.Column("at", TS, nullable=False, server_default=NOW),
        sa.Column("user_id", sa.Integer()),
        sa.Column("username", sa.String(64), nullable=False, server_default=""),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False, server_default=""),
        sa.Column("entity_id", sa.String(64), nullable=False, server_default=""),
        sa.Column("before_json", sa.Text()),
        sa.Column("after_json", sa.Text()),
        sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("hash", sa.String(64), nullable=False, server_default=""),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "change_log",
        sa.Column("seq", BIGID, primary_key=True),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("op", sa.String(1), nullable=False),
        sa.Column("at", TS, nullable=False, server_default=NOW),
        sqlite_autoincrement=True,
    )


def _create_incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("occurred_at", TS, nullable=False),
        sa.Column("reported_at", TS, nullable=False),
        sa.Column("local_date", sa.Date()),
        sa.Column("incident_type", sa.String(24), nullable=False),
        sa.Column("direction", sa.String(12), nullable=False),
        sa.Column("transport_mode", sa.String(12), nullable=False),
        sa.Column("concealment", sa.Text(), nullable=False, server_default=""),
        sa.Column("route_departure", sa.String(2)),
        sa.Column("route_transit", sa.String(64), nullable=False, server_default=""),
        sa.Column("route_destination", sa.String(2)),
        sa.Column("persons_detained", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("detainee_nationalities", sa.String(64), nullable=False, server_default=""),
        sa.Column("joint_operation", sa.Text(), nullable=False, server_default=""),
        sa.Column("narrative", sa.Text(), nullable=False, server_default=""),
        sa.Column("status", sa.String(12), nullable=False, server_default="reported"),
        sa.Column("recorded_by", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("verified_by", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("total_kg", sa.Float(), nullable=False, server_default="0"),
        sa.Column("substance_sort", sa.String(80), nullable=False, server_default=""),
        sa.Column("substances", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False, server_default=NOW),
        sa.Column("updated_at", TS, nullable=False, server_default=NOW),
    )
    for name, cols in [
        ("ix_incidents_occurred", ["occurred_at", "id"]),
        ("ix_incidents_post_occurred", ["post_id", "occurred_at", "id"]),
        ("ix_incidents_substance_sort", ["substance_sort", "occurred_at", "id"]),
        ("ix_incidents_total_kg", ["total_kg", "id"]),
        ("ix_incidents_status_occurred", ["status", "occurred_at", "id"]),
        ("ix_incidents_type_occurred", ["incident_type", "occurred_at", "id"]),
        ("ix_incidents_transport_occurred", ["transport_mode", "occurred_at", "id"]),
        ("ix_incidents_persons_occurred", ["persons_detained", "occurred_at", "id"]),
        ("ix_incidents_local_date", ["local_date"]),
    ]:
        op.create_index(name, "incidents", cols)


def downgrade() -> None:
    for table in ("change_log", "audit_log", "seizure_lines", "incidents", "users", "substances", "posts",
                  "countries"):
        op.drop_table(table)
