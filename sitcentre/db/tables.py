"""ORM tables. The schema itself is defined over time by migrations/; a test checks that both agree.

Denormalised columns (maintained by database triggers, so raw SQL writes keep them right too):
  incidents.local_date       the post's local day of occurred_at (fixed UTC offset per post)
  incidents.total_kg         sum of the incident's seizure lines' kg-equivalent
  incidents.substance_sort   name of the incident's largest substance, the table's "substance" sort key
  incidents.substances       names of all its substances, comma separated, for display
  seizure_lines.local_date / post_id / status   copies of the incident's, so rollup triggers need no join
  posts.last_report_at        the latest reported_at of the post's incidents (0005: also after deletes and edits)
daily_seizures / daily_incidents are rollups kept equal to a fresh aggregate by triggers. daily_seizures sums
kg-equivalents as whole milligrams (kg_mg, 0005): integer sums cancel exactly under add-then-delete, where
float sums drifted; readers divide by MG_PER_KG.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sitcentre.db.types import UTCDateTime

NOW = text("CURRENT_TIMESTAMP")
MG_PER_KG = 1_000_000  # daily_seizures.kg_mg / MG_PER_KG is kg
# 0005: what the database itself accepts for a seizure line, far above the domain's own limits; a raw SQL
# writer cannot store an infinite, NaN, negative or absurd amount (NaN fails the upper bound). Enforced by
# migration 0005's trg_lines_amount* triggers when a statement writes the amount, not by a CHECK (rows
# stored before 0005 may break it; see that migration), so it is not declared here.
LINE_AMOUNT_CHECK = ("quantity >= 0 AND quantity <= 1000000000000.0 "
                     "AND kg_equivalent >= 0 AND kg_equivalent <= 100000000.0")


def kg_mg_sql(value: str, dialect: str) -> str:
    """SQL for one line's share of daily_seizures.kg_mg, exactly as migration 0005's triggers compute it
    (a legacy row outside LINE_AMOUNT_CHECK counts 0): `db check`'s fresh aggregate must use the same."""
    rounded = f"round({value} * 1000000.0)::bigint" if dialect == "postgresql" else \
        f"CAST(round({value} * 1000000.0) AS INTEGER)"
    return f"(CASE WHEN {value} >= 0 AND {value} <= 100000000.0 THEN {rounded} ELSE 0 END)"


class Base(DeclarativeBase):
    pass


class CountryRow(Base):
    __tablename__ = "countries"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    utc_offset_minutes: Mapped[int] = mapped_column(Integer)


class PostRow(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    crossing: Mapped[str] = mapped_column(String(120))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    counterpart_country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    border: Mapped[str] = mapped_column(String(5), index=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    utc_offset_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), server_default="operational")
    status_reason: Mapped[str] = mapped_column(Text, server_default="")
    status_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    staff_notes: Mapped[str] = mapped_column(Text, server_default="")
    equipment_notes: Mapped[str] = mapped_column(Text, server_default="")
    last_report_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 0006: the first part of the post's incident numbers (KOR for KZ-KOR); services.numbering
    number_prefix: Mapped[str | None] = mapped_column(String(12))

    __table_args__ = (Index("ux_posts_number_prefix", "number_prefix", unique=True),)


class SubstanceRow(Base):
    __tablename__ = "substances"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    group: Mapped[str] = mapped_column("substance_group", String(24))
    default_unit: Mapped[str] = mapped_column(String(8))
    mass_per_tablet_mg: Mapped[float | None] = mapped_column(Float)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), server_default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(Text)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    disabled: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    failed_logins: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    # 0009: the PostgreSQL login of the account once the database is secured; a new password is due.
    db_login: Mapped[str | None] = mapped_column(String(63), unique=True, index=True)
    password_change_required: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class IncidentRow(Base):
    __tablename__ = "incidents"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    local_date: Mapped[date | None] = mapped_column(Date)
    incident_type: Mapped[str] = mapped_column(String(24))
    direction: Mapped[str] = mapped_column(String(12))
    transport_mode: Mapped[str] = mapped_column(String(12))
    concealment: Mapped[str] = mapped_column(Text, server_default="")
    route_departure: Mapped[str | None] = mapped_column(String(2))
    route_transit: Mapped[str] = mapped_column(String(64), server_default="")
    route_destination: Mapped[str | None] = mapped_column(String(2))
    persons_detained: Mapped[int] = mapped_column(Integer, server_default="0")
    detainee_nationalities: Mapped[str] = mapped_column(String(64), server_default="")
    joint_operation: Mapped[str] = mapped_column(Text, server_default="")
    narrative: Mapped[str] = mapped_column(Text, server_default="")
    status: Mapped[str] = mapped_column(String(12), server_default="reported")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    total_kg: Mapped[float] = mapped_column(Float, server_default="0")
    substance_sort: Mapped[str] = mapped_column(String(80), server_default="")
    substances: Mapped[str] = mapped_column(Text, server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    # 0004, the review workflow (services.verification, services.duplicates): when verified_by reviewed it
    # (verified or rejected), why it was rejected, and the incident it repeats (status 'duplicate'). No
    # foreign key on duplicate_of: SQLite cannot drop such a column without rebuilding the table.
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejection_reason: Mapped[str] = mapped_column(Text, server_default="")
    duplicate_of: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # 0006: the readable number (KOR-2026-0412), made where the incident is recorded; NULL for rows inserted
    # by other programs (the screens then show a short id). Never changed by an edit.
    number: Mapped[str | None] = mapped_column(String(40))
    # 0007, the exchange (sitcentre.repositories.revisions): this version's id, unique across installations
    # ("N-<32 hex>"; NULL while unsealed), the version it was edited from, the second parent of a merge or a
    # resolution, and the installation that created the incident.
    rev: Mapped[str | None] = mapped_column(String(48))
    parent_rev: Mapped[str | None] = mapped_column(String(48))
    merge_rev: Mapped[str | None] = mapped_column(String(48))
    origin: Mapped[str | None] = mapped_column(String(16))
    # 0010: an incident made from a spreadsheet row (the import, the row in the file, the row's identity).
    import_id: Mapped[int | None] = mapped_column(Integer)  # sheet_imports.id (no FOREIGN KEY: added in place)
    import_row: Mapped[int | None] = mapped_column(Integer)
    import_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ux_incidents_number", "number", unique=True),  # 0006
        Index("ux_incidents_import_key", "import_key", unique=True),  # 0010
        Index("ix_incidents_unsealed", "id", sqlite_where=text("rev IS NULL"),
              postgresql_where=text("rev IS NULL")),  # 0007
        Index("ix_incidents_duplicate_of", "duplicate_of"),  # 0004
        # One index per sort key of the incident table, each ending in the keyset tie-breaker id.
        Index("ix_incidents_occurred", "occurred_at", "id"),
        Index("ix_incidents_post_occurred", "post_id", "occurred_at", "id"),
        Index("ix_incidents_substance_sort", "substance_sort", "occurred_at", "id"),
        Index("ix_incidents_total_kg", "total_kg", "id"),
        Index("ix_incidents_status_occurred", "status", "occurred_at", "id"),
        Index("ix_incidents_type_occurred", "incident_type", "occurred_at", "id"),
        Index("ix_incidents_transport_occurred", "transport_mode", "occurred_at", "id"),
        Index("ix_incidents_persons_occurred", "persons_detained", "occurred_at", "id"),
        Index("ix_incidents_local_date", "local_date"),
        Index("ix_incidents_post_reported", "post_id", "reported_at"),  # 0005: a post's last report
    )


class SeizureLineRow(Base):
    __tablename__ = "seizure_lines"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )
    substance_id: Mapped[int] = mapped_column(ForeignKey("substances.id"))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(8))
    basis: Mapped[str] = mapped_column(String(16), server_default="estimated")
    kg_equivalent: Mapped[float] = mapped_column(Float)
    conversion: Mapped[str] = mapped_column(Text, server_default="")
    mass_per_tablet_mg: Mapped[float | None] = mapped_column(Float)  # 0006: the line's own, when a lab knows it
    # 0007: the incident revision in which this line last changed, and the one before
    rev: Mapped[str | None] = mapped_column(String(48))
    parent_rev: Mapped[str | None] = mapped_column(String(48))
    # Copies of the incident's fields, kept by triggers (see module docstring).
    local_date: Mapped[date | None] = mapped_column(Date)
    post_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(12))

    __table_args__ = (
        Index("ix_seizure_lines_substance_date", "substance_id", "local_date"),
    )


class DailySeizures(Base):
    """Rollup: kg-equivalent (in whole milligrams) and line count per local day, post, substance and status."""

    __tablename__ = "daily_seizures"
    __table_args__ = {"sqlite_with_rowid": False}
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    substance_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(12), primary_key=True)
    kg_mg: Mapped[int] = mapped_column(BigInteger)
    lines: Mapped[int] = mapped_column(Integer)


class DailyIncidents(Base):
    """Rollup: number of incidents per local day, post and incident status."""

    __tablename__ = "daily_incidents"
    __table_args__ = {"sqlite_with_rowid": False}
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    post_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(12), primary_key=True)
    incidents: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """Append-only (0004: triggers refuse UPDATE and DELETE); each row's hash chains it to the one before."""

    __tablename__ = "audit_log"
    __table_args__ = (
        # 0004: the audit view's filters and one record's history.
        Index("ix_audit_log_entity", "entity", "entity_id", "id"),
        Index("ix_audit_log_username", "username", "id"),
        Index("ix_audit_log_action", "action", "id"),
        Index("ix_audit_log_at", "at"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64), server_default="")
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32), server_default="")
    entity_id: Mapped[str] = mapped_column(String(64), server_default="")
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), server_default="")
    hash: Mapped[str] = mapped_column(String(64), server_default="")
    # 0009: the database login that inserted the row (PostgreSQL: set by a trigger to session_user).
    db_user: Mapped[str | None] = mapped_column(String(63))


class ChangeRow(Base):
    """Filled by triggers only: one row per insert, update or delete of a watched table."""

    __tablename__ = "change_log"
    __table_args__ = {"sqlite_autoincrement": True}
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(1))
    at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)


class PostStatusHistoryRow(Base):
    """One row per change of a post's operational status (or of its reason), written with the change."""

    __tablename__ = "post_status_history"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_status: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, server_default="")
    changed_by: Mapped[str] = mapped_column(String(64), server_default="")
    origin: Mapped[str | None] = mapped_column(String(16))  # 0007: NULL made here, else where it came from

    __table_args__ = (Index("ix_post_status_history_post", "post_id", "changed_at"),)


class AlertRow(Base):
    """A counterpart alert. from_post_id NULL: sent by the situation centre; to_post_id NULL: to all posts.

    incident_id has no foreign key on purpose: alerts and incidents travel between posts separately, and an
    alert may arrive before the incident it names.
    """

    __tablename__ = "alerts"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    from_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    to_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_by: Mapped[str] = mapped_column(String(64), server_default="")
    priority: Mapped[str] = mapped_column(String(8), server_default="normal")
    text: Mapped[str] = mapped_column(Text)
    incident_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    # 0007: NULL when sent (ack_origin: acknowledged) here, else the installation it came from
    origin: Mapped[str | None] = mapped_column(String(16))
    ack_origin: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_alerts_to_post_ack", "to_post_id", "acknowledged_at"),
        Index("ix_alerts_from_post_sent", "from_post_id", "sent_at"),
        Index("ix_alerts_sent", "sent_at"),
    )


class InstallationRow(Base):
    """0006: who this database is (one row): the origin code in the incident numbers it allocates, and whether
    it is a post's own workstation or a situation centre (services.installation)."""

    __tablename__ = "installation"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    origin_code: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    # 0007: the feed epoch (new after a restore from backup), the Ed25519 key pair made at set-up (base64 of the
    # raw 32 bytes; the private key never leaves this database), the reference data last sent or received
    epoch: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    epoch_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    private_key: Mapped[str | None] = mapped_column(Text)
    public_key: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(16))
    refdata_version: Mapped[str | None] = mapped_column(String(64))
    refdata_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("role IN ('post', 'centre')", name="ck_installation_role"),)


class IncidentCounterRow(Base):
    """0006: the last incident number an installation (origin) allocated per post and year; incremented in
    the transaction that inserts the incident, so numbers are distinct and without gaps (services.numbering)."""

    __tablename__ = "incident_counters"
    origin: Mapped[str] = mapped_column(String(16), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


# ---------------------------------------------------------------------------------------------- 0007, exchange


class TrustedKeyRow(Base):
    """Another installation's public key: pending until a supervisor confirms its fingerprint, then trusted;
    revoked keys stay listed (services.keys)."""

    __tablename__ = "trusted_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)
    origin_code: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(8))
    installation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    state: Mapped[str] = mapped_column(String(8))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(64), server_default="")
    reason: Mapped[str] = mapped_column(Text, server_default="")

    __table_args__ = (
        CheckConstraint("state IN ('pending', 'trusted', 'revoked')", name="ck_trusted_keys_state"),
        CheckConstraint("role IN ('post', 'centre')", name="ck_trusted_keys_role"),
    )


class RecordVersionRow(Base):
    """Every version of an incident (with its lines) known here, local or received, losing heads included."""

    __tablename__ = "record_versions"
    __table_args__ = (
        Index("ux_record_versions_row_rev", "row_id", "rev", unique=True),
        Index("ix_record_versions_origin", "origin", "id"),
        CheckConstraint("op IN ('upsert', 'delete')", name="ck_record_versions_op"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(24))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    rev: Mapped[str] = mapped_column(String(48))
    parent_rev: Mapped[str | None] = mapped_column(String(48))
    merge_rev: Mapped[str | None] = mapped_column(String(48))
    op: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(64), server_default="")
    device_time: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_json: Mapped[str | None] = mapped_column(Text)
    changed_json: Mapped[str | None] = mapped_column(Text)


class PendingDeleteRow(Base):
    """An incident deleted here and not yet sealed into a tombstone version (filled by trigger)."""

    __tablename__ = "pending_deletes"
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(24))
    last_rev: Mapped[str | None] = mapped_column(String(48))
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)


class FeedEntryRow(Base):
    """One entry of a feed, this installation's own (state 'own') or received ('applied', 'held', 'error'):
    body is the exact JSON line, hash its SHA-256; the line carries the previous entry's hash."""

    __tablename__ = "feed_entries"
    origin: Mapped[str] = mapped_column(String(16), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36), primary_key=True)
    audience: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    row_id: Mapped[str] = mapped_column(String(64))
    rev: Mapped[str] = mapped_column(String(48), server_default="")
    state: Mapped[str] = mapped_column(String(8), server_default="applied")
    reason: Mapped[str] = mapped_column(Text, server_default="")
    bundle_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)

    __table_args__ = (
        Index("ix_feed_entries_row", "row_id", "kind", "origin", "audience"),
        Index("ix_feed_entries_state", "state", "origin"),
        CheckConstraint("state IN ('own', 'applied', 'held', 'error')", name="ck_feed_entries_state"),
    )


class FeedCursorRow(Base):
    """How far a feed goes: 'received' (contiguous prefix received here), 'acked' (what the peer confirmed of
    ours), 'sent' (what we last put in a bundle)."""

    __tablename__ = "feed_cursors"
    origin: Mapped[str] = mapped_column(String(16), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36), primary_key=True)
    audience: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64), server_default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)

    __table_args__ = (CheckConstraint("kind IN ('received', 'acked', 'sent')", name="ck_feed_cursors_kind"),)


class BundleReceivedRow(Base):
    """A bundle applied here; bundle_id is the SHA-256 of its signed manifest."""

    __tablename__ = "bundles_received"
    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sender: Mapped[str] = mapped_column(String(16))
    epoch: Mapped[str] = mapped_column(String(36))
    audience: Mapped[str] = mapped_column(String(16))
    from_seq: Mapped[int] = mapped_column(BigInteger)
    to_seq: Mapped[int] = mapped_column(BigInteger)
    file_name: Mapped[str] = mapped_column(Text, server_default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    imported_by: Mapped[str] = mapped_column(String(64), server_default="")
    summary_json: Mapped[str] = mapped_column(Text, server_default="{}")

    __table_args__ = (Index("ix_bundles_received_sender", "sender", "received_at"),)


class ConflictRow(Base):
    """A conflict or a parallel-edit flag on one record; heads_json lists the revisions in play."""

    __tablename__ = "conflicts"
    __table_args__ = (
        Index("ix_conflicts_row", "row_id", "status"),
        Index("ix_conflicts_status", "status", "id"),
        CheckConstraint("kind IN ('parallel', 'conflict', 'delete_edit', 'duplicate_create', 'missing_base')",
                        name="ck_conflicts_kind"),
        CheckConstraint("status IN ('open', 'dismissed', 'resolved')", name="ck_conflicts_status"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(24))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16))
    base_rev: Mapped[str | None] = mapped_column(String(48))
    heads_json: Mapped[str] = mapped_column(Text)
    fields_json: Mapped[str] = mapped_column(Text, server_default="[]")
    origin: Mapped[str] = mapped_column(String(16), server_default="")
    bundle_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), server_default="open")
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)
    resolved_by: Mapped[str] = mapped_column(String(64), server_default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_rev: Mapped[str | None] = mapped_column(String(48))


class AuditRemoteRow(Base):
    """Another installation's audit entry, verbatim (body: the exact JSON line), chained per origin and epoch."""

    __tablename__ = "audit_remote"
    origin: Mapped[str] = mapped_column(String(16), primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    bundle_id: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=NOW)


class SubstanceAliasRow(Base):
    """An old or other code that still names a substance (a renamed code keeps resolving)."""

    __tablename__ = "substance_aliases"
    alias: Mapped[str] = mapped_column(String(32), primary_key=True)
    substance_code: Mapped[str] = mapped_column(String(32))


class ExchangeLinkRow(Base):
    """A peer reached online or under a sharing policy, with the state of the last sync attempts (0008)."""

    __tablename__ = "exchange_links"
    origin: Mapped[str] = mapped_column(String(16), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    cert_pem: Mapped[str | None] = mapped_column(Text)
    sharing_policy: Mapped[str | None] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_heard_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, server_default="")
    failures: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SiteSettingRow(Base):
    """A policy value kept in the database so the server can enforce it too (0009): key -> text."""

    __tablename__ = "site_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SheetImportRow(Base):
    """One import from a spreadsheet that added rows (0010): the file, its mapping, the counts."""

    __tablename__ = "sheet_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[str] = mapped_column(Text)
    added: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (CheckConstraint("kind IN ('incidents', 'statistics')", name="ck_sheet_imports_kind"),)


class PublishedStatisticRow(Base):
    """A published, aggregated figure (0010): never an incident, never in a rollup; a chart's context series."""

    __tablename__ = "published_statistics"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("sheet_imports.id"))
    import_row: Mapped[int] = mapped_column(Integer)
    row_key: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text, server_default="")
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    period_kind: Mapped[str] = mapped_column(String(8))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    substance_id: Mapped[int | None] = mapped_column(ForeignKey("substances.id"))
    substance_group: Mapped[str | None] = mapped_column(String(32))
    other_name: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(8))
    kg_equivalent: Mapped[float] = mapped_column(Float)
    conversion: Mapped[str] = mapped_column(Text, server_default="")

    __table_args__ = (
        CheckConstraint("period_kind IN ('day', 'month', 'year')", name="ck_published_statistics_period_kind"),
        CheckConstraint("period_start <= period_end", name="ck_published_statistics_period"),
        CheckConstraint("quantity >= 0 AND kg_equivalent >= 0", name="ck_published_statistics_quantity"),
        Index("ux_published_statistics_row_key", "row_key", unique=True),
        Index("ix_published_statistics_period", "period_start", "country_code"),
    )
