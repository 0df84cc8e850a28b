"""Review marks of the controls' signals (pipelines/controls/review.py).

Revision ID: 0006
Revises: 0004 (the clauses helper writes 0005; the integrator re-chains 0006 onto it)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "control_reviews",
        sa.Column("signal_id", sa.String(300), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("reviewed_by", sa.String(200), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payout_at_stake_eur", sa.Numeric(18, 2), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("control_reviews")
