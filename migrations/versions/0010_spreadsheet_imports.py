"""Spreadsheet imports (issue 15): the imports made, incidents marked as imported, published statistics.

sheet_imports        one row per import that added anything: the kind ('incidents' or 'statistics'), the file's
                     name and SHA-256, the mapping used (its JSON), the counts of rows added, skipped and
                     rejected, when and by whom. Its change_log trigger (one row per import, not per imported
                     row) tells the charts of every workstation that published statistics changed.
incidents.import_id, .import_row, .import_key
                     an incident made from a spreadsheet row: the import, the row number in the file, and the
                     row's identity (sitcentre.sheets.rows: sha256 of its normalised content and the mapping's
                     kind), unique, so importing the same file again, or a later file that overlaps it, adds
                     nothing. NULL for incidents typed or received by the exchange, which does not carry
                     these columns (the import is this installation's own record).
published_statistics aggregated figures as an agency published them (country, period, substance or group or a
                     category kept under its original name, quantity and unit, kg-equivalent and the rule
                     used). Not incidents: no rollup, count or brief adds them; the charts show them as a
                     context series beside the posts' seizures. row_key unique, as incidents.import_key.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sheet_imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.Column("imported_by", sa.Integer(), sa.ForeignKey("users.id")),
        sa.CheckConstraint("kind IN ('incidents', 'statistics')", name="ck_sheet_imports_kind"),
    )
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer()))  # no FOREIGN KEY: SQLite cannot add one in place
        batch.add_column(sa.Column("import_row", sa.Integer()))
        batch.add_column(sa.Column("import_key", sa.String(64)))
    op.create_index("ux_incidents_import_key", "incidents", ["import_key"], unique=True)
    op.create_table(
        "published_statistics",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("sheet_imports.id"), nullable=False),
        sa.Column("import_row", sa.Integer(), nullable=False),
        sa.Column("row_key", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.Column("country_code", sa.String(2), sa.ForeignKey("countries.code"), nullable=False),
        sa.Column("period_kind", sa.String(8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("substance_id", sa.Integer(), sa.ForeignKey("substances.id")),
        sa.Column("substance_group", sa.String(32)),
        sa.Column("other_name", sa.Text()),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("kg_equivalent", sa.Float(), nullable=False),
        sa.Column("conversion", sa.Text(), nullable=False, server_default=""),
        sa.CheckConstraint("period_kind IN ('day', 'month', 'year')", name="ck_published_statistics_period_kind"),
        sa.CheckConstraint("period_start <= period_end", name="ck_published_statistics_period"),
        sa.CheckConstraint("quantity >= 0 AND kg_equivalent >= 0", name="ck_published_statistics_quantity"),
    )
    op.create_index("ux_published_statistics_row_key", "published_statistics", ["row_key"], unique=True)
    op.create_index("ix_published_statistics_period", "published_statistics", ["period_start", "country_code"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER trg_sheet_imports_log AFTER INSERT OR UPDATE OR DELETE ON sheet_imports "
                   "FOR EACH ROW EXECUTE FUNCTION sitcentre_log_change()")
    else:
        for op_name, code, row in (("INSERT", "I", "NEW"), ("UPDATE", "U", "NEW"), ("DELETE", "D", "OLD")):
            op.execute(f"""
            CREATE TRIGGER trg_sheet_imports_log_{code.lower()} AFTER {op_name} ON sheet_imports BEGIN
              INSERT INTO change_log(table_name, row_id, op) VALUES ('sheet_imports', {row}.id, '{code}');
            END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_sheet_imports_log ON sheet_imports")
    else:
        for code in ("i", "u", "d"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_sheet_imports_log_{code}")
    op.drop_index("ix_published_statistics_period", table_name="published_statistics")
    op.drop_index("ux_published_statistics_row_key", table_name="published_statistics")
    op.drop_table("published_statistics")
    op.drop_index("ux_incidents_import_key", table_name="incidents")
    with op.batch_alter_table("incidents", recreate="never") as batch:
        batch.drop_column("import_key")
        batch.drop_column("import_row")
        batch.drop_column("import_id")
    op.drop_table("sheet_imports")
