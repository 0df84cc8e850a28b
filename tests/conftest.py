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


_REQUIRED = {"browser": "ASR_REQUIRE_BROWSER", "postgres": "ASR_REQUIRE_POSTGRES"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    """In CI (ASR_REQUIRE_BROWSER / ASR_REQUIRE_POSTGRES set), a skipped browser or PostgreSQL
    test is a failure: the real parts must really be tested."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped:
        return
    import os

    for marker, variable in _REQUIRED.items():
        if item.get_closest_marker(marker) and os.environ.get(variable):
            report.outcome = "failed"
            report.longrepr = f"{marker} test skipped but {variable} is set: {report.longrepr}"
