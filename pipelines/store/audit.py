"""The append-only audit log: the only way to write it is :func:`record`.

Events form a hash chain (pipelines.store.chain). :func:`record` takes the chain's lock first, so
concurrent writers never fork it: on PostgreSQL ``SELECT … FOR UPDATE`` on the chain-head row, on
SQLite a write to that row as the transaction's first write (which, like ``BEGIN IMMEDIATE``,
takes the database's single write lock until commit).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipelines.store import chain
from pipelines.store.models import AuditChainHead, AuditEvent

HEAD_ID = 1
#: session.info key: the chain position reached by this session's current transaction.
_POSITION = "asr_audit_chain_position"


def jsonable(value: Any) -> Any:
    """Decimals (exact, as strings), dates and datetimes (ISO) made storable in a JSON column."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _stored_form(value: Any) -> Any:
    """``value`` exactly as the JSON column gives it back (tuples become lists, and so on)."""
    if value is None:
        return None
    return json.loads(json.dumps(jsonable(value), allow_nan=False))


def _lock_chain(session: Session) -> tuple[AuditChainHead | None, int, str]:
    """Lock the chain for this transaction; (head row, last event id, last hash)."""
    transaction = session.get_transaction()
    held = session.info.get(_POSITION)
    if held is not None and transaction is not None and held[0] is transaction:
        return held[1], held[2], held[3]
    if session.get_bind().dialect.name == "sqlite":
        # The first write of the transaction takes SQLite's write lock until commit.
        session.execute(
            update(AuditChainHead)
            .where(AuditChainHead.id == HEAD_ID)
            .values(last_event_id=AuditChainHead.last_event_id)
            .execution_options(synchronize_session=False)
        )
        query = select(AuditChainHead).where(AuditChainHead.id == HEAD_ID)
    else:
        query = select(AuditChainHead).where(AuditChainHead.id == HEAD_ID).with_for_update()
    head = session.scalars(query.execution_options(populate_existing=True)).one_or_none()
    last = session.execute(
        select(AuditEvent.event_id, AuditEvent.event_hash)
        .order_by(AuditEvent.event_id.desc())
        .limit(1)
    ).first()
    if last is None:
        return head, 0, chain.GENESIS
    return head, int(last[0]), str(last[1] or "")


#: Every kind of object the log records events about (``asr audit list --type``);
#: tests/cli/test_cli_mistakes.py checks that every ``object_type=`` written in the code is here.
OBJECT_TYPES = (
    "clause_contract",
    "clause_declaration",
    "control",
    "exclusion",
    "objective",
    "period",
    "person",
    "supplier",
    "user",
)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEvent:
    """Append an event to the chain (in ``session``'s transaction; committed with it)."""
    head, last_id, last_hash = _lock_chain(session)
    event = AuditEvent(
        event_id=last_id + 1,
        at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=_stored_form(before),
        after=_stored_form(after),
        reason=reason,
        prev_hash=last_hash,
    )
    event.event_hash = chain.event_hash(chain.row_fields(event, chain.EVENT_FIELDS), last_hash)
    session.add(event)
    if head is None:  # a store whose head row went missing: verification reports it
        head = AuditChainHead(id=HEAD_ID)
        session.add(head)
    head.last_event_id = event.event_id
    head.last_hash = event.event_hash
    transaction = session.get_transaction()
    session.info[_POSITION] = (transaction, head, event.event_id, event.event_hash)
    return event


def list_events(
    session: Session,
    limit: int | None = None,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    actor: str | None = None,
) -> list[AuditEvent]:
    """Events oldest first (the last ``limit`` ones when a limit is given)."""
    query = select(AuditEvent)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if limit:
        newest = list(session.scalars(query.order_by(AuditEvent.event_id.desc()).limit(limit)))
        return newest[::-1]
    return list(session.scalars(query.order_by(AuditEvent.event_id)))


def event_dict(event: AuditEvent) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
    }
