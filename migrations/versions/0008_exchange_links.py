"""Links to other installations (issue 13): where to reach a peer online, and how the last attempts went.

exchange_links   one row per peer this installation exchanges with by network or under a sharing policy: at a
                 post, its centre; at a national centre, another country's centre or the regional centre.
                 url (https://host:port, NULL when the peer is reached by files only), the peer's pinned TLS
                 certificate (PEM; the post trusts only it), the sharing policy applied to what is exported
                 to the peer (NULL: none, as between a post and its centre), enabled, and the sync state a
                 person sees: last attempt, last success, when the peer was last heard from, the last error
                 in words, failures in a row (the backoff) and the next attempt.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "exchange_links",
        sa.Column("origin", sa.String(16), primary_key=True),
        sa.Column("url", sa.Text()),
        sa.Column("cert_pem", sa.Text()),
        sa.Column("sharing_policy", sa.String(64)),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.text("true")),
        sa.Column("last_attempt_at", TS),
        sa.Column("last_success_at", TS),
        sa.Column("last_heard_at", TS),
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS),
    )


def downgrade() -> None:
    op.drop_table("exchange_links")
