"""Store backends for tests: SQLite always; PostgreSQL too when ASR_TEST_DATABASE_URL is set.

Each PostgreSQL test gets its own schema (search_path set in the URL), dropped afterwards.
With ASR_REQUIRE_POSTGRES=1 (CI), a missing server fails the test instead of skipping it.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipelines.settings import Settings, load_settings

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def postgres_url_or_skip() -> str:
    url = os.environ.get("ASR_TEST_DATABASE_URL", "")
    if not url:
        if os.environ.get("ASR_REQUIRE_POSTGRES") == "1":
            pytest.fail("ASR_REQUIRE_POSTGRES=1 but ASR_TEST_DATABASE_URL is not set")
        pytest.skip("ASR_TEST_DATABASE_URL not set: PostgreSQL store tests skipped")
    return url


def backend_settings(
    backend: str, asr_home: Path, monkeypatch: pytest.MonkeyPatch, *, migrated: bool = True
) -> Iterator[Settings]:
    """Settings whose store is SQLite in ASR_HOME, or a fresh PostgreSQL schema; migrated to the
    head revision as an entry point would (pipelines.wiring.ready) unless ``migrated`` is False
    (the tests of the migrations themselves)."""
    from pipelines.wiring import ready

    if backend == "sqlite":
        yield ready(load_settings()) if migrated else load_settings()
        return
    base = sa.make_url(postgres_url_or_skip())
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = sa.create_engine(base)
    with admin.begin() as con:
        con.execute(sa.text(f'create schema "{schema}"'))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    text_url = url.render_as_string(hide_password=False)
    monkeypatch.setenv("ASR_DATABASE_URL", text_url)
    settings = dataclasses.replace(load_settings(), database_url=text_url)
    assert settings.database_url == text_url
    try:
        yield ready(settings) if migrated else settings
    finally:
        from pipelines.store.db import _engine

        _engine(text_url).dispose()
        with admin.begin() as con:
            con.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()
