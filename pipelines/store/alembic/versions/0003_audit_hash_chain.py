"""Tamper-evident audit: a hash chain over the events, sealed closings, stricter triggers.

* ``audit_log`` gains ``prev_hash`` and ``event_hash``; existing events are chained in
  ``event_id`` order (the append-only trigger is lifted for that one update, then restored).
* ``audit_chain_head`` (one row) names the newest event: writers lock it, verification compares
  it with the last event.
* Each existing period closing is sealed by a new ``seal`` event carrying the hash of its row and
  of its frozen snapshot (the closing events written before this revision carry no hash).
* SQLite: a BEFORE INSERT trigger refuses an ``event_id`` that exists (``INSERT OR REPLACE``
  deletes the old row without firing the delete trigger, recursive_triggers being off).
* ``period_closings``: DELETE (and TRUNCATE, REPLACE) refused; while a period is closed, its
  snapshot, closing date, author, reason and period cannot change (reopen it first).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from pipelines.store import chain

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_audit_log = sa.table(
    "audit_log",
    sa.column("event_id", sa.Integer()),
    sa.column("at", sa.DateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("object_type", sa.String()),
    sa.column("object_id", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("reason", sa.Text()),
    sa.column("prev_hash", sa.String()),
    sa.column("event_hash", sa.String()),
)
_closings = sa.table(
    "period_closings",
    sa.column("period", sa.String()),
    sa.column("is_closed", sa.Boolean()),
    sa.column("closed_at", sa.DateTime()),
    sa.column("closed_by", sa.String()),
    sa.column("reason", sa.Text()),
    sa.column("snapshot", sa.JSON()),
    sa.column("reopened_at", sa.DateTime()),
    sa.column("reopened_by", sa.String()),
    sa.column("reopen_reason", sa.Text()),
)
_head = sa.table(
    "audit_chain_head",
    sa.column("id", sa.Integer()),
    sa.column("last_event_id", sa.Integer()),
    sa.column("last_hash", sa.String()),
)

SEAL_ACTOR = "asr-migration"
SEAL_REASON = "scellement des clôtures existantes (introduction de la chaîne d'audit)"

SQLITE_TRIGGERS = {
    "audit_log_no_replace": (
        "create trigger audit_log_no_replace before insert on audit_log "
        "when exists (select 1 from audit_log where event_id = new.event_id) "
        "begin select raise(abort, 'audit_log is append-only: event_id exists, "
        "replace refused'); end"
    ),
    "audit_chain_head_no_delete": (
        "create trigger audit_chain_head_no_delete before delete on audit_chain_head "
        "begin select raise(abort, 'audit_chain_head: delete refused'); end"
    ),
    "audit_chain_head_no_replace": (
        "create trigger audit_chain_head_no_replace before insert on audit_chain_head "
        "when exists (select 1 from audit_chain_head where id = new.id) "
        "begin select raise(abort, 'audit_chain_head: replace refused'); end"
    ),
    "period_closings_no_delete": (
        "create trigger period_closings_no_delete before delete on period_closings "
        "begin select raise(abort, 'period_closings: delete refused'); end"
    ),
    "period_closings_no_replace": (
        "create trigger period_closings_no_replace before insert on period_closings "
        "when exists (select 1 from period_closings where period = new.period) "
        "begin select raise(abort, 'period_closings: the period has a row, replace refused'); end"
    ),
    "period_closings_frozen": (
        "create trigger period_closings_frozen before update on period_closings "
        "when old.is_closed and (new.period is not old.period "
        "or new.snapshot is not old.snapshot or new.closed_at is not old.closed_at "
        "or new.closed_by is not old.closed_by or new.reason is not old.reason) "
        "begin select raise(abort, 'period_closings: a closed period is frozen "
        "(reopen it first)'); end"
    ),
}

PG_CLOSINGS_FUNCTION = """
create or replace function asr_period_closings_guard() returns trigger
language plpgsql as $$
begin
    if tg_op in ('DELETE', 'TRUNCATE') then
        raise exception 'period_closings: % refused', tg_op;
    end if;
    if old.is_closed and (
        new.period is distinct from old.period
        or new.snapshot::text is distinct from old.snapshot::text
        or new.closed_at is distinct from old.closed_at
        or new.closed_by is distinct from old.closed_by
        or new.reason is distinct from old.reason
    ) then
        raise exception 'period_closings: a closed period is frozen (reopen it first)';
    end if;
    return new;
end;
$$
"""
PG_HEAD_FUNCTION = """
create or replace function asr_audit_chain_head_guard() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_chain_head: % refused', tg_op;
end;
$$
"""
PG_TRIGGERS = {
    "period_closings_guard": (
        "period_closings",
        "create trigger period_closings_guard before update or delete on period_closings "
        "for each row execute function asr_period_closings_guard()",
    ),
    "period_closings_no_truncate": (
        "period_closings",
        "create trigger period_closings_no_truncate before truncate on period_closings "
        "for each statement execute function asr_period_closings_guard()",
    ),
    "audit_chain_head_no_delete": (
        "audit_chain_head",
        "create trigger audit_chain_head_no_delete before delete on audit_chain_head "
        "for each row execute function asr_audit_chain_head_guard()",
    ),
    "audit_chain_head_no_truncate": (
        "audit_chain_head",
        "create trigger audit_chain_head_no_truncate before truncate on audit_chain_head "
        "for each statement execute function asr_audit_chain_head_guard()",
    ),
}


def _chain_existing_events(bind: sa.Connection) -> tuple[int, str]:
    """Give every existing event its prev_hash and event_hash, in event_id order."""
    prev, last_id = chain.GENESIS, 0
    rows = bind.execute(sa.select(_audit_log).order_by(_audit_log.c.event_id)).fetchall()
    for row in rows:
        digest = chain.event_hash(chain.row_fields(row, chain.EVENT_FIELDS), prev)
        bind.execute(
            _audit_log.update()
            .where(_audit_log.c.event_id == row.event_id)
            .values(prev_hash=prev, event_hash=digest)
        )
        prev, last_id = digest, int(row.event_id)
    return last_id, prev


def _seal_existing_closings(bind: sa.Connection, last_id: int, prev: str) -> tuple[int, str]:
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = bind.execute(sa.select(_closings).order_by(_closings.c.period)).fetchall()
    for row in rows:
        fields = chain.row_fields(row, chain.CLOSING_FIELDS)
        event = {
            "event_id": last_id + 1,
            "at": at,
            "actor": SEAL_ACTOR,
            "action": "seal",
            "object_type": "period",
            "object_id": row.period,
            "before": None,
            "after": {
                "status": "closed" if row.is_closed else "open",
                "closing_sha256": chain.closing_hash(fields),
                "snapshot_sha256": chain.snapshot_hash(row.snapshot),
            },
            "reason": SEAL_REASON,
        }
        digest = chain.event_hash(event, prev)
        bind.execute(_audit_log.insert().values(**event, prev_hash=prev, event_hash=digest))
        prev, last_id = digest, last_id + 1
    return last_id, prev


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_log", sa.Column("event_hash", sa.String(64), nullable=True))
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    if dialect == "postgresql":
        op.execute("alter table audit_log disable trigger audit_log_append_only")
    elif dialect == "sqlite":
        op.execute("drop trigger if exists audit_log_no_update")
    last_id, prev = _chain_existing_events(bind)
    if dialect == "postgresql":
        op.execute("alter table audit_log enable trigger audit_log_append_only")
    elif dialect == "sqlite":
        op.execute(
            "create trigger audit_log_no_update before update on audit_log "
            "begin select raise(abort, 'audit_log is append-only: update refused'); end"
        )
    last_id, prev = _seal_existing_closings(bind, last_id, prev)
    bind.execute(_head.insert().values(id=1, last_event_id=last_id, last_hash=prev))
    if dialect == "postgresql":
        op.execute(PG_CLOSINGS_FUNCTION)
        op.execute(PG_HEAD_FUNCTION)
        for _table, statement in PG_TRIGGERS.values():
            op.execute(statement)
    elif dialect == "sqlite":
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for name, (table, _statement) in PG_TRIGGERS.items():
            op.execute(f"drop trigger if exists {name} on {table}")
        op.execute("drop function if exists asr_period_closings_guard()")
        op.execute("drop function if exists asr_audit_chain_head_guard()")
    elif dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"drop trigger if exists {name}")
    op.drop_table("audit_chain_head")
    if dialect == "sqlite":  # SQLite >= 3.35 drops a column in place (triggers kept)
        op.execute("alter table audit_log drop column event_hash")
        op.execute("alter table audit_log drop column prev_hash")
    else:
        op.drop_column("audit_log", "event_hash")
        op.drop_column("audit_log", "prev_hash")
