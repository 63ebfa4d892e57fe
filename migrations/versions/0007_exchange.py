"""The exchange between installations (issue 12): keys, record revisions, feeds, bundles, conflicts.

installation     + epoch (a UUID; a new one after a restore from backup, so sequence numbers are never reused
                 with other content), when it began, the Ed25519 key pair made at set-up (the private key is
                 kept here and never written into a bundle), its key_id, and the reference-data version last
                 sent (centre) or received (post).
trusted_keys     the keys of other installations: pending (seen, not yet confirmed), trusted, revoked.
incidents / seizure_lines  + rev (a revision id unique across installations, "N-<32 hex>"), parent_rev (the
                 revision it was edited from), merge_rev (the second parent of a merge or a resolution; incidents),
                 origin (the installation that created the incident). The versioned record is the incident
                 with its lines; a line's rev is the incident revision in which the line last changed.
                 Triggers make raw SQL writers safe: a change to an incident's content, or to one of its lines,
                 made without naming a new rev, moves rev to parent_rev and leaves rev NULL ("unsealed");
                 sitcentre.repositories.revisions seals it (computes the rev, keeps the version) at the next
                 commit of the app or at the next export. A delete leaves a pending_deletes row, sealed as a
                 tombstone version. Existing rows get a legacy revision 'L-<id>' with no stored version: their
                 first sealed version is a root (they were never exchanged).
record_versions  every version of every incident known here, local and received, losing heads included.
pending_deletes  incidents deleted here and not yet sealed into a tombstone version.
feed_entries     the feeds: this installation's own (one per audience: '*' at a post, the post's code at a
                 centre, because a centre sends each post only that post's slice) and the ones received, each
                 entry the exact JSON line whose SHA-256 is its hash; the line holds the previous entry's hash.
feed_cursors     per (origin, epoch, audience): how far a received feed is contiguous ('received'), how far a
                 peer has confirmed ours ('acked'), how far we last sent ('sent').
bundles_received every bundle applied here (its id is the SHA-256 of its signed manifest), with its summary.
conflicts        open, dismissed and resolved conflicts and parallel-edit flags.
audit_remote     other installations' audit entries, verbatim, chained per origin and epoch.
substance_aliases  old or other codes that still name a substance (renamed codes keep resolving).
change_log       + txid (PostgreSQL only): the writing transaction's id, for reading below the xmin watermark.
alerts / post_status_history  + origin: NULL when made here, else the installation it came from; alerts also
                 ack_origin (NULL when acknowledged here).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
NOW = sa.text("CURRENT_TIMESTAMP")
BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# What an incident "says": a change to one of these, not naming a new rev, makes a new version. Derived columns
# (local_date, totals, substance names, version, timestamps) and the rev columns themselves are not content.
INCIDENT_CONTENT = ("post_id", "occurred_at", "reported_at", "incident_type", "direction", "transport_mode",
                    "concealment", "route_departure", "route_transit", "route_destination", "persons_detained",
                    "detainee_nationalities", "joint_operation", "narrative", "status", "recorded_by",
                    "verified_by", "verified_at", "rejection_reason", "duplicate_of", "number")
LINE_CONTENT = ("incident_id", "substance_id", "quantity", "unit", "basis", "mass_per_tablet_mg")

SQLITE_TRIGGERS = ("trg_incidents_rev_upd", "trg_incidents_rev_del", "trg_lines_rev_ins", "trg_lines_rev_upd",
                   "trg_lines_rev_del")
_UNSEAL_SQLITE = ("UPDATE incidents SET parent_rev = rev, rev = NULL, merge_rev = NULL "
                  "WHERE id = {id} AND rev IS NOT NULL;")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("installation", recreate="never") as batch:
        batch.add_column(sa.Column("epoch", sa.Uuid()))
        batch.add_column(sa.Column("epoch_started_at", TS))
        batch.add_column(sa.Column("private_key", sa.Text()))
        batch.add_column(sa.Column("public_key", sa.Text()))
        batch.add_column(sa.Column("key_id", sa.String(16)))
        batch.add_column(sa.Column("refdata_version", sa.String(64)))
        batch.add_column(sa.Column("refdata_at", TS))
    for table in ("incidents", "seizure_lines"):
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("rev", sa.String(48)))
            batch.add_column(sa.Column("parent_rev", sa.String(48)))
            if table == "incidents":
                batch.add_column(sa.Column("merge_rev", sa.String(48)))
                batch.add_column(sa.Column("origin", sa.String(16)))
    with op.batch_alter_table("alerts", recreate="never") as batch:
        batch.add_column(sa.Column("origin", sa.String(16)))
        batch.add_column(sa.Column("ack_origin", sa.String(16)))
    with op.batch_alter_table("post_status_history", recreate="never") as batch:
        batch.add_column(sa.Column("origin", sa.String(16)))

    op.create_table(
        "trusted_keys",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("origin_code", sa.String(16), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("installation_id", sa.Uuid()),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("first_seen_at", TS, nullable=False, server_default=NOW),
        sa.Column("decided_at", TS),
        sa.Column("decided_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.CheckConstraint("state IN ('pending', 'trusted', 'revoked')", name="ck_trusted_keys_state"),
        sa.CheckConstraint("role IN ('post', 'centre')", name="ck_trusted_keys_role"),
    )
    op.create_table(
        "record_versions",
        sa.Column("id", BIG, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(24), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("rev", sa.String(48), nullable=False),
        sa.Column("parent_rev", sa.String(48)),
        sa.Column("merge_rev", sa.String(48)),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("author", sa.String(64), nullable=False, server_default=""),
        sa.Column("device_time", TS, nullable=False),
        sa.Column("received_at", TS),
        sa.Column("content_json", sa.Text()),
        sa.Column("changed_json", sa.Text()),
        sa.CheckConstraint("op IN ('upsert', 'delete')", name="ck_record_versions_op"),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_record_versions_row_rev", "record_versions", ["row_id", "rev"], unique=True)
    op.create_index("ix_record_versions_origin", "record_versions", ["origin", "id"])
    op.create_table(
        "pending_deletes",
        sa.Column("row_id", sa.Uuid(), primary_key=True),
        sa.Column("table_name", sa.String(24), nullable=False),
        sa.Column("last_rev", sa.String(48)),
        sa.Column("deleted_at", TS, nullable=False, server_default=NOW),
    )
    op.create_table(
        "feed_entries",
        sa.Column("origin", sa.String(16), primary_key=True),
        sa.Column("epoch", sa.String(36), primary_key=True),
        sa.Column("audience", sa.String(16), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("rev", sa.String(48), nullable=False, server_default=""),
        sa.Column("state", sa.String(8), nullable=False, server_default="applied"),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("bundle_id", sa.String(64)),
        sa.Column("created_at", TS, nullable=False, server_default=NOW),
        sa.CheckConstraint("state IN ('own', 'applied', 'held', 'error')", name="ck_feed_entries_state"),
    )
    op.create_index("ix_feed_entries_row", "feed_entries", ["row_id", "kind", "origin", "audience"])
    op.create_index("ix_feed_entries_state", "feed_entries", ["state", "origin"])
    op.create_table(
        "feed_cursors",
        sa.Column("origin", sa.String(16), primary_key=True),
        sa.Column("epoch", sa.String(36), primary_key=True),
        sa.Column("audience", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("at", TS, nullable=False, server_default=NOW),
        sa.CheckConstraint("kind IN ('received', 'acked', 'sent')", name="ck_feed_cursors_kind"),
    )
    op.create_table(
        "bundles_received",
        sa.Column("bundle_id", sa.String(64), primary_key=True),
        sa.Column("sender", sa.String(16), nullable=False),
        sa.Column("epoch", sa.String(36), nullable=False),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("from_seq", sa.BigInteger(), nullable=False),
        sa.Column("to_seq", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False, server_default=""),
        sa.Column("received_at", TS, nullable=False, server_default=NOW),
        sa.Column("imported_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("summary_json", sa.Text(), nullable=False, server_default="{}"),
    )
    op.create_index("ix_bundles_received_sender", "bundles_received", ["sender", "received_at"])
    op.create_table(
        "conflicts",
        sa.Column("id", BIG, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(24), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("base_rev", sa.String(48)),
        sa.Column("heads_json", sa.Text(), nullable=False),
        sa.Column("fields_json", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("origin", sa.String(16), nullable=False, server_default=""),
        sa.Column("bundle_id", sa.String(64)),
        sa.Column("status", sa.String(10), nullable=False, server_default="open"),
        sa.Column("detected_at", TS, nullable=False, server_default=NOW),
        sa.Column("resolved_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("resolved_at", TS),
        sa.Column("resolution_rev", sa.String(48)),
        sa.CheckConstraint("kind IN ('parallel', 'conflict', 'delete_edit', 'duplicate_create', 'missing_base')",
                           name="ck_conflicts_kind"),
        sa.CheckConstraint("status IN ('open', 'dismissed', 'resolved')", name="ck_conflicts_status"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_conflicts_row", "conflicts", ["row_id", "status"])
    op.create_index("ix_conflicts_status", "conflicts", ["status", "id"])
    op.create_table(
        "audit_remote",
        sa.Column("origin", sa.String(16), primary_key=True),
        sa.Column("epoch", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("bundle_id", sa.String(64)),
        sa.Column("received_at", TS, nullable=False, server_default=NOW),
    )
    op.create_table(
        "substance_aliases",
        sa.Column("alias", sa.String(32), primary_key=True),
        sa.Column("substance_code", sa.String(32), nullable=False),
    )

    if dialect == "postgresql":
        # The transaction that wrote each change_log row: readers take rows below the snapshot's xmin (every
        # transaction older than it has ended), so a row committed late under a lower seq is never skipped.
        op.execute("ALTER TABLE change_log ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()")
        op.execute("CREATE INDEX ix_change_log_txid ON change_log (txid)")
    _legacy_revisions(dialect)
    op.create_index("ix_incidents_unsealed", "incidents", ["id"], sqlite_where=sa.text("rev IS NULL"),
                    postgresql_where=sa.text("rev IS NULL"))
    for statement in (_sqlite_triggers() if dialect == "sqlite" else _pg_triggers()):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_incidents_rev ON incidents")
        op.execute("DROP TRIGGER IF EXISTS trg_incidents_rev_del ON incidents")
        op.execute("DROP TRIGGER IF EXISTS trg_lines_rev_before ON seizure_lines")
        op.execute("DROP TRIGGER IF EXISTS trg_lines_rev_after ON seizure_lines")
        op.execute("DROP INDEX IF EXISTS ix_change_log_txid")
        op.execute("ALTER TABLE change_log DROP COLUMN IF EXISTS txid")
        for fn in ("sitcentre_incident_rev", "sitcentre_incident_rev_del", "sitcentre_line_rev_before",
                   "sitcentre_line_rev_after"):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    op.drop_index("ix_incidents_unsealed", table_name="incidents")
    for table in ("substance_aliases", "audit_remote", "conflicts", "bundles_received", "feed_cursors",
                  "feed_entries", "pending_deletes", "record_versions", "trusted_keys"):
        op.drop_table(table)
    with op.batch_alter_table("post_status_history", recreate="never") as batch:
        batch.drop_column("origin")
    with op.batch_alter_table("alerts", recreate="never") as batch:
        batch.drop_column("ack_origin")
        batch.drop_column("origin")
    for table in ("seizure_lines", "incidents"):
        with op.batch_alter_table(table, recreate="never") as batch:
            if table == "incidents":
                batch.drop_column("origin")
                batch.drop_column("merge_rev")
            batch.drop_column("parent_rev")
            batch.drop_column("rev")
    with op.batch_alter_table("installation", recreate="never") as batch:
        for column in ("refdata_at", "refdata_version", "key_id", "public_key", "private_key", "epoch_started_at",
                       "epoch"):
            batch.drop_column(column)


def _legacy_revisions(dialect: str) -> None:
    """Existing rows: a legacy revision 'L-<id>' (no stored version: never exchanged), origin = this
    installation's; a first epoch for the installation. Keys are made by `sitcentre install init`."""
    bind = op.get_bind()
    hex_id = "replace(CAST(id AS text), '-', '')" if dialect == "postgresql" else "lower(hex(id))"
    line_hex = hex_id.replace("id", "incident_id") if dialect == "postgresql" else "lower(hex(incident_id))"
    bind.execute(sa.text(
        f"UPDATE incidents SET rev = 'L-' || {hex_id}, "
        "origin = (SELECT origin_code FROM installation ORDER BY created_at, id LIMIT 1)"))
    bind.execute(sa.text(f"UPDATE seizure_lines SET rev = 'L-' || {line_hex}"))
    import uuid

    table = sa.table("installation", sa.column("id", sa.Uuid()), sa.column("epoch", sa.Uuid()),
                     sa.column("epoch_started_at", TS))
    for (row_id,) in bind.execute(sa.select(table.c.id)).all():
        bind.execute(table.update().where(table.c.id == row_id)
                     .values(epoch=uuid.uuid4(), epoch_started_at=sa.func.current_timestamp()))


def _sqlite_triggers() -> list[str]:
    incident_cols = ", ".join(INCIDENT_CONTENT)
    line_cols = ", ".join(LINE_CONTENT)
    return [
        # An incident's content changed without a new rev: the current rev becomes the parent, rev NULL.
        f"""CREATE TRIGGER trg_incidents_rev_upd AFTER UPDATE OF {incident_cols} ON incidents
            WHEN NEW.rev IS OLD.rev AND OLD.rev IS NOT NULL BEGIN
              {_UNSEAL_SQLITE.format(id="NEW.id")}
            END""",
        """CREATE TRIGGER trg_incidents_rev_del AFTER DELETE ON incidents BEGIN
              INSERT OR REPLACE INTO pending_deletes(row_id, table_name, last_rev, deleted_at)
              VALUES (OLD.id, 'incident', coalesce(OLD.rev, OLD.parent_rev), CURRENT_TIMESTAMP);
            END""",
        f"""CREATE TRIGGER trg_lines_rev_ins AFTER INSERT ON seizure_lines WHEN NEW.rev IS NULL BEGIN
              {_UNSEAL_SQLITE.format(id="NEW.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_rev_upd AFTER UPDATE OF {line_cols} ON seizure_lines
            WHEN NEW.rev IS OLD.rev BEGIN
              UPDATE seizure_lines SET parent_rev = OLD.rev, rev = NULL WHERE id = NEW.id AND OLD.rev IS NOT NULL;
              {_UNSEAL_SQLITE.format(id="NEW.incident_id")}
              {_UNSEAL_SQLITE.format(id="OLD.incident_id")}
            END""",
        f"""CREATE TRIGGER trg_lines_rev_del AFTER DELETE ON seizure_lines BEGIN
              {_UNSEAL_SQLITE.format(id="OLD.incident_id")}
            END""",
    ]


def _pg_triggers() -> list[str]:
    incident_cols = ", ".join(INCIDENT_CONTENT)
    line_cols = ", ".join(LINE_CONTENT)
    unseal = ("UPDATE incidents SET parent_rev = rev, rev = NULL, merge_rev = NULL "
              "WHERE id = {id} AND rev IS NOT NULL;")
    return [
        """CREATE FUNCTION sitcentre_incident_rev() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF NEW.rev IS NOT DISTINCT FROM OLD.rev AND OLD.rev IS NOT NULL THEN
               NEW.parent_rev := OLD.rev; NEW.rev := NULL; NEW.merge_rev := NULL;
             END IF;
             RETURN NEW;
           END $$""",
        f"CREATE TRIGGER trg_incidents_rev BEFORE UPDATE OF {incident_cols} ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_incident_rev()",
        """CREATE FUNCTION sitcentre_incident_rev_del() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             INSERT INTO pending_deletes(row_id, table_name, last_rev, deleted_at)
             VALUES (OLD.id, 'incident', coalesce(OLD.rev, OLD.parent_rev), CURRENT_TIMESTAMP)
             ON CONFLICT (row_id) DO UPDATE SET last_rev = excluded.last_rev, deleted_at = excluded.deleted_at;
             RETURN OLD;
           END $$""",
        "CREATE TRIGGER trg_incidents_rev_del AFTER DELETE ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_incident_rev_del()",
        """CREATE FUNCTION sitcentre_line_rev_before() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF NEW.rev IS NOT DISTINCT FROM OLD.rev AND OLD.rev IS NOT NULL THEN
               NEW.parent_rev := OLD.rev; NEW.rev := NULL;
             END IF;
             RETURN NEW;
           END $$""",
        f"CREATE TRIGGER trg_lines_rev_before BEFORE UPDATE OF {line_cols} ON seizure_lines "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_line_rev_before()",
        f"""CREATE FUNCTION sitcentre_line_rev_after() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF TG_OP = 'DELETE' THEN
               {unseal.format(id="OLD.incident_id")}
               RETURN OLD;
             END IF;
             IF NEW.rev IS NULL THEN
               {unseal.format(id="NEW.incident_id")}
               IF TG_OP = 'UPDATE' AND OLD.incident_id IS DISTINCT FROM NEW.incident_id THEN
                 {unseal.format(id="OLD.incident_id")}
               END IF;
             END IF;
             RETURN NEW;
           END $$""",
        f"CREATE TRIGGER trg_lines_rev_after AFTER INSERT OR DELETE OR UPDATE OF {line_cols} ON seizure_lines "
        "FOR EACH ROW EXECUTE FUNCTION sitcentre_line_rev_after()",
    ]
