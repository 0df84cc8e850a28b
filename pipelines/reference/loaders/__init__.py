"""One reader per directory source: each turns a file into :class:`RefRecord` values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipelines.reference.records import RefRecord


@dataclass
class Parsed:
    records: list[RefRecord] = field(default_factory=list)
    rows_skipped: int = 0  # rows of kinds that are not supplier kinds (OPCS), inactive annexes
    as_of: dt.date | None = None  # the snapshot date the file states, if any
