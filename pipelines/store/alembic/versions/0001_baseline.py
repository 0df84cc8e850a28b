"""Baseline: the store as the foundation created it (people, users, objectives, overrides,
period closings, audit log).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("person_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("manager_id", sa.String(64), nullable=True),
        sa.Column("entity", sa.String(100), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_index("ix_people_manager_id", "people", ["manager_id"])
    op.create_table(
        "users",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("person_id", sa.String(64), sa.ForeignKey("people.person_id"), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "objectives",
        sa.Column("objective_id", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("scope_type", sa.String(20), nullable=False),
        sa.Column("scope_value", sa.String(200), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("target", sa.Numeric(20, 6), nullable=False),
        sa.Column("weight", sa.Numeric(9, 6), nullable=False),
        sa.Column("variable_pay_eur", sa.Numeric(18, 2), nullable=False),
        sa.Column("curve", sa.String(500), nullable=True),
    )
    op.create_index("ix_objectives_owner", "objectives", ["owner"])
    op.create_table(
        "overrides",
        sa.Column("supplier_key", sa.String(300), primary_key=True),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "period_closings",
        sa.Column("period", sa.String(20), primary_key=True),
        sa.Column("is_closed", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("closed_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("event_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
        sa.Column("object_id", sa.String(300), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    for table in ("audit_log", "period_closings", "overrides", "objectives", "users", "people"):
        op.drop_table(table)
