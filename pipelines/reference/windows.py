"""Validity windows (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Window = tuple[dt.date | None, dt.date | None]

_MIN = dt.date.min
_MAX = dt.date.max


def merge_windows(windows: Iterable[Window]) -> list[Window]:
    """Merge overlapping or touching windows (open bounds stay open), sorted by start."""
    spans = sorted(((s or _MIN), (e or _MAX)) for s, e in windows)
    merged: list[list[dt.date]] = []
    for start, end in spans:
        if merged and (merged[-1][1] == _MAX or start <= merged[-1][1] + dt.timedelta(days=1)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(None if s == _MIN else s, None if e == _MAX else e) for s, e in merged]
