from __future__ import annotations

from pathlib import Path

import dashboard_tiny_org as tiny
import pytest

from pipelines.settings import Settings


@pytest.fixture
def tiny_org(settings: Settings) -> Settings:
    """The tiny organisation in this test's own ASR_HOME (environment set)."""
    tiny.build(settings)
    return settings


@pytest.fixture(scope="module")
def tiny_shared(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The tiny organisation built once per module, for read-only tests (no environment)."""
    home = Path(tmp_path_factory.mktemp("tiny"))
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'asr.sqlite'}", user="test")
    tiny.build(settings)
    return settings
