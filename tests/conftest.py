"""Shared fixtures: every test gets its own ASR_HOME and SQLite store under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import Settings, load_settings


@pytest.fixture
def asr_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "asr_home"
    home.mkdir()
    monkeypatch.setenv("ASR_HOME", str(home))
    monkeypatch.delenv("ASR_DATABASE_URL", raising=False)
    monkeypatch.setenv("ASR_USER", "test-user")
    return home


@pytest.fixture
def settings(asr_home: Path) -> Settings:
    return load_settings()
