"""The current time, as the store keeps it: naive UTC, to the second.

Functions that depend on time take ``now`` as a parameter; only the entry points (CLI, dashboard)
call :func:`utcnow`, so tests can give any instant.
"""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
