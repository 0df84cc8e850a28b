from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.settings import Settings
from tests.objectives.helpers import PEOPLE_CSV, write
from tests.store.backends import BACKENDS, backend_settings


@pytest.fixture(params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, asr_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Overrides the root fixture: objectives tests run on a SQLite and a PostgreSQL store."""
    yield from backend_settings(request.param, asr_home, monkeypatch)


@pytest.fixture
def org(settings: Settings, tmp_path: Path) -> Settings:
    """The small org of tests.objectives.helpers.PEOPLE_CSV, loaded."""
    from pipelines.objectives import load_people

    load_people(write(tmp_path / "people.csv", PEOPLE_CSV), settings=settings)
    return settings
