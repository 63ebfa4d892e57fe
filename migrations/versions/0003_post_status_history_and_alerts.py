"""Post status history and counterpart alerts; alerts are logged to change_log like the other watched tables.

The change_log triggers follow 0002 exactly: on SQLite one trigger per operation, on PostgreSQL the shared
sitcentre_log_change() function (which also sends the NOTIFY). The status history needs no trigger of its
own: it is written in the same transaction as the update of `posts`, which is logged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
LOGGED = ("alerts",)
_OPS = (("INSERT", "I", "NEW"), ("UPDATE", "U", "NEW"), ("DELETE", "D", "OLD"))


def upgrade() -> None:
    op.create_table(
        "post_status_history",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.Column("old_status", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("changed_by", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_post_status_history_post", "post_status_history", ["post_id", "changed_at"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("from_post_id", sa.Integer(), sa.ForeignKey("posts.id")),
        sa.Column("to_post_id", sa.Integer(), sa.ForeignKey("posts.id")),
        sa.Column("sent_at", TS, nullable=False),
        sa.Column("sent_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("priority", sa.String(8), nullable=False, server_default="normal"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Uuid()),
        sa.Column("acknowledged_at", TS),
        sa.Column("acknowledged_by", sa.String(64)),
    )
    op.create_index("ix_alerts_to_post_ack", "alerts", ["to_post_id", "acknowledged_at"])
    op.create_index("ix_alerts_from_post_sent", "alerts", ["from_post_id", "sent_at"])
    op.create_index("ix_alerts_sent", "alerts", ["sent_at"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in LOGGED:
        for statement in (_sqlite_log_triggers(table) if sqlite else [_pg_log_trigger(table)]):
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in LOGGED:
        if sqlite:
            for _, code, _ in _OPS:
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_log_{code.lower()}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_log ON {table}")
    op.drop_index("ix_alerts_sent", table_name="alerts")
    op.drop_index("ix_alerts_from_post_sent", table_name="alerts")
    op.drop_index("ix_alerts_to_post_ack", table_name="alerts")
    op.drop_table("alerts")
    op.drop_index("ix_post_status_history_post", table_name="post_status_history")
    op.drop_table("post_status_history")


def _sqlite_log_triggers(table: str) -> list[str]:
    return [f"""
            CREATE TRIGGER trg_{table}_log_{code.lower()} AFTER {op_name} ON {table} BEGIN
              INSERT INTO change_log(table_name, row_id, op) VALUES ('{table}', {row}.id, '{code}');
            END""" for op_name, code, row in _OPS]


def _pg_log_trigger(table: str) -> str:
    return (f"CREATE TRIGGER trg_{table}_log AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sitcentre_log_change()")
