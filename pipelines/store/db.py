"""Engine and sessions of the objectives store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from pipelines.settings import Settings, load_settings


@cache
def _engine(url: str) -> Engine:
    return create_engine(url, future=True)


def get_engine(settings: Settings | None = None) -> Engine:
    settings = settings or load_settings()
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return _engine(settings.database_url)


ALEMBIC_DIR = Path(__file__).parent / "alembic"
#: Tables of the baseline revision: a store created before Alembic (``create_all``) is stamped.
_BASELINE_REVISION = "0001"


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(ALEMBIC_DIR)).get_current_head()
    assert head is not None
    return head


def current_revision(settings: Settings | None = None) -> str | None:
    with get_engine(settings).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def create_schema(settings: Settings | None = None) -> None:
    """Bring the store to the head Alembic revision (creating it if needed). Cheap when current."""
    engine = get_engine(settings)
    head = head_revision()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        config = _alembic_config(connection)
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and inspect(connection).has_table("people"):
            command.stamp(config, _BASELINE_REVISION)  # created by the pre-Alembic create_all
        command.upgrade(config, "head")


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
