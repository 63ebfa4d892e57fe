"""Review workflow and tamper-evident audit trail: verification columns, duplicate links, append-only audit_log.

incidents gains
  verified_at       when verified_by reviewed it (verified or rejected)
  rejection_reason  why it was rejected ('' otherwise)
  duplicate_of      the incident it repeats, set when a supervisor links a duplicate

How linked duplicates are counted once. The rollup triggers of 0002 copy incidents.status into the key
of daily_incidents and daily_seizures, and the charts, the daily brief and the counts read only the
statuses 'reported' and 'verified' from them (repositories.stats.COUNTED_STATUSES). Linking therefore
sets the duplicate's status to 'duplicate', a status nothing counts: the same triggers move its
incident and its seizure lines to rollup rows under that status, so the rollups stay equal to a fresh
aggregate and no trigger of 0002 needs rewriting. Unlinking sets it back to 'reported' (to be verified
again); its earlier status stays in the audit trail.

duplicate_of has no foreign key: SQLite cannot drop a column that carries one without rebuilding the
table, and rebuilding incidents (alembic batch "recreate") would drop 0002's triggers on it. For the same
reason the SQLite batch operations here run with recreate="never" (ALTER TABLE ADD/DROP COLUMN, SQLite
3.35+). The service layer checks that the linked incident exists.

audit_log: rows written before this revision get their hash chain computed here (sha256 over the
previous hash and the row's canonical JSON, services.audit.chain_hash), then triggers refuse every
UPDATE and DELETE on it (SQLite: RAISE(ABORT); PostgreSQL: a trigger function raising an exception, for
rows and for TRUNCATE). Indexes serve the audit view's filters and one record's history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
AUDIT_INDEXES = (
    ("ix_audit_log_entity", ["entity", "entity_id", "id"]),
    ("ix_audit_log_username", ["username", "id"]),
    ("ix_audit_log_action", ["action", "id"]),
    ("ix_audit_log_at", ["at"]),
)
REFUSAL = "audit_log is append-only: its rows cannot be changed or deleted"

_PG_FUNCTION = f"""
CREATE FUNCTION sitcentre_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{REFUSAL} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$"""


def upgrade() -> None:
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.add_column(sa.Column("verified_at", TS))
        batch.add_column(sa.Column("rejection_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("duplicate_of", sa.Uuid()))
    op.create_index("ix_incidents_duplicate_of", "incidents", ["duplicate_of"])
    for name, columns in AUDIT_INDEXES:
        op.create_index(name, "audit_log", columns)
    _backfill_chain()
    if op.get_bind().dialect.name == "sqlite":
        for event, code in (("UPDATE", "upd"), ("DELETE", "del")):
            op.execute(f"CREATE TRIGGER trg_audit_log_no_{code} BEFORE {event} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")
    else:
        op.execute(_PG_FUNCTION)
        op.execute("CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION sitcentre_audit_append_only()")
        op.execute("CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION sitcentre_audit_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_upd")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_del")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS sitcentre_audit_append_only()")
    for name, _ in reversed(AUDIT_INDEXES):
        op.drop_index(name, table_name="audit_log")
    op.drop_index("ix_incidents_duplicate_of", table_name="incidents")
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("duplicate_of")
        batch.drop_column("rejection_reason")
        batch.drop_column("verified_at")


def _backfill_chain() -> None:
    """Hash the rows written before this revision, in id order (before the triggers forbid the update)."""
    from sitcentre.db.types import UTCDateTime
    from sitcentre.services.audit import GENESIS, chain_hash

    log = sa.table(
        "audit_log", sa.column("id", sa.BigInteger()), sa.column("at", UTCDateTime()),
        sa.column("user_id", sa.Integer()), sa.column("username", sa.String()), sa.column("action", sa.String()),
        sa.column("entity", sa.String()), sa.column("entity_id", sa.String()),
        sa.column("before_json", sa.Text()), sa.column("after_json", sa.Text()),
        sa.column("prev_hash", sa.String()), sa.column("hash", sa.String()),
    )
    bind = op.get_bind()
    fields = ("at", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json")
    prev = GENESIS
    for row in bind.execute(sa.select(log).order_by(log.c.id)).mappings().all():
        digest = chain_hash(prev, **{f: row[f] for f in fields})
        bind.execute(log.update().where(log.c.id == row["id"]).values(prev_hash=prev, hash=digest))
        prev = digest
