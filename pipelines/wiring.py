"""What every entry point does once before calling the use cases: read the settings and bring
the objectives store to the current schema.

The entry points are the ``asr`` command line (its callback), the dashboard (``dashboard/data.py``),
the demo builder and the benchmarks. Business functions take ``settings`` and never read the
environment or migrate anything themselves (tests/test_wiring.py holds that). The warehouse
migrates itself where it is opened (``pipelines.warehouse``: the writer and ``ensure_warehouse``).
"""

from __future__ import annotations

from pipelines.settings import Settings, load_settings


def ready(settings: Settings | None = None) -> Settings:
    """The settings (read from the environment unless given), the store migrated to them."""
    from pipelines.store.db import create_schema

    if settings is None:
        settings = load_settings()
    create_schema(settings)
    return settings
