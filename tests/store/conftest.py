from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.settings import Settings
from tests.store.backends import BACKENDS, backend_settings


@pytest.fixture(params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, asr_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Overrides the root fixture: each store test runs on SQLite and on PostgreSQL, on a store
    not migrated yet (these tests migrate it themselves, or test the migrations)."""
    yield from backend_settings(request.param, asr_home, monkeypatch, migrated=False)
