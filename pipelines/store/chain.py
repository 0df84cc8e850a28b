"""Hashes of the audit chain: a canonical JSON of what is stored, then SHA-256.

Each audit event's hash covers its stored fields and the hash of the event before it, so an edit,
deletion or hand-made insertion anywhere in the log changes a hash that verification recomputes
(:mod:`pipelines.store.verify`). A period closing's row and frozen snapshot are hashed the same way
into the audit event that closed (or reopened) it.

The canonical form is frozen: migrations hash existing rows with these functions, so changing it
would make every existing store fail verification. Rules:

* JSON with sorted keys, no spaces, UTF-8 kept (``ensure_ascii=False``), no NaN;
* decimals as exact strings, dates ``YYYY-MM-DD``;
* datetimes naive UTC as ``YYYY-MM-DDTHH:MM:SS.ffffff`` (six digits always), which SQLite and
  PostgreSQL both store and return identically (an aware datetime is converted to UTC first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

#: ``prev_hash`` of the first event.
GENESIS = "0" * 64
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"

#: Stored columns of an audit event covered by its hash (with ``prev_hash``).
EVENT_FIELDS = (
    "event_id",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "reason",
)
#: Columns of a period_closings row covered by its hash.
CLOSING_FIELDS = (
    "period",
    "is_closed",
    "closed_at",
    "closed_by",
    "reason",
    "snapshot",
    "reopened_at",
    "reopened_by",
    "reopen_reason",
)


def timestamp(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.strftime(TIMESTAMP_FORMAT)


def canonical_value(value: Any) -> Any:
    """``value`` with decimals, dates and datetimes as their canonical strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): canonical_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical_value(v) for v in value]
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(
        canonical_value(value),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def sha256_hex(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """Hash of an event given its stored ``EVENT_FIELDS`` and the previous event's hash."""
    payload = {name: fields.get(name) for name in EVENT_FIELDS}
    payload["prev_hash"] = prev_hash
    return sha256_hex(payload)


def closing_hash(fields: dict[str, Any]) -> str:
    """Hash of a period_closings row (every column, its snapshot included)."""
    return sha256_hex({name: fields.get(name) for name in CLOSING_FIELDS})


def snapshot_hash(snapshot: Any) -> str:
    """Hash of a closing's frozen snapshot alone."""
    return sha256_hex(snapshot)


def row_fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of an ORM object or a Core row."""
    mapping = getattr(obj, "_mapping", None)
    if mapping is not None:
        return {name: mapping[name] for name in names}
    return {name: getattr(obj, name) for name in names}
