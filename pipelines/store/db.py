"""Engine and sessions of the objectives store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from pipelines.settings import Settings, load_settings
from pipelines.store.models import Base


@cache
def _engine(url: str) -> Engine:
    return create_engine(url, future=True)


def get_engine(settings: Settings | None = None) -> Engine:
    settings = settings or load_settings()
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return _engine(settings.database_url)


def create_schema(settings: Settings | None = None) -> None:
    """Create the store's tables (the Alembic migrations supersede this when present)."""
    Base.metadata.create_all(get_engine(settings))


@contextmanager
def session_scope(settings: Settings | None = None) -> Iterator[Session]:
    """A session committed on success and rolled back on error."""
    factory = sessionmaker(bind=get_engine(settings), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
