"""The append-only audit log: the only way to write it is :func:`record`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.store.models import AuditEvent


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
        before=before,
        after=after,
        reason=reason,
    )
    session.add(event)
    return event


def list_events(session: Session, limit: int | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.event_id)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))
