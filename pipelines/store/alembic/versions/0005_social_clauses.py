"""The clause register and contractors' declarations (append-only; corrections are new rows).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clause_contracts",
        sa.Column("clause_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("contract_id", sa.String(100), nullable=False),
        sa.Column("entity", sa.String(100), nullable=False),
        sa.Column("buyer", sa.String(64), nullable=True),
        sa.Column("contractor_siret", sa.String(14), nullable=True),
        sa.Column("contractor_name", sa.String(200), nullable=True),
        sa.Column("object", sa.String(500), nullable=True),
        sa.Column("category", sa.String(100), nullable=True),
        sa.Column("cpv", sa.String(20), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("amount_eur", sa.Numeric(18, 2), nullable=True),
        sa.Column("clause_type", sa.String(30), nullable=False),
        sa.Column("hours_required", sa.Numeric(12, 2), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("source", sa.String(30), nullable=False),
        sa.Column("labour_share", sa.Numeric(9, 6), nullable=True),
        sa.Column("hourly_cost_eur", sa.Numeric(12, 2), nullable=True),
        sa.Column("clause_rate", sa.Numeric(9, 6), nullable=True),
        sa.Column("parameters_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("entity", "contract_id", name="uq_clause_contract"),
    )
    op.create_index("ix_clause_contracts_entity", "clause_contracts", ["entity"])
    op.create_index("ix_clause_contracts_buyer", "clause_contracts", ["buyer"])
    op.create_table(
        "clause_declarations",
        sa.Column("declaration_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "clause_id",
            sa.Integer(),
            sa.ForeignKey("clause_contracts.clause_id"),
            nullable=False,
        ),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("participant_id", sa.String(64), nullable=False),
        sa.Column("eligibility", sa.String(40), nullable=False),
        sa.Column("modality", sa.String(40), nullable=False),
        sa.Column("hours", sa.Numeric(12, 2), nullable=False),
        sa.Column("employment_contract_signed", sa.Boolean(), nullable=False),
        sa.Column("outcome_6_months", sa.String(40), nullable=True),
        sa.Column(
            "corrects_id",
            sa.Integer(),
            sa.ForeignKey("clause_declarations.declaration_id"),
            nullable=True,
            unique=True,
        ),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_clause_declarations_clause_id", "clause_declarations", ["clause_id"])


def downgrade() -> None:
    op.drop_index("ix_clause_declarations_clause_id", table_name="clause_declarations")
    op.drop_table("clause_declarations")
    op.drop_index("ix_clause_contracts_buyer", table_name="clause_contracts")
    op.drop_index("ix_clause_contracts_entity", table_name="clause_contracts")
    op.drop_table("clause_contracts")
