"""Engine and sessions of the objectives store."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from pipelines.settings import Settings


@cache
def _engine(url: str) -> Engine:
    return create_engine(url, future=True)


def get_engine(settings: Settings) -> Engine:
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return _engine(settings.database_url)


ALEMBIC_DIR = Path(__file__).parent / "alembic"
#: Tables of the baseline revision: a store created before Alembic (``create_all``) is stamped.
_BASELINE_REVISION = "0001"
_PG_LOCK_KEY = 7_245_310_001  # any constant: serialises concurrent migrators on PostgreSQL
_THREAD_LOCK = threading.Lock()


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(ALEMBIC_DIR)).get_current_head()
    assert head is not None
    return head


def current_revision(settings: Settings) -> str | None:
    with get_engine(settings).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time: threads of this process, and processes sharing a SQLite file."""
    with _THREAD_LOCK:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        if not database or database == ":memory:":
            yield
            return
        lock_path = Path(database + ".migrate.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def create_schema(settings: Settings) -> None:
    """Bring the store to the head Alembic revision (creating it if needed). Cheap when current.

    Safe to call concurrently: SQLite migrators take a lock file, PostgreSQL ones an advisory lock.
    """
    engine = get_engine(settings)
    head = head_revision()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        config = _alembic_config(connection)
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        if current is None and inspect(connection).has_table("people"):
            command.stamp(config, _BASELINE_REVISION)  # created by the pre-Alembic create_all
        command.upgrade(config, "head")


@contextmanager
def warehouse_and_store(settings: Settings) -> Iterator[tuple[duckdb.DuckDBPyConnection, Session]]:
    """A warehouse write transaction and a store session that change together or not at all.

    The block runs under the warehouse writer lock. On success the new warehouse file is
    published, then the store committed; if that commit fails, the previous warehouse file is put
    back. If the block or the publish fails, the store is rolled back. (A crash between the
    publish and the commit leaves the new warehouse with the old store: the only window.)
    """
    from pipelines.warehouse import write_transaction

    session = sessionmaker(bind=get_engine(settings), expire_on_commit=False)()
    try:
        with write_transaction(settings, after_publish=session.commit) as con:
            yield con, session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def session_scope(settings: Settings) -> Iterator[Session]:
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
