"""Shared fixtures: every test gets its own ASR_HOME and SQLite store under tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    """The settings of this test's home, its store migrated: what an entry point does
    (pipelines.wiring.ready) before calling the business functions."""
    from pipelines.wiring import ready

    return ready(load_settings())


#: The instant the CLI sees in tests that use :func:`cli_as` (never the wall clock).
CLI_NOW = dt.datetime(2026, 6, 15, 9, 0, 0)


@pytest.fixture
def cli_as(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, str]]:
    """A factory: ``cli_as("admin")`` creates the store user if needed (role ``role``, default
    their name when it is a role, else admin) and returns ``{"ASR_TOKEN": token}`` for
    ``CliRunner.invoke(..., env=...)``. The CLI's clock is fixed at :data:`CLI_NOW`."""
    from pipelines.cli import identity
    from pipelines.store.models import ROLES
    from pipelines.tokens import issue_token
    from pipelines.users import add_user, get_user

    monkeypatch.setattr(identity, "clock", lambda: CLI_NOW)

    def make(username: str = "admin", role: str | None = None, person_id: str | None = None):
        if get_user(username, settings) is None:
            role = role or (username if username in ROLES else "admin")
            add_user(username, role, person_id=person_id, settings=settings, actor="test-setup")
        token = issue_token(username, actor="test-setup", settings=settings, now=CLI_NOW)
        return {"ASR_TOKEN": token}

    return make


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
