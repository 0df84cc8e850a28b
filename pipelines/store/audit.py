"""The append-only audit log: the only way to write it is :func:`record`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.store.models import AuditEvent


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
    event = AuditEvent(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=jsonable(before),
        after=jsonable(after),
        reason=reason,
    )
    session.add(event)
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
