"""Reopening columns on period closings; the audit log refuses UPDATE and DELETE in the database.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PG_FUNCTION = """
create or replace function asr_audit_log_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end;
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("period_closings") as batch:
        batch.add_column(sa.Column("reopened_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("reopened_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("reopen_reason", sa.Text(), nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(
            "create trigger audit_log_append_only before update or delete on audit_log "
            "for each row execute function asr_audit_log_append_only()"
        )
        op.execute(
            "create trigger audit_log_no_truncate before truncate on audit_log "
            "for each statement execute function asr_audit_log_append_only()"
        )
    elif dialect == "sqlite":
        for verb in ("update", "delete"):
            op.execute(
                f"create trigger audit_log_no_{verb} before {verb} on audit_log "
                f"begin select raise(abort, 'audit_log is append-only: {verb} refused'); end"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("drop trigger if exists audit_log_no_truncate on audit_log")
        op.execute("drop trigger if exists audit_log_append_only on audit_log")
        op.execute("drop function if exists asr_audit_log_append_only()")
    elif dialect == "sqlite":
        op.execute("drop trigger if exists audit_log_no_update")
        op.execute("drop trigger if exists audit_log_no_delete")
    with op.batch_alter_table("period_closings") as batch:
        batch.drop_column("reopen_reason")
        batch.drop_column("reopened_by")
        batch.drop_column("reopened_at")
