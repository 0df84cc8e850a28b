"""Alembic environment of the objectives store.

Run programmatically by :func:`pipelines.store.db.create_schema` (which passes an open connection in
``config.attributes["connection"]``), or from the command line with
``uv run alembic -c pipelines/store/alembic.ini upgrade head`` (URL from ASR_DATABASE_URL).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from pipelines.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)  # type: ignore[arg-type]
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pipelines.settings import load_settings

    settings = load_settings()
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.database_url)
    with engine.begin() as conn:
        _run(conn)


def run_migrations_offline() -> None:
    from pipelines.settings import load_settings

    context.configure(url=load_settings().database_url, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
